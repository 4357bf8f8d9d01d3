from django.urls import include, path

from . import views, views_bilagor, views_history, views_joint, views_review, views_template

app_name = "responses"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("mall/", views_template.edit_template, name="template"),
    path("paborja/<int:recipient_pk>/", views.start_response, name="start"),
    path("<int:pk>/redigera/", views.edit, name="edit"),
    path("<int:pk>/autospara/", views.autosave, name="autosave"),
    path("<int:pk>/atgard/<slug:action>/", views.transition, name="transition"),
    path("<int:pk>/rattelse/", views.correction, name="correction"),
    path("<int:pk>/gemensamt/", views_joint.invite, name="joint_invite"),
    path("<int:pk>/gemensamt/lamna/", views_joint.leave, name="joint_leave"),
    path("gemensamt/<int:invitation_pk>/svar/", views_joint.answer_invitation,
         name="joint_answer"),
    path("gemensamt/<int:invitation_pk>/aterkalla/", views_joint.withdraw_invitation,
         name="joint_withdraw"),
    path("<int:pk>/bilagor/ny/", views_bilagor.upload, name="bilaga_upload"),
    path("<int:pk>/bilagor/<int:bilaga_pk>/ladda-ner/", views_bilagor.download,
         name="bilaga_download"),
    path("<int:pk>/bilagor/<int:bilaga_pk>/flytta/", views_bilagor.move, name="bilaga_move"),
    path("<int:pk>/bilagor/<int:bilaga_pk>/ta-bort/", views_bilagor.remove,
         name="bilaga_remove"),
    path("<int:pk>/versioner/", views_history.history, name="history"),
    path("<int:pk>/versioner/jamfor/", views_history.compare, name="compare"),
    path("<int:pk>/versioner/<int:history_id>/aterstall/", views_history.restore,
         name="restore"),
    path("<int:pk>/kommentarer/ny/", views_review.add_comment, name="comment_add"),
    path("<int:pk>/kommentarer/<int:comment_pk>/klar/", views_review.resolve_comment,
         name="comment_resolve"),
    path("<int:pk>/kopiera-avsnitt/", views_review.copy_section, name="copy_section"),
    path("", include("responses.pdf.urls")),
    path("", include("responses.importer.urls")),
]

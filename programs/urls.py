from django.urls import path

from .views import recipients, remiss

app_name = "programs"
# The URL namespace "programs" is the site's remisser area (/remisser/); remiss/urls.py adds
# the pages of the tracking app (tracking/urls.py) to it, so URL names stay as they were.
urlpatterns = [
    path("ny/", remiss.remiss_create, name="remiss_create"),
    path("<int:pk>/", remiss.remiss_detail, name="remiss_detail"),
    path("<int:pk>/andra/", remiss.remiss_edit, name="remiss_edit"),
    path("<int:pk>/skicka/", remiss.remiss_send, name="remiss_send"),
    path("<int:pk>/oppna-igen/", remiss.remiss_reopen, name="remiss_reopen"),
    path("<int:pk>/dokument/<int:document_pk>/", remiss.document_download,
         name="document_download"),
    path("<int:pk>/dokument/<int:document_pk>/ta-bort/", remiss.document_delete,
         name="document_delete"),
    path("<int:pk>/instans/<int:recipient_pk>/anstand/", recipients.anstand_request,
         name="anstand_request"),
    path("<int:pk>/instans/<int:recipient_pk>/avstar/", recipients.recipient_decline,
         name="recipient_decline"),
    path("<int:pk>/instans/<int:recipient_pk>/inkommit/", recipients.recipient_answered,
         name="recipient_answered"),
    path("<int:pk>/instans/<int:recipient_pk>/inkommit/angra/",
         recipients.recipient_answered_undo, name="recipient_answered_undo"),
    path("<int:pk>/instans/<int:recipient_pk>/svarsdokument/", recipients.answer_document,
         name="answer_document"),
    path("anstand/<int:request_pk>/", recipients.anstand_decide, name="anstand_decide"),
]

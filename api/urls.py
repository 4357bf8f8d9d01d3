from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

app_name = "api"

urlpatterns = [
    path("v1/remisser/", views.RemissList.as_view(), name="remiss-list"),
    path("v1/remisser/borttagna/", views.RemissDeletedList.as_view(),
         name="remiss-deleted-list"),
    path("v1/remisser/<int:pk>/", views.RemissDetail.as_view(), name="remiss-detail"),
    path("v1/remisser/<int:pk>/dokument/", views.RemissDocuments.as_view(),
         name="remiss-documents"),
    path("v1/remisser/<int:pk>/dokument/<int:document_pk>/", views.RemissDocumentFile.as_view(),
         name="remiss-document"),
    path("v1/remisser/<int:pk>/remissinstanser/<slug:short>/", views.RecipientDetail.as_view(),
         name="recipient-detail"),
    path("v1/remisser/<int:pk>/remissinstanser/<slug:short>/inkommit/",
         views.AnswerReceived.as_view(), name="recipient-answered"),
    path("v1/svar/", views.SvarList.as_view(), name="svar-list"),
    path("v1/svar/<int:pk>/", views.SvarDetail.as_view(), name="svar-detail"),
    path("v1/svar/<int:pk>/pdf/", views.SvarPdf.as_view(), name="svar-pdf"),
    path("v1/sammantraden/", views.SammantradeList.as_view(), name="sammantrade-list"),
    path("v1/sammantraden/borttagna/", views.SammantradeDeletedList.as_view(),
         name="sammantrade-deleted-list"),
    path("v1/sammantraden/<int:pk>/", views.SammantradeDetail.as_view(),
         name="sammantrade-detail"),
    path("v1/paragrafer/<int:pk>/verifiering/", views.ParagrafVerification.as_view(),
         name="paragraf-verification"),
    path("v1/paragrafer/<int:pk>/protokollsutdrag/", views.ParagrafProtokollsutdrag.as_view(),
         name="paragraf-utdrag"),
    path("v1/verifiering/", views.PdfVerification.as_view(), name="pdf-verification"),
    path("schema/", SpectacularAPIView.as_view(authentication_classes=[],
                                               permission_classes=[]), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema",
                                                 authentication_classes=[],
                                                 permission_classes=[]), name="docs"),
    re_path(r"^(?P<rest>.*)$", views.NotFound.as_view()),
]

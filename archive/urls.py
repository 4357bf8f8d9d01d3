from django.urls import path

from . import views

app_name = "archive"
urlpatterns = [
    path("verifiera/", views.verify_upload, name="verify_upload"),
    path("dokument/<int:pk>/verifiera/", views.verify_document, name="verify_document"),
    path("e-arkiv/", views.earkiv, name="earkiv"),
    path("e-arkiv/ar/", views.earkiv_year, name="earkiv_year"),
    path("e-arkiv/<int:pk>/ladda-ner/", views.earkiv_download, name="earkiv_download"),
]

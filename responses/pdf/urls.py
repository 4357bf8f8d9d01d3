"""PDF and justering export URLs, included from responses/urls.py (namespace responses)."""

from django.urls import path

from . import views

urlpatterns = [
    # Download paths end in .pdf or contain ladda-ner, so link crawlers treat them as files.
    path("<int:pk>/tjansteutlatande.pdf", views.pdf_download, name="pdf"),
    path("<int:pk>/utskrift/", views.print_preview, name="print_preview"),
    path("logotyp/<slug:short>/", views.logo, name="pdf_logo"),
    path("justering/", views.export_start, name="export_start"),
    path("justering/<int:pk>/", views.export_detail, name="export_detail"),
    path("justering/<int:pk>/status/", views.export_status, name="export_status"),
    path("sammanstallning/<int:remiss_pk>/", views.sammanstallning, name="sammanstallning"),
    path("justering/<int:pk>/ladda-ner/", views.export_download, name="export_download"),
]

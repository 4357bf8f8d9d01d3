"""Import upload URLs, included from responses/urls.py (namespace responses)."""

from django.urls import path

from . import views

urlpatterns = [
    path("importera/", views.upload, name="import_upload"),
    path("importera/spara/", views.confirm, name="import_confirm"),
]

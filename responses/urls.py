from django.urls import include, path

from . import views

app_name = "responses"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("", include("responses.pdf.urls")),
    path("", include("responses.importer.urls")),
]

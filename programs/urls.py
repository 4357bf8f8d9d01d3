from django.urls import path

from . import views

app_name = "programs"
urlpatterns = [
    path("<int:pk>/", views.remiss_detail, name="remiss_detail"),
    path("program/<int:pk>/", views.program_detail, name="program_detail"),
]

from django.urls import path

from . import views

app_name = "responses"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
]

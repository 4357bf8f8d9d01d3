from django.urls import path

from . import views

app_name = "reminders"
urlpatterns = [
    path("", views.settings_page, name="settings"),
    path("remiss/<int:remiss_pk>/tysta/", views.mute, name="mute"),
    path("remiss/<int:remiss_pk>/aktivera/", views.unmute, name="unmute"),
    path("remissinstans/<int:pk>/", views.recipient_reminders, name="recipient"),
    path("kalender/ny-lank/", views.rotate_feed, name="rotate_feed"),
    path("kalender/<str:token>.ics", views.feed, name="feed"),
]

from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("mote/<int:pk>/", views.meeting, name="meeting"),
    path("mote/<int:pk>/andra/", views.meeting_edit, name="meeting_edit"),
    path("remiss/<int:pk>/", views.remiss_plans, name="remiss_plans"),
    path("paragraf/<int:pk>/", views.utdrag, name="utdrag"),
    path("paragraf/<int:pk>/ratta/", views.arende_correct_view, name="arende_correct"),
    path("paragraf/<int:pk>/protokollsutdrag.pdf", views.utdrag_pdf, name="utdrag_pdf"),
    path("<slug:short>/", views.plan, name="plan"),
    path("<slug:short>/nytt/", views.meeting_create, name="meeting_create"),
    path("<slug:short>/ledtider/", views.lead_times, name="lead_times"),
    path("<slug:short>/importera/", views.import_plan, name="import"),
    path("<slug:short>/sammantraden.ics", views.feed, name="feed"),
]

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import help, views

urlpatterns = [
    path("", views.start, name="start"),
    path("halsa/", include("remiss.health")),
    path("tillganglighet/", views.accessibility_statement, name="accessibility"),
    path("hjalp/", help.help_page, name="help"),
    path("konto/logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("remisser/", include("programs.urls")),
    path("svar/", include("responses.urls")),
    path("paminnelser/", include("reminders.urls")),
    path("sammantraden/", include("meetings.urls")),
    path("granskningslogg/", include("remiss.audit")),
    path("arkiv/", include("archive.urls")),
    path("admin/", admin.site.urls),
]

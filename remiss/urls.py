from django.contrib import admin
from django.urls import include, path

from sso import views as sso_views

from . import help, views

urlpatterns = [
    path("", views.start, name="start"),
    path("halsa/", include("remiss.health")),
    path("tillganglighet/", views.accessibility_statement, name="accessibility"),
    path("hjalp/", help.help_page, name="help"),
    path("konto/logga-in/", sso_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", sso_views.logout, name="logout"),
    path("konto/", include("sso.urls")),
    path("remisser/", include("programs.urls")),
    path("svar/", include("responses.urls")),
    path("paminnelser/", include("reminders.urls")),
    path("sammantraden/", include("meetings.urls")),
    path("granskningslogg/", include("remiss.audit")),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
]

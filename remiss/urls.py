from django.contrib import admin
from django.urls import include, path

from programs import urls as programs_urls
from sso import views as sso_views
from tracking import urls as tracking_urls

from . import help, views

# /remisser/: the remiss pages of programs and SLK's reading pages of tracking share the
# "programs" URL namespace (one area of the site, two apps).
remisser = [*tracking_urls.urlpatterns, *programs_urls.urlpatterns]

urlpatterns = [
    path("", views.start, name="start"),
    path("halsa/", include("remiss.health")),
    path("tillganglighet/", views.accessibility_statement, name="accessibility"),
    path("hjalp/", help.help_page, name="help"),
    path("konto/logga-in/", sso_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", sso_views.logout, name="logout"),
    path("konto/", include("sso.urls")),
    path("remisser/", include((remisser, programs_urls.app_name))),
    path("svar/", include("responses.urls")),
    path("paminnelser/", include("reminders.urls")),
    path("sammantraden/", include("meetings.urls")),
    path("granskningslogg/", include("tracking.audit")),
    path("arkiv/", include("archive.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
]

"""The project's URLs plus one view that fails, to see the 500 page (tests only)."""

from django.urls import path

from remiss.urls import urlpatterns as project_urls


def fail(request):
    raise RuntimeError("test failure")


urlpatterns = [path("test-fel/", fail), *project_urls]

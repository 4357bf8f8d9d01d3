"""A public health check: answers without touching the database.

Load balancers poll it, and the benchmark uses it as the framework ceiling: the full
middleware stack and URL routing, but no query and no template.
"""

from django.db import transaction
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@require_safe
@never_cache
@transaction.non_atomic_requests
def halsa(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


# Included from remiss/urls.py as "halsa/", so the project urls need a single line.
urlpatterns = [path("", halsa, name="health")]

"""Full-text search over remisser and answers."""

from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def search(request):
    raise Http404

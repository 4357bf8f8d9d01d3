"""Full-text search over remisser and answers."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from programs.forms import SearchForm

from .. import search as fulltext


@login_required
def search(request):
    """Ranked hits with highlighted snippets, only among what the user may read.

    Template: programs/search.html. Query parameter: q.
    """
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    return render(request, "programs/search.html", {
        "form": form, "query": query,
        "remisser": fulltext.search_remisser(request.user, query),
        "utlatanden": fulltext.search_utlatanden(request.user, query),
    })

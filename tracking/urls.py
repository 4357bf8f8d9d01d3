"""SLK's reading pages under /remisser/, in the "programs" URL namespace (see remiss/urls.py)."""

from django.urls import path

from .views import inbox, matrix, overview, reading, search

urlpatterns = [
    path("", overview.remiss_list, name="overview"),
    path("sok/", search.search, name="search"),
    path("<int:pk>/bevakning/", matrix.matrix_view, name="matrix"),
    path("<int:pk>/avsluta/", matrix.remiss_close, name="remiss_close"),
    path("<int:pk>/svar/", reading.answers, name="answers"),
    path("<int:pk>/remissammanstallning.<str:fmt>", reading.compilation, name="compilation"),
    path("program/<int:pk>/", overview.program_detail, name="program_detail"),
    path("inkorg/last/", inbox.inbox_seen, name="inbox_seen"),
]

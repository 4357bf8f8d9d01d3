"""Import upload URLs, included from responses/urls.py (namespace responses)."""

urlpatterns = []

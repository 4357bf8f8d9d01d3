"""PDF and justering export URLs, included from responses/urls.py (namespace responses)."""

urlpatterns = []

"""The only URL fetcher WeasyPrint gets: local static files, chosen media files, data: URLs.

WeasyPrint's default fetcher follows http(s):// and opens any file:// URL, so a link in
user text (``<a rel="attachment" href="file:///etc/passwd">``) or an image would make the
server fetch or embed something. Here nothing leaves the machine and only files under the
project's static folders, or media files the caller names, are read.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Media may hold every organisation's bilagor, so only these folders are readable by
# default; anything else must be named explicitly (a bilaga to embed, for instance).
MEDIA_FOLDERS = ("logos",)


class RefusedURL(ValueError):
    """A URL the PDF renderer may not fetch."""


def static_roots() -> list[Path]:
    roots = [Path(p) for p in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [r.resolve() for r in roots]


def static_file_url(path: str) -> str:
    """A file:// URL for a static file (e.g. "css/pdf.css"), found like collectstatic would."""
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    return Path(found).resolve().as_uri()


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


class SafeURLFetcher(URLFetcher):
    """Serves static files, whitelisted media files and data: URLs; refuses the rest.

    ``extra_files``: absolute paths of media files this render may read (embedded bilagor).
    """

    def __init__(self, extra_files=(), **kwargs):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, **kwargs)
        media = Path(settings.MEDIA_ROOT).resolve()
        self._roots = static_roots() + [media / folder for folder in MEDIA_FOLDERS]
        self._files = {Path(p).resolve() for p in extra_files}
        self.refused: list[str] = []

    def allowed_path(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(url)
        path = Path(unquote(parts.path)).resolve()
        if path in self._files or any(_inside(path, root) for root in self._roots):
            if path.is_file():
                return path
        raise RefusedURL(url)

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        try:
            path = self.allowed_path(url)
        except RefusedURL:
            self.refused.append(url)
            raise
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(),
                                  {"Content-Type": content_type})

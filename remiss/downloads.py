"""Serving stored files: only through permission-checked views, always as attachments."""

import re

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control

from .uploads import EXTENSIONS

# Types we produce or accept; anything else (text/html, image/svg+xml, ...) could run in the
# browser if it were ever shown inline, so it goes out as opaque bytes.
ZIP = "application/zip"
CSV = "text/csv"
ICS = "text/calendar"
SAFE_TYPES = {*EXTENSIONS, ZIP, CSV, ICS}
DOWNLOAD_EXTENSIONS = {**EXTENSIONS, ZIP: ".zip", CSV: ".csv", ICS: ".ics"}
FALLBACK_TYPE = "application/octet-stream"
# A downloaded file never needs to run anything, even if a browser ignores "attachment".
DOWNLOAD_CSP = "default-src 'none'; sandbox"
_UNSAFE_IN_NAME = re.compile(r"[\x00-\x1f\x7f/\\]+")


def safe_filename(filename: str) -> str:
    """A file name without control characters or path separators; never empty."""
    cleaned = _UNSAFE_IN_NAME.sub(" ", filename or "").strip(" .")
    return cleaned[:150] or "fil"


def attachment_response(fieldfile, filename: str, content_type: str) -> FileResponse:
    """Stream a stored file as a download with its real type and a safe file name.

    The caller has already checked that the user may read the object the file belongs to.
    """
    if not fieldfile:
        raise Http404
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    base_type = (content_type or "").split(";")[0].strip().lower()
    if base_type not in SAFE_TYPES:
        content_type = base_type = FALLBACK_TYPE
    filename = safe_filename(filename)
    extension = DOWNLOAD_EXTENSIONS.get(base_type, "")
    if extension and not filename.lower().endswith(extension):
        filename += extension
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    patch_cache_control(response, private=True, no_store=True)
    return response

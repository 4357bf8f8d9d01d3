"""Serving stored files: only through permission-checked views, always as attachments."""

from django.http import FileResponse, Http404

from .uploads import EXTENSIONS


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
    extension = EXTENSIONS.get(content_type, "")
    if extension and not filename.lower().endswith(extension):
        filename += extension
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response

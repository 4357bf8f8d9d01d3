"""Files chosen on a form that failed for another reason are kept, so they need not be
picked again (a browser cannot refill a file input).

Each accepted file is stored under kept-uploads/ and the page carries a signed token
naming it and its owner; the next submit of the same person takes the files back. Tokens
expire after a day; `prune_kept_uploads` removes what was never taken back.
"""

import contextlib
import datetime
import os
import uuid

from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

SALT = "programs.kept_uploads"
FOLDER = "kept-uploads"
MAX_AGE = datetime.timedelta(days=1)


def keep_uploads(*, files, user) -> list[dict]:
    """Store the files; return [{"token", "name"}] for hidden inputs and the list shown."""
    kept = []
    for upload in files:
        upload.seek(0)
        # The moment is in the name (not the file's mtime), so pruning follows our clock.
        stamp = int(timezone.now().timestamp())
        path = default_storage.save(f"{FOLDER}/{stamp}-{uuid.uuid4().hex}", upload)
        token = signing.dumps({"path": path, "name": upload.name, "user": user.pk}, salt=SALT)
        kept.append({"token": token, "name": upload.name})
    return kept


def _load(token: str, user) -> dict | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("user") != user.pk or not str(data.get("path", "")).startswith(f"{FOLDER}/"):
        return None
    return data if default_storage.exists(data["path"]) else None


def kept_files(tokens, user) -> list[dict]:
    """The files behind valid tokens of this user: [{"token", "name", "path"}]."""
    result = []
    for token in dict.fromkeys(tokens):
        data = _load(token, user)
        if data is not None:
            result.append({"token": token, "name": data["name"], "path": data["path"]})
    return result


def open_kept(kept: list[dict]) -> list[File]:
    """Open kept files as uploads (name and size as chosen); close them after use."""
    files = []
    for item in kept:
        handle = default_storage.open(item["path"], "rb")
        files.append(File(handle, name=item["name"]))
    return files


def discard_kept(kept: list[dict]) -> None:
    for item in kept:
        default_storage.delete(item["path"])
        with contextlib.suppress(OSError):
            os.rmdir(os.path.dirname(default_storage.path(item["path"])))


def prune_kept_uploads(now: datetime.datetime | None = None) -> int:
    """Delete kept files older than a day; returns how many.

    The storage puts each file in a random folder: kept-uploads/<random>/<stamp>-<uuid>.
    """
    cutoff = ((now or timezone.now()) - MAX_AGE).timestamp()
    try:
        folders, _files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    removed = 0
    for folder in folders:
        _dirs, names = default_storage.listdir(f"{FOLDER}/{folder}")
        for name in names:
            stamp = name.split("-", 1)[0]
            if stamp.isdigit() and int(stamp) < cutoff:
                default_storage.delete(f"{FOLDER}/{folder}/{name}")
                removed += 1
        with contextlib.suppress(OSError):  # not empty (a newer file), or not a folder
            os.rmdir(default_storage.path(f"{FOLDER}/{folder}"))
    return removed

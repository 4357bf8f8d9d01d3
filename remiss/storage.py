"""Where uploaded and generated files are kept: MEDIA_ROOT, outside the web root.

Nothing under MEDIA_ROOT has a URL; files reach users only through permission-checked views
(remiss/downloads.py). Each file still gets a random directory, so a stored path can be
neither guessed nor made to collide with another upload, while the cleaned original name is
kept for e-mail attachments and for people restoring a backup by hand.
"""

import os
import secrets

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    RANDOM_BYTES = 8  # 16 hex characters: unguessable, and short enough for max_length 100

    def get_available_name(self, name, max_length=None):
        # Every save goes through here (FileField uploads and direct storage.save() alike).
        dirname, basename = os.path.split(name)
        name = os.path.join(dirname, secrets.token_hex(self.RANDOM_BYTES), basename)
        return super().get_available_name(name, max_length=max_length)

"""Media storage with a private side.

Files whose stored name starts with ``private/`` live under ``PRIVATE_MEDIA_ROOT``, a directory outside
``MEDIA_ROOT`` that no URL maps to: a web server (or the frontend's ``/media/`` proxy) serving the media
folder cannot reach them, and they have no public URL. Everything else is ordinary ``MEDIA_ROOT`` storage.
Django gives a ``FileField`` one storage for all its rows, so the side is chosen by the name rather than by a
second storage: a Wagtail document moves between the two by changing its name
(``examples_library.attachments``).
"""

import contextlib
import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_join

PRIVATE_PREFIX = "private/"


def is_private_name(name: str) -> bool:
    return (name or "").replace("\\", "/").startswith(PRIVATE_PREFIX)


class MediaStorage(FileSystemStorage):
    """``MEDIA_ROOT`` for public files, ``PRIVATE_MEDIA_ROOT`` for names under ``private/``."""

    @property
    def private_location(self) -> Path:
        # read at each call, so that settings overridden in tests apply
        return Path(os.path.abspath(settings.PRIVATE_MEDIA_ROOT))

    def path(self, name: str) -> str:
        if is_private_name(name):
            return safe_join(self.private_location, name.replace("\\", "/")[len(PRIVATE_PREFIX) :])
        return super().path(name)

    def _save(self, name: str, content) -> str:
        saved = super()._save(name, content)
        if not is_private_name(name):
            return saved
        # FileSystemStorage names the saved file relative to MEDIA_ROOT ("../private-media/…"): name it back
        # under the private prefix (the name may have changed to a free one).
        full_path = os.path.normpath(os.path.join(self.location, saved))
        return PRIVATE_PREFIX + os.path.relpath(full_path, self.private_location).replace("\\", "/")

    def _ensure_location_group_id(self, full_path: str) -> None:
        # Django gives a new file the group of MEDIA_ROOT (which may not even exist yet when the first file
        # saved is private); a private file takes the group of the private root instead.
        private_root = str(self.private_location)
        if not str(full_path).startswith(private_root + os.sep):
            return super()._ensure_location_group_id(full_path)
        with contextlib.suppress(PermissionError, OSError):
            group = os.stat(private_root).st_gid
            if os.stat(full_path).st_gid != group:
                os.chown(full_path, uid=-1, gid=group)

    def url(self, name: str | None) -> str:
        if name and is_private_name(name):
            # Wagtail's document serve view takes NotImplementedError as "no direct URL" and serves it itself.
            raise NotImplementedError("A private file has no public URL.")
        return super().url(name)

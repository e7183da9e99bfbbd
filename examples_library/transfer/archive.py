"""A ZIP upload for the admin's import screen: one table file (CSV, XLSX or JSON) and the attachment files its
rows name, by paths relative to the table file, as ``import_examples`` reads them beside its file.

The archive comes from a browser, so nothing in it is trusted: the checks run on the listing before anything
is written (absolute or escaping paths, symbolic links, too many members, encrypted members, more or fewer
than one table), and extraction counts the bytes it actually writes, since a declared size can lie (a ZIP
bomb). The standard library's ``zipfile`` reads the archive; its ``extractall`` only sanitises names silently
(an escaping path is rewritten, not refused) and trusts declared sizes, hence this module.
"""

import io
import re
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO

from django.utils.translation import gettext as _

from examples_library.transfer.importing import FORMATS, ImportFileError

EXTENSION = "zip"
MAX_MEMBERS = 1000  # files, folders not counted: at most 5 attachments a row, and rows rarely all have them
MAX_UNPACKED = 200 * 1024 * 1024  # bytes written in all: a 20 MB upload of PDFs unpacks to about as much
CHUNK = 1024 * 1024
# Finder's "Compress" adds resource forks (``__MACOSX/._name.csv``) that would count as a second table.
IGNORED = re.compile(r"(^|/)(__MACOSX/|\._)")
_DRIVE = re.compile(r"^[A-Za-z]:")


class ArchiveError(ImportFileError):
    """A ZIP upload refused as a whole, with a message for the editor."""


def is_archive(name: str) -> bool:
    return "." in name and name.rsplit(".", 1)[-1].lower() == EXTENSION


def _relative(info: zipfile.ZipInfo) -> PurePosixPath:
    name = info.filename.replace("\\", "/")
    path = PurePosixPath(name)
    if name.startswith("/") or _DRIVE.match(name) or ".." in path.parts:
        raise ArchiveError(
            _(
                "“%(name)s” in the ZIP file is an absolute path or leaves its folder (..): name files "
                "relative to the table file."
            )
            % {"name": info.filename}
        )
    return path


def _members(archive: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """The files to extract, checked (see the module's docstring); folders and Finder's forks left out."""
    members = []
    declared = 0
    for info in archive.infolist():
        path = _relative(info)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ArchiveError(
                _("“%(name)s” in the ZIP file is a symbolic link: put the file itself in the ZIP file.")
                % {"name": info.filename}
            )
        if info.is_dir() or IGNORED.search(info.filename.replace("\\", "/")):
            continue
        if info.flag_bits & 0x1:
            raise ArchiveError(
                _("“%(name)s” in the ZIP file is encrypted: make the ZIP file without a password.")
                % {"name": info.filename}
            )
        members.append((info, path))
        declared += info.file_size
        if len(members) > MAX_MEMBERS:
            raise ArchiveError(_("The ZIP file holds more than %(count)d files.") % {"count": MAX_MEMBERS})
    if declared > MAX_UNPACKED:
        raise _too_large()
    return members


def _too_large() -> ArchiveError:
    return ArchiveError(_("The ZIP file unpacks to more than %(size)d MB.") % {"size": MAX_UNPACKED // 2**20})


def _table(members: list[tuple[zipfile.ZipInfo, PurePosixPath]]) -> PurePosixPath:
    tables = [path for _info, path in members if path.suffix.lower().lstrip(".") in FORMATS]
    if not tables:
        raise ArchiveError(_("The ZIP file holds no CSV, XLSX or JSON file."))
    if len(tables) > 1:
        raise ArchiveError(
            _("The ZIP file holds more than one table (%(names)s): put one CSV, XLSX or JSON file in it.")
            % {"names": ", ".join(str(path) for path in tables[:5])}
        )
    return tables[0]


def _open(source: bytes | IO[bytes]) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ArchiveError(_("This is not a ZIP file that can be read.")) from None


def inspect(source: bytes | IO[bytes]) -> str:
    """The table file's path in the archive, once the listing passes every check (nothing is extracted)."""
    with _open(source) as archive:
        return str(_table(_members(archive)))


def extract(content: bytes, directory: Path) -> Path:
    """Unpack the archive's files into ``directory`` (an empty one, which the caller removes) and return the
    table file's path there."""
    with _open(content) as archive:
        members = _members(archive)
        table = _table(members)
        written = 0
        try:
            for info, path in members:
                target = directory.joinpath(*path.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as source, target.open("wb") as sink:
                    while chunk := source.read(CHUNK):
                        written += len(chunk)
                        if written > MAX_UNPACKED:
                            raise _too_large()
                        sink.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
            raise ArchiveError(_("The ZIP file is damaged and could not be unpacked.")) from None
    return directory.joinpath(*table.parts)

"""The zip around a talking book: written to a temporary file, read back whole, then renamed.

Entries are `(name, data)` with `data` bytes or a file to copy in (the MP3:
streamed, never held in memory). The book is complete under its own name or
not there at all, like every output of a build.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from audio_article.errors import OutputError

Entry = tuple[str, bytes | Path]
# Already compressed: stored, so a reader can seek into the audio without inflating it.
_STORED_SUFFIXES = (".mp3", ".jpg")


def write_book(
    path: Path, entries: Sequence[Entry], first_read: Sequence[str], mimetype: bytes | None = None
) -> None:
    """Zip `entries` into a temporary file beside `path`, check it reads back, rename it to `path`.

    An EPUB's `mimetype` goes first and stored, as OCF requires; `first_read`
    names the entries a reading system opens first, which must be there.
    """
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("wb") as handle:
            _zip_into(handle, entries, mimetype)
            handle.flush()
            os.fsync(handle.fileno())
        check_book(tmp, first_read, path.name)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)


def _zip_into(handle: BinaryIO, entries: Sequence[Entry], mimetype: bytes | None) -> None:
    with zipfile.ZipFile(handle, "w") as archive:
        if mimetype is not None:
            archive.writestr(_entry("mimetype", zipfile.ZIP_STORED), mimetype)
        for name, data in entries:
            method = zipfile.ZIP_STORED if name.endswith(_STORED_SUFFIXES) else zipfile.ZIP_DEFLATED
            if isinstance(data, bytes):
                archive.writestr(_entry(name, method), data)
                continue
            with data.open("rb") as source, archive.open(_entry(name, method), "w") as target:
                shutil.copyfileobj(source, target, 1 << 20)


def _entry(name: str, method: int) -> zipfile.ZipInfo:
    """A zip entry with a fixed date: the same book's bytes do not depend on the minute it was zipped."""
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = method
    info.external_attr = 0o644 << 16
    return info


def check_book(path: Path, expected: Sequence[str], name: str | None = None) -> None:
    """Read a book back: every entry's CRC matches and the named entries are there."""
    name = name or path.name
    try:
        with zipfile.ZipFile(path) as archive:
            broken = archive.testzip()
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile) as exc:
        raise OutputError(f"{name}: the talking book does not read back as a zip: {exc}") from exc
    missing = [name for name in expected if name not in names]
    if broken or missing:
        raise OutputError(f"{name}: the talking book is incomplete ({broken or ', '.join(missing)})")

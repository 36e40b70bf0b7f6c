"""The zip around a talking book, and the check that it reads back whole before it is moved into place."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from audio_article.errors import OutputError

# Already compressed: stored, so a reader can seek into the audio without inflating it.
_STORED_SUFFIXES = (".mp3", ".jpg")


def zip_book(files: Sequence[tuple[str, bytes]], mimetype: bytes | None = None) -> bytes:
    """A zip of `files` (name, data) in order; an EPUB's `mimetype` first, stored, as OCF requires."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype is not None:
            archive.writestr(_entry("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        for name, data in files:
            method = zipfile.ZIP_STORED if name.endswith(_STORED_SUFFIXES) else zipfile.ZIP_DEFLATED
            archive.writestr(_entry(name), data, compress_type=method)
    return buffer.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed date: the same book's bytes do not depend on the minute it was zipped."""
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.external_attr = 0o644 << 16
    return info


def check_book(path: Path, expected: Sequence[str]) -> None:
    """Read the staged book back: every entry's CRC matches and the named entries are there."""
    try:
        with zipfile.ZipFile(path) as archive:
            broken = archive.testzip()
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile) as exc:
        raise OutputError(f"{path.name}: the talking book does not read back as a zip: {exc}") from exc
    missing = [name for name in expected if name not in names]
    if broken or missing:
        raise OutputError(f"{path.name}: the talking book is incomplete ({broken or ', '.join(missing)})")

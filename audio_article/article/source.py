"""Read an article file into clean text, refusing what is not a readable file.

A missing path, a directory and a file over the size limit are refused with an
`InputError` before anything is written; the bytes are then decoded by
`decode.decode_text`.
"""

from __future__ import annotations

from pathlib import Path

from audio_article.article.decode import MAX_INPUT_BYTES, decode_text
from audio_article.errors import InputError
from audio_article.models import SourceDocument


def load_file(ref: str | Path) -> SourceDocument:
    """Read an article file into a `SourceDocument` named as the user wrote it."""
    name, path = str(ref), Path(ref)
    data = _read_bytes(path)
    return SourceDocument(name, decode_text(data, name), data, path.parent, None, None)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{path}: {size / 1e6:.1f} MB is over the {MAX_INPUT_BYTES // 2**20} MiB limit")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc

"""Write a file so that readers see either the old content or the new, never a part; hash a file."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from audio_article.errors import OutputError


def write_atomic(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, flushed to disk, then renamed over `path`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
                if os.fstat(handle.fileno()).st_size != len(data):  # never rename a short file into place
                    raise OSError(f"wrote {os.fstat(handle.fileno()).st_size} of {len(data)} bytes")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read a megabyte at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

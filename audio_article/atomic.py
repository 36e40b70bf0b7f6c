"""Write a file so that readers see either the old content or the new, never a part; hash a file."""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from audio_article.errors import OutputError

# Like any file a tool creates (and like the MP3s ffmpeg writes): 0666 less the
# umask, so a web server running as another user can read a published feed.
# (tempfile.mkstemp would force 0600.)
_FILE_MODE = 0o666


def write_atomic(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, flushed to disk, then renamed over `path`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_temp(path)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
                if os.fstat(handle.fileno()).st_size != len(data):  # never rename a short file into place
                    raise OSError(f"wrote {os.fstat(handle.fileno()).st_size} of {len(data)} bytes")
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new, exclusively created file beside `path`, with the umask's permissions."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _attempt in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, _FILE_MODE), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read a megabyte at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

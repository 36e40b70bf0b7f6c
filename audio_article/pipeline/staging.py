"""The staging folder: a build's files are made in a hidden folder and renamed into place together.

Everything is produced in `.building-<pid>-*` inside the output folder and
renamed into place only when every file is complete, so an error or a kill
never leaves a half-written MP3 or a transcript that belongs to another
build. Renames within one folder are atomic; the RSS item goes last, so
whoever sees it can rely on the files it names.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from audio_article.atomic import write_atomic
from audio_article.errors import OutputError


@contextlib.contextmanager
def staging_folder(output_dir: Path) -> Iterator[Path]:
    """A fresh staging folder in `output_dir`, removed afterwards (with `output_dir` if new and failed)."""
    created = not output_dir.exists()
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(output_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".building-{os.getpid()}-", dir=output_dir))
    except OSError as exc:
        raise OutputError(f"cannot write to {output_dir}: {exc.strerror or exc}") from exc
    try:
        yield staging
    except BaseException:
        if created:
            shutil.rmtree(output_dir, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def stage(staging: Path, name: str, data: bytes) -> Path:
    """Write one finished file into the staging folder (on disk, size checked) and return its path."""
    path = staging / name
    write_atomic(path, data)
    return path


def move_into_place(moves: Sequence[tuple[Path, str]], output_dir: Path) -> None:
    """Rename each staged file to its name in `output_dir`, in the order given."""
    try:
        for staged, name in moves:
            os.replace(staged, output_dir / name)
    except OSError as exc:
        raise OutputError(f"cannot move the episode into {output_dir}: {exc.strerror or exc}") from exc


def _remove_abandoned(output_dir: Path) -> None:
    """Staging folders of killed builds (their process is gone): never complete, never needed."""
    for folder in output_dir.glob(".building-*"):
        try:
            pid = int(folder.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if pid != os.getpid() and not _alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

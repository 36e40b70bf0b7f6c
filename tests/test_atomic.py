"""Atomic writes: whole files only, with the permissions the umask asks for."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from audio_article.atomic import write_atomic
from audio_article.errors import OutputError


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_honour_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "feed.xml", b"<rss/>")
        write_atomic(tmp_path / "feed.xml", b"<rss version='2.0'/>")  # replacing keeps the rule
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "feed.xml").stat().st_mode) == mode
    assert (tmp_path / "feed.xml").read_bytes() == b"<rss version='2.0'/>"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_concurrent_writers_leave_one_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "item.xml"
    payloads = [bytes([65 + n]) * 200_000 for n in range(8)]
    threads = [threading.Thread(target=write_atomic, args=(target, p)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_bytes() in payloads
    assert [p.name for p in tmp_path.iterdir()] == ["item.xml"]


def test_unwritable_folder_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    with pytest.raises(OutputError, match=r"cannot write .*feed\.xml"):
        write_atomic(blocker / "feed.xml", b"x")

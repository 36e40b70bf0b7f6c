from __future__ import annotations

from pathlib import Path

import pytest

from audio_article.article.source import load_file
from audio_article.errors import InputError


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="not a regular file"):
        load_file(tmp_path)


def test_a_file_keeps_the_name_it_was_given(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nBody.", encoding="utf-8")
    ref = f"{tmp_path}/./a.txt"
    doc = load_file(ref)
    assert doc.name == ref and doc.base_dir == tmp_path and doc.text == "Title\n\nBody."

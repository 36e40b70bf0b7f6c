"""The talking books' zip: mimetype first and stored, and a broken or incomplete book refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from audio_article.episode.books.container import check_book, zip_book
from audio_article.errors import OutputError


def test_mimetype_first_and_stored(tmp_path: Path) -> None:
    path = tmp_path / "a.epub"
    path.write_bytes(zip_book([("EPUB/a.xhtml", b"<a/>"), ("EPUB/a.mp3", b"ID3")], b"application/epub+zip"))
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type, first.extra) == ("mimetype", zipfile.ZIP_STORED, b"")
        assert archive.read("mimetype") == b"application/epub+zip"
        assert archive.getinfo("EPUB/a.mp3").compress_type == zipfile.ZIP_STORED
        assert archive.getinfo("EPUB/a.xhtml").compress_type == zipfile.ZIP_DEFLATED
    check_book(path, ("mimetype", "EPUB/a.xhtml"))


def test_the_same_files_give_the_same_bytes() -> None:
    assert zip_book([("ncc.html", b"x")]) == zip_book([("ncc.html", b"x")])


def test_truncated_and_incomplete_books_are_refused(tmp_path: Path) -> None:
    data = zip_book([("ncc.html", b"x" * 1000)])
    cut = tmp_path / "cut.daisy.zip"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(OutputError, match="does not read back"):
        check_book(cut, ("ncc.html",))
    whole = tmp_path / "whole.daisy.zip"
    whole.write_bytes(data)
    with pytest.raises(OutputError, match=r"incomplete \(content\.html\)"):
        check_book(whole, ("ncc.html", "content.html"))

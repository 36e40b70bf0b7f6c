"""The talking books' zip: mimetype first and stored, the MP3 streamed in, a broken book never in place."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from audio_article.episode.books import container
from audio_article.episode.books.container import check_book, write_book
from audio_article.errors import OutputError


def test_mimetype_first_and_stored(tmp_path: Path) -> None:
    mp3 = tmp_path / "a.mp3"
    mp3.write_bytes(b"ID3" + bytes(range(256)) * 8000)
    path = tmp_path / "a.epub"
    write_book(
        path, [("EPUB/a.xhtml", b"<a/>"), ("EPUB/a.mp3", mp3)], ("EPUB/a.xhtml",), b"application/epub+zip"
    )
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type, first.extra) == ("mimetype", zipfile.ZIP_STORED, b"")
        assert archive.read("mimetype") == b"application/epub+zip"
        assert archive.getinfo("EPUB/a.mp3").compress_type == zipfile.ZIP_STORED
        assert archive.read("EPUB/a.mp3") == mp3.read_bytes()
        assert archive.getinfo("EPUB/a.xhtml").compress_type == zipfile.ZIP_DEFLATED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.epub", "a.mp3"]  # no temporary file left


def test_the_same_files_give_the_same_bytes(tmp_path: Path) -> None:
    write_book(tmp_path / "a.zip", [("ncc.html", b"x")], ("ncc.html",))
    write_book(tmp_path / "b.zip", [("ncc.html", b"x")], ("ncc.html",))
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_an_incomplete_book_is_never_put_in_place(tmp_path: Path) -> None:
    path = tmp_path / "book.daisy.zip"
    with pytest.raises(
        OutputError, match=r"book.daisy.zip: the talking book is incomplete \(content\.html\)"
    ):
        write_book(path, [("ncc.html", b"x")], ("ncc.html", "content.html"))
    assert list(tmp_path.iterdir()) == []  # neither the book nor its temporary file


def test_a_book_that_does_not_read_back_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = tmp_path / "whole.zip"
    write_book(whole, [("ncc.html", b"x" * 1000)], ("ncc.html",))
    cut = tmp_path / "cut.zip"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(OutputError, match=r"cut\.zip: the talking book does not read back"):
        check_book(cut, ("ncc.html",))

    def truncating(handle, entries, mimetype) -> None:  # a full disk: the zip ends early
        handle.write(b"PK\x03\x04 truncated")

    monkeypatch.setattr(container, "_zip_into", truncating)
    with pytest.raises(OutputError, match="does not read back"):
        write_book(tmp_path / "new.zip", [("ncc.html", b"x")], ("ncc.html",))
    assert not (tmp_path / "new.zip").exists() and not list(tmp_path.glob(".*.tmp"))

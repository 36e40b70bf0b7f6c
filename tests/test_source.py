from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from audio_article.errors import InputError
from audio_article.source import decode_text, read_source


def test_utf8_and_crlf_are_cleaned():
    assert decode_text(b"Title\r\nBody\rMore\x07", "x") == "Title\nBody\nMore"


@pytest.mark.parametrize("bom,encoding", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF8, "utf-8")])
def test_bom_decides_encoding(bom: bytes, encoding: str):
    assert decode_text(bom + "Café – news".encode(encoding), "x") == "Café – news"


def test_windows_1252_fallback():
    assert decode_text("Caf\xe9 \x93quoted\x94".encode("latin-1"), "x") == "Café “quoted”"


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + bytes(range(256)), b"\x00\x01\x02garbage" * 50, bytes(range(256)) * 10],
)
def test_binary_is_refused(data: bytes):
    with pytest.raises(InputError, match="binary"):
        decode_text(data, "x")


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\x00\x00"[:0]])
def test_empty_is_refused(data: bytes):
    with pytest.raises(InputError, match="empty"):
        decode_text(data, "x")


def test_missing_and_directory(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="not a regular file"):
        read_source(tmp_path)

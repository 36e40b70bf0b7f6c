from __future__ import annotations

import codecs

import pytest

from audio_article.article.decode import decode_text
from audio_article.errors import InputError


def test_utf8_and_crlf_are_cleaned() -> None:
    assert decode_text(b"Title\r\nBody\rMore\x07", "x") == "Title\nBody\nMore"


@pytest.mark.parametrize("bom,encoding", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF8, "utf-8")])
def test_bom_decides_encoding(bom: bytes, encoding: str) -> None:
    assert decode_text(bom + "Café – news".encode(encoding), "x") == "Café – news"


def test_windows_1252_fallback() -> None:
    assert decode_text("Caf\xe9 \x93quoted\x94".encode("latin-1"), "x") == "Café “quoted”"


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + bytes(range(256)), b"\x00\x01\x02garbage" * 50, bytes(range(256)) * 10],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="binary"):
        decode_text(data, "x")


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\x00\x00"[:0]])
def test_empty_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="empty"):
        decode_text(data, "x")


RUSSIAN = "Городская библиотека снова открыта для читателей, а фонд пополнился тысячами книг."
POLISH = "Zażółć gęślą jaźń: w Łodzi otwarto nową czytelnię."
CZECH = "Příliš žluťoučký kůň úpěl ďábelské ódy."
JAPANESE = "市立図書館は改装工事を終えて再開しました。新しい閲覧室は明るくなりました。"


def _page(text: str, declaration: str) -> str:
    return f"<html><head>{declaration}<title>T</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    ("text", "encoding", "declaration"),
    [
        (RUSSIAN, "koi8-r", '<meta charset="koi8-r">'),
        (POLISH, "iso-8859-2", '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2">'),
        (CZECH, "iso-8859-2", "<META CHARSET=iso-8859-2>"),
        (JAPANESE, "shift_jis", '<meta charset="Shift_JIS">'),
        (RUSSIAN, "cp1251", '<meta charset="windows-1251">'),
    ],
)
def test_declared_meta_charset_is_honoured(text: str, encoding: str, declaration: str) -> None:
    assert text in decode_text(_page(text, declaration).encode(encoding), "page.html")


def test_xml_declaration_encoding_is_honoured() -> None:
    data = f'<?xml version="1.0" encoding="koi8-r"?>\n<html><body><p>{RUSSIAN}</p></body></html>'.encode(
        "koi8-r"
    )
    assert RUSSIAN in decode_text(data, "page.xhtml")


def test_bom_then_http_charset_then_meta() -> None:
    koi8 = _page(RUSSIAN, '<meta charset="iso-8859-2">').encode("koi8-r")
    assert RUSSIAN in decode_text(koi8, "u", http_charset="koi8-r")  # the header beats the meta
    with_bom = codecs.BOM_UTF8 + _page(RUSSIAN, '<meta charset="koi8-r">').encode("utf-8")
    assert RUSSIAN in decode_text(with_bom, "u", http_charset="koi8-r")  # the BOM beats both


def test_a_declaration_the_bytes_do_not_fit_is_not_believed(caplog: pytest.LogCaptureFixture) -> None:
    cp1252 = _page("Un café, déjà vu.", '<meta charset="utf-8">').encode("cp1252")
    assert "Un café, déjà vu." in decode_text(cp1252, "lying.html")
    assert "lying.html: the document declares charset utf-8, but the bytes are not utf-8" in caplog.text
    stale = _page(RUSSIAN, '<meta charset="koi8-r">').encode("utf-8")  # converted, the meta kept
    assert RUSSIAN in decode_text(stale, "stale.html")
    koi8 = _page(RUSSIAN, '<meta charset="koi8-r">').encode("koi8-r")
    assert RUSSIAN in decode_text(koi8, "u", http_charset="utf-8")  # the header lies; the meta is right
    assert "u: the server declares charset utf-8, but the bytes are not utf-8" in caplog.text


def test_unknown_or_in_band_utf16_declarations_are_ignored() -> None:
    for declaration in ('<meta charset="x-no-such">', '<meta charset="utf-16">'):
        assert "Un café" in decode_text(_page("Un café", declaration).encode("utf-8"), "p.html")

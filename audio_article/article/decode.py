"""Decode an article's bytes into clean text, refusing what is not text; the input size limit.

Decoding is explicit: a BOM decides; then a declared charset (the HTTP
header's, then an HTML `<meta>` or XML declaration's) when the bytes are valid
in it; otherwise UTF-8; otherwise Windows-1252 (the usual encoding of text
pasted from older CMS exports) with a warning. A declaration is not believed
when the bytes are invalid in it, or are UTF-8 beyond ASCII while it names
another charset (a page converted to UTF-8 that kept its old `<meta>`).
Binary data and data that is empty after cleaning are refused with an
`InputError`. Files (`source`) and fetched pages (`fetch`) both come here.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

from audio_article.article.charsets import ascii_compatible, codec_for, declared_in_document
from audio_article.errors import InputError

log = logging.getLogger(__name__)

MAX_INPUT_BYTES = 20 * 1024 * 1024  # for a file and for a fetched page alike

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab and newline; C1 controls included.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
# Magic numbers of formats people mistake for articles.
_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"ID3", b"RIFF", b"\x7fELF")


def decode_text(data: bytes, name: str, http_charset: str | None = None) -> str:
    """Decode an article's bytes (`http_charset`: from the Content-Type header), refusing binary data."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    text = _decode(data, name, http_charset)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    if not text.strip():
        raise InputError(f"{name}: the file has no text")
    return text


def _decode(data: bytes, name: str, http_charset: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {encoding} text ({exc.reason})") from exc
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    if data.startswith(_BINARY_MAGIC) or _looks_binary(data):
        raise InputError(f"{name}: this looks like a binary file, not an article")
    declared = _declared(data, name, http_charset)
    if declared is not None:
        return declared
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text and not Windows-1252 either") from exc
    log.warning("%s is not UTF-8; read it as Windows-1252", name)
    return text


def _declared(data: bytes, name: str, http_charset: str | None) -> str | None:
    """The text in the first declared charset that fits the bytes; None when none is declared or fits."""
    for label, where in ((http_charset, "the server"), (declared_in_document(data), "the document")):
        if not label:
            continue
        codec = codec_for(label)
        if codec is None or (where == "the document" and not ascii_compatible(codec)):
            log.warning("%s: %s declares charset %r, which cannot be used; guessing", name, where, label)
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            log.warning(
                "%s: %s declares charset %s, but the bytes are not %s; guessing", name, where, label, label
            )
            continue
        if codec != "utf-8" and not data.isascii() and _is_utf8(data):
            log.warning(
                "%s: %s declares charset %s, but the text is UTF-8; read it as UTF-8", name, where, label
            )
            return data.decode("utf-8")
        return text
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le"/"-be" when every other byte is NUL, as in mostly-ASCII UTF-16 text."""
    sample = data[:8192]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    """Many control bytes (NUL included) in the first 8 KiB; a stray NUL or bell is just removed later."""
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) * 0.05)

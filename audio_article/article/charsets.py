"""Character sets that an article declares: in HTTP, in HTML `<meta>` or an XML declaration.

Labels are mapped the way browsers map them (WHATWG Encoding): "iso-8859-1"
and "ascii" mean Windows-1252, "shift_jis" means Windows-31J, and so on, so
a page decodes as its author saw it. Only ASCII-compatible charsets can be
declared inside a document; a `<meta charset="utf-16">` is not believed.
"""

from __future__ import annotations

import codecs
import re

# How far into a document a declaration is looked for (browsers: 1024; be generous).
SNIFF_BYTES = 4096
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "big5": "big5hkscs",
}
_META = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*(?P<label>[A-Za-z0-9._:-]+)""",
    re.I,
)
_XML_DECL = re.compile(rb"""\A\s*<\?xml\s[^>]*?encoding\s*=\s*["'](?P<label>[A-Za-z0-9._:-]+)["']""", re.I)
_PROBE = '<meta charset="x"> +?!'  # "+" keeps UTF-7 out


def codec_for(label: str) -> str | None:
    """Python's codec name for a charset label, or None for a label nobody knows."""
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_in_document(data: bytes) -> str | None:
    """The charset label an XML declaration or an HTML `<meta>` near the top declares, if any."""
    head = data[:SNIFF_BYTES]
    match = _XML_DECL.match(head) or _META.search(head)
    return match["label"].decode("ascii") if match else None


def ascii_compatible(codec: str) -> bool:
    """True when ASCII text reads the same in `codec`: only such charsets can be declared in-band."""
    try:
        return _PROBE.encode(codec) == _PROBE.encode("ascii")
    except (LookupError, UnicodeError):
        return False

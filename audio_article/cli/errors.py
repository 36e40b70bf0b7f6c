"""The CLI's error line: one line on stderr whatever the message holds.

A message can carry a file name or a URL with a newline, a carriage return
or another control character in it; printed as-is it would break the
one-line promise (and a carriage return could overwrite what came before).
Such characters are shown escaped, as Python writes them in a string.
"""

from __future__ import annotations

import unicodedata

PREFIX = "audio-article"


def one_line(text: str) -> str:
    r"""`text` with control and line-breaking characters escaped (`\n`, `\r`, `\t`, `\x1b`, `\u2028`)."""
    return "".join(_escape(ch) for ch in text)


def error_line(message: str, kind: str = "error") -> str:
    """`audio-article: error: MESSAGE` on one line."""
    return f"{PREFIX}: {kind}: {one_line(message)}"


def _escape(ch: str) -> str:
    # Cc: C0/C1 controls; Zl/Zp: the Unicode line and paragraph separators.
    if unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
        return repr(ch)[1:-1]
    return ch

"""Ordered normalization rules, each a small `str -> str` function."""

from __future__ import annotations

import re
from collections.abc import Callable

from audio_article.normalize import tables

Rule = Callable[[str], str]


def typography(text: str) -> str:
    """Curly quotes, dashes, ellipses and odd spaces -> plain forms engines read well."""
    return text.translate(tables.TYPOGRAPHY)


def dashes(text: str) -> str:
    """A spaced or doubled dash is a pause, not a word."""
    return re.sub(r"\s*(?:--|[—―])\s*|\s+[–-]\s+", ", ", text)


RULES: tuple[Rule, ...] = (typography, dashes)

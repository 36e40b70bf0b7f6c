"""A passage's language, carried at the front of its spoken text to the engine: "⟦fr⟧ merci à tous".

The spoken text is what the engine receives and what the segment cache is
keyed on, so a passage narrated by another voice is cached apart. The speech
stage takes the mark off (`split_voice`) and, where the engine can switch
voices (espeak-ng), speaks the passage in that language's voice.
"""

from __future__ import annotations

import re

_MARK = re.compile(r"^⟦([A-Za-z0-9-]{1,35})⟧ ")


def with_voice(language: str, spoken: str) -> str:
    """`spoken` marked to be said in `language`'s voice."""
    return f"⟦{language}⟧ {spoken}"


def split_voice(spoken: str) -> tuple[str | None, str]:
    """(the passage's language or None, the text for the engine)."""
    match = _MARK.match(spoken)
    return (match.group(1), spoken[match.end() :]) if match else (None, spoken)

"""Normalize stage: written text -> the words a newsreader would say.

`normalize_text` runs the ordered rules of `rules.py` (each a small
`str -> str` function; their data tables live in `tables.py`).
`normalize_script` applies it to every segment, then the pronunciation
lexicon, and fills `ScriptSegment.spoken`.
"""

from __future__ import annotations

from dataclasses import replace

from audio_article.lexicon import Lexicon
from audio_article.models import Script
from audio_article.normalize.rules import RULES
from audio_article.textutil import ends_sentence, squash

__all__ = ["normalize_script", "normalize_text"]


def normalize_text(text: str) -> str:
    for rule in RULES:
        text = rule(text)
    return squash(text)


def normalize_script(script: Script, lexicon: Lexicon | None = None, use_phonemes: bool = False) -> Script:
    lexicon = lexicon or Lexicon()
    segments = []
    for segment in script.segments:
        spoken = normalize_text(segment.text)
        if segment.kind in ("title", "heading", "byline") and not ends_sentence(spoken):
            # A full stop makes engines close a heading with falling intonation.
            spoken += "."
        spoken, _ = lexicon.apply(spoken, use_phonemes)
        segments.append(replace(segment, spoken=spoken))
    return replace(script, segments=tuple(segments))

"""scripts/asr_meter.py: outside English, its normalization spells numbers in the language."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from asr_meter import _locale_numbers, tokenize


def test_digits_become_the_languages_words_on_both_sides() -> None:
    said = tokenize(_locale_numbers("Das Haus von 1958 kostet 4,2 Millionen, 12 % mehr.", "de"), False)
    assert said == [
        "das",
        "haus",
        "von",
        "neunzehnhundertachtundfünfzig",
        "kostet",
        "vier",
        "komma",
        "zwei",
        "millionen",
        "zwölf",
        "prozent",
        "mehr",
    ]
    assert tokenize(_locale_numbers("Le 4 avril 2026, 15 %.", "fr"), False) == [
        "le", "quatre", "avril", "deux", "mille", "vingt", "six", "quinze", "pour", "cent"
    ]  # fmt: skip
    assert tokenize(_locale_numbers("Hay 12.500 usuarios.", "es"), False) == [
        "hay",
        "doce",
        "mil",
        "quinientos",
        "usuarios",
    ]


def test_english_is_left_to_the_shared_spelling() -> None:
    # The English path is the shared meter's: its own spelling, not this one.
    assert tokenize("It cost $5 in 1994.", True) == [
        "it",
        "cost",
        "five",
        "dollars",
        "in",
        "nineteen",
        "ninety",
        "four",
    ]

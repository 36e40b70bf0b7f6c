"""The engine dialects, checked against espeak-ng's own phonemizer."""

from __future__ import annotations

import re

import pytest

from audio_article.models import Dialect
from audio_article.script.normalize.dialect_tables import ESPEAK_TEENS, ESPEAK_WORDS
from audio_article.script.normalize.dialects import LETTER_A, speak_as
from audio_article.script.normalize.normalizer import normalize_text
from audio_article.speech.engines.espeak_phonemes import phonemize

ESPEAK = Dialect(forms="espeak-ng", phonemes="espeak")
PHONEME_SPAN = re.compile(r"\[\[(.*?)\]\]")

# Every class of number the normalizer writes out, in context.
NUMBER_CLASSES = [
    *(f"There were {n} people." for n in (*range(10, 100), 101, 140, 446, 1_040, 14_000, 46_000_000)),
    *(f"It was the {n} time." for n in ("14th", "40th", "42nd", "44th", "99th", "101st")),
    "In 1914 and 2046 and the 1940s.",
    "It cost $44.50, or 40% more than £14 and €1.4bn.",
    "At 4:45 p.m. on March 14, 2024, it was 46°F.",
    "A 44 kg load, 14 km away, 4.4 m high.",
]


@pytest.fixture(scope="module")
def said() -> dict[str, list[str]]:
    """Each number text -> the phoneme words espeak-ng will say for its spoken form (one phonemizer run)."""
    parts = {text: PHONEME_SPAN.split(speak_as(normalize_text(text), ESPEAK)) for text in NUMBER_CLASSES}
    plain = [p for split in parts.values() for i, p in enumerate(split) if i % 2 == 0]
    phonemes = iter(phonemize(plain))
    words: dict[str, list[str]] = {}
    for text, split in parts.items():
        words[text] = [w for i, p in enumerate(split) for w in ([p] if i % 2 else next(phonemes).split())]
    return words


@pytest.mark.parametrize("text", NUMBER_CLASSES)
def test_numbers_reach_espeak_as_separate_clear_words(text: str, said: dict[str, list[str]]) -> None:
    spoken = speak_as(normalize_text(text), ESPEAK)
    for word in said[text]:
        # One stress per word: "forty-six" run into one word (f'O@t#is'Iks) is misheard.
        assert word.count("'") <= 1, f"{text!r}: {word!r} runs numbers together in {spoken!r}"
        # "forty" with the vowel of "for" and a flapped t was heard as "for the".
        assert "f'O@t#i" not in word, f"{text!r}: {spoken!r} says forty as 'for the'"


def test_every_table_entry_changes_what_espeak_says() -> None:
    table = {**ESPEAK_WORDS, **ESPEAK_TEENS}
    for (word, phonemes), own in zip(table.items(), phonemize(list(table)), strict=True):
        assert own != phonemes, f"{word}: espeak-ng already says {phonemes}"
        assert "[" not in phonemes and "]" not in phonemes


def test_teens_keep_their_stress_before_another_number() -> None:
    assert speak_as("nineteen fourteen", ESPEAK) == f"nineteen [[{ESPEAK_TEENS['fourteen']}]]"
    assert speak_as("Fourteen thousand", ESPEAK) == "Fourteen thousand"
    assert speak_as("Forty-Six", ESPEAK) == f"[[{ESPEAK_WORDS['forty']}]] Six"


def test_hyphens_go_only_next_to_number_words() -> None:
    spoken = speak_as("a twenty-two-kilogram, well-known rover", ESPEAK)
    assert spoken == "a twenty two kilogram, well-known rover"


def test_written_brackets_never_switch_to_phonemes() -> None:
    assert "[[" not in speak_as(normalize_text("odd [[z@l'Enski]] text"), ESPEAK)
    assert speak_as("odd [[x]] text", Dialect(phonemes="ipa")) == "odd  x  text"


def test_words_only_engines_get_the_general_forms() -> None:
    assert speak_as("forty-six [[x]]", Dialect()) == "forty-six [[x]]"


@pytest.mark.parametrize(
    "text,letter",
    [
        ("Passengers waited at Gate A3 for hours.", True),
        ("They took the A Line train.", True),
        ("It kept its AA- rating.", False),  # "double A minus": the A ends the word pair
        ("Terminal A, he said.", False),  # espeak-ng names the letter before punctuation itself
        ("A man waited.", False),  # the article, opening a sentence
        ('He said: "A train left."', False),
        ("Cars, a van and A bus.", True),
        ("a triple-A rating", True),  # "triple-uh" otherwise
        ("an A-minus", False),
    ],
)
def test_the_letter_a_inside_a_sentence_is_named_not_mumbled(text: str, letter: bool) -> None:
    spoken = speak_as(normalize_text(text), ESPEAK)
    assert ("[['eI]]" in spoken) is letter, spoken


def test_the_letter_a_is_said_as_espeak_names_it_alone() -> None:
    # Before a word espeak-ng gives a capital A the article's schwa; alone it names the letter.
    gate, alone = phonemize(["Gate A three", "A."])
    assert gate.split()[1] == "a#" and alone == "'eI" == LETTER_A.strip("[]")

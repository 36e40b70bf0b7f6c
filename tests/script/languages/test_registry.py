"""The language registry and the normalizer's choice of rules: English rules never run on other languages."""

from __future__ import annotations

import pytest

from audio_article.errors import InputError
from audio_article.models import Dialect, Script, ScriptSegment
from audio_article.script.normalize import normalizer
from audio_article.script.normalize.languages.registry import SUPPORTED, base_language, language_of
from audio_article.script.normalize.normalizer import normalize_script, normalize_text


def _script(*texts: str) -> Script:
    segments = tuple(ScriptSegment(i, "text", t, t, 0, 1, 0) for i, t in enumerate(texts))
    return Script(segments=segments, chapter_titles=("T",))


def test_the_six_languages_and_english_are_supported() -> None:
    assert set(SUPPORTED) >= {"en", "de", "fr", "es", "it", "pt", "nl"}


def test_a_tag_reduces_to_its_language() -> None:
    assert base_language("pt-BR") == "pt"
    assert base_language("de_AT") == "de"
    assert language_of("FR-ca") == "fr"


def test_an_unsupported_language_is_an_error_naming_the_supported_ones() -> None:
    with pytest.raises(InputError) as caught:
        language_of("fi")
    message = str(caught.value)
    assert "'fi'" in message
    for code in (
        "de (German)",
        "fr (French)",
        "es (Spanish)",
        "it (Italian)",
        "pt (Portuguese)",
        "nl (Dutch)",
    ):
        assert code in message
    with pytest.raises(InputError):
        normalize_text("Hyvää huomenta 5 kertaa.", "fi")


def test_english_rules_never_run_on_a_non_english_segment(monkeypatch: pytest.MonkeyPatch) -> None:
    def english_rule(text: str) -> str:
        raise AssertionError(f"an English rule ran on {text!r}")

    monkeypatch.setattr(normalizer, "RULES", (english_rule,))
    script = normalize_script(_script("Dr. Müller kam am 3. Mai um 14:30 Uhr."), language="de")
    assert script.segments[0].spoken == "Doktor Müller kam am dritten Mai um vierzehn Uhr dreißig."
    with pytest.raises(AssertionError, match="English rule"):
        normalize_script(_script("Dr. Miller came."), language="en")


def test_the_engines_english_forms_are_left_out_for_other_languages() -> None:
    espeak = Dialect(forms="espeak-ng", phonemes="espeak")
    spoken = (
        normalize_script(_script("Es waren 40 [[x]] Leute."), dialect=espeak, language="de")
        .segments[0]
        .spoken
    )
    assert (
        spoken == "Es waren vierzig x Leute."
    )  # no English phonemes, and literal [[ ]] never reach espeak-ng
    english = normalize_script(_script("There were 40 people."), dialect=espeak).segments[0].spoken
    assert "[[" in english  # espeak-ng's "forty" as phonemes, as before


def test_english_words_for_symbols_and_titles_do_not_leak_in() -> None:
    spoken = normalize_text("St. Pauli & Dr. Weber: 5 €.", "de")
    assert spoken == "Sankt Pauli und Doktor Weber: fünf Euro."
    assert "Saint" not in normalize_text("St. Pauli", "de")

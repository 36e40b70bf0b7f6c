"""samples/listening/: the intelligibility meter's articles, each with its spoken reference."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from audio_article.article.read import parse_article

LISTENING = Path(__file__).resolve().parent.parent / "samples" / "listening"
ARTICLES = sorted(
    p for p in LISTENING.iterdir() if p.suffix in (".txt", ".md", ".html") and not p.name.endswith(".ref.txt")
)


def _reference(article: Path) -> str:
    return article.with_name(article.stem + ".ref.txt").read_text(encoding="utf-8")


def test_the_set_is_varied_enough() -> None:
    assert len(ARTICLES) >= 8
    assert {p.suffix for p in ARTICLES} == {".txt", ".md", ".html"}
    assert all(p.with_name(p.stem + ".ref.txt").is_file() for p in ARTICLES)
    refs = list(LISTENING.glob("*.ref.txt"))
    assert len(refs) == len(ARTICLES), "every reference belongs to an article"


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_article_parses_and_its_reference_is_spoken_words(article: Path) -> None:
    parsed = parse_article(article)
    assert parsed.word_count >= 200
    reference = _reference(article)
    assert not re.search(r"\d", reference), "numbers are written as they are said"
    assert not re.search(r"[<>\[\]{}#*_|^~`\\$€£%&@]", reference), (
        "no markup or symbols a reader would not say"
    )
    words = reference.split()
    assert 200 <= len(words) <= 450
    # The title is the first thing read; bylines and datelines are not (they are metadata).
    assert reference.splitlines()[0].strip()
    assert not re.search(r"^(By |Published |Updated )", reference, re.M)


def test_references_cover_the_issue_classes() -> None:
    """The set measures every class of issue 15 at least once."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in ARTICLES)
    for pattern in (
        r"\$4\.2bn", "€", "£", r"11:45 p\.m\. ET", r"22 kg rover", r"2,500 sq ft expansion",
        r"400 W\. 42nd St\.", r"AA-", r"BBB\+", r"Q1 2026", r"Artemis III", r"Henry VIII", r"World War II",
        r"Room 201", r"Flight 1549", "Zelensky", "Okafor", "Osei", "Müller", "São Paulo", "Pistorius",
        r"\[\^1\]", r"min\.", r"Ave\.", r"Dr\.", r"Gov\.",
        r"^By [^|\n]+ \| ", r"^By [^,\n]+, [A-Z]", r"^\S.* — [A-Z]+, ", r"^Published ", r"^Updated ",
    ):  # fmt: skip
        assert re.search(pattern, sources, re.M), pattern

"""Passages in another language: marked in HTML and Markdown, cut into runs, narrated in their language."""

from __future__ import annotations

from pathlib import Path

from audio_article.article.passages import languages, mark, plain, runs
from audio_article.article.read import parse_article
from audio_article.models import VoiceProfile
from audio_article.script.compose import build_script
from audio_article.script.normalize.normalizer import normalize_script

ENGLISH = "The mayor opened the new depot on Monday and spoke to the crowd for ten minutes about the trams."


def test_marks_round_trip_into_runs() -> None:
    text = f"She said {mark('merci à tous', 'fr')} and left."
    assert plain(text) == "She said merci à tous and left."
    assert runs(text) == [(None, "She said"), ("fr", "merci à tous"), (None, "and left.")]
    assert runs("No passage here.") == [(None, "No passage here.")]
    assert languages(text) == {"fr"}


def test_html_spans_and_block_quotes_become_passages(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        '<html lang="en"><head><title>Q</title></head><body><article><h1>Quotes</h1>'
        f"<p>{ENGLISH}</p>"
        '<p>She ended with <span lang="fr">merci à tous</span> and left the stage to loud applause.</p>'
        '<blockquote lang="de"><p>Wir haben 12 Jahre gewartet.</p><p>Jetzt fahren sie.</p></blockquote>'
        '<p lang="en-GB">A last paragraph in the page\'s own language, which is not a passage at all.</p>'
        "</article></body></html>",
        encoding="utf-8",
    )
    paragraphs = [p for s in parse_article(page).sections for p in s.paragraphs]
    assert set().union(*(languages(p) for p in paragraphs)) == {"fr", "de"}
    assert any(plain(p) == "Wir haben 12 Jahre gewartet. Jetzt fahren sie." for p in paragraphs)


def test_markdown_attribute_syntax_marks_spans_and_blocks(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Quotes\nlang: en\n---\n\n"
        f"{ENGLISH} She said [merci à tous]{{lang=fr}} and left.\n\n"
        "{lang=de}\n> Wir haben 12 Jahre gewartet.\n\n"
        "{lang=es}\nEl 1 de julio.\n\nBraces {like these} stay text.\n",
        encoding="utf-8",
    )
    article = parse_article(path)
    paragraphs = list(article.sections[0].paragraphs)
    assert languages(paragraphs[0]) == {"fr"} and languages(paragraphs[1]) == {"de"}
    assert languages(paragraphs[2]) == {"es"}
    assert paragraphs[3] == "Braces {like these} stay text."


def test_each_passage_is_a_segment_with_its_language_rules_and_voice_mark(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        f"---\ntitle: Quotes\nlang: en\n---\n\n{ENGLISH} It cost [12,50 €]{{lang=de}} on May 3.\n\n"
        "{lang=fr}\n> Le 1er mai, 3,5 % de plus.\n\n{lang=la}\n> Carpe diem, amici.\n",
        encoding="utf-8",
    )
    script = normalize_script(build_script(parse_article(path), VoiceProfile(name="t")), language="en")
    said = [(s.language, s.text, s.spoken, s.pause_before_ms) for s in script.segments if s.kind == "text"]
    assert (None, "It cost", "It cost", 250) in said
    assert ("de", "12,50 €", "⟦de⟧ zwölf Euro und fünfzig Cent", 0) in said
    assert (None, "on May 3.", "on May third.", 0) in said
    assert (
        "fr",
        "Le 1er mai, 3,5 % de plus.",
        "⟦fr⟧ Le premier mai, trois virgule cinq pour cent de plus.",
        600,
    ) in said
    # Latin is not supported: the passage is read as the article's language, never failing the build.
    assert (None, "Carpe diem, amici.", "Carpe diem, amici.", 600) in said

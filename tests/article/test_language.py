"""The article's language: declared in the page or front matter, else detected from the text."""

from __future__ import annotations

from pathlib import Path

from audio_article.article.language import detect_language
from audio_article.article.read import parse_article

GERMAN = (
    "Der Stadtrat hat am Montag beschlossen, das alte Straßenbahndepot zu schließen. Es versorgt seit "
    "Jahrzehnten die nördlichen Stadtteile, doch die Hallen sind zu klein für die neuen Züge geworden."
)
FRENCH = (
    "Le conseil municipal a voté lundi la fermeture du vieux dépôt de tramways. Il dessert depuis des "
    "décennies les quartiers nord, mais ses halles sont devenues trop petites pour les nouvelles rames."
)


def test_detection_names_the_language_of_a_paragraph() -> None:
    assert detect_language(GERMAN)[0] == "de"  # type: ignore[index]
    assert detect_language(FRENCH)[0] == "fr"  # type: ignore[index]
    assert detect_language("Zu kurz.") is None


def test_plain_text_without_a_declaration_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "depot.txt"
    path.write_text(f"Das Depot schließt\n\n{GERMAN}\n", encoding="utf-8")
    assert parse_article(path).language == "de"


def test_markdown_front_matter_wins_over_detection(tmp_path: Path) -> None:
    path = tmp_path / "depot.md"
    path.write_text(f"---\ntitle: Le dépôt\nlang: fr-CA\n---\n\n{GERMAN}\n", encoding="utf-8")
    assert parse_article(path).language == "fr-CA"


def test_html_lang_and_og_locale_are_read(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = f"<h1>Titre</h1><p>{GERMAN}</p>"
    page.write_text(
        f'<html lang="fr"><head><title>T</title></head><body>{body}</body></html>', encoding="utf-8"
    )
    assert parse_article(page).language == "fr"
    meta = '<meta property="og:locale" content="nl_NL">'
    page.write_text(f"<html><head><title>T</title>{meta}</head><body>{body}</body></html>", encoding="utf-8")
    assert parse_article(page).language == "nl"
    page.write_text(f"<html><head><title>T</title></head><body>{body}</body></html>", encoding="utf-8")
    assert parse_article(page).language == "de"


def test_a_short_undeclared_text_is_read_as_english(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Kurz\n\nNur ein Satz.\n", encoding="utf-8")
    assert parse_article(path).language == "en"

"""The article's language: declared in the page or front matter, else detected from the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio_article.article import language
from audio_article.article.language import by_function_words, detect_language
from audio_article.article.passages import plain
from audio_article.article.read import parse_article

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
# Close neighbours of the supported languages: they must reach the model, which names them.
NEIGHBOURS = {
    "ca": "El govern ha aprovat aquest dimarts el pressupost de la ciutat, que inclou una partida per a les "
    "biblioteques i els mercats. L'alcaldessa ha dit que és un pas important per als barris del nord, però "
    "l'oposició considera que arriba tard i que no resol els problemes de l'habitatge. La votació es farà "
    "la setmana vinent amb el suport dels socis del govern.",
    "gl": "O goberno aprobou este martes o orzamento da cidade, que inclúe unha partida para as "
    "bibliotecas e os mercados. A alcaldesa dixo que é un paso importante para os barrios do norte, "
    "pero a oposición "
    "considera que chega tarde e que non resolve os problemas da vivenda. A votación farase a semana que "
    "vén co apoio dos socios do goberno.",
    "da": "Byrådet har tirsdag vedtaget budgettet for byen, som indeholder penge til bibliotekerne og "
    "markederne. Borgmesteren sagde, at det er et vigtigt skridt for de nordlige kvarterer, men oppositionen "
    "mener, at det kommer for sent og ikke løser problemerne med boliger. Afstemningen finder sted i næste "
    "uge med støtte fra partierne i flertallet.",
    "ro": "Consiliul local a aprobat marți bugetul orașului, care include bani pentru biblioteci și piețe. "
    "Primarul a spus că este un pas important pentru cartierele din nord, dar opoziția consideră că vine "
    "prea târziu și nu rezolvă problemele locuințelor. Votul final va avea loc săptămâna viitoare cu "
    "sprijinul partidelor din coaliție.",
    "pl": "Rada miasta przyjęła we wtorek budżet, który obejmuje pieniądze na biblioteki i targowiska. "
    "Burmistrz powiedziała, że jest to ważny krok dla północnych dzielnic, ale opozycja uważa, że przychodzi "
    "za późno i nie rozwiązuje problemów mieszkaniowych. Głosowanie odbędzie się w przyszłym tygodniu przy "
    "wsparciu partii koalicji.",
}

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


def _sample_texts() -> list[Path]:
    return sorted([*SAMPLES.glob("*.md"), *SAMPLES.glob("*.txt"), *SAMPLES.glob("*.html"),
                   *SAMPLES.glob("*/*.md"), *SAMPLES.glob("languages/*.ref.txt")])  # fmt: skip


@pytest.mark.parametrize("path", _sample_texts(), ids=lambda p: p.name)
def test_the_function_word_shortcut_agrees_with_the_model(path: Path) -> None:
    if path.name.endswith(".ref.txt"):
        text = path.read_text(encoding="utf-8")
    else:
        article = parse_article(path)
        text = plain(" ".join([article.title, *(p for s in article.sections for p in s.paragraphs)]))
    text = text[: language.SAMPLE_CHARS]
    shortcut = by_function_words(text)
    assert shortcut is not None  # every bundled sample is clear enough to skip the model
    assert shortcut == language._identifier().classify(text)[0]


@pytest.mark.parametrize("code", sorted(NEIGHBOURS))
def test_a_neighbour_language_goes_to_the_model(code: str) -> None:
    assert by_function_words(NEIGHBOURS[code]) is None
    assert detect_language(NEIGHBOURS[code])[0] == code  # type: ignore[index]


def test_an_english_article_is_read_without_loading_the_model() -> None:
    language._identifier.cache_clear()
    assert parse_article(SAMPLES / "night-reading-room.txt").language == "en"
    assert language._identifier.cache_info().currsize == 0

"""The spoken frame in the article's language: announcement, closing, chapter headings, edition note."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from audio_article.models import Article, RelatedLink, ScriptOptions, Section, VoiceProfile
from audio_article.script.compose import EDITION_NOTE, build_script
from audio_article.script.frames import FRAMES, count, written_date
from audio_article.script.normalize.languages.registry import TABLES
from audio_article.script.normalize.normalizer import normalize_script

PROFILE = VoiceProfile(name="t")
ARTICLE = Article(
    title="Der Titel",
    author="Jana Keller",
    date=dt.date(2026, 5, 3),
    sections=(
        Section(None, ("Am 3. Mai kam z. B. Dr. Lang. Dann ging er.",)),
        Section("Zweiter Teil", ("Ende.",)),
    ),
    source_format="markdown",
    source_name="x",
    language="de",
    related=(RelatedLink("Eine andere Geschichte"),),
    notes=("Eine Anmerkung.",),
)


def _spoken(article: Article, options: ScriptOptions) -> list[tuple[str, str]]:
    script = normalize_script(build_script(article, PROFILE, options), language=article.language)
    return [(s.kind, s.spoken) for s in script.segments]


def test_a_german_article_gets_the_german_frame() -> None:
    options = ScriptOptions(read_related=True, notes="read", edition_note=EDITION_NOTE)
    spoken = _spoken(ARTICLE, options)
    assert spoken[0] == (
        "announcement",
        "Audioausgabe von Der Titel, von Jana Keller, erschienen am dritten Mai zweitausendsechsundzwanzig."
        " zwei Abschnitte, etwa eine Minute.",
    )
    assert spoken[1][1].startswith("Über diese Ausgabe: ein sprechendes Buch")
    assert ("heading", "Anmerkungen.") in spoken and ("text", "Anmerkung eins: Eine Anmerkung.") in spoken
    assert ("heading", "Lesen Sie auch.") in spoken
    assert spoken[-1] == ("closing", "Sie hörten eine Audioausgabe von Der Titel.")
    assert not any("Audio edition" in said or "Also read" in said for _, said in spoken)


def test_german_sentences_go_on_past_abbreviations_and_ordinals() -> None:
    texts = [s.text for s in build_script(ARTICLE, PROFILE, ScriptOptions(announcement=None)).segments]
    assert "Am 3. Mai kam z. B. Dr. Lang." in texts and "Dann ging er." in texts


def test_without_an_announcement_the_byline_is_in_the_language() -> None:
    spoken = _spoken(ARTICLE, ScriptOptions(announcement=None, closing=None))
    assert spoken[:2] == [("title", "Der Titel."), ("byline", "Von Jana Keller.")]


def test_a_publishers_own_template_is_kept() -> None:
    spoken = _spoken(ARTICLE, ScriptOptions(announcement="Hier ist {title}.", closing=None))
    assert spoken[0] == ("announcement", "Hier ist Der Titel.")


@pytest.mark.parametrize("language", sorted(FRAMES))
def test_every_language_has_a_whole_frame_in_its_own_words(language: str) -> None:
    article = replace(ARTICLE, language=language, sections=(Section(None, ("Texto.",)),))
    spoken = _spoken(article, ScriptOptions(read_related=True, edition_note=EDITION_NOTE))
    said = " ".join(text for _, text in spoken)
    assert "{" not in said and "edition of" not in said and "Also read" not in said
    assert TABLES[language].months[4] in said  # the date, in the language's month names
    assert FRAMES[language].also_read in said


def test_counts_and_dates_as_each_language_writes_them() -> None:
    assert count(FRAMES["fr"].section, 1) == "une section"
    assert count(FRAMES["fr"].section, 3) == "3 sections"
    assert written_date(dt.date(2026, 5, 3), "de") == "3. Mai 2026"
    assert written_date(dt.date(2026, 5, 3), "pt-BR") == "3 de maio de 2026"
    spoken = _spoken(replace(ARTICLE, language="it", date=dt.date(2026, 6, 11)), ScriptOptions())
    assert "pubblicato l'undici giugno" in spoken[0][1]


def test_english_keeps_its_frame() -> None:
    spoken = _spoken(replace(ARTICLE, language="en", title="A Title"), ScriptOptions())
    assert spoken[0][1].startswith("Audio edition of A Title, by Jana Keller, published May third")

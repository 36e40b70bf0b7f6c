from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from audio_article.errors import ConfigError
from audio_article.models import Article, Pauses, RelatedLink, ScriptOptions, Section, VoiceProfile
from audio_article.script.compose import build_script
from audio_article.script.normalize.normalizer import normalize_script

PAUSES = Pauses(sentence_ms=1, paragraph_ms=2, before_heading_ms=3, after_heading_ms=4, after_title_ms=5)
PROFILE = VoiceProfile(name="t", pauses=PAUSES, heading_rate_wpm=150)
ARTICLE = Article(
    title="A Title",
    author="Jo Bloggs",
    sections=(
        Section(None, ("One. Two.", "Three.")),
        Section("Second Part", ("Four.",)),
    ),
    source_format="text",
    source_name="x",
    related=(RelatedLink("Other story"),),
)


BARE = ScriptOptions(announcement=None, closing=None)


def test_segments_pauses_and_chapters() -> None:
    script = build_script(ARTICLE, PROFILE, BARE)
    got = [(s.kind, s.text, s.pause_before_ms, s.chapter_index, s.starts_chapter) for s in script.segments]
    assert got == [
        ("title", "A Title", 0, 0, True),
        ("byline", "By Jo Bloggs", 5, 0, False),
        ("text", "One.", 5, 0, False),
        ("text", "Two.", 1, 0, False),
        ("text", "Three.", 2, 0, False),
        ("heading", "Second Part", 3, 1, True),
        ("text", "Four.", 4, 1, False),
    ]
    assert script.chapter_titles == ("A Title", "Second Part")
    assert script.segments[5].rate_wpm == 150 and script.segments[6].rate_wpm is None


def test_no_byline_reads_the_title_then_the_article() -> None:
    script = build_script(ARTICLE, PROFILE, ScriptOptions(announcement=None, closing=None, read_byline=False))
    assert [s.kind for s in script.segments[:2]] == ["title", "text"]
    assert script.segments[1].pause_before_ms == 5


def test_notes_are_left_out_unless_asked_for_then_read_in_a_final_chapter() -> None:
    article = replace(ARTICLE, notes=("First note. It has two sentences.", "Second note."))
    dropped = build_script(article, PROFILE, BARE)
    assert dropped.chapter_titles == ("A Title", "Second Part")
    assert not any("note" in s.text.lower() for s in dropped.segments)
    options = ScriptOptions(announcement=None, closing=None, notes="read", read_related=True)
    script = normalize_script(build_script(article, PROFILE, options))
    assert script.chapter_titles == ("A Title", "Second Part", "Notes", "Also read")
    notes = [s for s in script.segments if s.chapter_index == 2]
    assert [(s.kind, s.spoken) for s in notes] == [
        ("heading", "Notes."),
        ("text", "Note one."),
        ("text", "First note."),
        ("text", "It has two sentences."),
        ("text", "Note two."),
        ("text", "Second note."),
    ]
    assert notes[0].starts_chapter and [s.pause_before_ms for s in notes] == [3, 4, 1, 1, 2, 1]


def test_read_related_adds_a_final_chapter() -> None:
    script = build_script(ARTICLE, PROFILE, ScriptOptions(announcement=None, closing=None, read_related=True))
    assert script.chapter_titles[-1] == "Also read"
    assert [s.text for s in script.segments[-2:]] == ["Also read", "Other story"]


def test_headings_get_a_full_stop_when_spoken() -> None:
    script = normalize_script(build_script(ARTICLE, PROFILE, BARE))
    heading = script.segments[5]
    assert heading.text == "Second Part" and heading.spoken == "Second Part."


def test_announcement_and_closing_frame_the_article() -> None:
    dated = replace(ARTICLE, date=dt.date(2025, 6, 14))
    script = build_script(dated, PROFILE)
    first, last = script.segments[0], script.segments[-1]
    assert first.kind == "announcement" and first.starts_chapter
    assert (
        first.text
        == "Audio edition of A Title, by Jo Bloggs, published June 14, 2025. 2 sections, about one minute."
    )
    assert last.kind == "closing" and last.chapter_index == 1
    assert last.text == "You have been listening to an audio edition of A Title."


def test_custom_and_bad_templates() -> None:
    script = build_script(
        ARTICLE, PROFILE, ScriptOptions(announcement="{title} read aloud", closing="The end.")
    )
    assert script.segments[0].text == "A Title read aloud" and script.segments[-1].text == "The end."
    with pytest.raises(ConfigError, match="unknown placeholder"):
        build_script(ARTICLE, PROFILE, ScriptOptions(announcement="{title.__class__}"))

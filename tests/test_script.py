from __future__ import annotations

from audio_article.models import Article, Pauses, RelatedLink, ScriptOptions, Section, VoiceProfile
from audio_article.normalize import normalize_script
from audio_article.script import build_script

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


def test_segments_pauses_and_chapters():
    script = build_script(ARTICLE, PROFILE)
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


def test_read_related_adds_a_final_chapter():
    script = build_script(ARTICLE, PROFILE, ScriptOptions(read_related=True))
    assert script.chapter_titles[-1] == "Also read"
    assert [s.text for s in script.segments[-2:]] == ["Also read", "Other story"]


def test_headings_get_a_full_stop_when_spoken():
    script = normalize_script(build_script(ARTICLE, PROFILE))
    heading = script.segments[5]
    assert heading.text == "Second Part" and heading.spoken == "Second Part."

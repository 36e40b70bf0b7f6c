"""Chapters for Spotify and Apple: description timestamps (Spotify's rules), Podlove chapters, notes."""

from __future__ import annotations

from helpers import spotify_chapter_starts
from lxml import etree, html

from audio_article.episode.chapter_notes import (
    PSC,
    clock,
    npt,
    psc_chapters,
    show_notes_html,
    timestamp_lines,
)
from audio_article.models import Chapter, RelatedLink


def _chapters(*starts_ms: int) -> list[Chapter]:
    ends = [*starts_ms[1:], starts_ms[-1] + 5000]
    return [Chapter(f"Part {n}", s, e) for n, (s, e) in enumerate(zip(starts_ms, ends, strict=True), 1)]


def test_clock_truncates_and_grows_hours() -> None:
    assert [clock(ms) for ms in (0, 59_999, 61_700, 3_599_999, 3_600_000, 36_061_000)] == [
        "0:00",
        "0:59",
        "1:01",
        "59:59",
        "1:00:00",
        "10:01:01",
    ]
    assert npt(3_723_045) == "01:02:03.045"


def test_timestamp_lines_follow_spotifys_rules() -> None:
    lines = timestamp_lines(_chapters(0, 27_663, 62_171, 3_700_500))
    assert lines == ["0:00 Part 1", "0:27 Part 2", "1:02 Part 3", "1:01:40 Part 4"]
    assert spotify_chapter_starts("Summary.\n\n" + "\n".join(lines)) == [0, 27, 62, 3700]


def test_first_chapter_is_said_to_start_at_zero() -> None:
    assert timestamp_lines(_chapters(400, 10_000, 20_000))[0] == "0:00 Part 1"


def test_fewer_than_three_chapters_give_no_timestamps() -> None:
    assert timestamp_lines(_chapters(0, 30_000)) == []
    assert timestamp_lines(_chapters(0)) == []


def test_a_chapter_in_the_same_second_is_left_out_so_times_ascend() -> None:
    lines = timestamp_lines(_chapters(0, 10_100, 10_900, 20_000))
    assert [line.split()[0] for line in lines] == ["0:00", "0:10", "0:20"]


def test_psc_carries_every_start_to_the_millisecond() -> None:
    chapters = _chapters(0, 27_663, 62_171)
    element = psc_chapters(chapters)
    assert element.tag == f"{{{PSC}}}chapters" and element.get("version") == "1.2"
    starts = [c.get("start") for c in element]
    assert starts == ["00:00:00.000", "00:00:27.663", "00:01:02.171"]
    assert [c.get("title") for c in element] == ["Part 1", "Part 2", "Part 3"]


def test_show_notes_list_chapters_links_article_and_page() -> None:
    notes = show_notes_html(
        "First paragraph <b>not bold</b>.",
        _chapters(0, 30_000, 60_000),
        (RelatedLink("Other story", "https://example.org/other"), RelatedLink("Unlinked", None)),
        "https://example.org/story",
        "https://media.example.org/story.html",
    )
    tree = html.fragment_fromstring(notes, create_parent="div")
    assert tree.findtext("p") == "First paragraph <b>not bold</b>."  # text stays text
    items = [li.text_content() for li in tree.iter("li")]
    assert items[:3] == ["0:00 Part 1", "0:30 Part 2", "1:00 Part 3"]
    links = {a.text: a.get("href") for a in tree.iter("a")}
    assert links == {
        "Other story": "https://example.org/other",
        "Read the article": "https://example.org/story",
        "Episode page and transcript": "https://media.example.org/story.html",
    }
    assert "Unlinked" in items
    # Only the HTML Apple allows in show notes.
    assert {e.tag for e in tree.iter()} <= {"div", "p", "ul", "li", "a"}
    assert etree.tostring(tree)  # well-formed

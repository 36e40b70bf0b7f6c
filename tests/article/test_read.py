from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import CORPUS, SAMPLES, SEED, requires_corpus
from helpers import assert_one_line_error, run

from audio_article.article.read import detect_format, parse_article, parse_string
from audio_article.errors import InputError

SEED_HEADINGS = [
    None,
    "The Core Concession: Trading NATO for Guarantees",
    "The Negotiating Table: Trump’s Envoys and European Anxieties",
    "The Unresolved Equation: Territory and Trust",
    "A Critical Moment",
]


@requires_corpus()
def test_seed_article_structure() -> None:
    article = parse_article(SEED)
    assert article.title == "Ukraine Steps Back from NATO Plan as Peace Talks Show New Hope"
    assert [s.heading for s in article.sections] == SEED_HEADINGS
    assert [len(s.paragraphs) for s in article.sections] == [1, 3, 4, 2, 3]
    assert [r.title for r in article.related] == [
        "Historic Rains in Washington State Lead to Severe Flooding and Rescue Efforts",
        "US Forces Raid Ship Bound for Iran Amid Rising Gulf Tensions",
    ]
    narrated = " ".join(p for s in article.sections for p in s.paragraphs)
    assert "Also Read" not in narrated and "Historic Rains" not in narrated


def test_plain_text_sample() -> None:
    article = parse_article(SAMPLES / "night-reading-room.txt")
    assert article.title == "Riverside Library Opens a Night Reading Room for Shift Workers"
    assert article.author == "Mara Okafor"
    assert [s.heading for s in article.sections] == [
        None,
        "Why Nights Matter",
        "What It Costs",
        "What Visitors Will Find",
    ]
    assert article.dropped == ("ADVERTISEMENT",)
    assert len(article.related) == 2


def test_plain_text_byline_with_date() -> None:
    article = parse_string("A Title\nBy Jo Bloggs | Sept. 8, 2025\nBody text here.\n", "text", "x")
    assert article.author == "Jo Bloggs"
    assert article.date == dt.date(2025, 9, 8)


def test_plain_text_blank_line_paragraphs_are_joined() -> None:
    text = (
        "The Title\n\nFirst line of a wrapped\nparagraph continues here.\n\n"
        "Short Heading\n\nNext paragraph text.\n"
    )
    article = parse_string(text, "text", "x")
    assert article.sections[0].paragraphs == ("First line of a wrapped paragraph continues here.",)
    assert article.sections[1].heading == "Short Heading"


@requires_corpus()
def test_markdown_corpus() -> None:
    article = parse_article(CORPUS / "harbor-festival.md")
    assert article.title == "Harbor Festival Returns With Floating Stage"
    assert article.author == "Nadia Reyes"
    assert article.date == dt.date(2025, 6, 14)
    assert article.summary and article.summary.startswith("The waterfront festival")
    assert [s.heading for s in article.sections] == [
        None,
        "Getting There",
        "The Lineup",
        "Safety and Weather",
    ]


def test_markdown_sample_hides_markup() -> None:
    article = parse_article(SAMPLES / "harbour-swim.md")
    text = " ".join(p for s in article.sections for p in s.paragraphs)
    assert "https://" not in text and "**" not in text and "SWIM2025" not in text
    assert "full safety plan" in text
    assert "Elite swimmers at 7:30 a.m. Open waves from 8 a.m." in text
    assert any("code block" in d for d in article.dropped)


def test_markdown_tables_images_and_html_are_not_narrated() -> None:
    text = (
        "# T\n\nIntro ![alt text](http://img/x.png) here.\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n<div>raw</div>\n\nEnd.\n"
    )
    article = parse_string(text, "markdown", "x")
    spoken = " ".join(p for s in article.sections for p in s.paragraphs)
    assert spoken == "Intro here. End."
    assert {d.split(" ")[0] for d in article.dropped} == {"table", "raw"}


def test_markdown_related_section_becomes_links() -> None:
    text = "# T\n\nBody.\n\n## Related\n\n- [Other story](https://e.org/a)\n- Plain title\n"
    article = parse_string(text, "markdown", "x")
    assert [(r.title, r.url) for r in article.related] == [
        ("Other story", "https://e.org/a"),
        ("Plain title", None),
    ]
    assert [s.heading for s in article.sections] == [None]


def test_front_matter_cannot_build_objects() -> None:
    text = "---\ntitle: !!python/object/apply:os.system ['echo owned']\n---\n\nBody.\n"
    with pytest.raises(InputError, match="front matter"):
        parse_string(text, "markdown", "x")


def test_front_matter_must_be_a_mapping() -> None:
    with pytest.raises(InputError, match="mapping"):
        parse_string("---\n- a\n- b\n---\n# T\n\nBody.\n", "markdown", "x")


@pytest.mark.parametrize(
    "text,error",
    [("Only a title\n", "nothing to narrate"), ("\n\n", "no title"), ("# \n", "no title")],
)
def test_nothing_to_narrate(text: str, error: str) -> None:
    with pytest.raises(InputError, match=error):
        parse_string(text, "markdown" if text.startswith("#") else "text", "x")


@pytest.mark.parametrize(
    "name,text,expected",
    [
        ("a.md", "x", "markdown"),
        ("a.htm", "x", "html"),
        ("a", "<!DOCTYPE html><html>", "html"),
        ("a", "---\ntitle: x\n---\n", "markdown"),
        ("a", "Title\nBody.", "text"),
    ],
)
def test_detect_format(name: str, text: str, expected: str) -> None:
    assert detect_format(Path(name), text) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2025-02-30", "2025-02-30 is not a real date"),
        ("2025-13-01", "2025-13-01 is not a real date"),
        ("0000-00-00", "0000-00-00 is not a real date"),
        ("99999-01-01", "99999-01-01 is not a real date"),
        ("31/31/2025", "31/31/2025 is not a date"),
        ("[2025, 1]", "[2025, 1] is not a date"),
    ],
)
def test_impossible_front_matter_dates_name_the_file_and_key(tmp_path: Path, value: str, reason: str) -> None:
    path = tmp_path / "article.md"
    path.write_text(f"---\ntitle: Dated\ndate: {value}\n---\n\nSome words to narrate.\n", encoding="utf-8")
    assert_one_line_error(run("inspect", str(path)), f"{path}: front matter 'date': {reason}")


@pytest.mark.parametrize(
    ("value", "expected"), [("2025-01-05", "2025-01-05"), ("2025-01-05 10:30", "2025-01-05")]
)
def test_front_matter_dates_and_datetimes(value: str, expected: str) -> None:
    article = parse_string(f"---\ntitle: T\ndate: {value}\n---\n\nBody.\n", "markdown", "x.md")
    assert article.date == dt.date.fromisoformat(expected)


def test_impossible_byline_date_is_a_warning_and_no_date(caplog: pytest.LogCaptureFixture) -> None:
    article = parse_string("Title\n\nBy Jane Doe, 2025-02-30\n\nThe body is here.\n", "text", "a.txt")
    assert article.date is None and article.author == "Jane Doe"
    assert "a.txt: the date '2025-02-30'" in caplog.text and "not a real date" in caplog.text
    assert parse_string("Title\n\nBy Jane Doe, 2025-02-03\n\nThe body.\n", "text", "a.txt").date == dt.date(
        2025, 2, 3
    )


@pytest.mark.parametrize(
    "nest",
    [
        "> " * 30 + "A line quoted thirty deep.\n",
        "".join("  " * i + f"- item {i}\n" for i in range(30)),
        "".join("   " * i + f"1. step {i}\n" for i in range(30)),
        "> - " * 30 + "Quotes and lists in turn.\n",
        "> " * 500 + "A line quoted five hundred deep.\n",
    ],
)
def test_deep_markdown_nesting_keeps_the_later_paragraph(tmp_path: Path, nest: str) -> None:
    path = tmp_path / "deep.md"
    path.write_text(
        f"# Deep\n\nThe opening paragraph.\n\n{nest}\nThe later paragraph is read.\n", encoding="utf-8"
    )
    proc = run("inspect", "--spoken", "--json", str(path))
    assert proc.returncode == 0, proc.stderr
    said = " ".join(segment["text"] for segment in json.loads(proc.stdout)["segments"])
    assert "The later paragraph is read." in said
    deepest = nest.rstrip().rsplit("\n", 1)[-1].lstrip(" >-1.")
    assert deepest[:1].upper() + deepest[1:] in said  # the deepest text too

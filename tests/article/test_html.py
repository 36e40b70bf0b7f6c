"""HTML input: main text, metadata, sections, related links; nothing else narrated."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import CORPUS, FIXTURES, requires_corpus
from helpers import assert_one_line_error, run

from audio_article.article.read import parse_article, parse_string
from audio_article.errors import InputError

BOILERPLATE = ("Home", "Newsletter", "sign up", "inbox", "More from Local", "School lunch", "2025 Northfield")


def _spoken(proc_stdout: str) -> str:
    return proc_stdout.split("segments:", 1)[1]


@requires_corpus()
def test_library_robots_through_inspect_spoken() -> None:
    page = CORPUS / "library-robots.html"
    data = json.loads(run("inspect", str(page), "--json").stdout)
    assert data["title"] == "Library Robots Sort 10,000 Books a Day"
    assert data["author"] == "Tomas Lindqvist"
    assert data["date"] == "2025-09-08"
    assert [s["heading"] for s in data["sections"]] == [None, "How It Works", "Jobs and Budget"]
    spoken = run("inspect", str(page), "--spoken")
    assert spoken.returncode == 0, spoken.stderr
    narrated = _spoken(spoken.stdout)
    for fragment in BOILERPLATE:
        assert fragment.lower() not in narrated.lower(), fragment
    assert "ten thousand books" in narrated and "maker space" in narrated


def test_metadata_sections_and_related_links() -> None:
    article = parse_article(FIXTURES / "library-robots.html")
    assert article.title == "Library Robots Sort 10,000 Books a Day"
    assert article.author == "Tomas Lindqvist" and article.date == dt.date(2025, 9, 8)
    assert article.publication == "Northfield Gazette"
    assert article.image == "https://gazette.example.net/img/robots.jpg"
    assert [s.heading for s in article.sections] == [None, "How It Works", "Jobs and Budget"]
    assert [r.title for r in article.related] == ["School lunch prices rise"]
    assert article.related[0].url is None  # "/a/9" with no page URL to resolve it against


JSON_LD_PAGE = """<!doctype html><html lang="de-DE"><head>
<title>Ignored | Site</title>
<link rel="canonical" href="https://news.example.org/2024/harbour">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Example"},
  {"@type": "NewsArticle", "headline": "Harbour Crane Returns", "datePublished": "2024-03-02T08:00:00+01:00",
   "author": [{"@type": "Person", "name": "Ada Berg"}, {"@type": "Person", "name": "Ole Lund"}],
   "publisher": {"@type": "Organization", "name": "Harbour Post"}, "description": "A crane comes back."}]}
</script></head><body>
<div id="cookie-banner">We use cookies. Accept all?</div>
<header><nav><a href="/">Front page</a></nav></header>
<main><article>
<p>The old harbour crane returned to its pier on Saturday after a two-year restoration that cost the city far
less than its critics had predicted, according to the harbour office.</p>
<figure><img src="crane.jpg"><figcaption>The crane, photographed in 1962.</figcaption></figure>
<h2>A Long Repair</h2>
<p>Workers replaced every rivet in the jib and repainted the cabin in its original green, a colour the crew
matched from a paint chip found under the floor boards during the dismantling last spring.</p>
<h3>What Comes Next</h3>
<p>Visitors can climb into the cabin on weekends from May, and the crane will lift a ceremonial load of
herring crates at the harbour festival in June, the organisers said on Friday evening.</p>
<section class="related-articles"><h4>Read more</h4>
<a href="/2024/ferry">Ferry timetable changes</a><a href="https://other.example.com/x">Lighthouse open day</a>
</section>
</article></main>
<footer>Contact us. Imprint. All rights reserved.</footer>
</body></html>"""


def test_json_ld_metadata_and_h3_sections_without_captions_or_banners() -> None:
    article = parse_string(JSON_LD_PAGE, "html", "page.html")
    assert article.title == "Harbour Crane Returns"
    assert article.author == "Ada Berg and Ole Lund"
    assert article.publication == "Harbour Post" and article.date == dt.date(2024, 3, 2)
    assert article.summary == "A crane comes back." and article.language == "de"
    assert article.url == "https://news.example.org/2024/harbour"
    assert [s.heading for s in article.sections] == [None, "A Long Repair", "What Comes Next"]
    text = " ".join(p for s in article.sections for p in s.paragraphs)
    for fragment in ("cookies", "Front page", "photographed", "Contact us", "Ferry", "Read more"):
        assert fragment not in text
    assert [(r.title, r.url) for r in article.related] == [
        ("Ferry timetable changes", "https://news.example.org/2024/ferry"),
        ("Lighthouse open day", "https://other.example.com/x"),
    ]


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><script>alert(1)</script><style>p{}</style></head><body><script>x()</script></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    ],
)
def test_pages_without_article_text_are_refused(page: str) -> None:
    with pytest.raises(InputError):
        parse_string(page, "html", "page.html")


def test_entity_definitions_are_not_expanded(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">'
        + "".join(
            f'<!ENTITY {c} "&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};">'
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "]><html><body><h1>Bomb Test Headline</h1><p>"
        + "A perfectly ordinary paragraph about the weather in the valley, long enough for an article. " * 3
        + "&i;</p></body></html>"
    )
    path = tmp_path / "bomb.xhtml"
    path.write_text(bomb, encoding="utf-8")
    article = parse_article(path)
    text = " ".join(p for s in article.sections for p in s.paragraphs)
    assert len(text) < 2000 and "aaaaaaaaaa" not in text


def test_html_without_title_or_text_is_one_clear_line(tmp_path: Path) -> None:
    page = tmp_path / "scripts.html"
    page.write_text("<html><script>" + "var x = 1;" * 1000 + "</script></html>", encoding="utf-8")
    assert_one_line_error(run("build", str(page), "-o", str(tmp_path / "out")), "no article text")
    assert not (tmp_path / "out").exists()


def test_captions_are_read_where_the_picture_stands_when_asked() -> None:
    article = parse_string(JSON_LD_PAGE, "html", "page.html", captions=True)
    paragraphs = article.sections[0].paragraphs
    assert paragraphs[1] == "Picture: The crane, photographed in 1962."
    page = JSON_LD_PAGE.replace(
        '<figure><img src="crane.jpg"><figcaption>The crane, photographed in 1962.</figcaption></figure>',
        '<p><img src="/img/crane.jpg" alt="The crane against a grey sky"></p>',
    )
    described = parse_string(page, "html", "page.html", captions=True)
    assert "Picture: The crane against a grey sky." in described.sections[0].paragraphs
    assert not any("Picture" in p for p in parse_string(page, "html", "page.html").sections[0].paragraphs)


def test_impossible_page_dates_are_ignored_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    body = (
        "<p>" + "An ordinary paragraph about the weather in the valley, long enough to count. " * 4 + "</p>"
    )
    page = (
        '<html><head><title>Dated Page</title><meta property="article:published_time" content="2025-02-30">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-03-04"}</script>'
        f"</head><body><article><h1>Dated Page</h1>{body}</article></body></html>"
    )
    article = parse_string(page, "html", "page.html")
    assert article.date == dt.date(2025, 3, 4)  # the next date field that is real
    assert "page.html: the page's date '2025-02-30' is not a real date; ignored" in caplog.text


@pytest.mark.parametrize(
    ("encoding", "title", "body"),
    [
        ("koi8-r", "Библиотека открылась после ремонта", "Городская библиотека снова открыта для читателей."),
        ("iso-8859-2", "Łódź otwiera nową czytelnię", "Zażółć gęślą jaźń, mówią mieszkańcy Łodzi i Brna."),
        ("shift_jis", "図書館が再開しました", "市立図書館は改装工事を終えて再開しました。"),
    ],
)
def test_pages_in_their_declared_charset(tmp_path: Path, encoding: str, title: str, body: str) -> None:
    page = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<html><head><meta charset="{encoding}">'
        f"<title>{title}</title></head><body><article><h1>{title}</h1>"
        + f"<p>{body} {body} {body}</p>" * 3
        + "</article></body></html>"
    )
    path = tmp_path / "page.xhtml"
    path.write_bytes(page.encode(encoding))
    article = parse_article(path)
    assert article.title == title
    assert body in article.sections[0].paragraphs[0]


@pytest.mark.parametrize(
    "nest", ["<div>{}</div>", "<ul><li>{}</li></ul>", "<blockquote><span>{}</span></blockquote>"]
)
def test_text_inside_and_after_a_nest_1000_deep_is_kept(tmp_path: Path, nest: str) -> None:
    inner = "<p>Inside the nest there is a sentence worth reading aloud.</p>"
    for _ in range(1000):
        inner = nest.format(inner)
    intro = (
        "<p>" + "The opening paragraph tells the reader what this article is about, at length. " * 3 + "</p>"
    )
    page = tmp_path / "deep.html"
    page.write_text(
        f"<html><head><title>Deep Page</title></head><body><article><h1>Deep Page</h1>{intro}{inner}"
        "<p>The closing paragraph after the nest must still be narrated to listeners.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    proc = run("inspect", "--spoken", str(page))
    assert proc.returncode == 0, proc.stderr
    assert "Inside the nest there is a sentence" in proc.stdout
    assert "The closing paragraph after the nest must still be narrated" in proc.stdout

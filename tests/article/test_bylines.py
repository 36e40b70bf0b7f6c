from __future__ import annotations

import datetime as dt

import pytest

from audio_article.article.bylines import read_credit_line, split_dateline
from audio_article.article.read import parse_string
from audio_article.models import Article

BODY = "The council voted late on Monday to approve the plan. It passed by a wide margin."
MARCH_3 = dt.date(2025, 3, 3)

# (metadata lines under the title, author, date)
LAYOUTS = [
    ("By Maria Okafor | March 3, 2025, 11:45 p.m. ET", "Maria Okafor", MARCH_3),
    ("By Kwame Osei, Reuters", "Kwame Osei", None),
    ("By Maria Okafor and Kwame Osei", "Maria Okafor and Kwame Osei", None),
    ("By Ana Ruiz, Ben Cole and Cy Dunn • 3 March 2025", "Ana Ruiz, Ben Cole and Cy Dunn", MARCH_3),
    ("By Jo Ng, Staff Writer | Mar. 3, 2025", "Jo Ng", MARCH_3),
    ("By Jane Doe, 2025-03-03", "Jane Doe", MARCH_3),
    ("BY MARIA OKAFOR", "Maria Okafor", None),
    ("By José Müller and Zoë de la Cruz", "José Müller and Zoë de la Cruz", None),
    ("Maria Okafor — NAIROBI, March 3, 2025", "Maria Okafor", MARCH_3),
    ("Published March 3, 2025", None, MARCH_3),
    ("Published: 9:41 AM EST, Mon March 3, 2025", None, MARCH_3),
    ("Updated March 3, 2025", None, MARCH_3),
    ("Last updated: March 3, 2025 at 9:00 a.m.", None, MARCH_3),
    ("Posted on March 3, 2025 by Maria Okafor", "Maria Okafor", MARCH_3),
    ("March 3, 2025", None, MARCH_3),
    ("Updated 2 hours ago", None, None),
    ("By Maria Okafor\nPublished March 3, 2025 | Updated March 4, 2025", "Maria Okafor", MARCH_3),
    ("By Maria Okafor\nUpdated March 4, 2025\nPublished March 3, 2025", "Maria Okafor", MARCH_3),
]

# Lines that open with a byline's or a stamp's word but are text.
FALSE_POSITIVES = [
    "By 2030, the city will have doubled its fleet of electric buses.",
    "By the time the council voted, it was nearly midnight.",
    "By Monday, the council had agreed to the plan.",
    "Published reports say the mayor will resign.",
    "Updated figures show a rise in rents across the city.",
    "Posted signs warn drivers of the closures.",
    "Council Votes — Budget Passes",
]


def _spoken_text(article: Article) -> str:
    return " ".join([article.title, *(t for s in article.sections for t in (s.heading, *s.paragraphs) if t)])


@pytest.mark.parametrize(("lines", "author", "date"), LAYOUTS)
@pytest.mark.parametrize("blank_lines", [True, False])
def test_plain_text_byline_layouts_become_metadata(
    lines: str, author: str | None, date: dt.date | None, blank_lines: bool
) -> None:
    sep = "\n\n" if blank_lines else "\n"
    # The byline on the line under the title, as the CMS pastes it (no blank line between).
    text = f"City Council Approves Transit Budget\n{lines}{sep}{BODY}{sep}It takes effect in June.\n"
    article = parse_string(text, "text", "a.txt")
    assert article.title == "City Council Approves Transit Budget"
    assert (article.author, article.date) == (author, date)
    assert article.sections[0].paragraphs[0] == BODY
    for line in lines.splitlines():
        assert line not in _spoken_text(article)


@pytest.mark.parametrize(("lines", "author", "date"), LAYOUTS[:10])
def test_markdown_and_html_bylines_in_the_body_become_metadata(
    lines: str, author: str | None, date: dt.date | None
) -> None:
    paragraphs = "\n\n".join(lines.splitlines())
    markdown = parse_string(f"# Transit Budget Passes\n\n{paragraphs}\n\n{BODY}\n", "markdown", "a.md")
    tags = "".join(f"<p>{line}</p>" for line in lines.splitlines())
    body = f"<h1>Transit Budget Passes</h1>{tags}<p>{BODY} {BODY}</p>"
    page = f"<html><body><article>{body}</article></body></html>"
    html = parse_string(page, "html", "a.html")
    for article in (markdown, html):
        assert article.title == "Transit Budget Passes"
        assert (article.author, article.date) == (author, date)
        assert not any(line in _spoken_text(article) for line in lines.splitlines())


def test_front_matter_wins_over_a_byline_in_the_body() -> None:
    front = "---\nauthor: Nadia Reyes\ndate: 2025-06-14\n---\n"
    text = f"{front}# Title\n\nBy Maria Okafor | March 3, 2025\n\nBody.\n"
    article = parse_string(text, "markdown", "a.md")
    assert (article.author, article.date) == ("Nadia Reyes", dt.date(2025, 6, 14))
    assert article.sections[0].paragraphs == ("Body.",)


@pytest.mark.parametrize("line", FALSE_POSITIVES)
def test_sentences_that_open_like_bylines_stay_text(line: str) -> None:
    assert read_credit_line(line) is None
    article = parse_string(f"A Title\n\n{line}\n\n{BODY}\n", "text", "a.txt")
    assert article.author is None and article.date is None
    assert line in _spoken_text(article)


@pytest.mark.parametrize(
    ("paragraph", "place", "rest"),
    [
        ("NAIROBI, Kenya — The council voted.", "Nairobi, Kenya", "The council voted."),
        ("WASHINGTON (AP) — The Senate voted.", "Washington", "The Senate voted."),
        ("SÃO PAULO, March 3 — Rain fell all day.", "São Paulo", "Rain fell all day."),
        ("SAN JOSE, Calif., March 3, 2025 — Rain.", "San Jose, Calif.", "Rain."),
        ("PARIS—Rain fell.", "Paris", "Rain fell."),
    ],
)
def test_datelines_keep_their_place_and_the_sentence_after_the_dash(
    paragraph: str, place: str, rest: str
) -> None:
    credits, text = split_dateline(paragraph)
    assert credits is not None and credits.place == place
    assert text == rest
    article = parse_string(f"A Title\n\n{paragraph}\n\n{BODY}\n", "text", "a.txt")
    assert article.place == place
    assert article.sections[0].paragraphs[0] == rest


@pytest.mark.parametrize(
    "paragraph",
    [
        "NASA said on Monday — twice — that it would wait.",
        "The city — at last — voted.",
        "I — too.",
        "NATO — the alliance of 32 countries — met on Friday.",  # an aside opens the sentence
    ],
)
def test_dashes_inside_sentences_are_no_datelines(paragraph: str) -> None:
    assert split_dateline(paragraph) == (None, paragraph)


def test_a_dateline_only_opens_the_first_paragraph() -> None:
    article = parse_string(f"A Title\n\n{BODY}\n\nLONDON — Later, rain fell.\n", "text", "a.txt")
    assert article.place is None
    assert article.sections[0].paragraphs[1] == "LONDON — Later, rain fell."


def test_an_agency_credit_is_the_publication_when_none_is_given() -> None:
    article = parse_string(f"A Title\nBy Kwame Osei, Reuters\n\n{BODY}\n", "text", "a.txt")
    assert (article.author, article.publication) == ("Kwame Osei", "Reuters")


def test_html_byline_element_is_read_before_trafilaturas_guess() -> None:
    body = (
        f'<h1>Osei Joins Bayern</h1><p class="byline">By Tom Hadley | August 28, 2025</p><p>{BODY} {BODY}</p>'
    )
    article = parse_string(f"<html><body><article>{body}</article></body></html>", "html", "a.html")
    assert (article.author, article.date) == ("Tom Hadley", dt.date(2025, 8, 28))
    assert "Hadley" not in _spoken_text(article)

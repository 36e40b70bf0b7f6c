from __future__ import annotations

from pathlib import Path

import pytest

from audio_article.article.read import parse_article, parse_string
from audio_article.models import Article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LONG = "The study will continue next year, with more stations planned in the mountains and on the coast."


def _read_text(article: Article) -> str:
    return " ".join(t for s in article.sections for t in (s.heading, *s.paragraphs) if t)


def test_markdown_footnote_markers_and_definitions_are_not_text() -> None:
    article = parse_article(FIXTURES / "footnote-article.md")
    text = _read_text(article)
    assert "[^" not in text and "^" not in text
    assert "The report blames climate change. The continent warms" in text
    assert "Nature" not in text and "1950" not in text and "Funding" not in text
    assert article.sections[-1].paragraphs == ("More measuring stations will be built next year.",)
    # Notes in the order they are referred to; a note's paragraphs stay together.
    assert article.notes == (
        "The report was published in the journal Nature. Its authors are from eleven countries.",
        "Measured against the average since 1950.",
        "Funding is still being sought.",
    )
    notes = [d for d in article.dropped if d.startswith("footnote")]
    assert len(notes) == 3 and notes[0].startswith("footnote 1 (The report was published in the journal")
    assert notes[1:] == [
        "footnote 2 (Measured against the average since 1950.)",
        "footnote 3 (Funding is still being sought.)",
    ]


def test_markdown_inline_footnotes_and_lists_inside_notes() -> None:
    note = "[^a]: Sources:\n\n    - the city\n    - the state\n"
    text = f"# T\n\nIt rose sharply^[By a third.] last year.[^a]\n\n{note}"
    article = parse_string(text, "markdown", "a.md")
    assert article.sections[0].paragraphs == ("It rose sharply last year.",)
    assert article.notes == ("By a third.", "Sources: The city. The state.")


_HTML_BODY = (
    "<p>The report blames climate change.{m1} The continent warms faster than the world, they said.</p>"
    "<p>It names the worst years on record.{m2} Those came in the last decade, the team said.</p>"
    f"<p>{LONG}</p>{{notes}}"
)
HTML_LAYOUTS = {
    "pandoc": (
        '<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a>',
        '<a href="#fn2" class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a>',
        '<section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes"><hr /><ol>'
        '<li id="fn1"><p>Note one.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>'
        '<li id="fn2"><p>Note two.<a href="#fnref2" class="footnote-back" role="doc-backlink">↩︎</a></p></li>'
        "</ol></section>",
    ),
    "markdown-it": (
        '<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>',
        '<sup class="footnote-ref"><a href="#fn2" id="fnref2">[2]</a></sup>',
        '<hr class="footnotes-sep"><section class="footnotes"><ol class="footnotes-list">'
        '<li id="fn1" class="footnote-item"><p>Note one. '
        '<a href="#fnref1" class="footnote-backref">↩︎</a></p></li>'
        '<li id="fn2" class="footnote-item"><p>Note two. '
        '<a href="#fnref2" class="footnote-backref">↩︎</a></p></li>'
        "</ol></section>",
    ),
    "wordpress": (
        '<sup data-fn="a1" class="fn"><a href="#a1" id="a1-link">1</a></sup>',
        '<sup data-fn="b2" class="fn"><a href="#b2" id="b2-link">2</a></sup>',
        '<ol class="wp-block-footnotes"><li id="a1">Note one. <a href="#a1-link">↩︎</a></li>'
        '<li id="b2">Note two. <a href="#b2-link">↩︎</a></li></ol>',
    ),
    "wikipedia": (
        '<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup>',
        '<sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[2]</a></sup>',
        '<h2>References</h2><ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink"><b>'
        '<a href="#cite_ref-1">^</a></b></span> <span class="reference-text">Note one.</span></li>'
        '<li id="cite_note-2"><span class="mw-cite-backlink"><b><a href="#cite_ref-2">^</a></b></span> '
        '<span class="reference-text">Note two.</span></li></ol>',
    ),
    "dpub-aside": (
        '<a href="#n1" role="doc-noteref">1</a>',
        '<a href="#n2" role="doc-noteref">2</a>',
        '<aside role="doc-footnote" id="n1">Note one.</aside>'
        '<aside role="doc-footnote" id="n2">Note two.</aside>',
    ),
}


@pytest.mark.parametrize("layout", HTML_LAYOUTS)
def test_html_footnote_markers_and_notes_are_not_text(layout: str) -> None:
    m1, m2, notes = HTML_LAYOUTS[layout]
    body = _HTML_BODY.format(m1=m1, m2=m2, notes=notes)
    page = f"<html><body><article><h1>Glaciers Retreat</h1>{body}</article></body></html>"
    article = parse_string(page, "html", "a.html")
    text = _read_text(article)
    assert "The report blames climate change. The continent warms" in text
    assert "It names the worst years on record. Those came" in text
    assert "Note one" not in text and "Note two" not in text and "↩" not in text
    assert not any(c.isdigit() for c in text), text
    assert article.notes == ("Note one.", "Note two.")
    assert "footnote 2 (Note two.)" in article.dropped


def test_plain_text_markers_and_notes_section() -> None:
    text = (
        "Glaciers Retreat\n\nThe report blames climate change.[1] The continent warms fast.[2][3]\n\n"
        f"{LONG}\n\nNotes\n\n[1] Note one.\n[2] Note two.\n[3] Note three.\n"
    )
    article = parse_string(text, "text", "a.txt")
    assert _read_text(article) == f"The report blames climate change. The continent warms fast. {LONG}"
    assert article.notes == ("Note one.", "Note two.", "Note three.")


def test_plain_text_references_section_of_numbered_lines_without_markers() -> None:
    text = f"Glaciers Retreat\n\n{LONG}\n\nReferences\n\n1. A report, 2024.\n2. Another report, 2025.\n"
    article = parse_string(text, "text", "a.txt")
    assert article.notes == ("A report, 2024.", "Another report, 2025.")
    assert "References" not in _read_text(article)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The vote was 12 [to] 3, a record.",
        "Seats [1] and [2] were empty.",  # spaced: not glued to a word, so not a marker
    ],
)
def test_brackets_that_are_not_markers_stay(paragraph: str) -> None:
    article = parse_string(f"A Title\n\n{paragraph}\n\n{LONG}\n", "text", "a.txt")
    assert article.sections[0].paragraphs[0] == paragraph
    assert article.notes == ()


def test_a_notes_section_of_prose_stays_text() -> None:
    text = f"Liner Notes Revisited\n\n{LONG}\n\nNotes\n\nThe band wrote these on tour, in a van.\n"
    article = parse_string(text, "text", "a.txt")
    assert article.notes == ()
    assert "The band wrote these on tour, in a van." in _read_text(article)


def test_a_markdown_footnote_nothing_refers_to_is_listed_as_dropped() -> None:
    text = "# Title\n\nSome text here.[^1] More text.\n\n[^1]: Referenced note.\n[^orphan]: Never used.\n"
    article = parse_string(text, "markdown", "article.md")
    assert "Never used" not in _read_text(article)
    assert [d for d in article.dropped if d.startswith("footnote")] == [
        "footnote 1 (Referenced note.)",
        "footnote [^orphan] (never referred to)",
    ]

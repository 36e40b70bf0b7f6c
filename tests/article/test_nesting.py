"""Flattening HTML nested deeper than lxml reads."""

from __future__ import annotations

from lxml import html

from audio_article.article.nesting import flatten_html


def _depth(tree: html.HtmlElement) -> int:
    return max(len(list(element.iterancestors())) for element in tree.iter())


def test_flattening_caps_the_depth_and_keeps_text_entities_and_shallow_markup() -> None:
    page = (
        "<!DOCTYPE html><html><body><!-- note --><p class='a'>Caf&eacute; &#233; &amp; <br>co</p>"
        + "<div><span>" * 300
        + "deep words"
        + "</span></div>" * 300
        + "<p>after</p></body></html>"
    )
    flat, dropped = flatten_html(page, max_depth=50)
    assert dropped == 600 - 48  # html and body count too
    assert flat.startswith(
        "<!DOCTYPE html><html><body><!-- note --><p class='a'>Caf&eacute; &#233; &amp; <br>co</p>"
    )
    tree = html.document_fromstring(flat)
    assert _depth(tree) <= 51
    text = tree.text_content()
    assert "Café é & co" in text and "deep words" in text and text.endswith("after")


def test_unclosed_list_items_and_cells_do_not_count_as_nesting() -> None:
    page = (
        "<html><body><ul>"
        + "<li>item" * 500
        + "</ul><table>"
        + "<tr><td>a<td>b" * 500
        + "</table></body></html>"
    )
    flat, dropped = flatten_html(page, max_depth=10)
    assert dropped == 0 and flat == page

"""Property-based fuzzing of the readers and the normalizer: only the project's own errors come out."""

from __future__ import annotations

import ast
import contextlib
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from audio_article.article.decode import decode_text
from audio_article.article.read import parse_string
from audio_article.errors import InputError
from audio_article.script.normalize.normalizer import normalize_text
from audio_article.show.feed import _PARSER
from audio_article.textutil import is_speakable

# CI runs 250 examples per property; set AUDIO_ARTICLE_FUZZ_EXAMPLES for a longer hunt.
FUZZ = settings(
    max_examples=int(os.environ.get("AUDIO_ARTICLE_FUZZ_EXAMPLES", "250")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Text that looks like articles often enough to get past the first checks.
_WORDS = st.sampled_from(
    [
        "The",
        "council",
        "voted",
        "on",
        "3",
        "March",
        "2024",
        "$1.5m",
        "Dr.",
        "—",
        "#",
        "##",
        "-",
        "*",
        ">",
        "<p>",
        "</p>",
        "<h2>",
        "</h2>",
        "&amp;",
        "&nbsp;",
        "[link](http://x)",
        "`code`",
        "---",
        "\n",
        "\n\n",
        "🎉",
        "שלום",
        "e\u0301",
        "\x00",
        "\ufeff",
        "%",
        "1/2",
        "10:30",
        "a.m.",
        "No.",
        "IV",
        "CO2",
        "€5",
    ]
)
ARTICLE_LIKE = st.lists(_WORDS, max_size=80).map(" ".join)
ANY_TEXT = st.text(max_size=400)


@FUZZ
@given(text=st.one_of(ARTICLE_LIKE, ANY_TEXT), fmt=st.sampled_from(["text", "markdown", "html"]))
def test_parsers_raise_only_input_errors(text: str, fmt: str) -> None:
    try:
        article = parse_string(text, fmt, "fuzz")  # type: ignore[arg-type]
    except InputError:
        return
    assert article.title.strip()
    assert all(p.strip() for s in article.sections for p in s.paragraphs)


_TAGS = st.sampled_from(
    [
        "p",
        "div",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "ul",
        "li",
        "aside",
        "nav",
        "script",
        "style",
        "figure",
        "figcaption",
        "table",
        "td",
        "span",
        "a",
        "section",
        "footer",
    ]
)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    def node(depth: int) -> str:
        tag = draw(_TAGS)
        children = draw(st.lists(st.one_of(ARTICLE_LIKE, st.just("")), max_size=3))
        inner = " ".join(children)
        if depth < 4 and draw(st.booleans()):
            inner += node(depth + 1)
        attrs = draw(st.sampled_from(["", ' class="related"', ' id="cookie-banner"', ' class="promo"']))
        return f"<{tag}{attrs}>{inner}</{tag}>"

    meta = draw(
        st.sampled_from(
            [
                "",
                '<meta property="og:title" content="Fuzzed &amp; Title">',
                '<script type="application/ld+json">{"@type": "NewsArticle", "headline": 5}</script>',
                '<script type="application/ld+json">not json</script>',
            ]
        )
    )
    body = "".join(node(0) for _ in range(draw(st.integers(1, 5))))
    return f"<html><head>{meta}</head><body>{body}</body></html>"


@FUZZ
@given(page=html_pages())
def test_html_structures_raise_only_input_errors(page: str) -> None:
    with contextlib.suppress(InputError):
        parse_string(page, "html", "fuzz.html")


@FUZZ
@given(data=st.binary(max_size=600))
def test_decoding_any_bytes_gives_text_or_input_error(data: bytes) -> None:
    try:
        text = decode_text(data, "fuzz")
    except InputError:
        return
    assert "\x00" not in text and "\r" not in text


@FUZZ
@given(text=st.one_of(ARTICLE_LIKE, ANY_TEXT))
def test_normalized_text_holds_only_speakable_characters(text: str) -> None:
    spoken = normalize_text(text)
    assert all(is_speakable(c) for c in spoken), [c for c in spoken if not is_speakable(c)]


def test_xml_entity_bombs_are_not_expanded() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE item [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY {c} "&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};">'.encode()
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + b"]><item><title>&i;</title></item>"
    )
    try:
        item = etree.fromstring(bomb, _PARSER)
    except etree.XMLSyntaxError:
        return
    assert len(etree.tostring(item)) < 1000
    external = (
        b'<?xml version="1.0"?><!DOCTYPE item [<!ENTITY x SYSTEM "file:///etc/passwd">]><item>&x;</item>'
    )
    with contextlib.suppress(etree.XMLSyntaxError):
        assert b"root:" not in etree.tostring(etree.fromstring(external, _PARSER))


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def test_no_shell_anywhere() -> None:
    """Subprocesses get argument lists: no shell=True, os.system, os.popen or getoutput in the package."""
    package = Path(__file__).resolve().parent.parent / "audio_article"
    offenders = []
    for path in package.rglob("*.py"):
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            name = ast.unparse(call.func)
            if name in ("os.system", "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput"):
                offenders.append(f"{path.name}: {name}")
            for keyword in call.keywords:
                if keyword.arg == "shell" and not (
                    isinstance(keyword.value, ast.Constant) and keyword.value.value is False
                ):
                    offenders.append(f"{path.name}: {name}(shell=...)")
    assert offenders == []


@pytest.mark.parametrize("title", ["Fish & Chips <b>Bold</b> ]]> \"quoted\" 'single'", "Ctrl\x0bchar"])
def test_item_xml_survives_markup_in_titles(tmp_path: Path, fake_voice: Path, title: str) -> None:
    import feedparser

    from audio_article.pipeline.build import BuildOptions, build

    source = tmp_path / "a.md"
    front = json.dumps({"title": title})  # YAML reads JSON; \u000b escapes reach the title
    source.write_text(f"---\n{front}\n---\n\nA paragraph with enough words to say.\n", encoding="utf-8")
    episode = build(source, BuildOptions(output_dir=tmp_path / "out", voice=str(fake_voice)))
    item = re.sub(r"^<\?xml[^>]*\?>", "", episode.item_xml.read_text(encoding="utf-8"))
    parsed = feedparser.parse(f"<rss><channel>{item}</channel></rss>")
    assert not parsed.bozo and parsed.entries[0].title == title.replace("\x0b", " ")

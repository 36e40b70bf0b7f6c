"""Markdown articles: YAML front matter, `#` title, `##`/`###` sections.

Lists, quotes and emphasis are narrated as prose; link and image URLs, code,
tables and raw HTML are never read out (they are listed as dropped so
`inspect` shows them). Front matter goes through `yaml.safe_load`, which
refuses tags that would build Python objects.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from typing import Any

import yaml
from markdown_it.token import Token

from audio_article.article.footnotes import dropped_notes
from audio_article.article.language import declared
from audio_article.article.nesting import markdown_parser
from audio_article.article.passages import CLOSE, OPEN, SEP, mark, plain
from audio_article.errors import InputError
from audio_article.models import Article, RelatedLink, Section
from audio_article.textutil import ends_sentence, is_trailer_marker, read_date, squash

log = logging.getLogger(__name__)

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


class _FrontMatterLoader(yaml.SafeLoader):
    """safe_load, but dates stay strings: YAML's own date building raises a bare
    ValueError on "2025-02-30"; `_meta_date` checks them and names the key."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(loader.construct_scalar(node))  # type: ignore[arg-type]  # timestamps are scalars


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def parse_markdown(text: str, source_name: str, base_dir: Path | None = None) -> Article:
    """Parse a Markdown article (front matter, headings, paragraphs, related links) into an `Article`."""
    meta, body = _front_matter(text, source_name)
    env: dict[str, Any] = {}
    tokens = markdown_parser().parse(body, env)
    if env.get("flattened_lines"):
        log.info(
            "%s: %d lines nested too deep are read as plain paragraphs", source_name, env["flattened_lines"]
        )
    walker = _Walker()
    walker.walk(tokens)
    title = _meta_str(meta, "title") or walker.title or ""
    sections = walker.sections()
    if sections and sections[0].heading and squash(sections[0].heading) == squash(title):
        sections = (Section(None, sections[0].paragraphs), *sections[1:])
    return Article(
        title=title,
        sections=tuple(s for s in sections if s.paragraphs),
        source_format="markdown",
        source_name=source_name,
        author=_meta_author(meta),
        publication=_meta_str(meta, "publication", "site", "publisher"),
        date=_meta_date(meta, "date", source_name),
        summary=_meta_str(meta, "summary", "description", "subtitle"),
        image=_resolve_image(_meta_str(meta, "image", "cover"), base_dir),
        local_files=_local_image(_meta_str(meta, "image", "cover"), base_dir),
        url=_meta_str(meta, "url", "link", "canonical_url"),
        language=declared(_meta_str(meta, "language", "lang")),  # "": detected (language.py)
        guid=_meta_str(meta, "guid", "id"),
        place=_meta_str(meta, "place", "location", "dateline"),
        related=tuple(walker.related),
        dropped=(*walker.dropped, *dropped_notes(tuple(walker.notes)), *_unreferenced_notes(env)),
        notes=tuple(walker.notes),
    )


def _front_matter(text: str, source_name: str) -> tuple[dict[str, Any], str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.load(match["yaml"], Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        reason = str(exc).splitlines()[0]
        raise InputError(f"{source_name}: invalid front matter ({reason})") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{source_name}: front matter must be a mapping of keys to values")
    return data, text[match.end() :]


def _meta_str(meta: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, (str, int, float)) and str(value).strip():
            return squash(str(value))
    return None


def _meta_date(meta: dict[str, Any], key: str, source_name: str) -> dt.date | None:
    """The front matter's date, or None when there is none; anything else in it is an error."""
    value = meta.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        if not isinstance(value, str):
            raise ValueError("is not a date (write it as YYYY-MM-DD)")
        return read_date(value)
    except ValueError as exc:
        raise InputError(f"{source_name}: front matter {key!r}: {squash(str(value))[:60]} {exc}") from exc


def _meta_author(meta: dict[str, Any]) -> str | None:
    value = meta.get("author") or meta.get("authors")
    if isinstance(value, list):
        names = [squash(str(v)) for v in value if isinstance(v, (str, int))]
        return " and ".join(n for n in names if n) or None
    if isinstance(value, dict):
        return _meta_str(value, "name")
    return _meta_str(meta, "author")


def _unreferenced_notes(env: dict[str, Any]) -> list[str]:
    """Footnote definitions no marker refers to: markdown-it drops their text, so say they were there."""
    refs = env.get("footnotes", {}).get("refs", {})
    return [f"footnote [^{label[1:]}] (never referred to)" for label, index in refs.items() if index == -1]


def _local_image(value: str | None, base_dir: Path | None) -> tuple[str, ...]:
    """The local file an image reference names, whether it is there or not (it may come later)."""
    if not value or re.match(r"^https?://", value):
        return ()
    return (str(((base_dir / value) if base_dir else Path(value)).resolve()),)


def _resolve_image(value: str | None, base_dir: Path | None) -> str | None:
    if value and re.match(r"^https?://", value):
        return value
    return next((name for name in _local_image(value, base_dir) if Path(name).is_file()), None)


class _Walker:
    """Turns markdown-it block tokens into title, sections and related links."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.dropped: list[str] = []
        self.related: list[RelatedLink] = []
        self.notes: list[str] = []  # footnote texts, in the order they are referred to
        self._note: list[str] | None = None  # the paragraphs of the footnote being read
        self._sections: list[tuple[str | None, list[str]]] = [(None, [])]
        self._in_related = False
        self._list_items: list[str] | None = None
        self._list_depth = 0
        self._quote_languages: list[str | int | float | None] = [None]  # of the block quotes open

    def sections(self) -> tuple[Section, ...]:
        return tuple(Section(h, tuple(p)) for h, p in self._sections if p or h)

    def walk(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.type == "heading_open":
                self._heading(tok.tag, _inline_text(tokens[i + 1]))
                i += 3
                continue
            if tok.type in ("bullet_list_open", "ordered_list_open"):
                self._list_depth += 1
                if self._list_depth == 1:
                    self._list_items = []
            elif tok.type in ("bullet_list_close", "ordered_list_close"):
                self._list_depth -= 1
                if self._list_depth == 0:
                    self._flush_list()
            elif tok.type in ("footnote_open", "footnote_close"):
                self._footnote(tok.type == "footnote_open")
            elif tok.type in ("blockquote_open", "blockquote_close"):
                self._quote(tok)
            elif tok.type == "inline" and tokens[i - 1].type == "paragraph_open":
                self._paragraph(tokens[i], tokens[i - 1].attrs.get("lang") or self._quote_languages[-1])
            elif tok.type in ("fence", "code_block"):
                self.dropped.append(f"code block ({len(tok.content.splitlines())} lines)")
            elif tok.type == "html_block":
                self.dropped.append(f"raw HTML ({squash(tok.content)[:60]})")
            elif tok.type == "table_open":
                close = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
                self.dropped.append(f"table ({sum(1 for t in tokens[i:close] if t.type == 'tr_open')} rows)")
                i = close
            i += 1

    def _heading(self, tag: str, text: str) -> None:
        if not text:
            return
        if tag == "h1" and self.title is None:
            self.title = text
            return
        self._in_related = bool(is_trailer_marker(text))
        if not self._in_related:
            self._sections.append((text, []))

    def _quote(self, tok: Token) -> None:
        """A `{lang=de}` block quote: its paragraphs are a passage in that language."""
        if tok.type == "blockquote_open":
            self._quote_languages.append(tok.attrs.get("lang") or self._quote_languages[-1])
        elif len(self._quote_languages) > 1:
            self._quote_languages.pop()

    def _paragraph(self, inline: Token, language: str | int | float | None = None) -> None:
        text = _inline_text(inline)
        if language and text and not self._in_related:
            text = mark(plain(text), str(language))
        if self._in_related:
            url = _first_link(inline)
            if text:
                self.related.append(RelatedLink(text, url))
            return
        if not text:
            return
        if self._list_items is not None:
            self._list_items.append(text)
        else:
            self._target().append(text)

    def _target(self) -> list[str]:
        """Where a paragraph goes: the footnote being read, else the current section."""
        return self._note if self._note is not None else self._sections[-1][1]

    def _footnote(self, opening: bool) -> None:
        """A footnote definition's paragraphs become one note, never a paragraph of the body."""
        if opening:
            self._note = []
            return
        if self._note:
            self.notes.append(" ".join(self._note))
        self._note = None

    def _flush_list(self) -> None:
        items, self._list_items = self._list_items or [], None
        if items:
            # A list is read as one paragraph of sentences, so each item gets
            # the short pause of a sentence end rather than running on.
            self._target().append(" ".join(_as_sentence(it) for it in items))


def _as_sentence(item: str) -> str:
    """A list item read as a sentence: capitalised, with a full stop."""
    item = item[:1].upper() + item[1:]
    return item if ends_sentence(item) else item + "."


def _inline_text(token: Token) -> str:
    """The speakable text of an inline token: link text yes, URLs, images and HTML no."""
    parts: list[str] = []
    spans: list[bool] = []  # whether each open span is a passage (`[mot]{lang=fr}`)
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "span_open":
            spans.append(bool(child.attrs.get("lang")))
            parts.append(f"{OPEN}{child.attrs['lang']}{SEP}" if spans[-1] else "")
        elif child.type == "span_close" and spans:
            parts.append(CLOSE if spans.pop() else "")
    return squash("".join(parts))


def _first_link(token: Token) -> str | None:
    for child in token.children or []:
        if child.type == "link_open":
            href = child.attrGet("href")
            return str(href) if href else None
    return None

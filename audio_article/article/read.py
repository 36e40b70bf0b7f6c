"""Parse stage: an article file in any supported format -> `Article`."""

from __future__ import annotations

import logging
import re
import urllib.parse
from dataclasses import replace
from pathlib import Path
from typing import Literal

from audio_article.article.bylines import with_credits
from audio_article.article.language import with_language
from audio_article.article.plain import parse_text
from audio_article.article.safe_text import sanitized
from audio_article.article.source import load_file
from audio_article.errors import InputError
from audio_article.models import Article, SourceDocument, SourceFormat
from audio_article.textutil import is_url

log = logging.getLogger(__name__)

FormatChoice = Literal["auto", "text", "markdown", "html"]
MAX_TITLE_CHARS = 300
# About 29 hours at 175 words a minute: more than any audio edition, and a build
# that size would take hours; a bigger input is almost surely not one article.
MAX_WORDS = 300_000
SUFFIX_FORMATS: dict[str, SourceFormat] = {  # article files: what each file name suffix means
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}
ARTICLE_SUFFIXES = tuple(SUFFIX_FORMATS)  # the files a folder given to `publish` contributes


def parse_article(ref: str | Path, fmt: FormatChoice = "auto", captions: bool = False) -> Article:
    """Read (or fetch) and parse an article; raise InputError when there is nothing to narrate."""
    doc = load_source(ref)
    if fmt != "auto":
        source_format: SourceFormat = fmt
    elif doc.format_hint in ("html", "markdown"):
        source_format = doc.format_hint
    else:  # a file, or a URL served as text/plain (often Markdown): the name decides, then the content
        name = urllib.parse.urlsplit(doc.url).path if doc.url else doc.name
        source_format = detect_format(Path(name), doc.text)
    log.info("parsing %s as %s", doc.name, source_format)
    return parse_string(
        doc.text, source_format, doc.name, base_dir=doc.base_dir, url=doc.url, captions=captions
    )


def load_source(ref: str | Path) -> SourceDocument:
    """Read a file, or fetch a URL (`fetch` refuses all but http and https), into a `SourceDocument`."""
    if isinstance(ref, str) and is_url(ref):
        from audio_article.article.fetch import fetch  # urllib's HTTP machinery, only when fetching

        return fetch(ref)
    return load_file(ref)


def parse_string(
    text: str,
    source_format: SourceFormat,
    source_name: str,
    base_dir: Path | None = None,
    url: str | None = None,
    captions: bool = False,
) -> Article:
    """Parse text of a known format; `captions` reads web pages' figure captions where they stand."""
    # Each parser is imported when its format comes (markdown-it and lxml take 50-100 ms to import).
    if source_format == "markdown":
        from audio_article.article.markdown import parse_markdown

        article = parse_markdown(text, source_name, base_dir)
    elif source_format == "html":
        from audio_article.article.html import parse_html

        article = parse_html(text, source_name, base_dir, url, captions)
    else:
        article = parse_text(text, source_name)
    if url and not article.url:
        article = replace(article, url=url)
    return with_language(sanitized(_validated(with_credits(article))))


def detect_format(path: Path, text: str) -> SourceFormat:
    """The format of an article: by its file name suffix, else by a look at its first lines."""
    by_suffix = SUFFIX_FORMATS.get(path.suffix.lower())
    if by_suffix:
        return by_suffix
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(body|article|p|h1)[\s>]", head):
        return "html"
    if text.startswith("---\n") or re.search(r"^#{1,3} \S", text, re.M):
        return "markdown"
    return "text"


def _validated(article: Article) -> Article:
    name = article.source_name
    if not article.title.strip():
        raise InputError(f"{name}: no title found")
    if len(article.title) > MAX_TITLE_CHARS:
        raise InputError(
            f"{name}: the title is {len(article.title):,} characters long (at most {MAX_TITLE_CHARS}); "
            "the first line should be the headline"
        )
    if not any(section.paragraphs for section in article.sections):
        raise InputError(f"{name}: nothing to narrate (no paragraphs after the title)")
    if article.word_count > MAX_WORDS:
        hours = article.word_count / 175 / 60
        raise InputError(
            f"{name}: {article.word_count:,} words (about {hours:.0f} hours of audio) is over the "
            f"{MAX_WORDS:,}-word limit; split it into parts"
        )
    return article

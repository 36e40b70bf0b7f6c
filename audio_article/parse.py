"""Parse stage: an article file in any supported format -> `Article`."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Literal

from audio_article.errors import InputError
from audio_article.models import Article, SourceFormat
from audio_article.parse_markdown import parse_markdown
from audio_article.parse_text import parse_text
from audio_article.source import read_source

log = logging.getLogger(__name__)

FormatChoice = Literal["auto", "text", "markdown", "html"]
_SUFFIXES: dict[str, SourceFormat] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}


def parse_article(path: Path, fmt: FormatChoice = "auto") -> Article:
    """Read and parse `path`; raise InputError when there is nothing to narrate."""
    text = read_source(path)
    source_format = detect_format(path, text) if fmt == "auto" else fmt
    log.info("parsing %s as %s", path, source_format)
    return parse_string(text, source_format, str(path), base_dir=path.parent)


def parse_string(
    text: str, source_format: SourceFormat, source_name: str, base_dir: Path | None = None
) -> Article:
    if source_format == "markdown":
        article = parse_markdown(text, source_name, base_dir)
    elif source_format == "html":
        from audio_article.parse_html import parse_html

        article = parse_html(text, source_name, base_dir)
    else:
        article = parse_text(text, source_name)
    return _validated(article)


def detect_format(path: Path, text: str) -> SourceFormat:
    by_suffix = _SUFFIXES.get(path.suffix.lower())
    if by_suffix:
        return by_suffix
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(body|article|p|h1)[\s>]", head):
        return "html"
    if text.startswith("---\n") or re.search(r"^#{1,3} \S", text, re.M):
        return "markdown"
    return "text"


def _validated(article: Article) -> Article:
    if not article.title.strip():
        raise InputError(f"{article.source_name}: no title found")
    if not any(section.paragraphs for section in article.sections):
        raise InputError(f"{article.source_name}: nothing to narrate (no paragraphs after the title)")
    return article

"""HTML articles (not yet supported: refused with a clear error)."""

from __future__ import annotations

from pathlib import Path

from audio_article.errors import InputError
from audio_article.models import Article


def parse_html(text: str, source_name: str, base_dir: Path | None = None) -> Article:
    raise InputError(f"{source_name}: HTML input is not supported yet; save the article as text or Markdown")

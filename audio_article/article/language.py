"""The article's language: as declared (HTML `lang`, `og:locale`, front matter), else detected.

Detection uses py3langid: the maintained fork of langid.py, a small naive
Bayes model over byte n-grams that ships inside the wheel (about 2 MB, nothing
downloaded), needs only numpy, knows 97 languages and classifies an article
in a few milliseconds. lingua is more accurate on very short text, but its
models weigh a hundred megabytes and articles are long enough for langid.
A guess that is not clear (short text, low probability) falls back to
English and says so in the log, so a build never fails on a hunch.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import replace
from typing import Any

from audio_article.article.passages import plain
from audio_article.errors import OutputError
from audio_article.models import Article

log = logging.getLogger(__name__)

MIN_WORDS = 12  # below this a guess is noise
MIN_PROBABILITY = 0.8
SAMPLE_CHARS = 4000


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:  # it unpacks its model through a temporary file: a full disk fails here first
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    except OSError as exc:
        raise OutputError(
            f"cannot load the language detector (declare the article's language or use --language): "
            f"{exc.strerror or exc}"
        ) from exc


def declared(tag: str | None) -> str:
    """A declared tag tidied: "de_AT" -> "de-AT"; "" when nothing is declared."""
    return (tag or "").strip().replace("_", "-")


def detect_language(text: str) -> tuple[str, float] | None:
    """The language of `text` (ISO 639-1) and its probability; None when too short to tell."""
    if len(text.split()) < MIN_WORDS:
        return None
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return str(code), float(probability)


def with_language(article: Article) -> Article:
    """`article` with its language: the declared one, else the detected one, else English."""
    if article.language:
        return article
    sample = " ".join([article.title, *(p for s in article.sections for p in s.paragraphs)])
    guess = detect_language(plain(sample[:SAMPLE_CHARS]))
    if guess is None or guess[1] < MIN_PROBABILITY:
        log.info(
            "%s: no language declared and none clear from the text; reading it as English",
            article.source_name,
        )
        return replace(article, language="en")
    log.info("%s: no language declared; detected %s (p=%.2f)", article.source_name, guess[0], guess[1])
    return replace(article, language=guess[0])

"""The article's language: as declared (HTML `lang`, `og:locale`, front matter), else detected.

Detection uses py3langid: the maintained fork of langid.py, a small naive
Bayes model over byte n-grams that ships inside the wheel (about 2 MB, nothing
downloaded), needs only numpy, knows 97 languages and classifies an article
in a few milliseconds. lingua is more accurate on very short text, but its
models weigh a hundred megabytes and articles are long enough for langid.
A guess that is not clear (short text, low probability) falls back to
English and says so in the log, so a build never fails on a hunch.

Loading that model costs about a second and 100 MB (it is unpacked from
LZMA each time), more than narrating a short article, so a text whose
function words are overwhelmingly one supported language's is taken as that
language without it (`function_words.py`); anything less clear, and any text
with a neighbour language's words, goes to the model.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import replace
from typing import Any

from audio_article.article.function_words import FUNCTION_WORDS, NEIGHBOUR_WORDS, OWN_WORDS
from audio_article.article.passages import plain
from audio_article.errors import OutputError
from audio_article.models import Article

log = logging.getLogger(__name__)

MIN_WORDS = 12  # below this a guess is noise
MIN_PROBABILITY = 0.8
SAMPLE_CHARS = 4000
# The function-word shortcut: this many words at least, this share from one
# language's list, this share from the words only its list has, at this many
# times the runner-up's, and almost no neighbour-language words. (The samples:
# 25-43 % from their list, 9-32 % own words, the runner-up at most a fifth of that.)
SHORTCUT_MIN_WORDS = 40
SHORTCUT_MIN_SHARE = 0.22
SHORTCUT_MIN_OWN_SHARE = 0.08
SHORTCUT_MIN_LEAD = 4.0
SHORTCUT_MAX_NEIGHBOUR_SHARE = 0.01
_WORD = re.compile(r"[^\W\d_]+")


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
    clear = by_function_words(text[:SAMPLE_CHARS])
    if clear is not None:
        log.debug("language %s from the function words alone", clear)
        return clear, 1.0
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return str(code), float(probability)


def by_function_words(text: str) -> str | None:
    """The language whose function words make up most of `text`, when that is beyond doubt."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHORTCUT_MIN_WORDS:
        return None
    if _share(words, NEIGHBOUR_WORDS) > SHORTCUT_MAX_NEIGHBOUR_SHARE:
        return None
    own = sorted(((_share(words, table), code) for code, table in OWN_WORDS.items()), reverse=True)
    (best, code), (second, _) = own[0], own[1]
    if best < SHORTCUT_MIN_OWN_SHARE or best < SHORTCUT_MIN_LEAD * second:
        return None
    return code if _share(words, FUNCTION_WORDS[code]) >= SHORTCUT_MIN_SHARE else None


def _share(words: list[str], table: frozenset[str]) -> float:
    return sum(w in table for w in words) / len(words)


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

"""The normalizer's entry points: `normalize_text` for one string, `normalize_script` for a whole script."""

from __future__ import annotations

from dataclasses import replace

from audio_article.errors import InputError
from audio_article.models import Dialect, Script, ScriptSegment
from audio_article.script.lexicon import Lexicon
from audio_article.script.normalize.dialects import speak_as
from audio_article.script.normalize.languages.locale_rules import normalize_foreign
from audio_article.script.normalize.languages.registry import TABLES, language_of
from audio_article.script.normalize.rules import RULES
from audio_article.script.voice_switch import with_voice
from audio_article.textutil import ends_sentence, has_words, squash


def normalize_text(text: str, language: str = "en") -> str:
    """Written text -> the words a newsreader would say, by the ordered rules of `rules.py`.

    Text in another supported language is read by that language's rules
    (`languages/`); English rules never run on it.
    """
    if language != "en" and (code := language_of(language)) != "en":
        return squash(normalize_foreign(text, TABLES[code]))
    for rule in RULES:
        text = rule(text)
    return squash(text)


WORDS_ONLY = Dialect()


def normalize_script(
    script: Script, lexicon: Lexicon | None = None, dialect: Dialect = WORDS_ONLY, language: str = "en"
) -> Script:
    """Fill each segment's `spoken` text for an engine of `dialect`; segments with nothing to say are dropped.

    The general rules come first, then the engine's own forms (`dialects.py`),
    then the lexicon, whose entries become phonemes where the engine reads them.
    `language` picks the rules, and a passage's own language (`segment.language`)
    its rules; the engine's spoken forms are English ones, so other languages
    keep only its phoneme escaping. A passage skips the lexicon (written for the
    article's language) and is marked for its language's voice (`voice_switch`).
    """
    lexicon = lexicon or Lexicon()
    language = language_of(language)
    segments: list[ScriptSegment] = []
    moved_start: set[int] = set()  # chapters whose first segment was dropped
    for segment in script.segments:
        spoken = _spoken(segment, language, lexicon, dialect)
        if spoken is None:
            if segment.starts_chapter:
                moved_start.add(segment.chapter_index)
            continue
        starts = segment.starts_chapter or segment.chapter_index in moved_start
        moved_start.discard(segment.chapter_index)
        segments.append(replace(segment, spoken=spoken, starts_chapter=starts, index=len(segments)))
    if not segments:
        raise InputError("nothing speakable in the article (only symbols or emoji?)")
    return replace(script, segments=tuple(segments))


def _spoken(segment: ScriptSegment, language: str, lexicon: Lexicon, dialect: Dialect) -> str | None:
    """What the engine says for `segment`; None when it has nothing to say."""
    own = language_of(segment.language) if segment.language else language
    spoken = normalize_text(segment.text, own)
    if not has_words(spoken):
        return None
    if segment.kind in ("title", "heading", "byline") and not ends_sentence(spoken):
        # A full stop makes engines close a heading with falling intonation.
        spoken += "."
    if own != "en":
        return _marked(
            segment, squash(speak_as(spoken, Dialect(phonemes=dialect.phonemes))), lexicon, dialect
        )
    return _marked(segment, speak_as(spoken, dialect), lexicon, dialect)


def _marked(segment: ScriptSegment, said: str, lexicon: Lexicon, dialect: Dialect) -> str:
    """The article's own text through the lexicon; a passage marked for its language's voice instead."""
    if segment.language:
        return with_voice(segment.language, said)
    return lexicon.apply(said, dialect.phonemes)[0]

"""Script stage: `Article` -> `Script`, the ordered segments to narrate.

Every sentence is its own segment; headings and the title are segments of
their own kinds. Pauses come from the voice profile and depend on what comes
next (sentence, paragraph, heading). Each section becomes one chapter; the
opening chapter (title, byline, text before the first heading) is titled
with the article title. Footnotes, when asked for, and related items are
read in final chapters of their own ("Notes", "Also read").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import replace

from audio_article.article.passages import runs
from audio_article.errors import ConfigError
from audio_article.models import (
    Article,
    Pauses,
    Script,
    ScriptOptions,
    ScriptSegment,
    SegmentKind,
    VoiceProfile,
)
from audio_article.script.frames import Frame, count, frame_for
from audio_article.script.frames import published as published_phrase
from audio_article.script.normalize.languages.registry import SUPPORTED, TABLES, base_language
from audio_article.script.sentences import Abbreviations, split_sentences
from audio_article.textutil import ends_sentence, has_words

log = logging.getLogger(__name__)


def build_script(article: Article, profile: VoiceProfile, options: ScriptOptions | None = None) -> Script:
    """The script of an article: the segments to narrate, with pauses, rates and chapters."""
    options = options or ScriptOptions()
    frame = frame_for(article.language)
    if frame is not None:  # the article's own language: its frame and its abbreviations
        options = _localized(options, frame)
    builder = _Builder(profile.heading_rate_wpm, article.language)
    pauses = profile.pauses
    chapter_titles = [article.title if article.sections[0].heading is None else article.sections[0].heading]
    fields = _frame_fields(article, profile)
    if options.announcement:
        # The announcement names title, author and date, so it stands in for them.
        builder.add("announcement", _fill(options.announcement, fields), 0, 0, starts_chapter=True)
    else:
        builder.add("title", article.title, 0, 0, starts_chapter=True)
        if article.author and options.read_byline:
            byline = frame.by.format(author=article.author) if frame else f"By {article.author}"
            builder.add("byline", byline, 0, 0, pause_ms=pauses.after_title_ms)
    if options.edition_note:
        # Talking books open with what the edition is (DAISY structure guidelines): spoken and in the text.
        builder.add("announcement", _fill(options.edition_note, fields), 0, 0, pause_ms=pauses.after_title_ms)
    first_pause = pauses.after_title_ms
    for index, section in enumerate(article.sections):
        if index > 0:
            chapter_titles.append(section.heading or article.title)
        chapter = len(chapter_titles) - 1
        if section.heading is not None:
            pause = first_pause if index == 0 else pauses.before_heading_ms
            builder.add("heading", section.heading, chapter, 0, pause_ms=pause, starts_chapter=index > 0)
            first_pause = pauses.after_heading_ms
        for p_index, paragraph in enumerate(section.paragraphs):
            for s_index, (sentence, language, joined) in enumerate(builder.sentences(paragraph)):
                if joined:  # a passage in another language inside a sentence: no pause
                    pause = 0
                elif s_index > 0:
                    pause = pauses.sentence_ms
                elif p_index == 0:
                    pause = first_pause
                else:
                    pause = pauses.paragraph_ms
                builder.add("text", sentence, chapter, p_index + 1, pause_ms=pause, language=language)
        first_pause = pauses.before_heading_ms
    _end_chapters(builder, chapter_titles, article, options, frame, pauses)
    if options.closing:
        last = len(chapter_titles) - 1
        builder.add("closing", _fill(options.closing, fields), last, 0, pause_ms=pauses.before_heading_ms)
    return Script(segments=tuple(builder.segments), chapter_titles=tuple(chapter_titles))


# The opening sentence of a talking book (`build --epub/--daisy`), unless `--no-edition-note`.
EDITION_NOTE = (
    "About this edition: a talking book, read by a synthetic voice, not a human narrator."
    " It has {sections}; the text and the narration are in step, so you can move by section,"
    " paragraph and sentence."
)


def _end_chapters(
    builder: _Builder,
    chapter_titles: list[str],
    article: Article,
    options: ScriptOptions,
    frame: Frame | None,
    pauses: Pauses,
) -> None:
    """The footnotes ("Notes") and related items ("Also read") as final chapters, when asked for."""
    if options.notes == "read" and article.notes:
        note = frame.note if frame else "Note {number}."
        notes = [f"{note.format(number=number)} {text}" for number, text in enumerate(article.notes, start=1)]
        _add_chapter(builder, chapter_titles, frame.notes if frame else "Notes", notes, pauses)
    if options.read_related and article.related:
        related = [link.title for link in article.related]
        _add_chapter(builder, chapter_titles, frame.also_read if frame else "Also read", related, pauses)


def _add_chapter(
    builder: _Builder, chapter_titles: list[str], title: str, paragraphs: list[str], pauses: Pauses
) -> None:
    """A final chapter read after the article ("Notes", "Also read"): its heading, then its paragraphs."""
    chapter_titles.append(title)
    chapter = len(chapter_titles) - 1
    builder.add("heading", title, chapter, 0, pause_ms=pauses.before_heading_ms, starts_chapter=True)
    for index, paragraph in enumerate(paragraphs):
        pause = pauses.after_heading_ms if index == 0 else pauses.paragraph_ms
        for s_index, (sentence, language, _joined) in enumerate(builder.sentences(paragraph)):
            builder.add(
                "text",
                sentence,
                chapter,
                index + 1,
                pause_ms=pauses.sentence_ms if s_index else pause,
                language=language,
            )


def _fill(template: str, fields: dict[str, str]) -> str:
    """Substitute {name} placeholders; anything else in braces is an error, not code."""

    def value(match: re.Match[str]) -> str:
        if match.group(1) not in fields:
            raise ConfigError(
                f"unknown placeholder {{{match.group(1)}}} (known: {', '.join(sorted(fields))})"
            )
        return fields[match.group(1)]

    return re.sub(r"\{([^{}]*)\}", value, template)


def _localized(options: ScriptOptions, frame: Frame) -> ScriptOptions:
    """The English default templates replaced by the frame's; a publisher's own are kept."""
    english = ScriptOptions()
    return replace(
        options,
        announcement=frame.announcement
        if options.announcement == english.announcement
        else options.announcement,
        closing=frame.closing if options.closing == english.closing else options.closing,
        edition_note=frame.edition_note if options.edition_note == EDITION_NOTE else options.edition_note,
    )


def _splitter(language: str) -> Abbreviations | None:
    """The sentence splitter's knowledge of a language other than English (its abbreviations)."""
    language = base_language(language)
    table = TABLES.get(language)
    if table is None:
        return None
    return Abbreviations(frozenset(a.lower() for a in table.abbreviations), ordinal_dot=language == "de")


def _frame_fields(article: Article, profile: VoiceProfile) -> dict[str, str]:
    """Values for the announcement and closing templates."""
    sections = len(article.sections)
    pause_s = sum(len(s.paragraphs) for s in article.sections) * profile.pauses.paragraph_ms / 1000
    minutes = max(1, round(article.word_count / profile.rate_wpm + pause_s / 60))
    frame = frame_for(article.language)
    if frame is not None:
        return _foreign_fields(article, frame, sections, minutes)
    published = (
        f", published {article.date:%B} {article.date.day}, {article.date.year}" if article.date else ""
    )
    return {
        # A title of emoji alone would leave "Audio edition of ." after normalization.
        "title": article.title if has_words(article.title) else "this article",
        "author": article.author or "",
        "by_author": f", by {article.author}" if article.author else "",
        "published": published,
        "sections": "one section" if sections == 1 else f"{sections} sections",
        "minutes": "one minute" if minutes == 1 else f"{minutes} minutes",
    }


def _foreign_fields(article: Article, frame: Frame, sections: int, minutes: int) -> dict[str, str]:
    """The template values in the article's language (numbers as digits, for its normalizer)."""
    return {
        "title": article.title if has_words(article.title) else frame.this_article,
        "author": article.author or "",
        "by_author": frame.by_author.format(author=article.author) if article.author else "",
        "published": published_phrase(frame, article.date, article.language) if article.date else "",
        "sections": count(frame.section, sections),
        "minutes": count(frame.minute, minutes),
    }


class _Builder:
    def __init__(self, heading_rate_wpm: int | None, language: str = "en") -> None:
        self.segments: list[ScriptSegment] = []
        self._heading_rate = heading_rate_wpm
        self._language = base_language(language)
        self._splitter = _splitter(language)

    def sentences(self, paragraph: str) -> Iterator[tuple[str, str | None, bool]]:
        """(sentence, its passage language or None, whether it goes on the sentence before) of `paragraph`."""
        ended = True
        for language, piece in runs(paragraph):
            passage = self._passage_language(language)
            splitter = _splitter(passage) if passage else self._splitter
            for index, sentence in enumerate(split_sentences(piece, splitter)):
                yield sentence, passage, index == 0 and not ended
            ended = ends_sentence(piece)

    def _passage_language(self, tag: str | None) -> str | None:
        """A passage's language, None when it is the article's or one the normalizer cannot read."""
        if tag is None or base_language(tag) == self._language:
            return None
        if base_language(tag) not in SUPPORTED:
            log.warning("a passage in %r is read as the article's language (%s)", tag, ", ".join(SUPPORTED))
            return None
        return tag

    def add(
        self,
        kind: SegmentKind,
        text: str,
        chapter: int,
        paragraph: int,
        pause_ms: int = 0,
        starts_chapter: bool = False,
        language: str | None = None,
    ) -> None:
        self.segments.append(
            ScriptSegment(
                index=len(self.segments),
                kind=kind,
                text=text,
                spoken=text,
                chapter_index=chapter,
                paragraph_index=paragraph,
                pause_before_ms=pause_ms if self.segments else 0,
                starts_chapter=starts_chapter,
                rate_wpm=self._heading_rate if kind in ("heading", "title") else None,
                language=language,
            )
        )

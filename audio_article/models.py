"""Plain, immutable data passed between the pipeline stages.

Each stage takes some of these and returns others; none of them owns I/O or
behaviour beyond small derived properties. Times carry their unit in the
field name (`start_ms`, `num_samples`, `sample_rate_hz`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import numpy as np

DEFAULT_TARGET_LUFS = -16.0  # Apple's and most hosts' loudness for spoken podcasts
SourceFormat = Literal["text", "markdown", "html"]
SegmentKind = Literal["announcement", "title", "byline", "heading", "text", "closing", "audio"]
Progress = Callable[[int, int], None]  # told (units done, units in all) as work goes; the CLI draws a bar


@dataclass(frozen=True)
class RelatedLink:
    """An "Also read" item: metadata for the episode, not narrated by default."""

    title: str
    url: str | None = None


@dataclass(frozen=True)
class Section:
    """One chapter of the article.

    `heading` is None for the opening section (text before the first heading).
    `paragraphs` hold the written text, already stripped of markup.
    """

    heading: str | None
    paragraphs: tuple[str, ...]

    @property
    def word_count(self) -> int:
        words = sum(len(p.split()) for p in self.paragraphs)
        return words + (len(self.heading.split()) if self.heading else 0)


@dataclass(frozen=True)
class SourceDocument:
    """An article's text as read from a file or fetched from a URL."""

    name: str  # the path or URL, for messages
    text: str  # decoded and cleaned
    raw: bytes  # as read, for the build key
    base_dir: Path | None  # where relative images live (files only)
    url: str | None  # the final URL after redirects (URLs only)
    format_hint: SourceFormat | None  # from the HTTP content type


@dataclass(frozen=True)
class Article:
    """A parsed article, independent of its source format."""

    title: str
    sections: tuple[Section, ...]
    source_format: SourceFormat
    source_name: str
    author: str | None = None
    publication: str | None = None
    date: dt.date | None = None
    summary: str | None = None
    image: str | None = None  # a local path (resolved) or a URL
    url: str | None = None
    language: str = "en"
    guid: str | None = None
    related: tuple[RelatedLink, ...] = ()
    dropped: tuple[str, ...] = ()  # lines removed as boilerplate, for `inspect`
    place: str | None = None  # where it was filed, from a dateline ("Nairobi, Kenya")
    notes: tuple[str, ...] = ()  # footnote texts, in order; read only when asked (ScriptOptions.notes)
    local_files: tuple[str, ...] = ()  # local files it names (its image), found or not: they shape the build

    @property
    def word_count(self) -> int:
        return sum(s.word_count for s in self.sections) + len(self.title.split())


@dataclass(frozen=True)
class Pauses:
    """Silence inserted between segments, by what comes next."""

    sentence_ms: int = 250
    paragraph_ms: int = 600
    before_heading_ms: int = 1200
    after_heading_ms: int = 500
    after_title_ms: int = 900


@dataclass(frozen=True)
class VoiceProfile:
    """A voice profile from `voices/NAME.toml` (`voice`: the engine's own voice id, an espeak-ng name
    or a Piper model path; `heading_rate_wpm` sets headings apart; `word_gap_ms`: espeak-ng's
    pause between words)."""

    name: str
    engine: str = "pyttsx3"
    voice: str | None = None
    rate_wpm: int = 175
    heading_rate_wpm: int | None = None
    volume: float = 1.0
    language: str = "en"
    description: str = ""
    lexicons: tuple[Path, ...] = ()
    pauses: Pauses = field(default_factory=Pauses)
    word_gap_ms: int = 0


@dataclass(frozen=True)
class Dialect:
    """What an engine reads best, for the normalizer (declared in the engine's spec).

    `forms` names the engine's spoken-form rules in `script/normalize/dialects.py`
    ("espeak-ng"); `phonemes` is the alphabet the engine reads inside `[[ ]]`:
    "ipa" (Piper), "espeak" (espeak-ng's own mnemonics), or None (words only).
    """

    forms: str | None = None
    phonemes: Literal["ipa", "espeak"] | None = None


@dataclass(frozen=True)
class ScriptSegment:
    """One unit sent to the engine: a sentence, a heading, the title...

    `text` is the written form (for transcripts); `spoken` is what the engine receives after normalization
    and lexicon substitution. `pause_before_ms` is the silence placed before it; `starts_chapter` marks the
    first segment of a chapter, whose audio start becomes the chapter start.
    """

    index: int
    kind: SegmentKind
    text: str
    spoken: str
    chapter_index: int
    paragraph_index: int
    pause_before_ms: int
    starts_chapter: bool = False
    rate_wpm: int | None = None  # overrides the profile rate (headings)
    language: str | None = None  # a passage in another language (BCP 47); None: the article's


@dataclass(frozen=True)
class Script:
    """Everything to be spoken, in order, with the chapter titles."""

    segments: tuple[ScriptSegment, ...]
    chapter_titles: tuple[str, ...]


@dataclass(frozen=True)
class AudioChunk:
    """A piece of mono 16-bit PCM produced by an engine."""

    sample_rate_hz: int
    pcm: bytes  # little-endian signed 16-bit samples


@dataclass(frozen=True)
class EngineInfo:
    """What identifies an engine's output, for the cache key and the logs."""

    name: str
    version: str
    voice: str
    sample_rate_hz: int


@dataclass(frozen=True)
class RenderedSegment:
    """A narrated segment stored as a WAV file (trimmed of edge silence)."""

    segment: ScriptSegment
    wav_path: Path
    sample_rate_hz: int
    num_samples: int
    reused: bool  # True when it came from the cache

    @property
    def duration_ms(self) -> float:
        return 1000.0 * self.num_samples / self.sample_rate_hz


@dataclass(frozen=True)
class Placement:
    """Where a rendered segment sits in the stitched audio."""

    segment: ScriptSegment
    wav_path: Path
    start_sample: int
    num_samples: int


@dataclass(frozen=True)
class Chapter:
    """One chapter of the episode: its title and where it starts and ends, in ms."""

    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Cue:
    """One transcript cue; `text` may hold a line break."""

    start_ms: int
    end_ms: int
    text: str


@dataclass(frozen=True)
class Piece:
    """A stretch of the timeline mastered, encoded and cached on its own.

    Pieces meet in the middle of a paragraph (or longer) pause, so an edit to
    one paragraph re-encodes only its piece. `stop_placement` is exclusive.
    """

    start_sample: int
    num_samples: int
    first_placement: int
    stop_placement: int


@dataclass(frozen=True)
class Timeline:
    """The whole episode as placements on one sample clock, plus its chapters and cues."""

    sample_rate_hz: int
    total_samples: int
    placements: tuple[Placement, ...]
    chapters: tuple[Chapter, ...]
    cues: tuple[Cue, ...]
    pieces: tuple[Piece, ...] = ()

    @property
    def duration_ms(self) -> int:
        return round(1000 * self.total_samples / self.sample_rate_hz)


@dataclass(frozen=True, eq=False)
class FrameAnalysis:
    """Per 5 ms frame of one piece: K-weighted energy (BS.1770 sums) and 4x-oversampled peak."""

    frame_samples: int
    energy: np.ndarray  # float32, sum of K-weighted squares per frame
    peak: np.ndarray  # float32, linear true peak per frame


@dataclass(frozen=True)
class MasterPlan:
    """Loudness target and the one gain every piece gets before its own limiter.

    The limiter aims `margin_db` below `ceiling_dbtp`; a piece whose encoded
    peak still overshoots is mastered again with a larger margin.
    """

    target_lufs: float
    ceiling_dbtp: float
    measured_lufs: float | None  # loudness before mastering; None for silence
    gain_db: float
    margin_db: float


@dataclass(frozen=True)
class EncodeSettings:
    """How the MP3 is encoded and tagged: bitrate, delivery sample rate, ID3 version."""

    bitrate_kbps: int = 64
    sample_rate_hz: int = 44100
    id3_version: Literal[3, 4] = 3


@dataclass(frozen=True)
class FeedItem:
    """Everything one RSS `<item>` says; stored per episode in the show's store."""

    guid: str
    title: str
    description: str
    pub_date: str  # RFC 822
    audio_url: str
    audio_bytes: int
    duration_s: int
    chapters_url: str
    transcript_url: str  # WebVTT
    language: str = "en"
    srt_url: str | None = None
    html_url: str | None = None
    link: str | None = None
    author: str | None = None
    summary: str | None = None
    explicit: bool = False


@dataclass(frozen=True)
class UnclearSegment:
    """A segment the listening check (`build --verify`) could not hear well, even narrated again slower."""

    index: int
    text: str  # as written (what the publisher can fix)
    heard: str  # what the recognizer wrote, for the better of the two takes
    recall: float  # share of the spoken words heard, 0-1


@dataclass(frozen=True)
class Episode:
    """The files of one built article, all inside one output folder."""

    slug: str
    guid: str
    mp3: Path
    chapters_json: Path
    transcript_vtt: Path
    transcript_srt: Path
    transcript_html: Path
    item_xml: Path
    duration_ms: int
    size_bytes: int
    segments_synthesized: int
    segments_reused: int
    item: FeedItem
    pieces_encoded: int = 0  # pieces mastered and encoded by this build
    pieces_reused: int = 0  # pieces taken from the cache
    unclear: tuple[UnclearSegment, ...] | None = None  # None: no listening check (`--verify`) was asked for
    books: tuple[Path, ...] = ()  # talking books (EPUB 3, DAISY 2.02 zip), when asked for


@dataclass(frozen=True)
class ScriptOptions:
    """What is spoken besides the article body."""

    # Templates with {title} {author} {by_author} {published} {sections} {minutes}; None or "" switches off.
    announcement: str | None = "Audio edition of {title}{by_author}{published}. {sections}, about {minutes}."
    closing: str | None = "You have been listening to an audio edition of {title}."
    read_related: bool = False  # narrate "Also read" items as a final chapter
    read_byline: bool = True  # without an announcement, "By AUTHOR" after the title
    notes: Literal["drop", "read"] = "drop"  # footnotes: left out, or read in a final "Notes" chapter
    edition_note: str | None = None  # talking books: "About this edition" template ({title} {sections})

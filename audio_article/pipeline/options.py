"""What a build is asked for: the options the CLI, batches and tests pass to `build`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from audio_article.models import DEFAULT_TARGET_LUFS, EncodeSettings, ScriptOptions

if TYPE_CHECKING:  # types only: the parsers and the book writers are not for an unchanged rebuild
    from audio_article.article.read import FormatChoice
    from audio_article.episode.books import BookFormat


@dataclass(frozen=True)
class BuildOptions:
    """One build's settings; everything but `jobs` and `cache_dir` is part of its build key."""

    output_dir: Path = Path("output")
    voice: str = "default"
    source_format: FormatChoice = "auto"
    lexicons: tuple[Path, ...] = ()
    base_url: str | None = None  # None: file:// URLs of the output folder
    jobs: int = 0
    cache_dir: Path | None = None  # None: the user cache folder
    use_cache: bool = True
    encode: EncodeSettings = field(default_factory=EncodeSettings)
    target_lufs: float = DEFAULT_TARGET_LUFS
    ceiling_dbtp: float = -1.0
    script: ScriptOptions = field(default_factory=ScriptOptions)
    show_title: str | None = None
    hashed_audio_name: bool = False  # <slug>-<audio hash>.mp3, for feeds
    intro: Path | None = None  # audio played before the narration
    outro: Path | None = None  # audio played after it
    read_captions: bool = False  # web pages: read figure captions (or alt text) where they stand
    verify: str | None = None  # the listening check's Whisper model ("base", "tiny.en"); None: no check
    talking_books: tuple[BookFormat, ...] = ()  # "epub" (EPUB 3 with Media Overlays), "daisy" (DAISY 2.02)
    edition_note: bool = True  # talking books open with a spoken "About this edition" sentence
    alternates: tuple[str, ...] = ()  # other encodings beside the MP3: "opus" (about 24 kbps)
    language: str | None = None  # BCP 47; None: as the article declares, else detected

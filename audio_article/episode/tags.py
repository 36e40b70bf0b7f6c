"""Tag stage: ID3 text frames, cover art and chapters on the encoded MP3.

mutagen writes frames ordered by size, so chapter order is carried by one
top-level, ordered CTOC listing every CHAP. ID3v2.3 is the default because
some car stereos and older apps still read nothing newer; v2.4 on request.
Any mutagen failure comes out as an `OutputError` (one wrapper, as in
beets' mediafile).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mutagen import MutagenError
from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TLAN,
    TPE1,
    WOAS,
    CTOCFlags,
    Encoding,
    PictureType,
)

from audio_article.episode.iso639 import ISO_639_2
from audio_article.errors import OutputError
from audio_article.models import Chapter


@dataclass(frozen=True)
class TagData:
    """What the ID3 tags of one episode say: text fields, the cover JPEG and the chapters."""

    title: str
    artist: str
    album: str
    date_iso: str | None
    summary: str | None
    language: str
    url: str | None
    cover_jpeg: bytes | None
    chapters: tuple[Chapter, ...]


def write_tags(mp3: Path, data: TagData, id3_version: int = 3) -> None:
    """Write `data` into `mp3` as ID3v2.3 (or 2.4) tags: text frames, cover, chapters and their table."""
    try:
        tags = ID3()
        _add_text_frames(tags, data)
        _add_chapters(tags, data.chapters)
        if id3_version == 3:
            tags.update_to_v23()
            tags.save(str(mp3), v2_version=3)
        else:
            tags.save(str(mp3), v2_version=4)
    except (MutagenError, OSError, ValueError) as exc:
        raise OutputError(f"cannot write ID3 tags to {mp3}: {exc}") from exc


def _add_text_frames(tags: ID3, data: TagData) -> None:
    """Title, artist, album, genre, language, date, summary, source URL and cover."""
    tags.add(TIT2(encoding=Encoding.UTF8, text=data.title))
    tags.add(TPE1(encoding=Encoding.UTF8, text=data.artist))
    tags.add(TALB(encoding=Encoding.UTF8, text=data.album))
    tags.add(TCON(encoding=Encoding.UTF8, text="Podcast"))
    tags.add(TLAN(encoding=Encoding.UTF8, text=_iso639_2(data.language)))
    if data.date_iso:
        tags.add(TDRC(encoding=Encoding.UTF8, text=data.date_iso))
    if data.summary:
        tags.add(COMM(encoding=Encoding.UTF8, lang=_iso639_2(data.language), desc="", text=data.summary))
    if data.url:
        tags.add(WOAS(url=data.url))
    if data.cover_jpeg:
        tags.add(
            APIC(
                encoding=Encoding.UTF8,
                mime="image/jpeg",
                type=PictureType.COVER_FRONT,
                desc="Cover",
                data=data.cover_jpeg,
            )
        )


def _add_chapters(tags: ID3, chapters: tuple[Chapter, ...]) -> None:
    """One CHAP frame per chapter and a CTOC that lists them in order."""
    ids = [f"chp{i}" for i in range(len(chapters))]
    for element_id, chapter in zip(ids, chapters, strict=True):
        tags.add(
            CHAP(
                element_id=element_id,
                start_time=chapter.start_ms,
                end_time=chapter.end_ms,
                start_offset=0xFFFFFFFF,
                end_offset=0xFFFFFFFF,
                sub_frames=[TIT2(encoding=Encoding.UTF8, text=chapter.title)],
            )
        )
    if len(ids) > 255:  # a CTOC counts its children in one byte; assemble merges chapters to fit
        raise OutputError(f"{len(ids)} chapters: an ID3 table of contents lists at most 255")
    if ids:
        tags.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=Encoding.UTF8, text="Chapters")],
            )
        )


def _iso639_2(language: str) -> str:
    """ID3 wants three-letter codes: every two-letter one maps to its ISO 639-2 code."""
    base = language.split("-")[0].lower()
    return ISO_639_2.get(base, base if len(base) == 3 else "und")


def read_back(mp3: Path) -> tuple[int, int]:
    """(chapters, cover bytes) of the tags in `mp3`, read back from the file to check them."""
    try:
        tags = ID3(str(mp3))
    except (MutagenError, OSError) as exc:
        raise OutputError(f"{mp3.name}: the ID3 tags do not read back: {exc}") from exc
    pictures = tags.getall("APIC")
    return len(tags.getall("CHAP")), len(pictures[0].data) if pictures else 0

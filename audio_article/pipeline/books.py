"""The talking books of a build (`--epub`, `--daisy`): made from the tagged MP3 and its timeline, staged.

Each book is written into the staging folder under a temporary name, read
back (every zip entry's CRC, the entries a reading system opens first) and
renamed; it moves into place with the episode's other files, so a failed
build leaves no partial book.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from audio_article.episode.books import book_name
from audio_article.pipeline.context import BuildContext, JoinedAudio


def stage_books(ctx: BuildContext, audio: JoinedAudio, guid: str) -> list[tuple[Path, str]]:
    """Each talking book asked for, staged and checked: (staged file, name in the output folder)."""
    if not ctx.options.talking_books:
        return []
    # Imported here: most builds make no talking book, and these modules cost ~0.1 s to import.
    from audio_article.episode.books.book import BookInfo, book_chapters, narrator_name
    from audio_article.episode.books.daisy import write_daisy
    from audio_article.episode.books.epub import write_epub
    from audio_article.episode.cover import cover_jpeg

    article = ctx.article
    info = BookInfo(
        slug=ctx.slug,
        guid=guid,
        title=article.title,
        language=article.language,
        author=article.author,
        publisher=article.publication or ctx.options.show_title,
        date=article.date,
        summary=article.summary,
        narrator=narrator_name(ctx.profile.name, ctx.profile.engine),
        producer=ctx.options.show_title or article.publication or "audio-article",
        mp3=audio.path,
        cover_jpeg=cover_jpeg(article.title, article.author, article.image),
        modified=dt.datetime.now(dt.UTC),
    )
    chapters = book_chapters(audio.timeline, ctx.script.chapter_titles)
    moves = []
    for kind in dict.fromkeys(ctx.options.talking_books):
        name = book_name(ctx.slug, kind)
        write = write_epub if kind == "epub" else write_daisy
        write(ctx.staging / name, chapters, info)
        moves.append((ctx.staging / name, name))
    return moves

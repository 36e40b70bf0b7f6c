"""What `inspect` shows of a parsed article: a dictionary for `--json`, lines for people."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from audio_article.models import Article, Script


def inspect_data(parsed: Article, script: Script | None) -> dict[str, Any]:
    """The article's metadata, sections and related links; its segments too when `script` is given."""
    data: dict[str, Any] = {
        "title": parsed.title,
        "format": parsed.source_format,
        "author": parsed.author,
        "publication": parsed.publication,
        "date": parsed.date.isoformat() if parsed.date else None,
        "place": parsed.place,
        "summary": parsed.summary,
        "image": parsed.image,
        "url": parsed.url,
        "language": parsed.language,
        "words": parsed.word_count,
        "sections": [
            {"heading": s.heading, "paragraphs": len(s.paragraphs), "words": s.word_count}
            for s in parsed.sections
        ],
        "related": [asdict(r) for r in parsed.related],
        "dropped": list(parsed.dropped),
    }
    if script is not None:
        data["segments"] = [
            {
                "index": s.index,
                "kind": s.kind,
                "chapter": s.chapter_index,
                "pause_before_ms": s.pause_before_ms,
                "text": s.text,
                "spoken": s.spoken,
            }
            for s in script.segments
        ]
    return data


def inspect_lines(parsed: Article, data: dict[str, Any], script: Script | None) -> Iterator[str]:
    """The human-readable report: metadata, sections, related, dropped lines, then segments if any."""
    yield f"title:    {parsed.title}"
    for key in ("author", "publication", "date", "place", "summary", "image", "url", "language"):
        if data[key]:
            yield f"{key + ':':9s} {data[key]}"
    yield f"format:   {parsed.source_format}, {parsed.word_count} words"
    yield f"sections: {len(parsed.sections)}"
    for number, section in enumerate(parsed.sections, start=1):
        heading = section.heading or f"(opening) {parsed.title}"
        yield f"  {number}. {heading}  [{len(section.paragraphs)} paragraphs, {section.word_count} words]"
    if parsed.related:
        yield f"related:  {len(parsed.related)}"
        for link in parsed.related:
            yield f"  - {link.title}" + (f" <{link.url}>" if link.url else "")
    if parsed.dropped:
        yield f"dropped:  {len(parsed.dropped)}"
        for line in parsed.dropped:
            yield f"  - {line}"
    if script is not None:
        yield "segments:"
        for seg in script.segments:
            yield f"  [{seg.index:4d}] {seg.kind:8s} +{seg.pause_before_ms}ms  {seg.spoken}"

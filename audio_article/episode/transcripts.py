"""Transcripts from the timeline: WebVTT, SRT and HTML, and the chapters JSON."""

from __future__ import annotations

import json

from lxml import etree

from audio_article.article.safe_text import http_url
from audio_article.models import RelatedLink, Timeline


def _stamp(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


VTT_SPEAKER = "Narrator"


def render_vtt(timeline: Timeline, language: str = "en") -> str:
    """The WebVTT transcript: one cue per narrated segment, text escaped as VTT requires.

    Each cue is a voice span (`<v Narrator>`): the only way a WebVTT file names
    its speaker, which Apple Podcasts shows beside the transcript.
    """
    lines = ["WEBVTT", f"Language: {language}", ""]
    for number, cue in enumerate(timeline.cues, start=1):
        # "-->" inside cue text would end the timing line's meaning; escape & < > as VTT requires.
        text = cue.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        timing = f"{_stamp(cue.start_ms)} --> {_stamp(cue.end_ms)}"
        lines += [str(number), timing, f"<v {VTT_SPEAKER}>{text}", ""]
    return "\n".join(lines)


def render_chapters_json(timeline: Timeline, title: str, related: tuple[RelatedLink, ...] = ()) -> str:
    """Podcasting 2.0 JSON chapters (version 1.2.0); "Also read" links ride along as `relatedLinks`."""
    chapters = [
        {"startTime": round(c.start_ms / 1000, 3), "endTime": round(c.end_ms / 1000, 3), "title": c.title}
        for c in timeline.chapters
    ]
    data: dict[str, object] = {"version": "1.2.0", "title": title, "chapters": chapters}
    if related:
        data["relatedLinks"] = [
            {"title": r.title, **({"url": url} if (url := http_url(r.url)) else {})} for r in related
        ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_srt(timeline: Timeline) -> str:
    """The SubRip (SRT) transcript: the same cues as the WebVTT one."""
    blocks = []
    for number, cue in enumerate(timeline.cues, start=1):
        start, end = _stamp(cue.start_ms).replace(".", ","), _stamp(cue.end_ms).replace(".", ",")
        blocks.append(f"{number}\n{start} --> {end}\n{cue.text}\n")
    return "\n".join(blocks)


def render_html(timeline: Timeline, title: str, language: str = "en") -> str:
    """A readable transcript: the title, a heading per chapter, a timestamp per paragraph."""
    html = etree.Element("html", lang=language)
    head = etree.SubElement(html, "head")
    etree.SubElement(head, "meta", charset="utf-8")
    etree.SubElement(head, "title").text = f"Transcript: {title}"
    body = etree.SubElement(html, "body")
    etree.SubElement(body, "h1").text = title
    section: etree._Element | None = None
    paragraph: etree._Element | None = None
    last_key: tuple[int, int] | None = None
    for placement in timeline.placements:
        seg = placement.segment
        start_ms = round(placement.start_sample * 1000 / timeline.sample_rate_hz)
        if section is None or seg.starts_chapter:
            chapter = (
                timeline.chapters[seg.chapter_index] if seg.chapter_index < len(timeline.chapters) else None
            )
            section = etree.SubElement(body, "section")
            heading = etree.SubElement(section, "h2", id=f"chapter-{seg.chapter_index + 1}")
            heading.text = chapter.title if chapter else title
            last_key = None
        if seg.kind in ("heading", "audio"):
            continue
        key = (seg.chapter_index, seg.paragraph_index if seg.kind == "text" else -1 - seg.index)
        if key != last_key or paragraph is None:
            paragraph = etree.SubElement(section, "p")
            stamp = etree.SubElement(paragraph, "time", datetime=f"PT{start_ms / 1000:.3f}S")
            stamp.text = _stamp(start_ms)[:8]
            stamp.tail = " " + seg.text
            last_key = key
        else:
            paragraph[-1].tail = (paragraph[-1].tail or "") + " " + seg.text
    data: bytes = etree.tostring(
        html, method="html", encoding="utf-8", doctype="<!DOCTYPE html>", pretty_print=True
    )
    return data.decode("utf-8")

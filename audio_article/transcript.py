"""Transcripts from the timeline's cues: WebVTT (and the chapters JSON)."""

from __future__ import annotations

import json

from audio_article.models import Timeline


def _stamp(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def render_vtt(timeline: Timeline, language: str = "en") -> str:
    lines = ["WEBVTT", f"Language: {language}", ""]
    for number, cue in enumerate(timeline.cues, start=1):
        # "-->" inside cue text would end the timing line's meaning; escape & < > as VTT requires.
        text = cue.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines += [str(number), f"{_stamp(cue.start_ms)} --> {_stamp(cue.end_ms)}", text, ""]
    return "\n".join(lines)


def render_chapters_json(timeline: Timeline, title: str) -> str:
    """Podcasting 2.0 JSON chapters (version 1.2.0)."""
    chapters = [
        {"startTime": round(c.start_ms / 1000, 3), "endTime": round(c.end_ms / 1000, 3), "title": c.title}
        for c in timeline.chapters
    ]
    return (
        json.dumps({"version": "1.2.0", "title": title, "chapters": chapters}, ensure_ascii=False, indent=2)
        + "\n"
    )

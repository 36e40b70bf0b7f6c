"""The intelligibility meter's report: WER table and most misheard words (no ASR here).

Input is one result per (article, voice): the normalized score that
../shared/tools/intelligibility.py --json computes (its "normalized" object:
"wer", "ref_words", "top_misrecognized" with "word", "errors", "heard_as").
The mean is the mean of the per-article WERs, as in issue 15; "pooled" is all
errors over all reference words, which weights long articles more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Score:
    """One article read by one voice, scored against its reference."""

    article: str
    voice: str
    wer: float  # normalized WER, 0..1 (can exceed 1 with many insertions)
    ref_words: int
    errors: int  # substitutions + deletions + insertions
    misheard: Mapping[str, int] = field(default_factory=dict)  # reference word -> times substituted/deleted
    heard_as: Mapping[str, Mapping[str, int]] = field(default_factory=dict)


def score_from_meter(article: str, voice: str, normalized: Mapping[str, Any]) -> Score:
    """A `Score` from the "normalized" object of intelligibility.py --json."""
    misheard = {e["word"]: int(e["errors"]) for e in normalized["top_misrecognized"]}
    heard_as = {e["word"]: dict(e["heard_as"]) for e in normalized["top_misrecognized"]}
    errors = int(normalized["substitutions"]) + int(normalized["deletions"]) + int(normalized["insertions"])
    return Score(
        article, voice, float(normalized["wer"]), int(normalized["ref_words"]), errors, misheard, heard_as
    )


def mean_wer(scores: Iterable[Score]) -> float:
    """Mean of the per-article WERs."""
    values = [s.wer for s in scores]
    return sum(values) / len(values) if values else float("nan")


def pooled_wer(scores: Iterable[Score]) -> float:
    """All errors over all reference words."""
    items = list(scores)
    words = sum(s.ref_words for s in items)
    return sum(s.errors for s in items) / words if words else float("nan")


@dataclass(frozen=True)
class Misheard:
    """A reference word and how often, and as what, a voice's listener got it wrong."""

    word: str
    errors: int
    articles: int
    heard_as: tuple[tuple[str, int], ...]


def top_misheard(scores: Iterable[Score], top: int = 10) -> list[Misheard]:
    """Reference words most often substituted or deleted, over all the given scores."""
    errors: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    heard: dict[str, Counter[str]] = {}
    for s in scores:
        for word, count in s.misheard.items():
            errors[word] += count
            articles[word] += 1
            heard.setdefault(word, Counter()).update(s.heard_as.get(word, {}))
    ranked = sorted(errors.items(), key=lambda kv: (-kv[1], -articles[kv[0]], kv[0]))
    return [Misheard(w, n, articles[w], tuple(heard[w].most_common(3))) for w, n in ranked[:top]]


def table(
    scores: Sequence[Score], voices: Sequence[str], also: Mapping[str, Sequence[Score]] | None = None
) -> str:
    """Normalized WER per article (rows) and voice (columns), the mean and pooled rows, then
    the mean of each other scoring in `also` (label -> its scores)."""
    articles = list(dict.fromkeys(s.article for s in scores))
    by_key = {(s.article, s.voice): s for s in scores}
    width = max([len("article"), *(len(a) for a in [*articles, *(also or {})])]) + 2
    columns = [max(len(v), 7) + 2 for v in voices]
    lines = ["article".ljust(width) + "".join(v.rjust(c) for v, c in zip(voices, columns, strict=True))]
    for article in articles:
        cells = []
        for voice, col in zip(voices, columns, strict=True):
            score = by_key.get((article, voice))
            cells.append(("-" if score is None else f"{100 * score.wer:.1f}%").rjust(col))
        lines.append(article.ljust(width) + "".join(cells))
    rows = [("mean", mean_wer, scores), ("pooled", pooled_wer, scores)]
    rows += [(label, mean_wer, other) for label, other in (also or {}).items()]
    for label, fn, these in rows:
        cells = []
        for voice, col in zip(voices, columns, strict=True):
            value = fn(s for s in these if s.voice == voice)
            cells.append(f"{100 * value:.1f}%".rjust(col))
        lines.append(label.ljust(width) + "".join(cells))
    return "\n".join(lines)


def misheard_report(scores: Sequence[Score], voices: Sequence[str], top: int = 10) -> str:
    """Per voice, the reference words most often misheard: errors, articles, heard as."""
    lines = []
    for voice in voices:
        lines.append(f"{voice}: top misheard reference words (errors, articles: heard as)")
        for m in top_misheard((s for s in scores if s.voice == voice), top):
            heard = ", ".join(w if n == 1 else f"{w} x{n}" for w, n in m.heard_as)
            lines.append(f"  {m.errors:3d} {m.articles:2d}  {m.word:<16} -> {heard}")
    return "\n".join(lines)


def results_json(scores: Sequence[Score], voices: Sequence[str], top: int = 10) -> dict[str, Any]:
    """Everything the report shows, as plain data for --json."""
    return {
        "metric": "normalized WER (../shared/tools/intelligibility.py, Whisper base, default settings)",
        "voices": {
            voice: {
                "mean_wer": mean_wer(s for s in scores if s.voice == voice),
                "pooled_wer": pooled_wer(s for s in scores if s.voice == voice),
                "top_misheard": [
                    {"word": m.word, "errors": m.errors, "articles": m.articles, "heard_as": dict(m.heard_as)}
                    for m in top_misheard((s for s in scores if s.voice == voice), top)
                ],
            }
            for voice in voices
        },
        "articles": [
            {
                "article": s.article,
                "voice": s.voice,
                "wer": s.wer,
                "ref_words": s.ref_words,
                "errors": s.errors,
            }
            for s in scores
        ],
    }

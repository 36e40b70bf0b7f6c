"""scripts/meter_report.py: the WER table and misheard words, from hand-made transcripts' scores.

Each score below is what ../shared/tools/intelligibility.py --json reports
("normalized") for the transcript in its comment, aligned by hand; no ASR runs.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from meter_report import (
    misheard_report,
    results_json,
    score_from_meter,
    table,
    top_misheard,
)


def _normalized(
    ref_words: int, sub: int, dele: int, ins: int, missed: dict[str, dict[str, int]]
) -> dict[str, Any]:
    return {
        "wer": (sub + dele + ins) / ref_words,
        "ref_words": ref_words,
        "substitutions": sub,
        "deletions": dele,
        "insertions": ins,
        "top_misrecognized": [
            {"word": w, "errors": sum(h.values()), "in_reference": 1, "heard_as": h}
            for w, h in missed.items()
        ],
    }


# ref "forty six degrees at dawn" (5 words)
SCORES = [
    # heard "for the six degrees at dawn": forty -> for, "the" inserted
    score_from_meter("rover", "default", _normalized(5, 1, 0, 1, {"forty": {"for": 1}})),
    # heard "forty six degrees at dawn"
    score_from_meter("rover", "piper-joe", _normalized(5, 0, 0, 0, {})),
    # heard "for six degrees dawn": forty -> for, "at" deleted
    score_from_meter(
        "rover", "raw-espeak-ng", _normalized(5, 1, 1, 0, {"forty": {"for": 1}, "at": {"<deleted>": 1}})
    ),
    # ref "forty second street in room two oh one" (8 words)
    # heard "for the second street in room two hundred and one": forty -> for, oh -> hundred, +the +and
    score_from_meter(
        "budget", "default", _normalized(8, 2, 0, 2, {"forty": {"for": 1}, "oh": {"hundred": 1}})
    ),
    # heard "forty second street in room two oh one"
    score_from_meter("budget", "raw-espeak-ng", _normalized(8, 0, 0, 0, {})),
]
VOICES = ["default", "piper-joe", "raw-espeak-ng"]


def test_table_has_one_row_per_article_then_mean_and_pooled() -> None:
    rows = [line.split() for line in table(SCORES, VOICES).splitlines()]
    assert rows[0] == ["article", *VOICES]
    assert rows[1] == ["rover", "40.0%", "0.0%", "40.0%"]
    assert rows[2] == ["budget", "50.0%", "-", "0.0%"], "a voice that did not read an article shows a dash"
    # mean of the articles' WERs; pooled is all errors over all reference words
    assert rows[3] == ["mean", "45.0%", "0.0%", "20.0%"]
    assert rows[4] == ["pooled", "46.2%", "0.0%", "15.4%"]


def test_misheard_words_add_up_over_articles() -> None:
    default = top_misheard(s for s in SCORES if s.voice == "default")
    assert [(m.word, m.errors, m.articles) for m in default] == [("forty", 2, 2), ("oh", 1, 1)]
    assert default[0].heard_as == (("for", 2),)
    raw = top_misheard(s for s in SCORES if s.voice == "raw-espeak-ng")
    assert [m.word for m in raw] == ["at", "forty"], "ties by count and articles go alphabetically"
    assert top_misheard(s for s in SCORES if s.voice == "piper-joe") == []
    assert len(top_misheard(SCORES, top=1)) == 1


def test_report_and_json_say_the_same() -> None:
    report = misheard_report(SCORES, VOICES)
    assert "    2  2  forty            -> for x2" in report.splitlines()
    data = results_json(SCORES, VOICES)
    assert math.isclose(data["voices"]["default"]["mean_wer"], 0.45)
    assert data["voices"]["default"]["top_misheard"][0] == {
        "word": "forty", "errors": 2, "articles": 2, "heard_as": {"for": 2},
    }  # fmt: skip
    assert len(data["articles"]) == len(SCORES)

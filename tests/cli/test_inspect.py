from __future__ import annotations

import json
import re

from conftest import FIXTURES
from helpers import run

BYLINE_SAMPLE = FIXTURES / "byline-article.txt"
FOOTNOTE_SAMPLE = FIXTURES / "footnote-article.md"


def _segments(stdout: str) -> list[str]:
    """The spoken text of each segment line `inspect --spoken` prints, engine phonemes as `<phonemes>`.

    The default lexicon sends names to espeak-ng as `[[phonemes]]`: those
    brackets are the engine's, not the article's markup.
    """
    lines = re.finditer(r"^\s+\[\s*\d+\] \S+\s+\+\d+ms  (.*)$", stdout, re.M)
    return [re.sub(r"\[\[[^\]]*\]\]", "<phonemes>", m[1]) for m in lines]


def test_inspect_spoken_byline_sample_reads_no_metadata() -> None:
    proc = run("inspect", str(BYLINE_SAMPLE), "--spoken")
    assert proc.returncode == 0, proc.stderr
    assert "title:    City Council Approves New Transit Budget\n" in proc.stdout
    assert "author:   Maria Okafor\n" in proc.stdout and "date:     2025-03-03\n" in proc.stdout
    assert "place:    Nairobi, Kenya\n" in proc.stdout
    spoken = _segments(proc.stdout)
    assert len(spoken) > 5
    said = " ".join(spoken)
    for metadata in ("Okafor |", "|", "eleven forty-five", "E T", " ET", "NAIROBI", "Nairobi", "—"):
        assert metadata not in said, metadata
    # The author is named once, by the announcement, as "by Maria Okafor" (her surname as phonemes).
    assert said.count("Maria <phonemes>") == 1 and ", by Maria <phonemes>, published March third" in said
    assert spoken[1].startswith("The city council voted late on Monday")
    assert "By twenty thirty, the city expects" in said and "Published reports say" in said


def test_inspect_spoken_footnote_sample_reads_no_markup() -> None:
    proc = run("inspect", str(FOOTNOTE_SAMPLE), "--spoken")
    assert proc.returncode == 0, proc.stderr
    said = " ".join(_segments(proc.stdout))
    for markup in ("[", "]", "^", "Nature", "1950", "Funding", "Notes", "GENEVA", "Geneva", "Reuters,"):
        assert markup not in said, markup
    assert "The report blames climate change." in said and "By Kwame Osei" not in said
    assert "dropped:  3" in proc.stdout and "  - footnote 3 (Funding is still being sought.)" in proc.stdout


def test_inspect_notes_read_adds_the_notes_chapter() -> None:
    proc = run("inspect", str(FOOTNOTE_SAMPLE), "--spoken", "--notes", "read", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert (data["author"], data["publication"], data["place"]) == ("Kwame Osei", "Reuters", "Geneva")
    spoken = [s["spoken"] for s in data["segments"] if s["kind"] != "closing"]
    notes = spoken[spoken.index("Notes.") :]
    assert notes[:4] == [
        "Notes.",
        "Note one.",
        "The report was published in the journal Nature.",
        "Its authors are from eleven countries.",
    ]
    assert "Note three." in notes and notes[-1] == "Funding is still being sought."


def test_notes_option_takes_only_drop_or_read() -> None:
    proc = run("inspect", str(FOOTNOTE_SAMPLE), "--notes", "sing")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "'sing' is not one of" in proc.stderr

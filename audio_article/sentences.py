"""Split paragraphs into sentences, the unit the engine narrates.

Narrating sentence by sentence gives exact transcript timings and lets the
cache reuse every untouched sentence after an edit. Very long "sentences"
(lists without full stops, pasted tables, a 5 MB line) are cut at clause
boundaries so no single engine call runs unbounded.
"""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
NON_FINAL_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "capt",
        "cmdr",
        "sgt",
        "maj",
        "rev",
        "hon",
        "pres",
        "supt",
        "insp",
        "det",
        "adm",
        "brig",
        "cpl",
        "pvt",
        "fr",
        "mt",
        "ft",
        "vs",
        "v",
        "etc",
        "e.g",
        "i.e",
        "cf",
        "approx",
        "dept",
        "est",
        "fig",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "d.c",
        "u.s.a",
        "ph.d",
        "m.d",
        "b.a",
        "m.a",
    ]
)
MAX_SEGMENT_CHARS = 400
_CANDIDATE = re.compile(r"([.!?…]+[\"'”’)\]]*)(\s+)(?=[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])")
_CLAUSE_BREAKS = ("; ", ": ", " — ", " – ", ", ", " ")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of `paragraph`, each at most MAX_SEGMENT_CHARS long."""
    sentences: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(paragraph):
        end = match.end(1)
        # Only the next character matters after the candidate; slicing the whole rest
        # would make a 5 MB paragraph quadratic.
        if _is_abbreviation(paragraph[start : match.start(1) + 1], paragraph[match.end() : match.end() + 1]):
            continue
        sentences.append(paragraph[start:end].strip())
        start = match.end()
    sentences.append(paragraph[start:].strip())
    result: list[str] = []
    for sentence in sentences:
        if sentence:
            result.extend(_bounded(sentence))
    return result


def _is_abbreviation(text_before: str, text_after: str) -> bool:
    """True when the sentence candidate ends with a known abbreviation or an initial."""
    if not text_before.endswith("."):
        return False
    word = re.split(r"[\s(\"“‘']", text_before[:-1])[-1].lower()
    if word in ("no", "nos"):  # "No. 5" but not "said no. Then"
        return text_after[:1].isdigit()
    return word in NON_FINAL_ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _bounded(sentence: str) -> list[str]:
    """Cut an overlong sentence at clause breaks (an index walks it: no copying of the rest)."""
    pieces: list[str] = []
    start = 0
    while len(sentence) - start > MAX_SEGMENT_CHARS:
        window = sentence[start : start + MAX_SEGMENT_CHARS]
        for sep in _CLAUSE_BREAKS:
            cut = window.rfind(sep)
            if cut > MAX_SEGMENT_CHARS // 3:
                cut += len(sep.rstrip())
                break
        else:
            cut = MAX_SEGMENT_CHARS
        piece = window[:cut].strip()
        if piece:
            pieces.append(piece)
        start += cut
    rest = sentence[start:].strip()
    if rest:
        pieces.append(rest)
    return pieces

"""Split paragraphs into sentences, the unit the engine narrates.

Narrating sentence by sentence gives exact transcript timings and lets the
cache reuse every untouched sentence after an edit. Very long "sentences"
(lists without full stops, pasted tables, a 5 MB line) are cut at clause
boundaries so no single engine call runs unbounded.

Abbreviations come in two kinds. Titles and the like ("Mr.", "Dr.", "St.",
"e.g.") always lead into more of the same sentence. Others ("U.S.", "Inc.",
"Wed.", "p.m.", "etc.") often end one: after those, what decides is the
word that follows (see `_ends_at_abbreviation`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audio_article.textutil import MONTH_NAMES


def _words(text: str) -> frozenset[str]:
    """A table written as words separated by spaces."""
    return frozenset(text.split())


# Abbreviations after which a full stop never ends a sentence (a name or number follows).
NON_FINAL_ABBREVIATIONS = _words(
    """
    mr mrs ms mx dr prof st gen sen rep gov lt col capt cmdr sgt maj rev hon pres supt insp det adm
    brig cpl pvt fr mt ft vs v e.g i.e cf approx fig
    """
)
# Abbreviations that may end a sentence. "capital": it ends there when a capitalised
# word follows, unless that word continues a name (CONTINUATIONS). "opener": it ends
# there only when the next word is a common sentence opener (SENTENCE_OPENERS), since
# a capitalised word after it is usually a name ("U.S. Army", "Martin Luther King Jr. Day").
MAY_END_ABBREVIATIONS: dict[str, str] = {
    **dict.fromkeys(_words("inc ltd co corp bros llc plc etc"), "capital"),
    **dict.fromkeys(_words("a.m p.m"), "capital"),
    **dict.fromkeys(_words("mon tue tues wed thu thur thurs fri sat sun"), "capital"),
    **dict.fromkeys(_words("jan feb mar apr jun jul aug sep sept oct nov dec"), "capital"),
    **dict.fromkeys(_words("u.s u.k u.n e.u d.c u.s.a ph.d m.d b.a m.a sr jr dept"), "opener"),
}
# Capitalised words that carry a name on past a "capital" abbreviation.
CONTINUATIONS = (
    _words(
        """
    ltd llc plc limited group holdings
    et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest ist jst eastern central
    pacific mountain local sept
    """
    )
    | {name.lower() for name in MONTH_NAMES}
    | {name[:3].lower() for name in MONTH_NAMES}
)
# Words that commonly open a sentence in news writing.
SENTENCE_OPENERS = _words(
    """
    the a an this that these those it its he she they we i you his her their our my your
    but and or so yet nor for in on at by to of from with without after before during when while
    if as since because although though however meanwhile still then there here now today
    yesterday tomorrow earlier later also instead indeed thus what why how who where which
    some many most all both each every no not one two three several few last next such other
    officials analysts experts critics police authorities residents investors shares prices
    """
)
MAX_SEGMENT_CHARS = 400
_CANDIDATE = re.compile(r"([.!?…]+[\"'”’)\]]*)(\s+)(?=[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])")
_CLAUSE_BREAKS = ("; ", ": ", " — ", " – ", ", ", " ")
_ACRONYM = re.compile(r"(?:[a-z]\.)+[a-z]")  # "n.y", "l.a": read like "u.s"
_NEXT_WORD = re.compile(r"[\"'“‘(\[]*(?P<word>\d+|[^\W\d_]+)")


def split_sentences(paragraph: str, language: Abbreviations | None = None) -> list[str]:
    """Sentences of `paragraph`, each at most MAX_SEGMENT_CHARS long.

    `language`, for text not in English: its abbreviations, after which a full
    stop never ends a sentence, and whether "3." is an ordinal (German).
    """
    sentences: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(paragraph):
        end = match.end(1)
        # Only the next word matters after the candidate; slicing the whole rest
        # would make a 5 MB paragraph quadratic.
        before = paragraph[start : match.start(1) + 1]
        if language is not None and language.continues(before):
            continue
        if _is_abbreviation(before, paragraph[match.end() : match.end() + 40]):
            continue
        sentences.append(paragraph[start:end].strip())
        start = match.end()
    sentences.append(paragraph[start:].strip())
    result: list[str] = []
    for sentence in sentences:
        if sentence:
            result.extend(_bounded(sentence))
    return result


@dataclass(frozen=True)
class Abbreviations:
    """A language's abbreviations and ordinals, after whose full stop a sentence goes on."""

    words: frozenset[str]  # lowercased, as written ("nr.", "z. b.")
    ordinal_dot: bool = False  # German "3." before a word is an ordinal

    def continues(self, text_before: str) -> bool:
        """Whether the full stop ending `text_before` belongs to an abbreviation or an ordinal."""
        if not text_before.endswith("."):
            return False
        if self.ordinal_dot and re.search(r"(?<![\d.])\d{1,3}\.$", text_before):
            return True
        lowered = text_before.lower()
        return any(lowered.endswith(word) and _starts_word(lowered, word) for word in self.words)


def _starts_word(text: str, word: str) -> bool:
    cut = len(text) - len(word)
    return cut == 0 or not text[cut - 1].isalnum()


def _is_abbreviation(text_before: str, text_after: str) -> bool:
    """True when the full stop ending `text_before` is an abbreviation's or initial's, inside a sentence."""
    if not text_before.endswith("."):
        return False
    word = re.split(r"[\s(\"“‘']", text_before[:-1])[-1].lower()
    if word in ("no", "nos"):  # "No. 5" but not "said no. Then"
        return text_after[:1].isdigit()
    if word in NON_FINAL_ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return True
    policy = MAY_END_ABBREVIATIONS.get(word) or ("opener" if _ACRONYM.fullmatch(word) else None)
    if policy is None:
        return False
    return not _ends_at_abbreviation(policy, text_after)


def _ends_at_abbreviation(policy: str, text_after: str) -> bool:
    """Whether a sentence ends at a may-end abbreviation, judged by the word after it."""
    match = _NEXT_WORD.match(text_after)
    if match is None or match["word"][0].isdigit():  # "Jan. 5", "Wed. 12 March"
        return False
    word = match["word"].lower()
    if policy == "capital":
        return word not in CONTINUATIONS
    return word in SENTENCE_OPENERS


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

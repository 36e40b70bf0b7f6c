"""Data: the commonest function words of each supported language, and of close neighbours.

In running text of any of these languages a third or more of the words are
from its list (articles, prepositions, conjunctions, pronouns, auxiliaries),
so a text whose words come overwhelmingly from one list is that language,
without loading the n-gram model (see `language.py`). The neighbours' words
are ones those languages use constantly and ours do not (Catalan, Galician,
the Scandinavian languages, Afrikaans, Polish, Czech, Romanian...): a text
with them goes to the model, which names the language it is.
"""

from __future__ import annotations

from collections import Counter


def _table(words: str) -> frozenset[str]:
    return frozenset(words.split())


FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _table(
        "the of and to in a is that for it was on with as by at from his her he she they be are were "
        "has have had this an not but or which its said their been will who would after than also "
        "into more about over"
    ),
    "de": _table(
        "der die das und in den von zu mit ist sich des auf für nicht eine ein dem als auch es an "
        "werden aus er hat dass sie nach bei um noch wie einem über einen so zum war haben nur oder "
        "aber vor zur bis mehr durch wird sind einer im"
    ),
    "fr": _table(
        "le la les de des du et à un une en est que qui dans pour pas sur au aux par avec il elle "
        "ce se ne sont plus ont été son sa ses leur mais ou cette nous ils a d l qu n s"
    ),
    "es": _table(
        "el la los las de del y en que a un una es por con para se no su sus al lo como más pero fue "
        "ha han este esta entre sobre también son desde le"
    ),
    "it": _table(
        "il lo la i gli le di del della dei delle e che in un una è per con non si da al alla nel "
        "nella sono ha hanno anche come più ma questo questa dal sul l dell all"
    ),
    "pt": _table(
        "o a os as de do da dos das e que em no na nos nas um uma para com por não se é foi ao mais "
        "como mas seu sua são pelo pela também entre"
    ),
    "nl": _table(
        "de het een en van in is op te dat die met voor zijn niet aan er ook als bij door om naar "
        "wordt worden maar nog uit over dan was heeft hebben deze tot wel"
    ),
}

# Words the neighbours of our languages use all the time and ours hardly ever.
NEIGHBOUR_WORDS = _table(
    # Catalan
    "els amb és dels aquest aquesta pel molt "
    # Galician
    "unha coa pola dun dunha "
    # Danish, Norwegian, Swedish
    "og ikke af på til som är och inte att det jeg jag hun har ble blev "
    # Afrikaans
    "ek hulle sy hierdie "
    # Polish, Czech, Slovak
    "się jest że już jako oraz byl bylo které který "
    # Romanian
    "și în pentru sunt"
)

_USES = Counter(word for table in FUNCTION_WORDS.values() for word in table)
# Each language's words that no other list has ("the", "und", "het", "y", "è"...).
OWN_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(w for w in table if _USES[w] == 1) for code, table in FUNCTION_WORDS.items()
}

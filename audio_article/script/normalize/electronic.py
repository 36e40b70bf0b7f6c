"""Rules for things read symbol by symbol: e-mail, URLs, phone numbers, IP addresses, street addresses."""

from __future__ import annotations

import re

from audio_article.script.normalize import numbers
from audio_article.script.normalize.tables import COMPASS, ONES, STREET_WORDS, US_STATES

_SEPARATORS = {
    ".": "dot",
    "/": "slash",
    ":": "colon",
    "-": "dash",
    "_": "underscore",
    "@": "at",
    "&": "ampersand",
    "~": "tilde",
    "?": "question mark",
    "=": "equals",
    "#": "hash",
    "+": "plus",
    "%": "percent",
}
_SPELLED_PARTS = {"http", "https", "www", "ftp", "html", "htm", "php", "pdf"}
_SAID_PARTS = {"jpg": "jpeg", "com": "com", "org": "org", "net": "net", "gov": "gov", "edu": "edu"}
_TLDS = (
    "com|org|net|gov|edu|int|mil|io|co|uk|de|fr|it|es|nl|eu|us|ca|au|ru|ua|jp|cn|in|info|news|sm|tv|me|ai|dev"
)

EMAIL = re.compile(r"(?<![\w.+-])[\w.+&-]+@[\w-]+(?:\.[\w-]+)+(?:/[\w./-]*)?")
URL = re.compile(
    r"\b(?:https?|ftp|file)://[^\s<>\"]*[^\s<>\".,;:!?)]"
    r"|\bwww\.[^\s<>\"]*[^\s<>\".,;:!?)]"
    rf"|(?<![\w@.-])(?:[a-z][a-z0-9-]+|\d[a-z0-9-]*)(?:\.[a-z0-9-]+)*\.(?:{_TLDS})\b(?:/[^\s<>\"]*[^\s<>\".,;:!?)])?"
)
PHONE = re.compile(
    r"(?<![\w+])(?:\+(?P<cc>\d{1,3})[\s.-]?)?(?:\((?P<area1>\d{3})\)|(?P<area2>\d{3}))[\s.-]?"
    r"(?P<mid>\d{3})[\s.-](?P<last>\d{4})(?:-(?P<ext>\d{1,4}))?(?![\w])"
)
TOLL_FREE = re.compile(r"\b1-(8\d\d)-([A-Z0-9]+(?:-[A-Z0-9]+)+)\b")
SSN = re.compile(r"\b(\d{3})-(\d{2})-(\d{4})\b")
IP = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
CARD_ENDING = re.compile(r"\b(ending in|ends in|last four digits|PIN|code|extension|ext\.?)\s(\d{2,6})\b")
ADDRESS = re.compile(
    r"\b(?P<num>\d{1,5})\s(?P<dir>(?:N|S|E|W|NE|NW|SE|SW)\s)?(?P<name>(?:[A-Z0-9][\w']*\s){1,3})"
    r"(?P<street>St|Ave|Blvd|Rd|Hwy|hwy|Expy|Ct|Ln|Dr|Pl|Sq|st)\b(?P<stop>\.)?"
)
STATE = re.compile(r",\s(?P<code>[A-Z]{2})\b(?P<zip>,?\s\d{5})?(?=$|[,.;\s])")


def electronic(text: str) -> str:
    """Read e-mail addresses and URLs part by part, their separators named ("at", "dot")."""
    text = EMAIL.sub(lambda m: " " + speak_symbols(m.group(0)) + " ", text)
    return URL.sub(lambda m: " " + speak_symbols(m.group(0)) + " ", text)


def speak_symbols(address: str) -> str:
    """Read an address part by part: words, letters, digit strings and named separators."""
    words: list[str] = []
    for part in re.findall(r"[A-Za-z]+|\d+|[^\sA-Za-z\d]", address):
        lower = part.lower()
        if part.isdigit():
            words.append(numbers.digits(part))
        elif part in _SEPARATORS:
            words.append(_SEPARATORS[part])
        elif lower in _SAID_PARTS:
            words.append(_SAID_PARTS[lower])
        elif lower in _SPELLED_PARTS or (len(part) == 2 and words and words[-1] == "dot"):
            words.append(" ".join(part.upper()))
        elif part.isalpha():
            words.append(part)
    return " ".join(words)


def phones(text: str) -> str:
    """Say phone, toll-free, social security, IP and card numbers digit by digit."""
    text = TOLL_FREE.sub(_toll_free, text)
    text = SSN.sub(lambda m: ", ".join(numbers.digits(g) for g in m.groups()), text)
    text = IP.sub(lambda m: " dot ".join(numbers.digits(p) for p in m.group(0).split(".")), text)
    text = CARD_ENDING.sub(lambda m: f"{m.group(1)} {numbers.digits(m.group(2))}", text)
    return PHONE.sub(_phone, text)


def _phone(match: re.Match[str]) -> str:
    groups = []
    if match["cc"]:
        groups.append("plus " + numbers.digits(match["cc"]))
    groups += [
        numbers.digits(match["area1"] or match["area2"]),
        numbers.digits(match["mid"]),
        numbers.digits(match["last"]),
    ]
    if match["ext"]:
        groups.append(numbers.digits(match["ext"]))
    return ", ".join(groups)


def _toll_free(match: re.Match[str]) -> str:
    parts = ["one", numbers.cardinal(int(match.group(1)))]
    spoken = []
    for piece in match.group(2).split("-"):
        if piece.isdigit():
            spoken.append(numbers.digits(piece) + ",")
        else:
            spoken.append(piece)
    return ", ".join(parts) + ", " + " ".join(spoken).rstrip(",")


def addresses(text: str) -> str:
    """Say street addresses (house number, compass point, street word) and US state codes after a comma."""
    text = ADDRESS.sub(_address, text)
    return STATE.sub(_state, text)


def _address(match: re.Match[str]) -> str:
    direction = COMPASS[match["dir"].strip()] + " " if match["dir"] else ""
    # The abbreviation's full stop also ends a sentence before a capital or at the end.
    stop = "." if match["stop"] and re.match(r"\s*$|\s+[A-Z]", match.string[match.end() :]) else ""
    return f"{house_number(match['num'])} {direction}{match['name']}{STREET_WORDS[match['street']]}{stop}"


def house_number(value: str) -> str:
    """House numbers in pairs: 2788 twenty-seven eighty-eight, 123 one twenty-three, 708 seven zero eight."""
    n = int(value)
    if len(value) == 4:
        return numbers.year(n) if n % 100 else numbers.cardinal(n)
    if len(value) == 3:
        head, rest = ONES[int(value[0])], value[1:]
        if rest == "00":
            return head + " hundred"
        return head + " " + (numbers.digits(rest) if rest.startswith("0") else numbers.cardinal(int(rest)))
    return numbers.cardinal(n)


def _state(match: re.Match[str]) -> str:
    name = US_STATES.get(match["code"])
    if name is None:
        return match.group(0)
    postcode = match["zip"] or ""
    if postcode:
        postcode = " " + numbers.digits(postcode)
    return f", {name}{postcode}"

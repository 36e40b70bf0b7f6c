"""Pronunciation lexicons: whole words or phrases -> how to say them.

File format (TOML), documented in `voices/README.md`::

    [words]
    Kyiv = "Keev"                                  # a respelling, for every engine
    Zelensky = { say = "zeh LEN skee", ipa = "zɛˈlɛnski", espeak = "z@l'Enski" }  # phonemes

A key containing a capital letter matches only that exact spelling; an
all-lowercase key matches any capitalisation. Longer keys win over shorter
ones, and matches are whole words only. An entry's fields are described once,
in `ENTRY_SCHEMA` (the table in `voices/README.md` comes from it); a plain
string is the short form of `{ say = ... }`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audio_article.errors import ConfigError
from audio_article.schema import REQUIRED, Schema, Setting, check_value, read_toml, shown, toml_key, validate


def _respelling(value: str) -> str | None:
    return None if value.strip() else "must not be blank (an empty respelling would delete the word)"


def _phoneme_text(value: str) -> str | None:
    if not value.strip():
        return "must not be blank"
    return "must not contain '[' or ']'" if "[" in value or "]" in value else None


ENTRY_SCHEMA = Schema(
    "lexicon entry",
    (
        Setting(
            "say",
            "string",
            "how to say the key: a respelling every engine reads",
            REQUIRED,
            check=_respelling,
        ),
        Setting(
            "ipa",
            "text",
            "IPA phonemes, for engines that accept them (Piper)",
            default_doc="`say` only",
            check=_phoneme_text,
        ),
        Setting(
            "espeak",
            "text",
            "espeak-ng phoneme mnemonics, for espeak-ng (the default voices);"
            " `audio-article phonemes WORD` shows espeak-ng's own",
            default_doc="`say` only",
            check=_phoneme_text,
        ),
    ),
)


@dataclass(frozen=True)
class LexiconEntry:
    """`say` is a respelling every engine can read; `ipa` and `espeak` are optional engine phonemes."""

    key: str
    say: str
    ipa: str | None = None
    espeak: str | None = None

    def phonemes(self, alphabet: str | None) -> str | None:
        """This entry's phonemes in `alphabet` ("ipa" or "espeak"), if it has them."""
        return {"ipa": self.ipa, "espeak": self.espeak}.get(alphabet or "")


@dataclass(frozen=True)
class Lexicon:
    """Pronunciation entries substituted into the spoken text; merging lets a later lexicon override."""

    entries: tuple[LexiconEntry, ...] = ()

    def merged(self, other: Lexicon) -> Lexicon:
        """Entries of `other` override entries of `self` with the same key."""
        keys = {e.key for e in other.entries}
        return Lexicon(tuple(e for e in self.entries if e.key not in keys) + other.entries)

    def apply(self, text: str, phonemes: str | None = None) -> tuple[str, tuple[str, ...]]:
        """Return `text` with entries substituted and the keys that matched.

        With `phonemes` ("ipa" for Piper, "espeak" for espeak-ng), entries that
        have phonemes in that alphabet become `[[phonemes]]`, the inline
        phoneme syntax both engines read.
        """
        if not self.entries:
            return text, ()
        pattern, lookup = _compiled(self)
        used: list[str] = []

        def replace(match: re.Match[str]) -> str:
            found = match.group(0)
            entry = lookup.get(found) or lookup[found.lower()]
            used.append(entry.key)
            spelled = entry.phonemes(phonemes)
            return f"[[{spelled}]]" if spelled else entry.say

        return pattern.sub(replace, text), tuple(dict.fromkeys(used))


_CACHE: dict[Lexicon, tuple[re.Pattern[str], dict[str, LexiconEntry]]] = {}


def _compiled(lexicon: Lexicon) -> tuple[re.Pattern[str], dict[str, LexiconEntry]]:
    cached = _CACHE.get(lexicon)
    if cached:
        return cached
    exact = [e for e in lexicon.entries if e.key != e.key.lower()]
    loose = [e for e in lexicon.entries if e.key == e.key.lower()]
    alternatives = []
    for entry in sorted(lexicon.entries, key=lambda e: -len(e.key)):
        escaped = re.escape(entry.key)
        alternatives.append(escaped if entry in exact else f"(?i:{escaped})")
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(alternatives) + r")(?![\w-])")
    lookup = {e.key: e for e in exact} | {e.key: e for e in loose}
    _CACHE[lexicon] = (pattern, lookup)
    return pattern, lookup


def load_lexicons(paths: Iterable[Path]) -> Lexicon:
    """Load and merge lexicon files in order (later files win)."""
    lexicon = Lexicon()
    for path in paths:
        lexicon = lexicon.merged(load_lexicon(path))
    return lexicon


def load_lexicon(path: Path) -> Lexicon:
    """Read one lexicon file: a single `[words]` table; errors name the file and the entry."""
    label = str(path)
    data = read_toml(path)
    extra = sorted(set(data) - {"words"})
    if extra:
        raise ConfigError(f"{label}: '{extra[0]}' is not a known key (a lexicon is one [words] table)")
    words = data.get("words", {})
    if not isinstance(words, dict):
        raise ConfigError(f"{label}: 'words' must be a table, not {shown(words)}")
    return Lexicon(tuple(_entry(key, value, label) for key, value in words.items()))


def _entry(key: str, value: Any, label: str) -> LexiconEntry:
    where = f"words.{toml_key(key)}"
    if not key.strip():
        raise ConfigError(f"{label}: '{where}' is an empty key")
    if isinstance(value, str):
        return LexiconEntry(key, check_value(ENTRY_SCHEMA.setting("say"), value, label, where))
    if not isinstance(value, dict):
        raise ConfigError(
            f"{label}: '{where}' must be a string or {{ say = ..., ipa = ..., espeak = ... }},"
            f" not {shown(value)}"
        )
    v = validate(ENTRY_SCHEMA, value, label, prefix=where + ".")
    return LexiconEntry(key, v["say"], v["ipa"], v["espeak"])

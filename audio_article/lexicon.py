"""Pronunciation lexicons: whole words or phrases -> how to say them.

File format (TOML), documented in `voices/README.md`::

    [words]
    Kyiv = "Keev"                                  # a respelling, for every engine
    Zelensky = { say = "zeh LEN skee", ipa = "zɛˈlɛnski" }  # phonemes for engines that take them

A key containing a capital letter matches only that exact spelling; an
all-lowercase key matches any capitalisation. Longer keys win over shorter
ones, and matches are whole words only.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from audio_article.errors import ConfigError


@dataclass(frozen=True)
class LexiconEntry:
    """`say` is a respelling every engine can read; `ipa` is optional engine phonemes."""

    key: str
    say: str
    ipa: str | None = None


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[LexiconEntry, ...] = ()

    def merged(self, other: Lexicon) -> Lexicon:
        """Entries of `other` override entries of `self` with the same key."""
        keys = {e.key for e in other.entries}
        return Lexicon(tuple(e for e in self.entries if e.key not in keys) + other.entries)

    def apply(self, text: str, use_phonemes: bool = False) -> tuple[str, tuple[str, ...]]:
        """Return `text` with entries substituted and the keys that matched.

        With `use_phonemes`, entries that have `ipa` become `[[ipa]]`, the
        inline phoneme syntax Piper understands.
        """
        if not self.entries:
            return text, ()
        pattern, lookup = _compiled(self)
        used: list[str] = []

        def replace(match: re.Match[str]) -> str:
            found = match.group(0)
            entry = lookup.get(found) or lookup[found.lower()]
            used.append(entry.key)
            if use_phonemes and entry.ipa:
                return f"[[{entry.ipa}]]"
            return entry.say

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
    lexicon = Lexicon()
    for path in paths:
        lexicon = lexicon.merged(load_lexicon(path))
    return lexicon


def load_lexicon(path: Path) -> Lexicon:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"lexicon {path}: no such file") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"lexicon {path}: {exc}") from exc
    words = data.get("words", {})
    if not isinstance(words, dict) or set(data) - {"words"}:
        raise ConfigError(f"lexicon {path}: expected a single [words] table")
    entries = []
    for key, value in words.items():
        if not key.strip():
            raise ConfigError(f"lexicon {path}: empty key")
        if isinstance(value, str):
            entries.append(LexiconEntry(key, value))
        elif isinstance(value, dict) and isinstance(value.get("say"), str) and set(value) <= {"say", "ipa"}:
            ipa = value.get("ipa")
            if ipa is not None and not isinstance(ipa, str):
                raise ConfigError(f"lexicon {path}: {key}.ipa must be a string")
            entries.append(LexiconEntry(key, value["say"], ipa))
        else:
            raise ConfigError(f"lexicon {path}: {key} must be a string or {{ say = ..., ipa = ... }}")
    return Lexicon(tuple(entries))

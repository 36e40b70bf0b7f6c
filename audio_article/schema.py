"""Configuration schemas: each TOML file the tool reads is described once, here.

A `Schema` is a tuple of `Setting` records (key, kind, default, range,
documentation, extra check). The loader of each file (`show.py`,
`profiles.py`, `lexicon.py`) validates against its schema, the error messages
come from the same records, and the key tables in `README.md` and
`voices/README.md` are rendered from them (`scripts/config-docs` rewrites
them; a test fails when they drift).

Why our own small validator and not msgspec or a dataclass library: every
error must start with the file and the key as the user wrote it
("show.toml: 'explicit' must be true or false, not 'no'"), a TOML string
must never pass for a bool or a number, NaN and infinities must be refused,
and some checks (URL shape, BCP 47 tags, Apple's categories) are ours anyway.
msgspec's messages ("Expected `bool`, got `str` - at `$.explicit`") would
have to be parsed and reworded, for one more dependency; this is ~150 lines.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from audio_article.errors import ConfigError
from audio_article.textutil import is_http_url

Kind = Literal["text", "string", "bool", "int", "number", "strings"]
Check = Callable[[Any], str | None]  # returns what is wrong with a value, or None


class _Required:
    def __repr__(self) -> str:
        return "required"


REQUIRED: Any = _Required()

_KIND_WORDS = {
    "text": "a non-empty string",
    "string": "a string",
    "bool": "true or false",
    "int": "a whole number",
    "number": "a number",
    "strings": "a list of strings",
}


@dataclass(frozen=True)
class Setting:
    """One key of a configuration file; a dotted key (`pauses.sentence_ms`) lives in a table."""

    key: str
    kind: Kind
    doc: str
    default: Any = None  # REQUIRED, a value, or None for "absent"
    low: float | None = None
    high: float | None = None
    check: Check | None = None
    default_doc: str | None = None  # how the docs state a computed default

    @property
    def required(self) -> bool:
        """Whether the file must give this key."""
        return self.default is REQUIRED


@dataclass(frozen=True)
class Schema:
    """The settings of one kind of file; `name` is how the docs refer to it."""

    name: str
    settings: tuple[Setting, ...]

    def setting(self, key: str) -> Setting:
        """The setting for `key` (a KeyError is a bug in the caller)."""
        return next(s for s in self.settings if s.key == key)

    @property
    def tables(self) -> frozenset[str]:
        """Names of the TOML tables the dotted keys live in."""
        return frozenset(s.key.rsplit(".", 1)[0] for s in self.settings if "." in s.key)


def validate(schema: Schema, data: Mapping[str, Any], label: str, prefix: str = "") -> dict[str, Any]:
    """Check `data` (parsed TOML) against `schema`; return every key's value, defaults filled in.

    `label` (the file) and the offending key start every error message.
    """
    flat = _flatten(schema, data, label, prefix)
    known = {s.key for s in schema.settings}
    for key in flat:
        if key not in known:
            raise ConfigError(f"{label}: {_unknown(prefix + key, [prefix + k for k in known])}")
    missing = [prefix + s.key for s in schema.settings if s.required and s.key not in flat]
    if missing:
        raise ConfigError(f"{label}: missing {', '.join(key_name(k) for k in missing)}")
    values: dict[str, Any] = {}
    for setting in schema.settings:
        if setting.key in flat:
            values[setting.key] = check_value(setting, flat[setting.key], label, prefix + setting.key)
        else:
            values[setting.key] = setting.default
    return values


def check_value(setting: Setting, value: Any, label: str, key: str) -> Any:
    """Check one value against its setting; `key` is how the error names it."""
    problem = _kind_problem(setting, value)
    if problem is None and setting.check is not None:
        problem = setting.check(value)
    if problem is not None:
        raise ConfigError(f"{label}: {key_name(key)} {problem}, not {shown(value)}")
    return float(value) if setting.kind == "number" else value


def key_name(key: str) -> str:
    """A dotted key as error messages quote it, control characters escaped so it stays one line."""
    return "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in key) + "'"


def toml_key(part: str) -> str:
    """One key as TOML spells it: bare when it can be, else in double quotes ('"New York"')."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", part):
        return part
    return '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'


def shown(value: Any) -> str:
    """A value as the error message quotes it: TOML spelling, one line, at most ~40 characters."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    text = repr(value) if isinstance(value, (str, list)) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _flatten(schema: Schema, data: Mapping[str, Any], label: str, prefix: str) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if key in schema.tables:
            if not isinstance(value, dict):
                raise ConfigError(f"{label}: {key_name(prefix + key)} must be a table, not {shown(value)}")
            flat.update({f"{key}.{inner}": v for inner, v in value.items()})
        else:
            flat[key] = value
    return flat


def _unknown(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f" (did you mean {key_name(close[0])}?)" if close else ""
    return f"{key_name(key)} is not a known key{hint}"


def _kind_problem(setting: Setting, value: Any) -> str | None:
    """What is wrong with the value's type or range, as 'must be ...', or None."""
    kind = setting.kind
    must = f"must be {_KIND_WORDS[kind]}"
    if kind in ("text", "string"):
        if not isinstance(value, str):
            return must
        return must if kind == "text" and not value.strip() else None
    if kind == "bool":
        return None if isinstance(value, bool) else must
    if kind == "strings":
        ok = isinstance(value, list) and all(isinstance(x, str) and x.strip() for x in value)
        return None if ok else must
    numeric = (int,) if kind == "int" else (int, float)
    if isinstance(value, bool) or not isinstance(value, numeric) or not math.isfinite(value):
        return must if setting.low is None else f"{must} from {_num(setting.low)} to {_num(setting.high)}"
    low = -math.inf if setting.low is None else setting.low
    high = math.inf if setting.high is None else setting.high
    if not low <= value <= high:
        return f"{must} from {_num(setting.low)} to {_num(setting.high)}"
    return None


def _num(value: float | None) -> str:
    return "any" if value is None else f"{value:g}"


# Checks shared by several files.

_BCP47 = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}"  # language (ISO 639) and extended language subtags
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"  # variants
    r"(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*"  # extensions
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"  # private use
    r"|x(?:-[a-z0-9]{1,8})+)",
    re.IGNORECASE,
)


def language_tag(value: str) -> str | None:
    """A well-formed BCP 47 tag (RFC 5646) whose language is a 2-3 letter ISO 639 code."""
    # RFC 5646 also allows 4-8 letter language subtags, but none is assigned: "English" is a mistake.
    ok = _BCP47.fullmatch(value) is not None
    return None if ok else "must be a BCP 47 language tag such as 'en', 'en-US', 'pt-BR' or 'zh-Hant-TW'"


def http_url(*, query: bool = True) -> Check:
    """A check for an absolute http(s) URL with a host and no spaces (and, unless `query`, no ?/#)."""

    def check(value: str) -> str | None:
        if not is_http_url(value):
            return "must be an http(s) URL with a host and no spaces"
        parts = urlsplit(value)
        if not parts.hostname or re.search(r"\s", value):
            return "must be an http(s) URL with a host and no spaces"
        if not query and (parts.query or parts.fragment or "?" in value or "#" in value):
            return "must be an http(s) URL without a query (?) or fragment (#)"
        return None

    return check


def email(value: str) -> str | None:
    """An address shaped like name@host.domain."""
    ok = re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\".]+(?:\.[^@\s<>\".]+)+", value) is not None
    return None if ok else "must be an e-mail address such as 'audio@example.org'"


def one_of(*choices: str) -> Check:
    """A check that a string is one of `choices`."""

    def check(value: str) -> str | None:
        return None if value in choices else "must be " + " or ".join(repr(c) for c in choices)

    return check


def markdown_table(schema: Schema) -> str:
    """The schema as the Markdown key table the READMEs carry."""
    rows = ["| key | meaning | default |", "|---|---|---|"]
    for s in schema.settings:
        key = f"`[{s.key.replace('.', '] ', 1)}`" if "." in s.key else f"`{s.key}`"
        span = f", {_num(s.low)}-{_num(s.high)}" if s.low is not None else ""
        rows.append(f"| {key} | {s.doc}{span} | {_default_doc(s)} |")
    return "\n".join(rows) + "\n"


def _default_doc(setting: Setting) -> str:
    if setting.default_doc is not None:
        return setting.default_doc
    if setting.required:
        return "required"
    if setting.default is None:
        return "none"
    if isinstance(setting.default, bool):
        return "`true`" if setting.default else "`false`"
    if isinstance(setting.default, str):
        return f'`"{setting.default}"`' if setting.default else '`""`'
    return f"`{setting.default}`"


def read_toml(path: Path) -> dict[str, Any]:
    """A configuration file's TOML table; a missing, unreadable or malformed file is a ConfigError."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc

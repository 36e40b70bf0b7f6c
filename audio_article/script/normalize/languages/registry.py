"""The languages the normalizer reads, each a data table (`de.py`, `fr.py` ...) over shared rules.

English keeps its own, richer rules (`normalize/rules.py`); every other
language is a `LanguageTable` read by `locale_rules.py`. `language_of` turns
a BCP 47 tag into a supported language code, or says which ones are.
"""

from __future__ import annotations

from audio_article.errors import InputError
from audio_article.script.normalize.languages import de, es, fr, it, nl, pt
from audio_article.script.normalize.languages.table import LanguageTable

TABLES: dict[str, LanguageTable] = {
    t.code: t for t in (de.TABLE, es.TABLE, fr.TABLE, it.TABLE, nl.TABLE, pt.TABLE)
}
NAMES: dict[str, str] = {"en": "English", **{code: t.name for code, t in TABLES.items()}}
SUPPORTED: tuple[str, ...] = tuple(sorted(NAMES))


def base_language(tag: str) -> str:
    """ "pt-BR" -> "pt", "de_AT" -> "de": the ISO 639-1 language of a tag."""
    return tag.replace("_", "-").split("-")[0].strip().lower()


def language_of(tag: str) -> str:
    """The supported language `tag` is in; an unsupported one is an error naming those supported."""
    code = base_language(tag)
    if code not in NAMES:
        known = ", ".join(f"{c} ({NAMES[c]})" for c in SUPPORTED)
        raise InputError(
            f"language {tag!r} is not supported (supported: {known}); use --language to override"
        )
    return code

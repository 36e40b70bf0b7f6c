"""The spoken frame in each supported language: announcement, closing, chapter headings, edition note.

English is the default `ScriptOptions` and `compose.EDITION_NOTE`; a template
left at its English default is replaced by the article's language's own. A
publisher's own template is kept as written. Numbers stay digits here: the
language's normalizer reads them ("3 Abschnitte" -> "drei Abschnitte").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from audio_article.script.normalize.languages.registry import TABLES, base_language


@dataclass(frozen=True)
class Frame:
    """What is said around the article in one language."""

    announcement: str
    closing: str
    edition_note: str
    also_read: str
    notes: str
    note: str  # "Note {number}." before each footnote
    by: str  # "By {author}" after the title
    by_author: str  # ", by {author}" inside the announcement
    published: str  # ", published {date}"
    this_article: str
    section: tuple[str, str]  # "one section", "{n} sections"
    minute: tuple[str, str]


FRAMES: dict[str, Frame] = {
    "de": Frame(
        "Audioausgabe von {title}{by_author}{published}. {sections}, etwa {minutes}.",
        "Sie hörten eine Audioausgabe von {title}.",
        "Über diese Ausgabe: ein sprechendes Buch, gelesen von einer synthetischen Stimme, nicht von einem"
        " Menschen. Es hat {sections}; Text und Lesung laufen gleich, Sie können nach Abschnitt, Absatz und"
        " Satz springen.",
        "Lesen Sie auch",
        "Anmerkungen",
        "Anmerkung {number}:",  # "1." would read as an ordinal
        "Von {author}",
        ", von {author}",
        ", erschienen am {date}",
        "diesem Artikel",
        ("ein Abschnitt", "{n} Abschnitte"),
        ("eine Minute", "{n} Minuten"),
    ),
    "fr": Frame(
        "Édition audio de {title}{by_author}{published}. {sections}, environ {minutes}.",
        "Vous avez écouté une édition audio de {title}.",
        "À propos de cette édition : un livre parlé, lu par une voix de synthèse, et non par un narrateur humain."
        " Il compte {sections} ; le texte et la lecture vont ensemble, vous pouvez passer de section en section,"
        " de paragraphe en paragraphe et de phrase en phrase.",
        "À lire aussi",
        "Notes",
        "Note {number}.",
        "Par {author}",
        ", par {author}",
        ", publié le {date}",
        "cet article",
        ("une section", "{n} sections"),
        ("une minute", "{n} minutes"),
    ),
    "es": Frame(
        "Edición en audio de {title}{by_author}{published}. {sections}, aproximadamente {minutes}.",
        "Ha escuchado una edición en audio de {title}.",
        "Sobre esta edición: un libro hablado, leído por una voz sintética, no por un narrador humano."
        " Tiene {sections}; el texto y la lectura van sincronizados, puede moverse por sección, párrafo y frase.",
        "Lea también",
        "Notas",
        "Nota {number}.",
        "Por {author}",
        ", por {author}",
        ", publicado el {date}",
        "este artículo",
        ("una sección", "{n} secciones"),
        ("un minuto", "{n} minutos"),
    ),
    "it": Frame(
        "Edizione audio di {title}{by_author}{published}. {sections}, circa {minutes}.",
        "Avete ascoltato un'edizione audio di {title}.",
        "Su questa edizione: un libro parlato, letto da una voce sintetica, non da un narratore umano."
        " Ha {sections}; testo e lettura sono sincronizzati, potete spostarvi per sezione, paragrafo e frase.",
        "Leggi anche",
        "Note",
        "Nota {number}.",
        "Di {author}",
        ", di {author}",
        ", pubblicato il {date}",
        "questo articolo",
        ("una sezione", "{n} sezioni"),
        ("un minuto", "{n} minuti"),
    ),
    "pt": Frame(
        "Edição em áudio de {title}{by_author}{published}. {sections}, cerca de {minutes}.",
        "Ouviu uma edição em áudio de {title}.",
        "Sobre esta edição: um livro falado, lido por uma voz sintética, não por um narrador humano."
        " Tem {sections}; o texto e a leitura estão sincronizados, pode navegar por secção, parágrafo e frase.",
        "Leia também",
        "Notas",
        "Nota {number}.",
        "Por {author}",
        ", por {author}",
        ", publicado a {date}",
        "este artigo",
        ("uma secção", "{n} secções"),
        ("um minuto", "{n} minutos"),
    ),
    "nl": Frame(
        "Audio-editie van {title}{by_author}{published}. {sections}, ongeveer {minutes}.",
        "U luisterde naar een audio-editie van {title}.",
        "Over deze editie: een gesproken boek, voorgelezen door een synthetische stem, niet door een mens."
        " Het heeft {sections}; tekst en voordracht lopen gelijk, u kunt per deel, alinea en zin verspringen.",
        "Lees ook",
        "Noten",
        "Noot {number}.",
        "Door {author}",
        ", door {author}",
        ", verschenen op {date}",
        "dit artikel",
        ("één deel", "{n} delen"),
        ("één minuut", "{n} minuten"),
    ),
}


def frame_for(language: str) -> Frame | None:
    """The frame of a supported language other than English (None: the English defaults)."""
    return FRAMES.get(base_language(language))


def published(frame: Frame, date: dt.date, language: str) -> str:
    """ ", publié le 3 mai 2026": the frame's publication phrase with the date."""
    said = frame.published.format(date=written_date(date, language))
    if base_language(language) == "it" and date.day in (8, 11):  # "l'8 maggio", "l'11 giugno"
        said = said.replace(" il ", " l'")
    return said


def count(forms: tuple[str, str], n: int) -> str:
    """ "ein Abschnitt" / "3 Abschnitte"."""
    return forms[0] if n == 1 else forms[1].format(n=n)


def written_date(date: dt.date, language: str) -> str:
    """The date as the language writes it, for its normalizer to read: "3. Mai 2026", "3 de mayo de 2026"."""
    language = base_language(language)
    table = TABLES[language]
    month = table.months[date.month - 1]
    if language == "de":
        return f"{date.day}. {month} {date.year}"
    if language in ("es", "pt"):
        return f"{date.day} de {month} de {date.year}"
    return f"{date.day} {month} {date.year}"

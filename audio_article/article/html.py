"""HTML articles: the main text by trafilatura, metadata from meta tags and JSON-LD.

trafilatura (a well-kept extractor used in web archiving) finds the article
body and drops navigation, ads, promos, cookie banners, comments, footers
and asides; it keeps headings, which start sections here (`h2`/`h3`; `h1`
is the title). Tables, code and images are not narrated, nor are figure
captions unless asked for (`captions`: then each is read, as "Picture: ...",
where its image stands, from the figcaption or else the alt text).
Related-link boxes (class or id "related", "more-from", "read-more"...) are
collected from the page before extraction and become related links.

Parsing uses lxml's HTML parser, which never loads external entities or DTDs
and does not expand entity definitions, so entity bombs stay inert text.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audio_article.article.bylines import Credits, read_credit_line, take_credits
from audio_article.article.footnotes import dropped_notes, take_html_notes
from audio_article.article.language import declared
from audio_article.article.nesting import MAX_HTML_DEPTH, flatten_html, too_deep
from audio_article.article.passages import mark_html
from audio_article.errors import InputError
from audio_article.models import Article, RelatedLink, Section
from audio_article.textutil import ends_sentence, find_date, invalid_date, is_http_url, read_date, squash

if TYPE_CHECKING:
    from trafilatura.settings import Document

log = logging.getLogger(__name__)

RELATED_BOX = re.compile(r"related|more-from|more_from|read-more|also-read|recommended|further-reading", re.I)
_SECTION_TAGS = ("h2", "h3")
_TAG = re.compile(r"<[^>]*>")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml\s[^>]*\?>")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•:-]\s+")


def parse_html(
    text: str, source_name: str, base_dir: Path | None = None, url: str | None = None, captions: bool = False
) -> Article:
    """Parse a web page into an `Article`: the extracted body, its metadata, related links and captions."""
    from lxml import etree

    # The text is decoded already (decode.py honoured the declared encoding), and
    # lxml refuses a str that still carries an XML encoding declaration.
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        page = _parse_page(text, source_name)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{source_name}: cannot parse the HTML ({exc})") from exc
    meta = _meta(page)
    ld = _json_ld(page)
    base = url or meta.get("og:url") or _canonical(page)
    related = _related(page, base)
    described = _captions(page, base) if captions else {}
    notes = take_html_notes(page)  # before extraction, which would read markers and notes as text
    mark_html(page)  # passages in another language, which extraction would read as the page's
    document = _extract(page, base, captions, source_name)
    title = squash(
        meta.get("og:title") or _ld_str(ld, "headline") or document.title or _title_tag(page, meta) or ""
    )
    sections, dropped = _sections(document.body, title, described)
    printed = _printed_credits(page, sections)
    author = meta.get("author") or _ld_author(ld) or printed.author or document.author
    dates = (
        meta.get("article:published_time"),
        _ld_str(ld, "datePublished"),
        printed.iso_date,
        document.date,
    )
    return Article(
        title=title,
        sections=sections,
        source_format="html",
        source_name=source_name,
        author=squash(author) if author else None,
        publication=_publication(page, meta, ld, document),
        date=_page_date(dates, source_name),
        summary=meta.get("description") or meta.get("og:description") or _ld_str(ld, "description"),
        image=_image(meta.get("og:image") or document.image, base, base_dir),
        local_files=_local_image(meta.get("og:image") or document.image, base, base_dir),
        url=base,
        language=declared(page.get("lang") or meta.get("og:locale")).split("-")[0].lower(),  # "": detected
        related=related,
        dropped=(*dropped, *dropped_notes(notes)),
        notes=notes,
    )


def _extract(page: Any, base: str | None, captions: bool, source_name: str) -> Document:
    """The article body and metadata trafilatura finds in the page; InputError when it finds no body."""
    import trafilatura
    from lxml import html as lxml_html
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(
        lxml_html.tostring(page, encoding="unicode"),
        url=base,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=captions,  # images mark where their captions are read
        include_links=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not isinstance(document, Document) or document.body is None:
        raise InputError(f"{source_name}: no article text found in the HTML")
    return document


def _publication(page: Any, meta: dict[str, str], ld: dict[str, Any], document: Document) -> str | None:
    """The site's name: Open Graph, JSON-LD, trafilatura, else the end of the page title."""
    return meta.get("og:site_name") or _ld_publisher(ld) or document.sitename or _site_from_title(page)


def _printed_credits(page: Any, sections: tuple[Section, ...]) -> Credits:
    """The byline printed on the page (a "byline" element, else the top of the body), read as credits.

    What the page prints is surer than trafilatura's guesses, which read
    "By Tom Hadley | August 28, 2025" as the author "Tom Hadley; August".
    """
    for element in page.iter():
        if isinstance(element.tag, str) and "byline" in (element.get("class") or "").lower():
            credits = read_credit_line(element.text_content())
            if credits is not None and (credits.author or credits.date):
                return credits
    return take_credits(list(sections[0].paragraphs))[0] if sections else Credits()


def _page_date(candidates: tuple[str | None, ...], source_name: str) -> dt.date | None:
    """The first real date among the page's date fields; a bad one is the page's fault, so only a warning."""
    for value in candidates:
        if not value:
            continue
        try:
            return read_date(value)
        except ValueError as exc:
            found = find_date(value) if invalid_date(value) is None else None  # "Published 2025-01-05"
            if found:
                return found
            log.warning("%s: the page's date %r %s; ignored", source_name, value[:60], exc)
    return None


def _parse_page(text: str, source_name: str) -> Any:
    """The page's tree; one nested deeper than lxml goes is flattened first so that its text stays."""
    from lxml import html as lxml_html

    parser = _parser()
    page = lxml_html.document_fromstring(text, parser=parser)
    if not too_deep(parser.error_log):
        return page
    flat, tags = flatten_html(text)
    log.info(
        "%s: nested deeper than %d elements; %d tags below that left out, their text kept",
        source_name,
        MAX_HTML_DEPTH,
        tags,
    )
    parser = _parser()
    page = lxml_html.document_fromstring(flat, parser=parser)
    if too_deep(parser.error_log):  # not expected: the flattening should have made it shallow enough
        lost = len(_TAG.sub(" ", flat).split()) - len(page.text_content().split())
        log.warning(
            "%s: nested too deep to read in full; about %d words after the nest are lost", source_name, lost
        )
    return page


def _parser() -> Any:
    from lxml import html as lxml_html

    return lxml_html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=False, default_doctype=False
    )


def _meta(page: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in page.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        value = squash(element.get("content") or "")
        if key and value and key not in found:
            found[key] = value
    return found


def _canonical(page: Any) -> str | None:
    for link in page.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and is_http_url(link.get("href", "")):
            return str(link.get("href"))
    return None


def _json_ld(page: Any) -> dict[str, Any]:
    """The first schema.org Article-like object in the page's JSON-LD, if any."""
    for script in page.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                kinds = item.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                    return item
                stack.extend(v for v in item.get("@graph", []) if isinstance(v, dict))
    return {}


def _ld_str(ld: dict[str, Any], key: str) -> str | None:
    value = ld.get(key)
    return squash(value) if isinstance(value, str) and value.strip() else None


def _ld_author(ld: dict[str, Any]) -> str | None:
    authors = ld.get("author")
    items = authors if isinstance(authors, list) else [authors]
    raw = [a.get("name") if isinstance(a, dict) else a for a in items]
    names = [squash(n) for n in raw if isinstance(n, str) and n.strip()]
    return " and ".join(names) if names else None


def _ld_publisher(ld: dict[str, Any]) -> str | None:
    publisher = ld.get("publisher")
    name = publisher.get("name") if isinstance(publisher, dict) else None
    return squash(name) if isinstance(name, str) and name.strip() else None


def _title_tag(page: Any, meta: dict[str, str]) -> str | None:
    found = page.find(".//title")
    if found is None or not found.text_content().strip():
        return None
    return _TITLE_SEPARATORS.split(squash(found.text_content()))[0]


def _site_from_title(page: Any) -> str | None:
    """ "Headline | Site" titles name the publication after the last separator."""
    found = page.find(".//title")
    parts = _TITLE_SEPARATORS.split(squash(found.text_content())) if found is not None else []
    return parts[-1] if len(parts) > 1 else None


def _related(page: Any, base: str | None) -> tuple[RelatedLink, ...]:
    links: list[RelatedLink] = []
    seen: set[str] = set()
    for box in page.iter("aside", "section", "div", "ul", "nav"):
        marker = f"{box.get('class') or ''} {box.get('id') or ''}"
        if not RELATED_BOX.search(marker):
            continue
        for anchor in box.iter("a"):
            title = squash(anchor.text_content())
            href = _absolute(anchor.get("href"), base)
            if title and title not in seen:
                seen.add(title)
                links.append(RelatedLink(title, href))
    return tuple(links)


def _absolute(href: str | None, base: str | None) -> str | None:
    if not href:
        return None
    joined = urllib.parse.urljoin(base, href) if base else href
    return joined if is_http_url(joined) else None


def _local_image(value: str | None, base: str | None, base_dir: Path | None) -> tuple[str, ...]:
    """The local file inside the page's folder an image reference names, there or not (it may come later)."""
    if not value or base_dir is None or _absolute(value, base) or urllib.parse.urlsplit(value).scheme:
        return ()
    local = (base_dir / value).resolve()
    return (str(local),) if local.is_relative_to(base_dir.resolve()) else ()


def _image(value: str | None, base: str | None, base_dir: Path | None) -> str | None:
    if not value:
        return None
    absolute = _absolute(value, base)
    if absolute:
        return absolute
    return next((name for name in _local_image(value, base, base_dir) if Path(name).is_file()), None)


def _captions(page: Any, base: str | None) -> dict[str, str]:
    """Image src (as written and made absolute) -> its figure's caption, else its alt text, else its title."""
    found: dict[str, str] = {}
    for image in page.iter("img"):
        src = image.get("src")
        if not src:
            continue
        figure = next((a for a in image.iterancestors() if a.tag == "figure"), None)
        caption = figure.find(".//figcaption") if figure is not None else None
        text = squash(caption.text_content()) if caption is not None else ""
        text = text or squash(image.get("alt") or "") or squash(image.get("title") or "")
        if text:
            found.setdefault(src, text)
            if base:  # trafilatura reports image sources made absolute against the page URL
                found.setdefault(urllib.parse.urljoin(base, src), text)
    return found


def _sections(body: Any, title: str, captions: dict[str, str]) -> tuple[tuple[Section, ...], list[str]]:
    """trafilatura's body (head/p/list/quote/graphic elements) -> sections of paragraphs."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    dropped: list[str] = []
    for element in body:
        text = squash(" ".join(element.itertext()))
        if element.tag == "head":
            level = (element.get("rend") or "h2").lower()
            if level == "h1" or squash(text) == title:
                continue  # the title, said once from the metadata
            if level in _SECTION_TAGS:
                sections.append((text, []))
                continue
        if element.tag == "list":
            items = [squash(" ".join(item.itertext())) for item in element.iter("item")]
            text = " ".join(i if ends_sentence(i) else i + "." for i in items if i)
        elif element.tag in ("table", "code", "graphic", "figure"):
            if element.tag != "graphic":
                dropped.append(f"{element.tag} ({text[:60]})")
            text = ""
        if text:
            sections[-1][1].append(text)
        # Pictures (standing alone or inside a paragraph) follow the text they sit in.
        for graphic in element.iter("graphic"):
            caption = captions.get(graphic.get("src", ""))
            if caption:
                sections[-1][1].append(f"Picture: {caption}" + ("" if ends_sentence(caption) else "."))
    return tuple(Section(h, tuple(p)) for h, p in sections if p), dropped

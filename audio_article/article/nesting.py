"""Keep the text of structures nested deeper than the parsers go.

lxml's HTML parser stops at 256 levels of elements and markdown-it at its
`maxNesting`; both then drop the rest of the document without a word. Here,
an HTML page that lxml reports as too deep is rewritten with the standard
library's tokenizer (which has no depth limit) so that no element sits more
than MAX_HTML_DEPTH deep: tags below that are dropped, their text kept. For
Markdown, blocks nested deeper than MAX_MARKDOWN_NESTING are read as plain
paragraphs, their quote and list markers removed.
"""

from __future__ import annotations

import html.parser
import logging
import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

log = logging.getLogger(__name__)


def _tags(names: str) -> frozenset[str]:
    """A set of tag names written as one string."""
    return frozenset(names.split())


MAX_HTML_DEPTH = 200  # below lxml's 256, with room for the html/body it adds
MAX_MARKDOWN_NESTING = 100  # markdown-it levels: a quote is 1, a list 2 (list and item)
_VOID = _tags("area base br col embed hr img input link meta param source track wbr")
# Start tags that end an open element of the first set, looking no further out than the second.
_IMPLIED_END: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table", "thead", "tbody", "tfoot"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "option": (frozenset({"option"}), frozenset({"select", "datalist", "optgroup"})),
    "p": (frozenset({"p"}), frozenset()),
}
_BLOCK = _tags(
    "address article aside blockquote details dialog div dl fieldset figure footer form header main nav "
    "ol section table ul li p h1 h2 h3 h4 h5 h6 pre"
)
_MARKERS = re.compile(r"^(?:\s*(?:>|[-*+]|\d{1,9}[.)])(?=\s|$))+\s*")


def too_deep(error_log: Any) -> bool:
    """True when an lxml parser's error log says it stopped at its depth limit."""
    return any("Excessive depth" in str(entry.message) for entry in error_log)


def flatten_html(text: str, max_depth: int = MAX_HTML_DEPTH) -> tuple[str, int]:
    """`text` with no element deeper than `max_depth`, and how many start tags were dropped for that."""
    flattener = _Flattener(max_depth)
    flattener.feed(text)
    flattener.close()
    return "".join(flattener.out), flattener.dropped


class _Flattener(html.parser.HTMLParser):
    """Copies the page as written, leaving out tags below `max_depth` (a deep block becomes a `<p>`)."""

    def __init__(self, max_depth: int) -> None:
        super().__init__(convert_charrefs=False)
        self.max_depth = max_depth
        self.out: list[str] = []
        self.dropped = 0
        self._stack: list[tuple[str, bool]] = []  # open elements: (tag, written out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self.out.append(self.get_starttag_text() or "")
            return
        self._end_implied(tag)
        written = len(self._stack) < self.max_depth
        self._stack.append((tag, written))
        if written:
            self.out.append(self.get_starttag_text() or "")
            return
        self.dropped += 1
        if tag in _BLOCK:
            self.out.append("<p>")  # keeps the dropped block's text a paragraph of its own

    def _end_implied(self, tag: str) -> None:
        """Forget elements that `tag` ends without an end tag (`<li>` after `<li>`), as browsers do."""
        if tag in _BLOCK and self._stack and self._stack[-1][0] == "p":
            self._stack.pop()
        ends, scope = _IMPLIED_END.get(tag, (frozenset(), frozenset()))
        outermost = None
        # Looking at most 50 elements out keeps a page 20,000 deep linear.
        for index in range(len(self._stack) - 1, max(-1, len(self._stack) - 51), -1):
            open_tag = self._stack[index][0]
            if open_tag in scope or not ends:
                break
            if open_tag in ends:
                outermost = index  # a <tr> ends the open <td> and its <tr>
        if outermost is not None:
            del self._stack[outermost:]

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                written = self._stack[index][1]
                del self._stack[index:]
                if written:
                    self.out.append(f"</{tag}>")
                return
        self.out.append(f"</{tag}>")  # a stray end tag: lxml decides, as it would have

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def markdown_parser() -> MarkdownIt:
    """The CommonMark parser used for articles, reading blocks nested too deep as plain paragraphs."""
    md = (
        MarkdownIt("commonmark", {"maxNesting": MAX_MARKDOWN_NESTING})
        .enable(["table", "strikethrough"])
        .use(footnote_plugin)  # `[^1]` markers and `[^1]: ...` notes (markdown.py keeps them apart)
        # Passages in another language: `[mot]{lang=fr}`, or a `{lang=de}` line before a block.
        .use(attrs_plugin, spans=True, allowed=["lang"])
        .use(attrs_block_plugin, allowed=["lang"])
    )
    tokenize = md.block.tokenize

    def tokenize_within_limit(state: StateBlock, start_line: int, end_line: int) -> None:
        if state.level < md.options["maxNesting"]:
            tokenize(state, start_line, end_line)
        else:  # markdown-it would skip the rest of the document here
            _flat_paragraphs(state, start_line, end_line)

    md.block.tokenize = tokenize_within_limit  # type: ignore[method-assign,assignment]
    return md


def _flat_paragraphs(state: StateBlock, start_line: int, end_line: int) -> None:
    """Paragraph tokens for the lines of a too-deep block, as far as markdown-it's own loop would go."""
    line = start_line
    block: list[str] = []
    first = start_line
    while line <= end_line:
        stop = line >= end_line or (not state.isEmpty(line) and state.sCount[line] < state.blkIndent)
        if stop or state.isEmpty(line):
            if block:
                _push_paragraph(state, " ".join(block), first, line)
                state.env["flattened_lines"] = state.env.get("flattened_lines", 0) + len(block)
                block = []
            if stop:
                break
            line += 1
            continue
        if not block:
            first = line
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        block.append(_MARKERS.sub("", text))
        line += 1
    state.line = line


def _push_paragraph(state: StateBlock, text: str, first: int, last: int) -> None:
    opening = state.push("paragraph_open", "p", 1)
    opening.map = [first, last]
    inline = state.push("inline", "", 0)
    inline.content = text
    inline.map = [first, last]
    inline.children = []
    state.push("paragraph_close", "p", -1)

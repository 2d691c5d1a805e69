"""Web pages saved from a government site (.html / .htm) as text lines.

Why the standard library's html.parser: the pages are fragments with unclosed tags and
one-line bodies; all that matters is where lines break, which tables hold tasks and
what to ignore, and the tolerant tokenizer gives exactly that without a dependency.

* block tags (p, div, br, li, tr, h1-h6 …) break lines even inside a one-line body;
* a <table> whose row the table reader takes as a header becomes tab-separated rows
  (colspan / rowspan laid out on the grid, a spanned cell written once); any other
  table is text, a ``发文机关：`` label cell joined to its value, and a page metadata
  table (发文机关 / 成文日期 / 发文字号) goes to ``fields`` instead of the text;
* nav, footer, script, style, iframe, head, forms' controls, comments and elements whose
  class or id names site chrome (footer, nav, menu, breadcrumb, share, sidebar) are ignored;
  entities (&nbsp; …) are decoded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from loaders.formats import Extracted, table_lines

_SKIP = frozenset(
    "script style noscript iframe nav footer head template svg select button textarea object canvas map frameset".split()
)
# site chrome marked by class or id (a div class="footer", ul id="nav" …)
_CHROME_RE = re.compile(r"(?:^|[\s_-])(?:footer|foot|nav|navbar|menu|breadcrumb|crumbs?|share|sidebar|toolbar)(?:$|[\s_-])", re.I)
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_BLOCK = frozenset(
    "p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 section article header footer aside blockquote pre hr "
    "center address figure figcaption main title form fieldset caption".split()
)
_SPACE_RE = re.compile(r"[ \t\r\n\f\u00a0]+")
_HTML_START_RE = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|div|table|p|meta)\b", re.I | re.S)
_BLOCK_TAG_RE = re.compile(r"</?(?:p|div|br|td|tr|li|table|h[1-6])\b", re.I)


def looks_like_html(text: str) -> bool:
    """A page, not a text document that carries some <p> debris in its cells: it opens
    with markup and has block tags."""
    head = text[:20000]
    return bool(_HTML_START_RE.match(head)) and len(_BLOCK_TAG_RE.findall(head)) >= 3


class _Sink:
    """Lines being written (the page, or one table cell)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []

    def br(self) -> None:
        line = _SPACE_RE.sub(" ", "".join(self.buf)).strip()
        if line:
            self.lines.append(line)
        self.buf = []


@dataclass
class _Cell:
    sink: _Sink
    colspan: int
    rowspan: int


@dataclass
class _Table:
    rows: list[list[_Cell]] = field(default_factory=list)
    cell: _Cell | None = None


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    for k, v in attrs:
        if k == name and v and v.strip().isdigit():
            return max(1, min(int(v.strip()), 100))
    return 1


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Sink()
        self.tables: list[_Table] = []
        self.skip = 0
        self.skip_tag: str | None = None  # the element being skipped, and how deep in it
        self.fields: dict[str, str] = {}

    @property
    def sink(self) -> _Sink:
        for t in reversed(self.tables):
            if t.cell is not None:
                return t.cell.sink
            break
        return self.page if not self.tables else self._outer_sink()

    def _outer_sink(self) -> _Sink:
        # text directly inside <table> but outside a cell: belongs to the enclosing cell/page
        for t in reversed(self.tables[:-1]):
            if t.cell is not None:
                return t.cell.sink
        return self.page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag == self.skip_tag:
                self.skip += 1
            return
        if tag in _VOID and tag != "br":
            return
        chrome = any(k in ("class", "id") and v and _CHROME_RE.search(v) for k, v in attrs)
        if tag in _SKIP or (chrome and tag not in _VOID):
            self.skip, self.skip_tag = 1, tag
            return
        if tag == "table":
            self.sink.br()
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            t = self.tables[-1]
            self._close_cell(t)
            t.rows.append([])
        elif tag in ("td", "th") and self.tables:
            t = self.tables[-1]
            self._close_cell(t)
            if not t.rows:
                t.rows.append([])
            t.cell = _Cell(_Sink(), _span(attrs, "colspan"), _span(attrs, "rowspan"))
            t.rows[-1].append(t.cell)
        elif tag in _BLOCK:
            self.sink.br()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK and not self.skip:
            self.sink.br()

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip_tag:
                self.skip -= 1
                if not self.skip:
                    self.skip_tag = None
            return
        if tag == "table" and self.tables:
            t = self.tables.pop()
            self._close_cell(t)
            sink = self.sink
            sink.br()
            sink.lines.extend(table_lines(_grid(t), self.fields))
        elif tag in ("td", "th") and self.tables:
            self._close_cell(self.tables[-1])
        elif tag == "tr" and self.tables:
            self._close_cell(self.tables[-1])
        elif tag in _BLOCK:
            self.sink.br()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.sink.buf.append(data)

    @staticmethod
    def _close_cell(t: _Table) -> None:
        if t.cell is not None:
            t.cell.sink.br()
            t.cell = None

    def finish(self) -> list[str]:
        self.close()
        while self.tables:
            self.handle_endtag("table")
        self.page.br()
        return self.page.lines


def _grid(t: _Table) -> list[list[str]]:
    """Rows laid on the column grid: a cell spanning columns or rows is written in its
    first position and left empty in the others (as a typed table leaves them)."""
    out: list[list[str]] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    for row in t.rows:
        cells: list[str] = []
        col = 0
        queue = list(row)
        while queue or any(c >= col for c in pending):
            if pending.get(col, 0) > 0:
                pending[col] -= 1
                cells.append("")
                col += 1
                continue
            if not queue:
                break
            c = queue.pop(0)
            cells.append("\n".join(c.sink.lines))
            for k in range(c.colspan):
                if k:
                    cells.append("")
                if c.rowspan > 1:
                    pending[col + k] = c.rowspan - 1
            col += c.colspan
        pending = {k: v for k, v in pending.items() if v > 0}
        out.append(cells)
    return out


def extract_html(text: str) -> Extracted:
    """The page's text lines (see the module docstring)."""
    p = _PageParser()
    p.feed(text)
    lines = p.finish()
    return Extracted(fmt="html", text="\n".join(lines), fields=p.fields)

"""Plain text and metadata from an HTML page, with the standard library's html.parser.

Scripts, styles, navigation, headers, footers, forms and asides are dropped;
block elements become line breaks so that paragraphs stay paragraphs (the
parser's stages work line by line). Metadata: ``<title>`` (or og:title), the
publication time (``article:published_time`` and common equivalents), the
URL (og:url or the canonical link) and the outlet (og:site_name).

Pages without a publication time in their metadata often show it as a visible
dateline near the title (``<span class="date">12/04/2022 08:30</span>``): the
first short element whose class or id names a date or time and whose text holds
a day-month-year is then the publication time, and its text is left out of the
article text (as metadata is), so the parser never reads it as an event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements whose content is never article text.
SKIP = frozenset({"script", "style", "nav", "header", "footer", "noscript", "template", "svg",
                  "form", "aside", "iframe", "object", "button", "select"})
#: Elements that start a new line.
BLOCK = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                   "table", "section", "article", "blockquote", "pre", "figure", "figcaption",
                   "dd", "dt", "dl", "hr", "main", "td", "th"})
#: Void elements never get an end tag, so they must not open a skip scope.
VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed",
                  "source", "track", "wbr", "param"})
PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "pubdate",
                  "publishdate", "date", "dc.date.issued", "dc.date")
_WS = re.compile(r"[ \t\r\f\v\u00a0]+")
#: class/id words of a visible dateline: "date", "post-date", "time", "publish-time", "ngay-dang".
DATELINE_CLASS = re.compile(r"(?:^|[\s_-])(?:date|datetime|dateline|time|publish\w*|pubdate|posted|ngay|ngaydang"
                            r"|thoigian|thoi-gian)(?:$|[\s_-])", re.IGNORECASE)
_DATELINE_TEXT = re.compile(r"(?<!\d)\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d(?!\d)")
DATELINE_MAX_CHARS = 80


@dataclass
class HtmlPage:
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    warnings: list[str] = field(default_factory=list)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.skip_stack: list[str] = []
        self.in_title = False
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        #: (tag, index into parts) of an open dateline candidate; the first good one's span
        self.date_open: tuple[str, int] | None = None
        self.dateline: tuple[int, int, str] | None = None
        #: index into parts where the first visible <h1> starts, and its text once closed
        self.h1_open: int | None = None
        self.h1: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
        elif tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.canonical = a["href"].strip()
        elif tag == "time" and a.get("datetime") and "time:datetime" not in self.meta:
            self.meta["time:datetime"] = a["datetime"].strip()
        if tag in SKIP and tag not in VOID:
            self.skip_stack.append(tag)
        if tag in BLOCK:
            self.parts.append("\n")
        if tag == "h1" and self.h1 is None and self.h1_open is None and not self.skip_stack:
            self.h1_open = len(self.parts)
        if (self.dateline is None and self.date_open is None and not self.skip_stack and tag not in VOID
                and DATELINE_CLASS.search(f"{a.get('class', '')} {a.get('id', '')}")):
            self.date_open = (tag, len(self.parts))

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if self.skip_stack and tag == self.skip_stack[-1]:
            self.skip_stack.pop()
        elif tag in self.skip_stack:
            # Unbalanced markup: close the scope anyway rather than swallowing the page.
            while self.skip_stack and self.skip_stack.pop() != tag:
                pass
        if self.date_open and tag == self.date_open[0]:
            start = self.date_open[1]
            seen = "".join(self.parts[start:]).strip()
            self.date_open = None
            if len(seen) <= DATELINE_MAX_CHARS and _DATELINE_TEXT.search(seen):
                self.dateline = (start, len(self.parts), seen)
        if tag == "h1" and self.h1_open is not None:
            self.h1 = _WS.sub(" ", "".join(self.parts[self.h1_open:])).strip() or None
            self.h1_open = None
        if tag in BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skip_stack:
            self.parts.append(data)


def html_to_text(markup: str) -> HtmlPage:
    """Extract the visible text and the metadata of one page."""
    ex = _Extractor()
    warnings = []
    try:
        ex.feed(markup)
        ex.close()
    except Exception as exc:  # html.parser is lenient; this is a last resort, never fatal
        warnings.append(f"HTML parsing stopped early: {exc}")
    published = next((ex.meta[k] for k in PUBLISHED_META if ex.meta.get(k)), None)
    published = published or ex.meta.get("time:datetime")
    if published is None and ex.dateline is not None:
        start, end, published = ex.dateline
        ex.parts[start:end] = [p if p == "\n" else "" for p in ex.parts[start:end]]
    lines = [_WS.sub(" ", line).strip() for line in "".join(ex.parts).split("\n")]
    paragraphs: list[str] = []
    for line in lines:
        if line or (paragraphs and paragraphs[-1]):
            paragraphs.append(line)
    text = "\n".join(paragraphs).strip()
    title = _without_site_name(_WS.sub(" ", "".join(ex.title_parts)).strip() or ex.meta.get("og:title") or None,
                               ex.h1)
    url = ex.meta.get("og:url") or ex.canonical
    return HtmlPage(text, title, published, url, ex.meta.get("og:site_name"), warnings)


#: A page title's parts other than the headline are this short ("VOV.VN", "Báo Quân đội Nhân dân").
_SITE_PART_MAX_WORDS = 6


#: What joins a headline and the site's name in a page title.
_TITLE_JOINS = (" - ", " – ", " — ", " | ", " :: ")


def _without_site_name(title: str | None, h1: str | None = None) -> str | None:
    """The headline of a page title written "headline | site" (or "site | headline"): the longest part
    between " | ", when every other part is short; or the page's <h1> when the title is that heading
    followed by a join and more ("… phát triển công nghiệp quốc phòng - Cổng TTĐT Bộ Quốc phòng").
    A title with no such parts is kept as it is."""
    if title and h1 and len(title) > len(h1) and title.startswith(h1) and title[len(h1):].startswith(_TITLE_JOINS):
        return h1
    if not title or " | " not in title:
        return title
    parts = [p.strip() for p in title.split(" | ")]
    main = max(parts, key=len)
    if any(len(p.split()) > _SITE_PART_MAX_WORDS for p in parts if p is not main) or len(main.split()) < 3:
        return title
    return main

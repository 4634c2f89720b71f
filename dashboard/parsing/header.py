"""Pipeline stage 'header': title, publication date, URL, source, and page debris.

Reads ``state.article`` (metadata already set by JSON/HTML input is kept, never
overwritten) and ``state.text``; sets title/published/url/source through
``state.set_article``, ``state.body_start``, and marks on ``state.excluded``
every line that is not article prose: the publication-date line, view counts,
photo captions (lines repeating the title and the caption right after them;
"leftcenterrightdel" debris and its caption), bylines, "Theo ...", the URL,
the "Từ khóa" trailer and "*Mời bạn đọc ..." invitations.

The publication date comes only from the article's own header (the first few
lines), never from the body: a date in the body is an event or a citation.
"""
from __future__ import annotations

import re

from ..model import Evidence
from .state import ParseState

#: How many non-empty lines at the top may hold the header (title, date, views).
HEADER_LINES = 6
#: Longest line still taken for a title or a caption.
TITLE_MAX_CHARS = 250
CAPTION_MAX_CHARS = 400

_DATE_CORE = (
    r"(?:(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*,?\s*năm\s+(?P<y2>\d{4}))"
)
_TIME = r"(?P<{h}>\d{{1,2}})\s*[:hg]\s*(?P<{mi}>\d{{2}})(?::\d{{2}})?(?:\s*(?:AM|PM|SA|CH))?"
#: A header line holding the publication date and maybe a time:
#: "Thứ 4, 22.11.2023 | 14:19:00", "Thứ Tư, 22/11/2023, 14:19 (GMT+7)",
#: "Cập nhật: 22/11/2023 14:19", "14:19 | 22/11/2023", "Thứ Tư, ngày 22 tháng 11 năm 2023".
PUBLISHED_LINE = re.compile(
    r"^\s*(?:(?:cập\s+nhật(?:\s+lúc)?|ngày\s+đăng|đăng\s+(?:lúc|ngày)|xuất\s+bản|ngày\s+cập\s+nhật"
    r"|published|posted|updated)\s*:?\s*)?"
    r"(?:(?:thứ\s+(?:\w+)|chủ\s+nhật|CN|T\d)\s*[,|-]?\s*)?"
    r"(?:" + _TIME.format(h="h0", mi="mi0") + r"\s*[,|\-–]?\s*(?:ngày\s+)?)?"
    r"(?:(?:thứ\s+(?:\w+)|chủ\s+nhật)\s*,?\s*)?(?:ngày\s+)?"
    + _DATE_CORE
    + r"(?:\s*(?:[,|\-–]|lúc)?\s*" + _TIME.format(h="h", mi="mi") + r")?"
    r"\s*(?:\(?\s*GMT\s*[+-]\s*\d{1,2}(?::?00)?\s*\)?)?\s*$",
    re.IGNORECASE,
)
VIEW_COUNT = re.compile(r"^\s*[\d.,]+\s+lượt\s+(?:xem|đọc|thích|chia\s+sẻ|bình\s+luận)\s*$", re.I)
URL_LINE = re.compile(r"^\s*(?P<url>https?://[^\s/]+\S*)\s*$")
#: Page debris left by image widgets: "leftcenterrightdel", "left center right del".
DEBRIS_LINE = re.compile(r"^\s*(?:(?:left|center|right|del|full|zoom|edit)\s*){2,}\s*$", re.I)
PHOTO_CREDIT = re.compile(r"^\s*\(?\s*ảnh(?:\s+minh\s+họa)?\s*:\s*[^\n]{1,80}?\)?\s*$", re.I)
BYLINE = re.compile(
    r"^\s*(?:tin|bài|ảnh|video|clip|tin\s+và\s+ảnh|bài\s+và\s+ảnh|tin\s*,\s*ảnh|bài\s*,\s*ảnh"
    r"|nhóm\s+phóng\s+viên|thực\s+hiện)\s*:\s*\S[^\n]{0,80}$",
    re.I,
)
SOURCE_LINE = re.compile(r"^\s*\(?\s*(?:theo|nguồn)\s*:?\s+(?P<src>[^\n(),]{2,60}?)\s*\)?\s*\.?\s*$", re.I)
#: "Tiến Đạt - Trọng Hải/Qdnd.vn": authors, a slash, the outlet's domain.
AUTHOR_OUTLET = re.compile(r"^\s*[^\n/]{2,80}/\s*(?P<src>[\w-]+(?:\.[\w-]+)+)\s*$")
KEYWORDS_LINE = re.compile(r"^\s*[•·*-]?\s*từ\s+khóa\b", re.I)
INVITATION = re.compile(r"^\s*\*\s*mời\s+(?:bạn\s+đọc|quý\s+vị)", re.I)
#: A short line of capitalised words at the very end: an author name ("Huyền My").
SHORT_NAME = re.compile(r"^\s*(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\.?\s*){1,5}$")
#: A first line that opens with a dated lead ("Sáng 22-11, ...") is prose, not a headline.
DATED_LEAD = re.compile(r"^\W*(?:sáng|trưa|chiều|tối|đêm|ngày|hôm)\s+(?:nay|qua|\d)", re.I)


def run(state: ParseState) -> None:
    """Fill the article's header fields and mark debris lines as excluded."""
    lines = _lines(state.text)
    content = [(s, e) for s, e in lines if state.text[s:e].strip()]
    changes: dict = {}
    article = state.article
    header_end = 0
    title_line = _find_title(state.text, content)
    if title_line:
        s, e = title_line
        header_end = e
        if article.title is None:
            changes["title"] = state.text[s:e].strip()
            changes["title_evidence"] = _evidence(state.text, s, e)
    for s, e in content[:HEADER_LINES]:
        line = state.text[s:e]
        if m := PUBLISHED_LINE.match(line):
            if article.published is None and (value := _published(m)):
                changes["published"] = value
                changes["published_evidence"] = _evidence(state.text, s, e)
            state.excluded.append((s, e))
            header_end = max(header_end, e)
        elif VIEW_COUNT.match(line) and s <= header_end + 2:
            header_end = max(header_end, e)
    title = (changes.get("title") or article.title or "").strip()
    _mark_debris(state, content, title)
    trailer = _mark_trailer(state, content)
    changes.update({k: v for k, v in trailer.items() if getattr(article, k) is None and v})
    if changes:
        state.set_article(**changes)
    state.body_start = _body_start(state.text, content, header_end)
    state.excluded[:] = sorted(set(state.excluded))


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _evidence(text: str, s: int, e: int) -> Evidence:
    raw = text[s:e]
    s += len(raw) - len(raw.lstrip())
    e -= len(raw) - len(raw.rstrip())
    return Evidence(s, e, text[s:e])


def _find_title(text: str, content: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first line, when it reads as a headline: short, no final full stop, not a date."""
    if content and PUBLISHED_LINE.match(text[content[0][0]:content[0][1]]):
        content = content[1:]  # some pages print the date above the headline
    if not content:
        return None
    s, e = content[0]
    line = text[s:e].strip()
    if len(line) > TITLE_MAX_CHARS or line.endswith((".", ";", ":", ",")):
        return None
    if PUBLISHED_LINE.match(line) or URL_LINE.match(line) or DEBRIS_LINE.match(line) or DATED_LEAD.match(line):
        return None
    return s, e


def _published(m: re.Match) -> str | None:
    d, mo, y = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (
        m.group("d2"), m.group("m2"), m.group("y2"))
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31 and 1900 <= int(y) <= 2100):
        return None
    day = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    h, mi = (m.group("h"), m.group("mi")) if m.group("h") else (m.group("h0"), m.group("mi0"))
    if h and int(h) < 24 and int(mi) < 60:
        return f"{day}T{int(h):02d}:{int(mi):02d}"
    return day


def _mark_debris(state: ParseState, content: list[tuple[int, int]], title: str) -> None:
    """View counts, title repeats and widget debris, each with the caption after it."""
    text = state.text
    caption_next = False
    for i, (s, e) in enumerate(content):
        line = text[s:e].strip()
        if caption_next and len(line) <= CAPTION_MAX_CHARS and not DEBRIS_LINE.match(line):
            state.excluded.append((s, e))
            caption_next = False
            continue
        caption_next = False
        if VIEW_COUNT.match(line) or PHOTO_CREDIT.match(line) or INVITATION.match(line):
            state.excluded.append((s, e))
        elif DEBRIS_LINE.match(line) or (title and i > 0 and line == title):
            # The image widget repeats the headline (or leaves debris) and the
            # caption follows on the next line.
            state.excluded.append((s, e))
            caption_next = True


def _mark_trailer(state: ParseState, content: list[tuple[int, int]]) -> dict:
    """Walk up from the end over URL, keywords, "Theo ...", bylines and author names."""
    text = state.text
    found: dict = {"url": None, "source": None}
    outlet = None
    last = len(content)
    # Tags may follow a "Từ khóa" line on lines of their own: drop it all.
    for idx in range(len(content) - 1, max(-1, len(content) - 12), -1):
        if KEYWORDS_LINE.match(text[content[idx][0]:content[idx][1]]):
            state.excluded.append((content[idx][0], content[-1][1]))
            last = idx
            break
    for idx in range(last - 1, -1, -1):
        s, e = content[idx]
        line = text[s:e].strip()
        if m := URL_LINE.match(line):
            found["url"] = m.group("url")
        elif KEYWORDS_LINE.match(line) or INVITATION.match(line) or BYLINE.match(line):
            pass
        elif (m := SOURCE_LINE.match(line)) and len(line.split()) <= 8:
            outlet = outlet or m.group("src").strip()
        elif m := AUTHOR_OUTLET.match(line):
            outlet = outlet or m.group("src").strip()
        elif SHORT_NAME.match(line) and len(line) <= 40 and idx >= len(content) - 4 and idx > 0:
            pass
        else:
            break
        state.excluded.append((s, e))
    if outlet:
        found["source"] = outlet.lower() if "." in outlet and " " not in outlet else outlet
    elif found["url"]:
        host = found["url"].split("/")[2].lower()
        found["source"] = host[4:] if host.startswith("www.") else host
    return found


def _body_start(text: str, content: list[tuple[int, int]], header_end: int) -> int:
    for s, e in content:
        if s >= header_end and not VIEW_COUNT.match(text[s:e]):
            return s + len(text[s:e]) - len(text[s:e].lstrip())
    return len(text)

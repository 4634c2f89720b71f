"""Pipeline stage 'header': title, publication date, URL, source, and page debris.

Reads ``state.article`` (metadata already set by JSON/HTML input is kept, never
overwritten) and ``state.text``; sets title/published/url/source through
``state.set_article``, ``state.body_start``, and marks on ``state.excluded``
every line that is not article prose: the publication-date line, view counts,
photo captions (lines repeating the title and the caption right after them;
"leftcenterrightdel" debris and its caption), bylines, "Theo ...", the URL,
the "Từ khóa" trailer and "*Mời bạn đọc ..." invitations.

The publication date comes only from the article's own header (the first few
lines), never from the body: a date in the body is an event or a citation. A
short header line with a date among a few other words ("Minh Anh - Thứ năm,
16/05/2024 10:25") is read when no line is a plain date line. A breadcrumb above
the headline ("Quốc phòng - An ninh") is page chrome, not the title. Captions
are also listed on ``state.captions`` (people and bodies in them are real).
"""
from __future__ import annotations

import datetime as dt
import re

from ..model import Evidence
from .state import ParseState

#: How many non-empty lines at the top may hold the header (title, date, views).
HEADER_LINES = 6
#: Longest line still taken for a title or a caption.
TITLE_MAX_CHARS = 250
CAPTION_MAX_CHARS = 400

# Two-digit years ("22/11/23") are read only here, in the header lines: in the
# body a "d/m/yy" is as likely a ratio or a code as a date.
_DATE_CORE = (
    r"(?:(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4}|\d{2}(?!\d))"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*,?\s*(?:năm\s+)?(?P<y2>\d{4}))"
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
#: A short header line that holds a full date among a few other words: an author
#: before it ("Minh Anh - Thứ năm, 16/05/2024 10:25"), a section after it
#: ("16/05/2024 - 10:25 | Quân sự"). Tried only when no line reads as PUBLISHED_LINE.
LOOSE_DATE = re.compile(r"(?<![\d/.\-])" + _DATE_CORE + r"(?![\d/.\-])(?:[^\d\n]{0,8}?" + _TIME.format(h="h", mi="mi")
                        + r")?", re.IGNORECASE)
LOOSE_MAX_CHARS = 70
#: A line opening with a day part or "ngày" is prose ("Sáng ngày 1-1-2020, ..."), never a header.
LEAD_WORD = re.compile(r"^\W*(?:sáng|trưa|chiều|tối|đêm|ngày|hôm|vào|từ|đến)\b", re.IGNORECASE)
LOOSE_MAX_OTHER_WORDS = 6
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
#: A section breadcrumb above the headline: "Quốc phòng - An ninh", "Thời sự | Chính trị",
#: "Tin tức > Quân sự", "Thời sự › Quân sự": a few capitalised words, maybe joined by separators, no digits.
BREADCRUMB = re.compile(
    r"^\s*[A-ZĐÀ-Ỹ][^\W\d_]*(?: [^\W\d_]+){0,3}(?:\s*[-–|>»›/]\s*[A-ZĐÀ-Ỹ][^\W\d_]*(?: [^\W\d_]+){0,3}){0,3}\s*$")
BREADCRUMB_MAX_WORDS = 6
SITE_BANNER_MAX_WORDS = 10
#: A breadcrumb's separator between words ("Trang chủ > Nghiên cứu"), and the separators as words.
_SEPARATOR = re.compile(r"\s[-–|>»›/]\s")
_SEPARATOR_WORDS = frozenset("- – | > » › /".split())
#: A date line ("Thứ 4, 22.11.2023 | 14:19:00") is never a banner.
_DATE_OR_TIME = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}|\d{1,2}:\d{2}|\d{4}")
#: The line under a breadcrumb is the headline only when it is that long.
HEADLINE_MIN_WORDS = 5
#: Any of the line patterns ``_mark_debris`` tests (all case-insensitive).
_DEBRIS_ANY = re.compile("|".join(f"(?:{rx.pattern})" for rx in (VIEW_COUNT, PHOTO_CREDIT, INVITATION, DEBRIS_LINE)),
                         re.I)
#: A first line that opens with a dated lead ("Sáng 22-11, ...") is prose, not a headline.
DATED_LEAD = re.compile(r"^\W*(?:sáng|trưa|chiều|tối|đêm|ngày|hôm)\s+(?:nay|qua|\d)", re.I)
#: A dated lead after an outlet's tag ("(Chinhphu.vn) - Chiều 17/4, ..."): the article's first paragraph, never
#: the caption of a repeated headline (a page's <h1> repeats the title, and its lead may follow it). Captions
#: carry no outlet tag, though some open with a date ("Sáng 22-11, quang cảnh hội nghị").
TAGGED_LEAD = re.compile(r"^\W*(?:\([^()\n]{1,30}\)\s*[-–—]\s*|[^\s()]{1,20}\s+[-–—]\s+)"
                         r"(?:sáng|trưa|chiều|tối|đêm|ngày|hôm)\s+(?:nay|qua|\d)", re.I)


def run(state: ParseState) -> None:
    """Fill the article's header fields and mark debris lines as excluded."""
    content = _content_lines(state.text)
    changes: dict = {}
    article = state.article
    header_end = 0
    title_line = _find_title(state.text, content)
    if title_line:
        state.excluded.extend(_breadcrumb_before(state.text, content, title_line))
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
    if "published_evidence" not in changes and (loose := _loose_header_date(state.text, content, title_line)):
        (s, e), value = loose
        if article.published is None:
            changes["published"], changes["published_evidence"] = value, _evidence(state.text, s, e)
        state.excluded.append((s, e))
        header_end = max(header_end, e)
    title = (changes.get("title") or article.title or "").strip()
    _mark_debris(state, content, title, title_line)
    trailer = _mark_trailer(state, content)
    changes.update({k: v for k, v in trailer.items() if getattr(article, k) is None and v})
    if changes:
        state.set_article(**changes)
    state.body_start = _body_start(state.text, content, header_end)
    state.excluded[:] = sorted(set(state.excluded))


def _content_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line that is not blank."""
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _evidence(text: str, s: int, e: int) -> Evidence:
    raw = text[s:e]
    s += len(raw) - len(raw.lstrip())
    e -= len(raw) - len(raw.rstrip())
    return Evidence(s, e, text[s:e])


def _find_title(text: str, content: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first line, when it reads as a headline: short, no final full stop, not a date.

    A breadcrumb line ("Quốc phòng - An ninh") right above a longer headline is
    skipped: the headline is the line after it, or after the date line under the
    breadcrumb ("Thời sự › Quân sự", "Thứ năm, 19/12/2024, 10:35", headline).
    """
    if content and PUBLISHED_LINE.match(text[content[0][0]:content[0][1]]):
        content = content[1:]  # some pages print the date above the headline
    if not content:
        return None
    if len(content) > 2 and _site_above_crumb(text, content):
        content = content[1:]  # the site's name, then a breadcrumb ("Tạp chí Quốc phòng toàn dân", "Trang chủ > …")
    if len(content) > 1 and _is_breadcrumb(text, content[0]):
        rest = content[1:]
        if len(rest) > 1 and PUBLISHED_LINE.match(text[rest[0][0]:rest[0][1]]):
            rest = rest[1:]
        second = text[rest[0][0]:rest[0][1]]
        if _headline(text, rest[0]) and len(second.split()) >= HEADLINE_MIN_WORDS and not LOOSE_DATE.search(second):
            content = rest
    return content[0] if _headline(text, content[0]) else None


def _headline(text: str, span: tuple[int, int]) -> bool:
    line = text[span[0]:span[1]].strip()
    if len(line) > TITLE_MAX_CHARS or line.endswith((".", ";", ":", ",")):
        return False
    return not (PUBLISHED_LINE.match(line) or URL_LINE.match(line) or DEBRIS_LINE.match(line)
                or DATED_LEAD.match(line))


def _is_breadcrumb(text: str, span: tuple[int, int]) -> bool:
    """Section words joined by separators, or one or two section words ("Quân sự"); or a site's banner,
    short parts between " | " ("Báo Quân khu 7 Online | Quốc phòng - An ninh")."""
    line = text[span[0]:span[1]]
    words = sum(w not in _SEPARATOR_WORDS for w in line.split())  # "Trang chủ > Nghiên cứu - Tìm hiểu": 6
    parts = line.split(" | ")
    if len(parts) > 1 and words <= SITE_BANNER_MAX_WORDS and all(0 < len(p.split()) <= 6 for p in parts) \
            and not line.rstrip().endswith((".", ":", ";", ",")) and not _DATE_OR_TIME.search(line):
        return True
    if words > BREADCRUMB_MAX_WORDS or BREADCRUMB.match(line) is None:
        return False
    return words <= 3 or _SEPARATOR.search(line) is not None


def _site_above_crumb(text: str, content) -> bool:
    """The first line is the site's name ("Tạp chí Quốc phòng toàn dân": a few words of its own) and the
    second a breadcrumb with separators ("Trang chủ > Nghiên cứu - Tìm hiểu")."""
    (s, e), crumb = content[0], content[1]
    line = text[s:e].strip()
    return (0 < len(line.split()) <= BREADCRUMB_MAX_WORDS and _headline(text, (s, e)) and not LOOSE_DATE.search(line)
            and _is_breadcrumb(text, crumb) and _SEPARATOR.search(text, *crumb) is not None)


def _breadcrumb_before(text: str, content, title_line) -> list[tuple[int, int]]:
    """The breadcrumb line skipped by ``_find_title``, and the site's name above it when that was
    skipped too (excluded: they are page chrome)."""
    idx = content.index(title_line)
    if idx > 1 and PUBLISHED_LINE.match(text[content[idx - 1][0]:content[idx - 1][1]]):
        idx -= 1  # a date line between the breadcrumb and the headline
    if idx > 0 and _is_breadcrumb(text, content[idx - 1]) and not PUBLISHED_LINE.match(
            text[content[idx - 1][0]:content[idx - 1][1]]):
        if idx == 2 and _site_above_crumb(text, content):
            return [content[0], content[1]]
        return [content[idx - 1]]
    return []


def _loose_header_date(text: str, content, title_line):
    """((start, end), value) of a short header line with a date among few other words."""
    for s, e in content[:HEADER_LINES]:
        line = text[s:e].strip()
        if (s, e) == title_line or len(line) > LOOSE_MAX_CHARS or line.endswith(".") or LEAD_WORD.match(line):
            continue
        m = LOOSE_DATE.search(line)
        if m is None:
            continue
        rest = (line[:m.start()] + " " + line[m.end():]).replace("GMT", " ")
        if len(re.findall(r"[^\W\d_]+", rest)) <= LOOSE_MAX_OTHER_WORDS and (value := _published(m)):
            return (s, e), value
    return None


def _published(m: re.Match) -> str | None:
    d, mo, y = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (
        m.group("d2"), m.group("m2"), m.group("y2"))
    if len(y) == 2:
        y = str(2000 + int(y))
    try:  # "30.02.2023" is no date: the header then gives none rather than a broken one
        day = dt.date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None
    if not 1945 <= int(y) <= 2100:  # the plausible window of the dates stage
        return None
    g = m.groupdict()  # LOOSE_DATE has no leading time ("h0")
    h, mi = (g["h"], g["mi"]) if g.get("h") else (g.get("h0"), g.get("mi0"))
    if h and int(h) < 24 and int(mi) < 60:
        return f"{day}T{int(h):02d}:{int(mi):02d}"
    return day


def _mark_debris(state: ParseState, content: list[tuple[int, int]], title: str, title_line=None) -> None:
    """View counts, title repeats and widget debris, each with the caption after it.

    Captions are excluded (never an event's evidence) and also listed on
    ``state.captions``: they name real participants, unlike bylines and credits.
    """
    text = state.text
    caption_next = False
    for i, (s, e) in enumerate(content):
        line = text[s:e].strip()
        if caption_next and len(line) <= CAPTION_MAX_CHARS and not DEBRIS_LINE.match(line) \
                and not TAGGED_LEAD.match(line):
            state.excluded.append((s, e))
            state.captions.append((s, e))
            caption_next = False
            continue
        caption_next = False
        if line != title and not _DEBRIS_ANY.match(line):
            continue  # prose: none of the tests below holds (one pattern instead of four)
        if VIEW_COUNT.match(line) or PHOTO_CREDIT.match(line) or INVITATION.match(line):
            state.excluded.append((s, e))
        elif DEBRIS_LINE.match(line) or (title and i > 0 and line == title and (s, e) != title_line):
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

"""Pipeline stage 'organisations': bodies named in the article, by canonical name.

Reads ``state.text`` (captions included: they name real bodies); adds ``model.Organisation`` items to
``state.organisations`` in order of first mention.

Three sources, cheapest and surest first:

1. the reviewed alias table (``dashboard/vocab/organisations.json``): written
   forms are matched case-insensitively after a capital first letter, so
   "Tổng cục Công nghiệp Quốc phòng" and "... quốc phòng" merge; table
   abbreviations ("BQP", "QUTƯ") are matched case-sensitively as whole words;
2. head-word patterns for unseen bodies ("Cục …", "Học viện …", "Quân khu 7",
   "Nhà máy Z…"), whose name runs over capitalised and name-like words and stops
   at punctuation, "và" + a new head, verbs and function words;
3. inline definitions: "Quân ủy Trung ương (QUTƯ)" makes a later bare "QUTƯ" the
   same body. When the letters only abbreviate the words after the head
   ("Tổng cục Công nghiệp Quốc phòng (CNQP)"), the abbreviation is the common
   noun (CNQP = công nghiệp quốc phòng): "Tổng cục CNQP" resolves, bare "CNQP"
   is not an organisation.

Party bodies ("Đảng ủy Tổng cục CNQP") are organisations of their own; the body
they belong to is counted too. So are sub-units followed by their owner: "Cục
Kỹ thuật Quân khu 7" (named with its region) and "Cục Nhà trường Bộ Tổng Tham
mưu" (the short name, plus the General Staff). An event's committees and venues
("Ban Tổ chức", "Trung tâm Hội nghị Quốc gia", vocabulary ``not_organisations``)
are not bodies. A lower-case "tổng cục" or a bare "Tổng cục" is
anaphora, never a new organisation.

Bodies are looked for only where an alias, a head word or a provincial body can
start (one scan, ``org_vocab.openings``); ``org_records`` merges the mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Organisation
from ..text import fold
from .org_vocab import COUNTRY_RE, HEAD_RE, HEADS, HYPHEN, LOCAL_RE, SURNAMES, key, lookahead, lookup, table
from .org_records import collect
from .org_vocab import local_at, not_a_body, openings
from .scan import finditer_at, literal_alternation, literal_starts
from .segment import LineBreaks
from ..spans import Overlaps
from .state import ParseState

__all__ = ["COUNTRY_RE", "HEAD_RE", "HEADS", "LOCAL_RE", "find", "lookahead", "lookup", "match_at", "run"]

#: Heads whose name is a number or code ("Quân khu 7", "Sư đoàn 312", "Nhà máy Z111").
_NUMBERED_HEADS = {"Quân khu", "Quân đoàn", "Binh đoàn", "Sư đoàn", "Lữ đoàn", "Trung đoàn", "Nhà máy", "Kho",
                   "Tổng công ty", "Công ty", "Vùng Cảnh sát biển"}
#: Heads that name a body only with a number or code ("Kho K862"; "Kho bạc" is another word).
_CODE_ONLY_HEADS = {"Kho"}
_PARTY_HEADS = {"Đảng ủy", "Đảng bộ"}
_COMPANY_HEADS = {"Công ty", "Tổng công ty", "Tập đoàn"}
#: Legal-form codes that may follow "Công ty": all capitals, yet part of the name
#: ("PT" opens Indonesian company names: "Tập đoàn PT Len Industri").
_LEGAL_FORMS = {"TNHH", "CP", "MTV", "CTCP", "PT", "JSC"}
#: Heads of sub-units named after the body they belong to: "Cục Kỹ thuật Quân khu 7"
#: is not "Cục Kỹ thuật" (of the Ministry); "Cục Tài chính Bộ Quốc phòng" is.
_SUB_HEADS = {"Cục", "Vụ", "Viện", "Trung tâm", "Văn phòng", "Bệnh viện", "Ban", "Phòng"}
#: Owners whose name stays in the sub-unit's name (regional commands and services).
_OWNER_IN_NAME = {"Quân khu", "Quân đoàn", "Quân chủng", "Binh chủng", "Binh đoàn", "Sư đoàn", "Bộ Tư lệnh", "Vùng"}
_OWNER_SEP = re.compile(r" |" + HYPHEN)
#: a word after a head: separator, then the word (letters, digits, "&")
_WORD = re.compile(r"( |" + HYPHEN + r")([^\W_][\w&]*)")
_CODE = re.compile(r"(?:\d{1,3}|[IVX]{1,4}|[A-Z]{1,3}\d{1,4})$")  # 7, II, Z111, KT852
_ABBR_DEF = re.compile(r" ?\( ?([A-ZĐ][A-ZĐƯƠ0-9&\-]{1,11}) ?\)")
_ABBR_WORD = re.compile(r"[A-ZĐ][A-ZĐƯƠ0-9&]{1,10}$")
_MAX_WORDS = 10
_SPACES = re.compile(r"\s+")
_COUNTED = re.compile(r" (?:năm|tháng|ngày|lần|người|%)")  # "Sư đoàn 3 năm …": a count, not a unit number

# Lower-case words that end a name: function words and the first syllable of
# the verbs this genre puts right after an organisation ("Cục X tổ chức …").
_STOP = frozenset("""
của về tại trong cho đã đang sẽ được bị là có các những này đó theo thuộc để khi từ
đến trên dưới với hoặc cùng như nhằm vì do ra vào lên mà thì nên cũng vẫn đều phải
không chưa rất tổ chủ phát báo làm ký tham dự trình đánh thống mong nhấn đề yêu
thực triển phối tiếp kiểm chỉ lãnh họp gặp thăm trao nhận ban tặng tổng sơ hội trong
đạt xây tập quán năm ngày tháng sáng chiều tối qua tới nay giữa cùng lần đồng
bàn hoàn khai cử góp tăng nâng đẩy đón vinh luôn vừa giữ
""".split())
_TITLE_WORDS = frozenset("""
Chủ Phó Bộ Thứ Tổng Bí Chính Tư Giám Trưởng Ủy Đại Thượng Trung Thiếu Chuẩn Đồng Ông Bà
""".split())
_key = key  # the merge key (tests and callers use organisations._key)


@dataclass
class _Found:
    start: int
    end: int
    name: str
    inner: "_Found | None" = None  # the body a Party committee belongs to
    tail_start: int | None = None  # where the words after the head begin


@dataclass
class _Context:
    """Per-article definitions made inline: "(QUTƯ)" -> org, "(CNQP)" -> tail words."""

    org_abbr: dict[str, str] = field(default_factory=dict)
    tail_abbr: dict[str, str] = field(default_factory=dict)


def match_at(text: str, pos: int, ctx: _Context | None = None, known=None) -> _Found | None:
    """The organisation named at ``pos`` (alias first, then head patterns), else None.

    ``known``: the (alias, abbreviation, head, provincial body) matches at ``pos``
    when the caller has them (``org_vocab.openings``), None for each that does not match.
    """
    if known is None:
        _by_key, alias_re, abbr_re, _by_abbr = table()
        m = alias_re.match(text, pos)
        a = None if m else abbr_re.match(text, pos)
        local = None if m or a else LOCAL_RE.match(text, pos)
        known = (m, a, HEAD_RE.match(text, pos), local)
    m, a, head, local = known
    if m:
        name = lookup(m.group()).name
        foreign = COUNTRY_RE.match(text, m.end())
        if foreign:
            return _Found(pos, foreign.end(), name + foreign.group())
        return _Found(pos, m.end(), name, tail_start=head.end() + 1 if head else None)
    if a:  # "Thứ trưởng BQP Nguyễn Văn A", "Tổng Giám đốc Viettel Tào Đức Thắng"
        return _Found(pos, a.end(), lookup(a.group()).name)
    if local:
        return _Found(*local_at(text, pos, local))
    return _generic_at(text, pos, ctx or _Context(), head)


def _generic_at(text: str, pos: int, ctx: _Context, head: re.Match | None) -> _Found | None:
    """A body named by a head word (``head``, the ``HEAD_RE`` match at ``pos``) and the words after it."""
    if not head:
        return None
    h = head.group()
    if h in _PARTY_HEADS:
        inner = match_at(text, head.end() + 1, ctx)
        if inner is None:
            return None
        return _Found(pos, inner.end, f"{h} {inner.name}", inner=inner)
    words: list[tuple[int, int, str]] = []
    cur = head.end()
    while len(words) < _MAX_WORDS:
        w = _WORD.match(text, cur)
        if not w:
            break
        sep, word = w.group(1), w.group(2)
        if not words:
            if HEAD_RE.match(text, w.start(2)):
                # "Bộ Tư lệnh Quân khu 2" is Quân khu 2; "Văn phòng Bộ Quốc phòng" is the
                # ministry's office (a body of its own); other heads do not nest
                if h == "Văn phòng" and (owner := match_at(text, w.start(2), ctx)) is not None:
                    return _Found(pos, owner.end, f"{h} {owner.name}", inner=owner)
                return match_at(text, w.start(2), ctx) if h == "Bộ Tư lệnh" else None
            if h in _NUMBERED_HEADS and _CODE.match(word):
                words.append((w.start(2), w.end(2), word))
                break
            if h in _CODE_ONLY_HEADS:
                return None
            if _ABBR_WORD.match(word) and word in ctx.tail_abbr:
                return _Found(pos, w.end(2), f"{h} {ctx.tail_abbr[word]}", tail_start=w.start(2))
            legal = h in _COMPANY_HEADS and word in _LEGAL_FORMS  # "Công ty TNHH Một thành viên ..."
            if not legal and (not word[0].isupper() or word.isupper() and len(word) > 1 and h not in _NUMBERED_HEADS):
                return None
        elif word == "và":
            nxt = _WORD.match(text, w.end())
            if not nxt or not nxt.group(2)[0].isupper() or HEAD_RE.match(text, nxt.start(2)):
                break
        elif word[0].isupper():
            if HEAD_RE.match(text, w.start(2)) or word in _TITLE_WORDS and words:
                break
            if word in SURNAMES and _capitalised_run(text, w.end()) >= 2:
                break  # a person's name follows: "Bộ Công Thương Nguyễn Hồng Diên" (but "… Hà Nội" stays)
        elif (word.isdigit() and len(word) <= 3 and sep == " "
              and not _COUNTED.match(text[w.end():w.end() + 7])):
            words.append((w.start(2), w.end(2), word))  # "Trường Sĩ quan Lục quân 1": a final number
            break
        elif sep.strip() or word in _STOP or word.isdigit():
            break
        words.append((w.start(2), w.end(2), word))
        cur = w.end()
    while words and words[-1][2] == "và":
        words.pop()
    if not words:
        return None
    end = words[-1][1]
    name = _SPACES.sub(" ", text[pos:end])
    entry = lookup(name)
    return _Found(pos, end, entry.name if entry else name, tail_start=words[0][0])


def _with_owner(text: str, f: _Found, ctx: _Context) -> _Found:
    """A sub-unit followed by the body it belongs to: "Cục Kỹ thuật Quân khu 7" (one
    body, named with its region; the region counts too), "Cục Nhà trường Bộ Tổng
    Tham mưu" (the short name; the General Staff counts too)."""
    if f.inner is not None or (head := HEAD_RE.match(text, f.start)) is None or head.group() not in _SUB_HEADS:
        return f
    sep = _OWNER_SEP.match(text, f.end)
    if sep is None:
        return f
    owner_head = HEAD_RE.match(text, sep.end())
    owner = match_at(text, sep.end(), ctx) if owner_head or text.startswith("Bộ ", sep.end()) else None
    if owner is None:
        return f
    owner_kind = HEAD_RE.match(owner.name)
    if owner_kind and owner_kind.group() in _OWNER_IN_NAME and sep.group() == " ":
        return _Found(f.start, owner.end, f"{f.name} {owner.name}", inner=owner, tail_start=f.tail_start)
    return _Found(f.start, owner.end, f.name, inner=owner, tail_start=f.tail_start)


def _capitalised_run(text: str, pos: int) -> int:
    """How many capitalised words follow ``pos`` (single spaces)."""
    count = 0
    while (w := _WORD.match(text, pos)) and w.group(1) == " " and w.group(2)[0].isupper():
        count, pos = count + 1, w.end()
    return count


def _initials(words: str) -> str:
    return "".join(fold(w)[0] for w in re.split(r"[\s\-–&]+", words) if w)


def find(text: str, excluded=()) -> list[Organisation]:
    """All organisations of ``text`` in order of first mention (pure)."""
    ctx = _Context()
    found: list[_Found] = []
    defined: list[tuple[int, int]] = []  # "(QUTƯ)" right after the name is not a second mention
    pos = 0
    candidates, abbr_matches, known = openings(text)
    for start in candidates:
        if start < pos:
            continue
        f = match_at(text, start, ctx, known.get(start))
        if f is None or not_a_body(f.name):
            continue
        f = _with_owner(text, f, ctx)
        found.append(f)
        pos = f.end
        d = _ABBR_DEF.match(text, f.end) if "(" in text[f.end:f.end + 2] else None
        if d:
            _define(ctx, f, text, d.group(1))
            defined.append(d.span(1))
    abbr_hits = [(m.start(), m.end(), lookup(m.group()).name) for m in abbr_matches]
    if ctx.org_abbr:
        bare = re.compile(literal_alternation(ctx.org_abbr, [r"[\w/\-]"])
                          + r"(?![\w/\-])")
        abbr_hits += [(m.start(), m.end(), ctx.org_abbr[m.group()]) for m in bare.finditer(text)]
    inside = Overlaps([(f.start, f.end) for f in found] + defined)
    for s, e, name in abbr_hits:
        if not inside.hits(s, s + 1):  # (s lies in a span)
            found.append(_Found(s, e, name))
    return collect(text, found, ctx.org_abbr, ctx.tail_abbr, excluded)


def _define(ctx: _Context, f: _Found, text: str, abbr: str) -> None:
    """Record "(ABBR)" after a mention: abbreviation of the body or of its tail words."""
    target = f.inner or f
    if target.tail_start is not None:
        tail = text[target.tail_start:target.end]
        if _initials(tail) == fold(abbr).replace("-", "") and _initials(text[target.start:target.end]) != fold(abbr):
            ctx.tail_abbr[abbr] = tail
            ctx.org_abbr.pop(abbr, None)
            return
    ctx.org_abbr[abbr] = f.name


#: "(QĐND) - ", or without brackets an outlet's capitals: "QĐND Online - ", "TTXVN - ", "VOV.VN - ".
OUTLET_TAG = re.compile(r"^[ \t]*(?:\((?P<bracketed>[^()\n]{2,12})\)|(?P<bare>[A-ZĐ]{2,}[\w.]{0,10}(?: Online)?))"
                        r"[ \t]*[-–—]", re.MULTILINE)


#: A line that may open with a bare tag; after a break, a literal first character, so ``re`` skips to them.
_BARE_TAG_START = re.compile(r"[ \t]*[A-ZĐ]{2}")
_BARE_TAG_LINE = re.compile(r"\n(?=" + _BARE_TAG_START.pattern + ")")


def _outlet_tags(text: str, breaks: LineBreaks) -> list[tuple[int, int]]:
    """Spans of the ``OUTLET_TAG`` names, trying only at the start of lines with a "(" (bracketed tags)
    or opening with two capitals (bare ones: a line's first characters, not a search for dashes, which
    periods such as "2023 - 2025" make frequent)."""
    starts = {breaks.line_start(i) for i in literal_starts(text, ("(",))}
    starts.update(m.start() + 1 for m in _BARE_TAG_LINE.finditer(text))
    if _BARE_TAG_START.match(text):  # the first line has no break before it
        starts.add(0)
    return [m.span("bracketed") if m.group("bracketed") else m.span("bare")
            for m in finditer_at(OUTLET_TAG, text, starts)]


def run(state: ParseState) -> None:
    # Photo captions (excluded for events) name the same real bodies as the body
    # text; debris and bylines name none that the alias table or head patterns
    # would take, so excluded spans are not applied here. An outlet's tag opening
    # a paragraph ("(QĐND) - Sáng 14-11, ...") names the newspaper, not a participant.
    tags = _outlet_tags(state.text, state.breaks)
    state.organisations.extend(find(state.text, tags))

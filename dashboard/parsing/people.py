"""Pipeline stage 'people': participants named with a rank or title.

Reads ``state.text``, ``state.excluded`` (only the credit and byline spans: photo
captions name real participants) and
``state.organisations`` (not required: organisation names after a title are
recognised here too); adds ``model.Person`` items to ``state.people``.

A person is a rank, title or "đồng chí" (possibly chained: "đồng chí Thượng tướng",
"Bộ trưởng Bộ Công Thương"), then 2-4 capitalised syllables (5 after a Vietnamese
surname; one word only when it cannot be a Vietnamese syllable: "Tổng thống
Putin"). Names listed after one rank share it ("các Thượng tướng A, B"). The name stops at
anything that is not a capitalised syllable and before a word that opens a title
or an organisation, so "Phạm Hoài Nam, Ủy viên …" gives "Phạm Hoài Nam". A
position is read from the comma-separated title phrases that follow the name.
Names without a rank or title (bylines such as "Huyền My", credits in capitals
"Tin, ảnh: SƠN BÌNH", see ``credits``) are never taken. Spelling variants (Sĩ/Sỹ, i/y after a
consonant) and repeated mentions merge within the article.

Vocabulary: ``dashboard/vocab/ranks_vi.json``; patterns in ``person_patterns``.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..model import Evidence, Person
from . import organisations
from ..text import fold
from .credits import credit_lines, has_credit_line
from .person_patterns import body_at, other_re, trigger_vocab, triggers
from .scan import literal_alternation
from ..spans import Overlaps
from .state import ParseState

_SYLLABLE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # "Won-sik" in foreign names
#: between a title and a foreign name: "Bộ trưởng Quốc phòng Ấn Độ Rajnath Singh"
_FOREIGN = re.compile(r"(?:(?:Quốc phòng|Ngoại giao|Công Thương|Quốc phòng và An ninh) )?"
                      + organisations.COUNTRY_RE.pattern.lstrip() + r"(?: tại Việt Nam)? ")
# Capitalised words that cannot continue a name (sentence openers, document
# words); titles, ranks and organisation heads are checked by pattern instead,
# because many of their words are also given names ("Đại", "Chính", "Trung").
_NOT_NAME = frozenset("Nghị Luật Theo Tin Ảnh Tại Trong Về Với Sáng Chiều Tối Ngày Tháng Sau Trước".split())
# Verbs that end a position phrase after a name ("…, Chủ nhiệm Tổng cục CNQP chủ trì").
_POSITION_END = re.compile(
    r" (?:chủ trì|phát biểu|báo cáo|trình bày|đánh giá|mong muốn|nhấn mạnh|tham dự|dự và|dự|làm việc|"
    r"đề nghị|yêu cầu|cho biết|khẳng định|trao|tặng|đã|đang|sẽ|cùng|tại|thăm|kiểm tra|ghi nhận|"
    r"biểu dương|kết luận|chúc mừng|gặp|tiếp|được|là|nêu|đồng chí|đồng chủ trì|cũng|vừa|đề xuất|giới thiệu|"
    r"dẫn đầu|nhận|thay mặt|khai mạc|bế mạc|thực hiện|chỉ đạo|ký kết|ký|quán triệt|trao đổi|cảm ơn|hội đàm|hội kiến)\b| \d+ năm"
    # ",? và <another person>", written as two alternatives so that each opens with "," or " " (re skips to those)
    r"|, và (?=ông |bà |các |đại diện |lãnh đạo |đồng chí |[A-ZĐ]\w* \w+ [A-ZĐ])"
    r"| và (?=ông |bà |các |đại diện |lãnh đạo |đồng chí |[A-ZĐ]\w* \w+ [A-ZĐ])")


@lru_cache(maxsize=4096)  # every mention's name; the same names recur
def name_key(name: str) -> str:
    """Merge key for names: folded, "y" after a consonant read as "i" (Sỹ = Sĩ)."""
    return re.sub(r"\b([bcdghklmnpqrstvx]+)y\b", r"\1i", fold(name))


_SURNAMES_LONGEST_FIRST = sorted(organisations.SURNAMES, key=len, reverse=True)
_APPOSED = re.compile(literal_alternation(_SURNAMES_LONGEST_FIRST, [r"\w"])
                      + r"(?: [^\W\d_]+){2,3}(?=, )")


_PLACE_BEFORE = re.compile(r"(?:phố|tại|Tại|tỉnh|TP\.?|huyện|quận|xã|ở|đến|từ|về|trên|đường|Quảng trường) $")


#: One Vietnamese syllable: an initial, one vowel cluster, a final. A capitalised word
#: without diacritics that is not one ("Putin", "Prabowo") is a foreign name.
_VI_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ch|ng|nh|[cmnpt])?",
                          re.IGNORECASE)
_ASCII_WORD = re.compile(r"[A-Za-z]{4,}")
#: What may not follow a one-word name: another capitalised word (then it is a longer
#: name or a place, handled elsewhere).
_NOT_AFTER_SHORT_NAME = re.compile(r" [A-ZĐÀ-Ỹ]")


def _foreign_word(word: str) -> bool:
    return bool(_ASCII_WORD.fullmatch(word)) and not _VI_SYLLABLE.fullmatch(word)


def _name_at(text: str, pos: int) -> int | None:
    """End of a capitalised name starting at ``pos``, else None.

    2-4 syllables; 5 when the first is a Vietnamese surname ("Tôn Nữ Thị Minh
    Châu"); one word only when it cannot be a Vietnamese syllable and ends the
    phrase ("Tổng thống Putin,").
    """
    end, count = pos, 0
    opens_other = other_re().match  # a title, rank or organisation starts here: the name ends before it
    m = _SYLLABLE.match(text, pos)  # the syllable at ``end``
    limit = 5 if m and m.group() in organisations.SURNAMES else 4
    while count < limit:
        if not m:
            break
        word = m.group()
        if not (word[0].isupper() and (len(word) == 1 or word[1:].islower())) or word in _NOT_NAME:
            break
        if count == 0 and opens_other(text, end):
            return None
        end, count = m.end(), count + 1
        if not text.startswith(" ", end):
            break
        end_next = end + 1
        nxt = _SYLLABLE.match(text, end_next)
        if not nxt or nxt.group() in _NOT_NAME or not nxt.group()[0].isupper() or opens_other(text, end_next):
            break
        end, m = end_next, nxt
    end = end if text[end - 1] != " " else end - 1
    if count == 1 and not (_foreign_word(text[pos:end]) and not _NOT_AFTER_SHORT_NAME.match(text, end)
                           and organisations.COUNTRY_RE.match(" " + text[pos:end]) is None):
        return None
    return end if count else None


_PHRASE_END = re.compile(r"[.;:\n(]")  # position phrases stop at the clause's end or a bracket
_MAX_SEGMENTS = 4  # title phrases read after a name


#: A dash between a name and its position, as in lists of who attended.
_DASH = re.compile(r" [-–—] (?=[^\W\d])")


def _position(text: str, end: int) -> str | None:
    """Comma-separated title phrases right after a name, up to the clause's verb; the first may
    follow a dash ("Phan Văn Giang - Ủy viên Bộ Chính trị, Bộ trưởng Bộ Quốc phòng")."""
    dash = _DASH.match(text, end)
    if dash is not None:
        end = dash.end() - 2  # read on as after ", "
    elif not text.startswith(", ", end):
        return None
    # At most four segments are read: the text up to the fourth ", " (or the clause's end) is
    # all there is to cut. (Cutting the whole rest of the clause for each name was quadratic
    # in a clause listing thousands of names.)
    limit = end + 2
    for _ in range(_MAX_SEGMENTS):
        limit = text.find(", ", limit) + 2
        if limit == 1:  # (no more: find gave -1)
            limit = len(text) + 2
            break
    limit -= 2
    stop = _PHRASE_END.search(text, end, limit)
    segments = []
    for seg in text[end + 2:stop.start() if stop else limit].split(", "):
        if not seg or not seg[0].isupper() or _name_at(seg, 0) is not None:
            break
        if _introduces_person(seg):
            break  # "Tổng thống Putin, Thủ tướng Modi ...": the next person, not a position
        cut = _POSITION_END.search(seg)
        segments.append(seg[:cut.start()] if cut else seg)
        if cut or len(segments) >= _MAX_SEGMENTS:
            break
    return ", ".join(s.strip() for s in segments if s.strip()) or None


def _titled(text: str):
    """(start, name start, name end, rank, title, title phrase) for each rank/title + name."""
    pos = 0
    for m in triggers(text):
        if m.start() < pos:
            continue
        person = _person_at(text, m)
        pos = person[2] if person else m.end()
        if person:
            yield person


def _introduces_person(text: str) -> bool:
    """True when ``text`` opens with a rank or title and a name (the first ``_titled`` item starts at 0)."""
    m = trigger_vocab()[3].match(text)
    return m is not None and _person_at(text, m) is not None


def _person_at(text: str, m: re.Match):
    """The ``_titled`` item for the rank or title matched by ``m``, or None when no name follows."""
    ranks, titles, _honorifics, trigger = trigger_vocab()
    rank = title = before = None
    cur, t = m.start(), m
    while True:  # chain of titles and organisations: "đồng chí Thượng tướng", "Bộ trưởng Bộ Công Thương"
        if t:
            word = t.group()
            if word in ranks and rank is None:
                rank = word
            elif word in titles and title is None:
                title = word
            cur = t.end()
        elif title and (org := body_at(text, cur)) is not None:
            before, cur = text[m.start():org.end], org.end
        elif title and (foreign := _FOREIGN.match(text, cur)) is not None:
            before, cur = text[m.start():foreign.end() - 1], foreign.end() - 1
        else:
            break
        if rank and not title and text.startswith(", ", cur) and trigger.match(text, cur + 2):
            cur += 2  # "Đại tá, PGS.TS Nguyễn Văn A"
        elif text.startswith(" ", cur):
            cur += 1
        else:
            break
        t = trigger.match(text, cur)
    end = _name_at(text, cur)
    return None if end is None else (m.start(), cur, end, rank, title, before)


def _apposed(text: str, taken=()):
    """A full name (surname + 2-3 syllables) then ", Title …": "Nguyễn Văn An, Giám đốc Công ty …".

    The title must not itself introduce a name: in "tại Hà Nội, Thượng tướng
    Phan Văn Giang" the words before the comma are a place, not a person. Names
    that start inside a ``taken`` (start, end) span are skipped.
    """
    trigger = trigger_vocab()[3]
    taken = Overlaps(taken)
    for m in _APPOSED.finditer(text):
        start, end = m.span()
        if taken.hits(start, start + 1):
            continue  # inside a name already found (the caller drops these)
        if not trigger.match(text, end + 2) or _name_at(text, start) != end or len(text[start:end].split()) < 3:
            continue
        if _PLACE_BEFORE.search(text, max(0, start - 12), start):
            continue  # "tại Thành phố Hồ Chí Minh, Thứ trưởng …" is a place
        if _introduces_person(text[end + 2:end + 200]):
            continue  # the title introduces a name of its own
        yield start, start, end, None, None, None


#: Between the names of a list that shares one rank: "các Thượng tướng A, B và C".
_LIST_SEP = re.compile(r", | và ")
_PLURAL = re.compile(r"(?:các|hai|ba) (?:đồng chí )?$")


def _list_members(text: str, found):
    """Names that share the rank or title of the name before them.

    "các Thượng tướng Hoàng Xuân Chiến, Lê Huy Vịnh, Thứ trưởng ..." and
    "Thượng tướng Hoàng Xuân Chiến, Lê Huy Vịnh, Ủy viên ...": after a titled
    name, another name (a Vietnamese surname first, or any name after a plural
    "các") separated by a comma or "và" has the same rank.
    """
    for start, _ns, end, rank, title, _before in found:
        plural = _PLURAL.search(text, max(0, start - 12), start) is not None
        cur = end
        while (sep := _LIST_SEP.match(text, cur)) is not None:
            first = _SYLLABLE.match(text, sep.end())
            if first is None or not (plural or first.group() in organisations.SURNAMES):
                break
            nxt = _name_at(text, sep.end())
            # Without "các", only full names (3+ syllables): "Hà Nội" after a name is a place.
            if nxt is None or (not plural and (not _LIST_END.match(text, nxt)
                                               or len(text[sep.end():nxt].split()) < 3)):
                break
            yield sep.end(), sep.end(), nxt, rank, title, None
            cur = nxt


#: What closes a member of a list without "các": another separator, a clause end.
_LIST_END = re.compile(r"(?:,|;|\.|\s+và\s|\s*$|\s+(?:dự|chủ trì|đồng chủ trì|tham dự|chứng kiến)\b)")


def find(text: str, excluded=()) -> list[Person]:
    """All people of ``text`` with their rank or title and position (pure)."""
    credits = credit_lines(text)
    blocked = Overlaps(list(excluded) + credits)
    people: dict[str, dict] = {}
    found = list(_titled(text))
    found += list(_list_members(text, found))
    taken = [(s, e) for s, _n, e, *_ in found]
    found += _apposed(text, taken)
    for start, name_start, end, rank, title, before in sorted(found):
        if blocked.hits(name_start, end):
            continue
        name = text[name_start:end]
        slot = people.setdefault(name_key(name), {"names": [], "rank": None, "title": None,
                                                  "position": None, "mentions": []})
        slot["names"].append(name)
        slot["rank"] = slot["rank"] or rank
        slot["title"] = slot["title"] or title
        slot["position"] = slot["position"] or _position(text, end) or before
        slot["mentions"].append(Evidence(start, end, text[start:end]))
    out = []
    for slot in people.values():
        names = slot["names"]
        counts = Counter(names)  # (names.count per name: quadratic for a name written thousands of times)
        best = max(names, key=counts.__getitem__)  # the most frequent spelling, first on ties
        out.append(Person(name=best, rank=slot["rank"] or slot["title"], position=slot["position"],
                          variants=tuple(dict.fromkeys(n for n in names if n != best)),
                          mentions=tuple(slot["mentions"])))
    return out


def run(state: ParseState) -> None:
    # The header stage marks photo captions as excluded too, but captions name
    # real participants (in sample 000 Thiếu tướng Lương Thanh Chương appears
    # only in one): only excluded spans that are credits or bylines block people.
    text = state.text
    credits = [(s, e) for s, e in state.excluded if has_credit_line(text, s, e) or text[s:e].isupper()]
    state.people.extend(find(text, credits))

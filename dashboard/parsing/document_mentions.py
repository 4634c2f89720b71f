"""Finding the document mentions of an article: the first step of the documents stage.

``find_mentions`` returns one ``Mention`` record per mention, in text order, found
in order of certainty (patterns in ``document_patterns``): symbols, plenum and
congress resolutions, number-only mentions ("Nghị quyết số 06"), named laws and
ordinances, named programmes, plans, schemes and strategies, then documents two
parties sign. A later pattern never takes text an earlier one took.
``documents.find`` reads their tails, merges and links them.

The costly patterns are tried only where they can start (``scan``): near a "/"
for symbols, before " số" or a number for number-only mentions, at their
opening words for the others.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from . import document_patterns as P
from . import organisations
from .scan import case_safe, finditer_at
from ..spans import Growing

_PARTY_ALIASES = {"TƯ": "TW", "QUTƯ": "QUTW", "ĐUQSTƯ": "ĐUQSTW"}
_BY_LENGTH = sorted(P.TYPE_WORDS.items(), key=lambda kv: -len(kv[0]))
_SIGNED_BY_LENGTH = sorted(P.SIGNED_WORDS.items(), key=lambda kv: -len(kv[0]))
_COORDINATION = ("phoi hop",)
_QUOTED_TITLE = re.compile(r' ?[“"][^”"\n]{3,200}[”"]')
_INITIAL = re.compile(r"(?:^|[\n.!?:]) *$")
#: A number that counts years, months, days, times or percent is not a document's number.
_COUNT_AFTER = re.compile(r" (?:năm|tháng|ngày|lần|%)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ABOUT = re.compile(r"\bvề (.+?)(?=,? (?:giai đoạn|đến năm|tầm nhìn)|$)")
_AND = re.compile(r",? (?:và|với) ")


@dataclass
class Mention:
    start: int
    end: int
    kind: str
    family: tuple
    symbol: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued: str | None = None
    subject: str | None = None
    horizon: str | None = None
    period: str | None = None
    name: str | None = None
    tw: bool = False  # issuer code TW: the prose decides between the Party's central bodies
    word: str | None = None  # the type word written before a symbol ("Thông tư liên tịch")
    spans: list = field(default_factory=list)

    @property
    def detail(self) -> int:
        return ((self.issued is not None) + (self.subject is not None) + (self.horizon is not None)
                + (self.period is not None))


@lru_cache(maxsize=256)  # a few issuer codes recur
def _issuer_names(codes: str) -> str | None:
    names = [P.ISSUERS.get(c, {}).get("name") for c in codes.split("-")]
    names = [n for n in names if n]
    return "; ".join(dict.fromkeys(names)) or None


def _symbol_mention(m: re.Match, rx: re.Pattern) -> Mention | None:
    g = m.groupdict()
    num = g["num"]
    if rx is P.LAW_SYMBOL:
        sym = f"{num}/{g['year']}/{g['iss']}{g['term']}"
        kind = "law" if g["iss"] == "QH" else "ordinance"
        return Mention(m.start(), m.end(), kind, ("sym", sym), sym, num, _issuer_names(g["iss"]), g["year"])
    typ, iss = g["type"], _PARTY_ALIASES.get(g["iss"], g["iss"])
    if typ not in P.TYPES:
        return None
    kind = P.TYPES[typ]
    party = P.ISSUERS.get(iss, {}).get("party", False)
    if rx is P.STATE_SYMBOL:
        sym, issued = f"{num}/{g['year']}/{typ}-{iss}", g["year"]
    elif rx is P.PARTY_SYMBOL or party:  # "520/NQ-QUTW" in the press is Party form reversed
        sym, issued = f"{num}-{typ}/{iss}", None
    else:
        sym, issued = f"{num}/{typ}-{iss}", None
    return Mention(m.start(), m.end(), kind, ("sym", sym), sym, num, _issuer_names(iss), issued,
                   tw=(iss == "TW"))


def find_mentions(text: str) -> list[Mention]:
    """Every document mention of ``text``, sorted by start."""
    out: list[Mention] = []
    taken = Growing()

    def add(mn: Mention) -> None:
        out.append(mn)
        taken.add(mn.start, mn.end)

    symbol_starts = P.symbol_starts(text)
    for rx in P.SYMBOLS:
        for m in finditer_at(rx, text, symbol_starts):
            if taken.hits(*m.span()) or (mn := _symbol_mention(m, rx)) is None:
                continue
            before = P.TYPE_BEFORE.search(text, max(0, m.start() - 30), m.start())
            if before:
                mn.start, mn.word = before.start(), before.group(1)
                if rx is not P.LAW_SYMBOL or P.kind_of_word(before.group(1)) == "resolution":
                    mn.kind = P.kind_of_word(before.group(1))
            add(mn)
    for m in P.PLENUM.finditer(text):
        if not taken.hits(*m.span()):
            n, roman = m.group("n") or m.group("n2"), m.group("roman") or m.group("roman2")
            name = f"Nghị quyết Trung ương {int(n)}" + (f" khóa {roman}" if roman else "")
            add(Mention(m.start(), m.end(), "resolution", ("plenum", int(n)), issuer="Ban Chấp hành Trung ương",
                        name=name))
    for m in P.CONGRESS.finditer(text):
        if not taken.hits(*m.span()):
            add(Mention(m.start(), m.end(), "resolution", ("congress", m.group("roman")),
                        name=f"Nghị quyết Đại hội {m.group('roman')} của Đảng"))
    cited = _Cited(out)  # (the symbols are all found: later mentions have none)
    safe = case_safe(text)  # else case-insensitive words cannot be looked for by their lower case: scan the plain way

    def matches(rx: re.Pattern, starts):
        return finditer_at(rx, text, starts) if safe else rx.finditer(text)

    opening = P.opening_starts(text) if safe else {}
    numbers = matches(P.NUMBER_ONLY, P.number_only_starts(text) if safe else None)
    for m in numbers:
        word, sep, num = m.groups()
        if taken.hits(*m.span()) or _COUNT_AFTER.match(text[m.end():m.end() + 6]):
            continue
        if sep == " " and (not word[0].isupper() or _YEAR.fullmatch(num)):
            continue
        kind = P.kind_of_word(word)
        add(Mention(m.start(), m.end(), kind, ("num", kind, int(num)), number=num))
    for m in matches(P.LAW_NAME, opening.get(P.LAW_NAME)):
        if taken.hits(m.start(), m.end() + 1):
            continue
        known = P.known_law_at(text, m.start())
        name, end = known if known else P.law_name(text, m)
        if end > m.end():
            kind = "ordinance" if name.startswith("Pháp lệnh") else "law"
            add(Mention(m.start(), end, kind, ("law", P.fold_key(name)), name=name))
    for m in matches(P.NAMED, opening.get(P.NAMED)):
        if not taken.hits(*m.span()) and (mn := _named(text, m, cited)) is not None:
            add(mn)
    for m in matches(P.SIGNED, opening.get(P.SIGNED)):
        g = next(g for g in ("w", "cap", "qc") if m.group(g))
        word = " ".join(m.group(g).lower().split())
        kind = next((k for w, k in _SIGNED_BY_LENGTH if word.startswith(w)), "other")
        if not taken.hits(*m.span(g)) and (mn := _named(text, m, cited, m.span(g), kind)) is not None:
            add(mn)
    out.sort(key=lambda mn: mn.start)
    return out


class _Cited:
    """The mentions with a symbol, by start: ``_named`` ends a name at a symbol it holds."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.entries = sorted((mn.start, i, mn) for i, mn in enumerate(mentions) if mn.symbol)
        self.starts = [s for s, _i, _mn in self.entries]

    def reachable(self, start: int, end: int) -> list[Mention]:
        """In list order, the mentions that can start inside a name from ``start`` to ``end``
        while ``_named`` moves its end to theirs: those starting before the furthest end
        reachable that way. A scan of all of them was quadratic on a text of megabytes."""
        lo = hi = bisect_right(self.starts, start)
        reach = end
        while hi < len(self.starts) and self.starts[hi] < reach:
            reach = max(reach, self.entries[hi][2].end)
            hi += 1
        return [mn for _s, _i, mn in sorted(self.entries[lo:hi], key=lambda e: e[1])]


def _named(text: str, m: re.Match, cited: _Cited, span=None, kind=None) -> Mention | None:
    """A programme, plan, scheme or strategy known by its name ("Chương trình phối hợp …");
    ``span``/``kind`` for a signed document ("ký kết Quy chế phối hợp …", see ``P.SIGNED``)."""
    start, word_end = span or m.span()
    quoted = _QUOTED_TITLE.match(text, word_end)
    end = quoted.end() if quoted else P.name_end(text, word_end)  # 'Đề án “Xây dựng …”'
    for other in cited.reachable(start, end):  # a name that cites a numbered document ends with that symbol
        if start < other.start < end:
            end = other.end
    name = text[start:end]
    key = P.fold_key(name)
    coordination = any(c in key for c in _COORDINATION)
    if end <= word_end and not coordination:
        return None
    words = name.split()
    initial = _INITIAL.search(text, max(0, start - 3), start) is not None or start == 0
    if initial and kind is None and not (coordination or "hanh dong" in key or P.PERIOD.search(name)
                                         or P.HORIZON.search(name) or (len(words) > 2 and words[2][0].isupper())):
        return None
    if kind is None and name[0].islower() and not (coordination or P.PERIOD.search(name) or P.HORIZON.search(name)
                                                   or any(w[0].isupper() or w[0].isdigit() for w in words[1:])):
        return None  # "xây dựng chương trình hành động thực hiện nghị quyết sát với thực tiễn": no name, a kind
    if kind is None:
        word = m.group(1).lower()
        kind = next(k for w, k in _BY_LENGTH if word.startswith(w))
    mn = Mention(start, end, kind, ("named", kind, coordination, key), name=name[0].upper() + name[1:])
    about = _ABOUT.search(name)
    mn.subject = about.group(1) if about else None
    period, horizon = P.PERIOD.search(name), P.HORIZON.search(name) or P.VISION.search(name)
    mn.period = P.period_of(period)
    mn.horizon = horizon.group(1) if horizon else None
    mn.issuer = _joint_issuer(text, start, end)
    return mn


def _joint_issuer(text: str, start: int, end: int) -> str | None:
    """"của Chính phủ" inside the name, or "giữa X và Y" (a coordination programme)."""
    for word in ("của ", "giữa "):  # each on its own: r"\b" + word within the name
        at = text.find(word, start, end)
        while at != -1:
            if at == start or not _is_word_char(text[at - 1]):
                first = organisations.match_at(text, at + len(word))
                if first is not None:
                    if word == "của ":
                        return first.name
                    nxt = _AND.match(text, first.end)
                    second = organisations.match_at(text, nxt.end()) if nxt else None
                    return first.name + (f"; {second.name}" if second else "")
            at = text.find(word, at + len(word), end)
    return None


def _is_word_char(c: str) -> bool:
    """Whether ``re`` reads ``c`` as a word character (``\\w``)."""
    return c.isalnum() or c == "_"

"""Pipeline stage 'documents': the policy documents an article cites.

Reads ``state.text`` and ``state.dates`` (mentions with role "issue" give issue
dates; without them "ngày 26-1-2022" after a symbol is read here); adds one
``model.Document`` per document to ``state.documents``, in order of first mention.

Mentions are found in order of certainty (patterns in ``document_patterns``):
symbols, plenum resolutions, number-only mentions ("Nghị quyết số 06"), named
laws and ordinances, then named programmes, plans, schemes and strategies. Each
mention's clause is read for issue date, issuer ("của …"), subject ("về …"),
horizon and period. Later short mentions ("Nghị quyết số 806-NQ/QUTW",
"Nghị quyết 08", "chương trình phối hợp") link to the same document; the first
full mention comes first in ``Document.mentions`` and is its ``evidence``.

Field formats: ``symbol`` canonical ("520/NQ-QUTW" in the press becomes
"520-NQ/QUTW"); ``issuer`` a canonical organisation name, joint issuers joined
by "; "; ``issued`` "YYYY-MM-DD" from the text, or the year of a state symbol
("30/2020/NĐ-CP" → "2020") when no date is given; ``horizon`` the target year
"YYYY" ("đến năm 2030" → "2030"; a vision year "tầm nhìn đến năm 2045" only when
there is no target year; the open-ended "và những năm tiếp theo" that follows
almost every horizon in this genre is not recorded); ``period`` "YYYY-YYYY".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

from ..model import Document, Evidence
from . import document_merge as merge
from . import document_patterns as P
from . import organisations
from .date_context import year_window
from ..text import fold
from .state import ParseState

_PARTY_ALIASES = {"TƯ": "TW", "QUTƯ": "QUTW", "ĐUQSTƯ": "ĐUQSTW"}
_KIND_WORD = {}
for _w, _k in sorted(P.TYPE_WORDS.items(), key=lambda kv: len(kv[0])):  # shortest: "Thông tư", not "… liên tịch"
    _KIND_WORD.setdefault(_k, _w[0].upper() + _w[1:])
_BY_LENGTH = sorted(P.TYPE_WORDS.items(), key=lambda kv: -len(kv[0]))
_SIGNED_BY_LENGTH = sorted(P.SIGNED_WORDS.items(), key=lambda kv: -len(kv[0]))
_COORDINATION = ("phoi hop",)
_LAWMAKERS = {"law": "Quốc hội", "ordinance": "Ủy ban Thường vụ Quốc hội"}
_QUOTED_TITLE = re.compile(r' ?[“"][^”"\n]{3,200}[”"]')
_INITIAL = re.compile(r"(?:^|[\n.!?:]) *$")


@dataclass
class _Mention:
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
        return sum(v is not None for v in (self.issued, self.subject, self.horizon, self.period))


def _issuer_names(codes: str) -> str | None:
    names = [P.ISSUERS.get(c, {}).get("name") for c in codes.split("-")]
    names = [n for n in names if n]
    return "; ".join(dict.fromkeys(names)) or None


def _symbol_mention(m: re.Match, rx: re.Pattern) -> _Mention | None:
    g = m.groupdict()
    num = g["num"]
    if rx is P.LAW_SYMBOL:
        sym = f"{num}/{g['year']}/{g['iss']}{g['term']}"
        kind = "law" if g["iss"] == "QH" else "ordinance"
        return _Mention(m.start(), m.end(), kind, ("sym", sym), sym, num, _issuer_names(g["iss"]), g["year"])
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
    return _Mention(m.start(), m.end(), kind, ("sym", sym), sym, num, _issuer_names(iss), issued,
                    tw=(iss == "TW"))


def _overlaps(spans, s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def _find_mentions(text: str) -> list[_Mention]:
    out: list[_Mention] = []
    taken: list[tuple[int, int]] = []

    def add(mn: _Mention) -> None:
        out.append(mn)
        taken.append((mn.start, mn.end))

    for rx in P.SYMBOLS:
        for m in rx.finditer(text):
            if _overlaps(taken, *m.span()) or (mn := _symbol_mention(m, rx)) is None:
                continue
            before = P.TYPE_BEFORE.search(text, max(0, m.start() - 30), m.start())
            if before:
                mn.start, mn.word = before.start(), before.group(1)
                if rx is not P.LAW_SYMBOL or P.kind_of_word(before.group(1)) == "resolution":
                    mn.kind = P.kind_of_word(before.group(1))
            add(mn)
    for m in P.PLENUM.finditer(text):
        if not _overlaps(taken, *m.span()):
            n, roman = m.group("n") or m.group("n2"), m.group("roman") or m.group("roman2")
            name = f"Nghị quyết Trung ương {int(n)}" + (f" khóa {roman}" if roman else "")
            add(_Mention(m.start(), m.end(), "resolution", ("plenum", int(n)), issuer="Ban Chấp hành Trung ương",
                         name=name))
    for m in P.CONGRESS.finditer(text):
        if not _overlaps(taken, *m.span()):
            add(_Mention(m.start(), m.end(), "resolution", ("congress", m.group("roman")),
                         name=f"Nghị quyết Đại hội {m.group('roman')} của Đảng"))
    for m in P.NUMBER_ONLY.finditer(text):
        word, sep, num = m.groups()
        if _overlaps(taken, *m.span()) or re.match(r" (?:năm|tháng|ngày|lần|%)", text[m.end():m.end() + 6]):
            continue
        if sep == " " and (not word[0].isupper() or re.fullmatch(r"(?:19|20)\d\d", num)):
            continue
        kind = P.kind_of_word(word)
        add(_Mention(m.start(), m.end(), kind, ("num", kind, int(num)), number=num))
    for m in P.LAW_NAME.finditer(text):
        if _overlaps(taken, m.start(), m.end() + 1):
            continue
        known = P.known_law_at(text, m.start())
        name, end = known if known else P.law_name(text, m)
        if end > m.end():
            kind = "ordinance" if name.startswith("Pháp lệnh") else "law"
            add(_Mention(m.start(), end, kind, ("law", fold(name)), name=name))
    for m in P.NAMED.finditer(text):
        if not _overlaps(taken, *m.span()) and (mn := _named(text, m, out)) is not None:
            add(mn)
    low = text.lower()  # the signed-document pattern is costly: run it only where its words occur
    signed = any(w in low for w in ("ký", "quy chế", *P.SIGNED_WORDS))
    for m in P.SIGNED.finditer(text) if signed else ():
        g = next(g for g in ("w", "cap", "qc") if m.group(g))
        word = " ".join(m.group(g).lower().split())
        kind = next((k for w, k in _SIGNED_BY_LENGTH if word.startswith(w)), "other")
        if not _overlaps(taken, *m.span(g)) and (mn := _named(text, m, out, m.span(g), kind)) is not None:
            add(mn)
    out.sort(key=lambda mn: mn.start)
    return out


def _named(text: str, m: re.Match, found: list[_Mention], span=None, kind=None) -> _Mention | None:
    """A programme, plan, scheme or strategy known by its name ("Chương trình phối hợp …");
    ``span``/``kind`` for a signed document ("ký kết Quy chế phối hợp …", see ``P.SIGNED``)."""
    start, word_end = span or m.span()
    quoted = _QUOTED_TITLE.match(text, word_end)
    end = quoted.end() if quoted else P.name_end(text, word_end)  # 'Đề án “Xây dựng …”'
    for other in found:  # a name that cites a numbered document ends with that symbol
        if other.symbol and start < other.start < end:
            end = other.end
    name = text[start:end]
    key = fold(name)
    coordination = any(c in key for c in _COORDINATION)
    if end <= word_end and not coordination:
        return None
    words = name.split()
    initial = _INITIAL.search(text, max(0, start - 3), start) is not None or start == 0
    if initial and kind is None and not (coordination or "hanh dong" in key or P.PERIOD.search(name)
                                         or P.HORIZON.search(name) or (len(words) > 2 and words[2][0].isupper())):
        return None
    if kind is None:
        word = m.group(1).lower()
        kind = next(k for w, k in _BY_LENGTH if word.startswith(w))
    mn = _Mention(start, end, kind, ("named", kind, coordination, key), name=name[0].upper() + name[1:])
    about = re.search(r"\bvề (.+?)(?=,? (?:giai đoạn|đến năm|tầm nhìn)|$)", name)
    mn.subject = about.group(1) if about else None
    period, horizon = P.PERIOD.search(name), P.HORIZON.search(name) or P.VISION.search(name)
    mn.period = P.period_of(period)
    mn.horizon = horizon.group(1) if horizon else None
    mn.issuer = _joint_issuer(text, start, end)
    return mn


def _joint_issuer(text: str, start: int, end: int) -> str | None:
    """"của Chính phủ" inside the name, or "giữa X và Y" (a coordination programme)."""
    for rx in (r"\bcủa ", r"\bgiữa "):
        for g in re.finditer(rx, text[start:end]):
            first = organisations.match_at(text, start + g.end())
            if first is None:
                continue
            if rx.endswith("giữa "):
                nxt = re.compile(r",? (?:và|với) ").match(text, first.end)
                second = organisations.match_at(text, nxt.end()) if nxt else None
                return first.name + (f"; {second.name}" if second else "")
            return first.name
    return None


def _read_tails(text: str, mentions: list[_Mention], dates) -> None:
    for i, mn in enumerate(mentions):
        if mn.family[0] == "named":
            continue
        stop = P.clause_end(text, mn.end, quotes=False)
        nxt = next((o for o in mentions[i + 1:] if o.family[0] != "named"), None)
        if nxt is not None:  # a named strategy may be the subject ("về Chiến lược bảo vệ Tổ quốc")
            stop = min(stop, max(mn.end, nxt.start))
        t = P.read_tail(text, mn.end, stop, dates)
        mn.issued = t.issued or mn.issued
        if t.issuer and (mn.issuer is None or mn.tw):
            mn.issuer = t.issuer
        mn.subject, mn.horizon, mn.period = t.subject, t.horizon, t.period
        if mn.detail or t.issuer:
            mn.end = max(mn.end, t.end)


def _same(doc: _Mention, mn: _Mention) -> bool:
    fam, dfam = mn.family, doc.family
    if fam[0] == "sym" and doc.symbol:
        return doc.symbol == mn.symbol
    if fam[0] in ("sym", "num") and dfam[0] in ("sym", "num"):
        compatible = doc.issuer is None or mn.issuer is None or doc.issuer == mn.issuer
        return doc.kind == mn.kind and int(doc.number) == int(mn.number) and compatible
    if "law" in (fam[0], dfam[0]) and doc.name and mn.name and fold(doc.name) == fold(mn.name):
        return True  # "Luật X số 38/2024/QH15" and a later bare "Luật X"
    if fam[0] != dfam[0]:
        return False
    if fam[0] == "named":
        if fam[1] != dfam[1]:
            return False
        if fam[2] and dfam[2]:
            return doc.period is None or mn.period is None or doc.period == mn.period
        return fam[3].startswith(dfam[3]) or dfam[3].startswith(fam[3])
    return fam == dfam


def _link(text: str, mentions: list[_Mention]) -> list[Document]:
    groups: list[list[_Mention]] = []
    for mn in mentions:
        group = next((g for g in groups if any(_same(d, mn) for d in g)), None)
        if group is None:
            groups.append([mn])
        else:
            group.append(mn)
    return [_document(text, g) for g in groups]


def _document(text: str, group: list[_Mention]) -> Document:
    first = max(group, key=lambda mn: (mn.detail + (mn.issuer is not None), -mn.start))
    merged = _Mention(first.start, first.end, first.kind, first.family)
    for f in fields(_Mention):
        if f.name in ("start", "end", "kind", "family", "spans"):
            continue
        values = [getattr(first, f.name)] + [getattr(mn, f.name) for mn in group]
        setattr(merged, f.name, next((v for v in values if v is not None), None))
    if any(mn.tw for mn in group) and merged.issuer not in P.TW_BODIES:
        merged.issuer = "Ban Chấp hành Trung ương"
    if merged.issuer is None and merged.kind in _LAWMAKERS:  # a law is passed by the National Assembly
        merged.issuer = _LAWMAKERS[merged.kind]
    named = [mn.name for mn in group if mn.name]
    name = max(named, key=len) if named else None
    if merged.symbol and not name:
        word = next((mn.word for mn in group if mn.word), None)
        word = word[0].upper() + word[1:] if word else _KIND_WORD.get(merged.kind, "Văn bản")
        name = f"{word} số {merged.symbol}"
    elif merged.number and not name:
        name = f"{_KIND_WORD.get(merged.kind, 'Văn bản')} số {merged.number}"
    ordered = [first] + [mn for mn in group if mn is not first]
    mentions = tuple(Evidence(mn.start, mn.end, text[mn.start:mn.end]) for mn in ordered)
    return Document(kind=merged.kind, evidence=mentions[0], symbol=merged.symbol, number=merged.number,
                    issuer=merged.issuer, issued=merged.issued, subject=merged.subject,
                    horizon=merged.horizon, period=merged.period, name=name, mentions=mentions)


def find(text: str, dates=(), published=None) -> list[Document]:
    """All documents cited in ``text`` (pure); ``dates`` are the dates stage's mentions.

    Issue dates, periods and horizons outside the plausible years (1945 .. the
    publication year + 30, see ``date_context.year_window``) are dropped:
    "15/2090/NĐ-CP" keeps its symbol but gets no issue year.
    """
    mentions = _find_mentions(text)
    merge.attach_law_symbols(text, mentions)
    _read_tails(text, mentions, dates)
    merge.name_symbol_laws(mentions)
    merge.drop_contained(text, mentions)
    window = year_window(published)
    for mn in mentions:
        mn.issued = mn.issued if mn.issued and int(mn.issued[:4]) in window else None
        mn.horizon = mn.horizon if mn.horizon and int(mn.horizon[:4]) in window else None
        mn.period = mn.period if mn.period and all(int(y) in window for y in mn.period.split("-")) else None
    return _link(text, mentions)


def run(state: ParseState) -> None:
    state.documents.extend(find(state.text, state.dates, state.published))

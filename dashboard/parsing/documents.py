"""Pipeline stage 'documents': the policy documents an article cites.

Reads ``state.text`` and ``state.dates`` (mentions with role "issue" give issue
dates; without them "ngày 26-1-2022" after a symbol is read here); adds one
``model.Document`` per document to ``state.documents``, in order of first mention.

Mentions are found in order of certainty (``document_mentions``, patterns in
``document_patterns``): symbols, plenum resolutions, number-only mentions
("Nghị quyết số 06"), named laws and ordinances, then named programmes, plans,
schemes and strategies. Each
mention's clause is read for issue date, issuer ("của …"), subject ("về …"),
horizon and period; a day heading the sentence whose verb issues the mention ("Ngày
26-1-2022, Bộ Chính trị ban hành Nghị quyết …") is read after (``document_issuance``).
Later short mentions ("Nghị quyết số 806-NQ/QUTW",
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

from ..model import Document, Evidence
from . import document_merge as merge
from . import document_patterns as P
from .date_context import year_window
from .document_mentions import Mention, find_mentions
from .document_issuance import date_issues
from .document_tails import IssueDates, read_tail
from .state import ParseState

_KIND_WORD = {}
for _w, _k in sorted(P.TYPE_WORDS.items(), key=lambda kv: len(kv[0])):  # shortest: "Thông tư", not "… liên tịch"
    _KIND_WORD.setdefault(_k, _w[0].upper() + _w[1:])
_LAWMAKERS = {"law": "Quốc hội", "ordinance": "Ủy ban Thường vụ Quốc hội"}
#: The fields ``_document`` merges over a group of mentions (kind and evidence are the first mention's).
_MERGED_FIELDS = ("symbol", "number", "issuer", "issued", "subject", "horizon", "period")


def _read_tails(text: str, mentions: list[Mention], dates) -> None:
    issues = IssueDates(dates)  # the only ones read_tail uses, indexed once
    # Start of the next mention that is not a named one, per index, in one pass from the end
    # (a search of the rest of the list per mention was quadratic on long texts).
    next_start: list[int | None] = []
    following = None
    for mn in reversed(mentions):
        next_start.append(following)
        if mn.family[0] != "named":
            following = mn.start
    next_start.reverse()
    for mn, nxt in zip(mentions, next_start):
        if mn.family[0] == "named":
            continue
        stop = P.clause_end(text, mn.end, quotes=False)
        if nxt is not None:  # a named strategy may be the subject ("về Chiến lược bảo vệ Tổ quốc")
            stop = min(stop, max(mn.end, nxt))
        t = read_tail(text, mn.end, stop, issues)
        mn.issued = t.issued or mn.issued
        if t.issuer and (mn.issuer is None or mn.tw):
            mn.issuer = t.issuer
        # A law known by its name has that name for subject: a "về …" after it belongs to the
        # clause around it ("Nghị định … quy định chi tiết … của Luật X về Quỹ Y": the decree is
        # about the fund, not the law).
        subject = None if mn.family[0] == "law" else t.subject
        mn.subject, mn.horizon, mn.period = subject, t.horizon, t.period
        if mn.detail or t.issuer:
            mn.end = max(mn.end, t.end)


def _same(doc: Mention, mn: Mention) -> bool:
    fam, dfam = mn.family, doc.family
    if fam[0] == "sym" and doc.symbol:
        return doc.symbol == mn.symbol
    if fam[0] in ("sym", "num") and dfam[0] in ("sym", "num"):
        compatible = doc.issuer is None or mn.issuer is None or doc.issuer == mn.issuer
        return doc.kind == mn.kind and int(doc.number) == int(mn.number) and compatible
    if "law" in (fam[0], dfam[0]) and doc.name and mn.name and P.fold_key(doc.name) == P.fold_key(mn.name):
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


def _link(text: str, mentions: list[Mention]) -> list[Document]:
    """Each mention joins the first group holding a mention it is ``_same`` as, else starts one."""
    groups: list[list[Mention]] = []
    index = _GroupIndex() if len(mentions) > _INDEX_FROM else None
    for mn in mentions:
        if index is not None and (candidates := index.candidates(mn)) is None:
            index = None  # a mention without keys: every group is a candidate from now on
        order = range(len(groups)) if index is None else candidates
        at = next((i for i in order if any(_same(d, mn) for d in groups[i])), None)
        if at is None:
            at = len(groups)
            groups.append([mn])
        else:
            groups[at].append(mn)
        if index is not None:
            index.add(mn, at)
    return [_document(text, g) for g in groups]


#: Above this many mentions ``_link`` looks only at groups sharing a key with the mention:
#: testing every group is quadratic, ~13M ``_same`` calls for a 3.7 MB text.
_INDEX_FROM = 32


class _GroupIndex:
    """Groups by the keys of their mentions. Two mentions that ``_same`` pairs share a key:
    the symbol, (kind, number) for numbered ones, the folded name (laws), the named
    family's word, or the whole family; so the groups sharing a key with a mention are
    the only ones it can join. Candidates come in creation order, as ``_link`` tries them."""

    def __init__(self) -> None:
        self.groups: dict[tuple, set[int]] = {}

    @staticmethod
    def keys(mn: Mention) -> list[tuple]:
        fam = mn.family
        keys = [("family", fam)]
        if mn.symbol:
            keys.append(("symbol", mn.symbol))
        if fam[0] in ("sym", "num"):
            keys.append(("number", mn.kind, int(mn.number)))
        if mn.name:
            keys.append(("name", P.fold_key(mn.name)))
        if fam[0] == "named":
            keys.append(("named", fam[1]))
        return keys

    def candidates(self, mn: Mention) -> list[int] | None:
        try:
            keys = self.keys(mn)
            found = set().union(*(self.groups.get(k, ()) for k in keys))
        except (TypeError, ValueError):  # no number to key on, or an unhashable family
            return None
        return sorted(found)

    def add(self, mn: Mention, group: int) -> None:
        for k in self.keys(mn):  # (candidates() computed them without error)
            self.groups.setdefault(k, set()).add(group)


def _document(text: str, group: list[Mention]) -> Document:
    first = group[0] if len(group) == 1 else max(group, key=lambda mn: (mn.detail + (mn.issuer is not None), -mn.start))
    merged = {}
    for f in _MERGED_FIELDS:  # the first mention's value, else the first one given in the group
        value = getattr(first, f)
        if value is None and len(group) > 1:
            value = next((v for mn in group if (v := getattr(mn, f)) is not None), None)
        merged[f] = value
    kind, symbol, number = first.kind, merged["symbol"], merged["number"]
    if any(mn.tw for mn in group) and merged["issuer"] not in P.TW_BODIES:
        merged["issuer"] = "Ban Chấp hành Trung ương"
    if merged["issuer"] is None and kind in _LAWMAKERS:  # a law is passed by the National Assembly
        merged["issuer"] = _LAWMAKERS[kind]
    named = [mn.name for mn in group if mn.name]
    name = max(named, key=len) if named else None
    if symbol and not name:
        word = next((mn.word for mn in group if mn.word), None)
        word = word[0].upper() + word[1:] if word else _KIND_WORD.get(kind, "Văn bản")
        name = f"{word} số {symbol}"
    elif number and not name:
        name = f"{_KIND_WORD.get(kind, 'Văn bản')} số {number}"
    ordered = [first] + [mn for mn in group if mn is not first]
    mentions = tuple(Evidence(mn.start, mn.end, text[mn.start:mn.end]) for mn in ordered)
    return Document(kind=kind, evidence=mentions[0], name=name, mentions=mentions, **merged)


def find(text: str, dates=(), published=None) -> list[Document]:
    """All documents cited in ``text`` (pure); ``dates`` are the dates stage's mentions.

    Issue dates, periods and horizons outside the plausible years (1945 .. the
    publication year + 30, see ``date_context.year_window``) are dropped:
    "15/2090/NĐ-CP" keeps its symbol but gets no issue year.
    """
    mentions = find_mentions(text)
    merge.attach_law_symbols(text, mentions)
    _read_tails(text, mentions, dates)
    date_issues(text, mentions, dates)
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

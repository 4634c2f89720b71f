"""Pipeline stage 'events': dated things that happened, built sentence by sentence.

Reads ``state.dates`` (role "point" only: issue dates belong to documents,
periods and horizons are not events), ``state.documents``,
``state.organisations``, ``state.people`` (their mention offsets; empty lists
are fine), ``state.excluded`` and ``state.body_start``; adds ``state.events``.

A sentence gives an event when it holds a settled point date and
- the date is a day (Sáng 22-11, ngày 17/4/2023) that opens the sentence (the
  news lead: "Chiều 20-2, tại Hà Nội, ...") or shares its clause with an event
  cue (hội nghị, làm việc với, ký kết, ...), or
- the date is a month, quarter, half or year that opens the sentence next to a
  cue of a specific kind ("Tháng 6/2024, Quốc hội thông qua Luật ..."), or
  follows a law cue closely ("có hiệu lực từ tháng 7/2025").
A year inside a sentence ("Báo cáo kết quả công tác năm 2020") is the period a
report covers, not an event, so it is left out: this trades some recall on
year-level events for precision. A sentence whose verb issues a document
("ban hành") and has no specific cue is the document's issue date, not an event.

The kind comes from cue words in ``dashboard/vocab/event_kinds_vi.json``: the
highest-priority kind in the sentence wins. No event is dated by guesswork: an
article that reports a conference without any date gets a warning instead.
"""
from __future__ import annotations

import re

from ..model import DateMention, Event, Evidence
from ..vocab import load
from .segment import clause_of, sentences
from .state import ParseState

VOCAB = load("event_kinds_vi.json")
KIND_PRIORITY = {entry["kind"]: rank for rank, entry in enumerate(VOCAB["kinds"])}
_CUE_KIND = {cue: entry["kind"] for entry in VOCAB["kinds"] for cue in entry["cues"]}


def _phrases(words) -> str:
    ordered = sorted(words, key=len, reverse=True)  # longest phrase wins at a position
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)


CUES = re.compile(rf"(?<!\w)(?:{_phrases(_CUE_KIND)})(?!\w)", re.IGNORECASE)
FALSE_FRIENDS = re.compile(rf"(?<!\w)(?:{_phrases(VOCAB['false_friends'])})(?!\w)", re.IGNORECASE)
NOT_EVENTS = re.compile(rf"(?<!\w)(?:{_phrases(VOCAB['not_events'])})(?!\w)", re.IGNORECASE)
UNDATED_OPENER = re.compile(rf"^(?:{_phrases(VOCAB['undated_openers'])})(?!\w)", re.IGNORECASE | re.M)
#: A title right before an organisation ("Thứ trưởng Bộ Quốc phòng", "Ủy viên Bộ Chính
#: trị") makes it a person's affiliation, not a participant; so is the abbreviation
#: in brackets after such a name ("Thứ trưởng Bộ Quốc phòng (BQP)").
AFFILIATION = re.compile(
    rf"(?<!\w)(?:{_phrases(VOCAB['affiliation_titles'])})\s+(?:[^,;().]{{1,60}}\(\s*)?$", re.IGNORECASE
)
#: What may stand before a date that still opens its sentence: an outlet tag
#: "(QĐND) - ", "Vào", "Trong", "Tại Hà Nội,", "Cũng trong", quotes and dashes.
OPENER_PREFIX = re.compile(
    r"^[\W]*(?:[^\s()][^()\n]{0,30}?\)?\s+[-–—]\s+)?"  # outlet tag: "(QĐND) - ", "TTXVN - "
    r"(?:(?:vào|trong|từ|cũng\s+trong|tiếp\s+đó|sau\s+đó|trước\s+đó|đến|tới)\s*,?\s*)?"
    r"(?:(?:trong|sau)\s+(?:\d+|hai|ba|bốn|năm)\s+ngày\s*,?\s*)?"
    r"(?:(?:tại|ở)\s+[^,.;]{1,50},\s*)?$",
    re.IGNORECASE,
)
#: A day that starts a later clause is the lead's date too: "Thực hiện Kế hoạch số
#: 123/KH-BQP, sáng 10-3, Tổng cục tổ chức ...".
CLAUSE_OPENER = re.compile(r"[,;]\s*(?:vào\s+)?$")
#: Where a title stops: punctuation, or a word that starts a date, a place, an owner or a purpose.
TITLE_STOP = re.compile(
    r"\s*[,.;:()]|\s+(?=(?:ngày|của|tại|nhằm|để|do|vào|từ|với\s+sự|dưới\s+sự|cho"
    r"|diễn\s+ra|được\s+tổ\s+chức|long\s+trọng)\s|(?:sáng|trưa|chiều|tối)\s+\d)",
    re.IGNORECASE,
)
#: "806-NQ/QUTW ngày 31-12-2013 của Quân ủy Trung ương": the issuer of a citation.
CITED_ISSUER = re.compile(r"(?:\d+[-/][A-ZĐ][\w\-/]*|\bsố\s+\d+\S*)(?:\s+ngày\s+[\d\-/.]+)?\s+của\s+$")
PUNCT_STOP = re.compile(r"\s*[,.;:()]")
#: A place clause after the date ("tại Hà Nội, ") is not the title of an event.
PLACE = re.compile(r"(?:tại|ở)\s+[^,.;]{1,60},\s*", re.IGNORECASE)
TITLE_MAX_WORDS = 18
#: Auxiliaries dropped at the start of a title, words a title must not end on.
TITLE_LEAD = re.compile(r"^(?:đã|sẽ|đang|vừa|cũng)\s+", re.IGNORECASE)
TITLE_DANGLING = {"và", "với", "giữa", "của", "về", "các", "những", "cho", "trong", "tại", "là"}
#: Kinds specific enough to date an event by a month/quarter/year that opens the sentence.
_SPECIFIC = set(KIND_PRIORITY) - {"other"}
#: Law milestones take a month/year that follows the cue closely.
_LAW_KINDS = {"law_passed", "law_in_force"}
_LAW_REACH = 40


def run(state: ParseState) -> None:
    """Add one ``Event`` per dated happening; warn about undated ones."""
    text = state.text
    points = [d for d in state.dates if d.role == "point" and d.evidence.start >= state.body_start]
    seen: set[tuple] = set()
    for sent in sentences(text, state.body_start):
        dated = [d for d in points if sent[0] <= d.evidence.start and d.evidence.end <= sent[1]]
        if not dated or state.is_excluded(*sent):
            continue
        cues = _cues(text, sent)
        lead = False
        for mention in dated:
            event, opens = _event(state, sent, cues, mention, several=len(dated) > 1)
            if event is None:
                continue
            if lead and not opens and event.kind not in _LAW_KINDS:
                # The sentence's lead date has its event; a later date in it is
                # background ("kỷ niệm 79 năm Ngày thành lập QĐND (22-12-1944)").
                continue
            lead = lead or opens
            key = (event.date.start, event.date.end, event.kind)
            if key not in seen:
                seen.add(key)
                state.events.append(event)
    if not state.events:
        _warn_undated(state)


def _cues(text: str, sent: tuple[int, int]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every cue in the sentence that is not part of a false friend."""
    friends = [m.span() for m in FALSE_FRIENDS.finditer(text, *sent)]
    out = []
    for m in CUES.finditer(text, *sent):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in friends):
            continue
        out.append((m.start(), m.end(), _CUE_KIND[" ".join(m.group().lower().split())]))
    return out


def _event(state: ParseState, sent, cues, mention: DateMention, several: bool) -> tuple[Event | None, bool]:
    """The event a dated mention marks (or None), and whether the date opens its sentence."""
    text = state.text
    if mention.value is None:
        if cues:
            state.warnings.append(f"events: event on '{mention.evidence.text}' left undated: {mention.reason}")
        return None, False
    start = mention.evidence.start
    prefix = text[sent[0]:start]
    opens = OPENER_PREFIX.match(prefix) is not None
    if not opens and mention.value.precision == "day" and CLAUSE_OPENER.search(prefix):
        opens = True
    clause = clause_of(text, sent, start)
    near = [c for c in cues if clause[0] <= c[0] < clause[1]]
    usable = cues if opens else near
    if several and usable:
        # Several dates in one sentence: each takes the cues of its own clause first.
        usable = near or usable
    best = min(usable, key=lambda c: (KIND_PRIORITY[c[2]], abs(c[0] - start))) if usable else None
    kind = best[2] if best else "other"
    if mention.value.precision == "day":
        if not (opens or best):
            return None, opens
    elif not _dates_coarse_event(text, start, opens, best, cues):
        return None, opens
    if kind == "other" and NOT_EVENTS.search(text, *sent):
        return None, opens  # "Ngày 26-1-2022, Bộ Chính trị ban hành Nghị quyết ...": an issue date
    if not opens and _background(state, mention, kind):
        return None, opens
    return Event(
        date=mention.value,
        kind=kind,
        title=_law_title(state, sent, best) or _title(text, sent, best, mention),
        evidence=Evidence(sent[0], sent[1], text[sent[0]:sent[1]]),
        organisations=_organisations(state, sent),
        documents=_documents(state, sent),
        # The lead's paragraph names who attended ("Cùng dự có Trung tướng ...").
        people=_people(state, _paragraph(text, sent) if opens else sent),
    ), opens


def _background(state: ParseState, mention: DateMention, kind: str) -> bool:
    """A date inside brackets, or the commemorated date of an anniversary, is no event of its own."""
    start = mention.evidence.start
    before = state.text[max(0, start - 40):start + 1]
    if before.rfind("(") > before.rfind(")"):
        return True
    published = state.published
    return kind == "anniversary" and published is not None and mention.value.last_day().year < published.year - 1


def _dates_coarse_event(text: str, start: int, opens: bool, best, cues) -> bool:
    """Whether a month/quarter/half/year date marks an event rather than a reporting period."""
    if opens and best and best[2] in _SPECIFIC:
        return True
    return any(kind in _LAW_KINDS and 0 <= start - e <= _LAW_REACH for _s, e, kind in cues)


def _title(text: str, sent, cue, mention: DateMention) -> str:
    """The cue's phrase up to a stop word ("Hội nghị tổng kết 10 năm thực hiện Nghị quyết số
    806-NQ/QUTW"), or the words after the date when the sentence has no cue."""
    if cue is not None and cue[2] == "law_in_force":
        start = clause_of(text, sent, cue[0])[0]  # "Luật này có hiệu lực thi hành"
    elif cue is not None and cue[2] != "other":
        start = cue[0]
    else:
        start = mention.evidence.end
        while start < sent[1] and not text[start].isalnum():
            start += 1
        if place := PLACE.match(text, start, sent[1]):
            start = place.end()
    stop = TITLE_STOP.search(text, start + 1, sent[1])
    end = stop.start() if stop else sent[1]
    if len(text[start:end].split()) < 3:
        # "Làm việc" alone says little: run on to the next punctuation ("Làm việc tại Nhà máy Z111").
        stop = PUNCT_STOP.search(text, start + 1, sent[1])
        end = stop.start() if stop else sent[1]
    words = TITLE_LEAD.sub("", text[start:end]).split()[:TITLE_MAX_WORDS]
    while len(words) > 1 and words[-1].lower() in TITLE_DANGLING:
        words.pop()
    title = " ".join(words).strip(" \"“”'‘’-–")
    if not title:
        return mention.evidence.text
    return title[0].upper() + title[1:]


def _law_title(state: ParseState, sent, cue) -> str | None:
    """"<document> có hiệu lực" when the clause names no subject ("..., có hiệu lực từ ngày 1-7-2025")."""
    if cue is None or cue[2] != "law_in_force":
        return None
    clause = clause_of(state.text, sent, cue[0])
    if state.text[clause[0]:cue[0]].strip():
        return None
    for doc in state.documents:
        if _within((doc.evidence, *doc.mentions), (sent[0], cue[0])) is not None:
            label = doc.name or doc.symbol or doc.kind
            return f"{label} có hiệu lực"
    return None


def _within(spans, sent) -> int | None:
    """Offset of the first span inside the sentence, or None."""
    hits = [ev.start for ev in spans if sent[0] <= ev.start and ev.end <= sent[1]]
    return min(hits) if hits else None


def _organisations(state: ParseState, sent) -> tuple[str, ...]:
    found = []
    # An issuer inside a cited document ("... của Quân ủy Trung ương") takes no part.
    cited = [ev for doc in state.documents for ev in (doc.evidence, *doc.mentions)]
    for org in state.organisations:
        spans = [
            ev for ev in org.mentions
            if not AFFILIATION.search(before := state.text[max(0, ev.start - 80):ev.start])
            and not CITED_ISSUER.search(before)
            and not any(c.start <= ev.start and ev.end <= c.end for c in cited)
        ]
        if (pos := _within(spans, sent)) is not None:
            found.append((pos, org.name))
    return tuple(name for _pos, name in sorted(found))


def _documents(state: ParseState, sent) -> tuple[str, ...]:
    found = []
    for doc in state.documents:
        if (pos := _within((doc.evidence, *doc.mentions), sent)) is not None:
            found.append((pos, doc.key))
    return tuple(dict.fromkeys(key for _pos, key in sorted(found)))


def _people(state: ParseState, sent) -> tuple[str, ...]:
    found = [(pos, p.name) for p in state.people if (pos := _within(p.mentions, sent)) is not None]
    return tuple(name for _pos, name in sorted(found))


def _paragraph(text: str, sent) -> tuple[int, int]:
    start = text.rfind("\n", 0, sent[0]) + 1
    end = text.find("\n", sent[1])
    return start, len(text) if end < 0 else end


def _warn_undated(state: ParseState) -> None:
    for m in UNDATED_OPENER.finditer(state.text, state.body_start):
        state.warnings.append(f"events: '{m.group()}' reports an event but the article gives no date for it")
        return

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
- a month, quarter or year inside the sentence dates a happening when "vào",
  "trong" or "dự kiến" introduces it right after the happening's cue ("tổ chức
  sơ kết chương trình vào năm 2027", "Hội thao ... dự kiến diễn ra vào tháng 5");
  a year needs a noun-like cue, "other" cues only in announcements.
Otherwise a year inside a sentence ("Báo cáo kết quả công tác năm 2020") is the
period a report covers, not an event, so it is left out: this trades some recall
on year-level events for precision. So are spans of ongoing work ("Từ năm 2013
đến nay"), counted activities ("12 hội nghị") and cues inside a document's name. A sentence whose verb issues a document
("ban hành") and has no specific cue is the document's issue date, not an event.

The kind comes from cue words in ``dashboard/vocab/event_kinds_vi.json`` (found by
``event_cues``): the highest-priority kind in the sentence wins. No event is dated by guesswork: an
article that reports a conference without any date gets a warning instead.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import DateMention, Event, Evidence
from . import date_context as ctx
from . import event_cues, event_links, event_titles
from .event_cues import EXERCISE, KIND_PRIORITY, VOCAB
from .phrases import alternation, word_start_alternation
from .segment import LineBreaks, clause_of, sentences
from ..spans import ByStart, Overlaps
from .state import ParseState

_OUTPUT_KIND = {EXERCISE: VOCAB["exercises"]["kind"]}


NOT_EVENTS = re.compile(word_start_alternation(VOCAB["not_events"]) + r"(?!\w)")  # any case
#: Every NOT_EVENTS phrase ends with one of these words ("ban hành", "phê duyệt"): a
#: sentence without any is not searched.
_NOT_EVENT_ENDS = tuple(dict.fromkeys(p.split()[-1] for p in VOCAB["not_events"]))
UNDATED_OPENER = re.compile(rf"^(?:{alternation(VOCAB['undated_openers'])})(?!\w)", re.IGNORECASE | re.M)
#: What may stand before a date that still opens its sentence: an outlet tag
#: "(QĐND) - ", "Vào", "Trong", "Tại Hà Nội,", "Cũng trong", quotes and dashes.
OPENER_PREFIX = re.compile(
    r"^[\W]*(?:[^\s()][^()\n]{0,30}?\)?\s+[-–—]\s+)?"  # outlet tag: "(QĐND) - ", "TTXVN - "
    r"(?:[^\W\d][^,.;:()\n]{0,40}?\slà\s+)?"  # "Một dấu mốc quan trọng là ngày 27-6-2024, ..."
    r"(?:(?:vào|trong|từ|cũng\s+trong|tiếp\s+đó|sau\s+đó|trước\s+đó|đến|tới)\s*,?\s*){0,2}"
    r"(?:(?:lúc\s+)?\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?\s+)?"  # "Vào lúc 8 giờ 30 phút ngày 19/8, ..."
    r"(?:(?:ngày|hôm)\s+mai\s+)?"  # "Ngày mai (17/8), ..."
    r"(?:(?:trong|sau)\s+(?:\d+|hai|ba|bốn|năm)\s+(?:ngày\s*,?\s*)?)?"
    r"(?:(?:đầu|cuối|giữa|trung\s+tuần|thượng\s+tuần|hạ\s+tuần)\s+)?"  # "Đầu tháng 3/2024, ..."
    r"(?:(?:tại|ở)\s+[^,.;]{1,50},\s*)?$",
    re.IGNORECASE,
)
#: A day that starts a later clause is the lead's date too: "Thực hiện Kế hoạch số
#: 123/KH-BQP, sáng 10-3, Tổng cục tổ chức ...".
CLAUSE_OPENER = re.compile(r"[,;]\s*(?:vào\s+)?$")
#: "Từ năm 2013 đến nay", "Từ tháng 1/2024": the start of a span of ongoing work.
SPAN_START = re.compile(r"(?:kể\s+)?từ\s", re.IGNORECASE)
#: Kinds specific enough to date an event by a month/quarter/year that opens the sentence.
_SPECIFIC = set(KIND_PRIORITY) - {"other"}
#: Law milestones take a month/year that follows the cue closely.
_LAW_KINDS = {"law_passed", "law_in_force"}
_LAW_REACH = 40
#: A law milestone's month/year follows "từ", "vào", "trong", "ngày" or the cue itself
#: ("có hiệu lực từ tháng 7/2025"); "thông qua Nghị quyết ... nhiệm vụ năm 2024" is a name.
_LAW_DATE_INTRO = re.compile(r"(?:^|\s(?:từ|vào|trong|kể\s+từ|ngày|là))\s*$", re.IGNORECASE)
#: A scheduled or reported happening inside a sentence: "tổ chức sơ kết ... vào năm 2027",
#: "Hội thao ... dự kiến diễn ra vào tháng 5", "sẽ khởi công ... trong quý II/2024".
PLANNED_INTRO = re.compile(r"(?<!\w)(?:vào|trong|dự\s+kiến|từ)\s+(?:ngày\s+)?$", re.IGNORECASE)
#: How far before the date a cue of a planned happening may stand (same clause).
_PLANNED_REACH = 160
_CLAUSE_CUT = re.compile(r"[;:]|,\s")
#: Kinds whose cue dates a happening by a month, quarter or year inside the sentence.
_PLANNED_KINDS = {"review_conference", "signing", "law_passed", "law_in_force", "exhibition", "anniversary",
                  "conference", EXERCISE}
#: "vào năm 2027", "trong năm 2025": year patterns take the preposition into the match.
OWN_INTRO = re.compile(r"(?:vào|trong|từ)\s", re.IGNORECASE)
#: A cue one comma back still dates a happening when it is this close to the date.
_NEAR = 60
#: A title that names its event by the kind's noun alone ("Triển lãm diễn ra từ ngày 19 đến 22/12 với ..."):
#: the event an earlier sentence named ("Triển lãm Quốc phòng quốc tế Việt Nam 2024").
_GENERIC_TITLE = re.compile(r"(?P<noun>Triển lãm|Hội nghị|Hội thảo|Hội thi|Hội thao|Hội chợ|Diễn tập|Đại hội) "
                            r"(?:sẽ |đã |)(?:diễn ra|kéo dài|được tổ chức|tiếp tục)(?!\w)")


def run(state: ParseState) -> None:
    """Add one ``Event`` per dated happening; warn about undated ones."""
    text = state.text
    points = [d for d in state.dates if d.role == "point" and d.evidence.start >= state.body_start]
    seen: set[tuple] = set()
    links = event_links.Links(state)
    excluded = Overlaps(state.excluded)
    in_sentence = _DatesBySentence(points)
    doc_spans = event_cues.document_spans(state)
    for sent in _dated_sentences(text, state.body_start, points, state.breaks):
        dated = in_sentence(sent)
        if not dated or excluded.hits(*sent):
            continue
        cues = event_cues.find(state, sent, doc_spans)
        lead = False
        found: list[Event] = []
        for mention in dated:
            event, opens = _event(state, links, sent, cues, mention, several=len(dated) > 1, doc_spans=doc_spans)
            if event is None:
                continue
            if lead and not opens and event.kind not in _LAW_KINDS and not _planned(text, mention, cues):
                # The sentence's lead date has its event; a later date in it is
                # background ("kỷ niệm 79 năm Ngày thành lập QĐND (22-12-1944)").
                continue
            lead = lead or opens
            found.append(event)
        for event in _drop_covering(found):
            key = (event.date.start, event.date.end, event.kind)
            if key not in seen:
                seen.add(key)
                state.events.append(event)
    _name_generic_titles(state.events)
    if not state.events:
        _warn_undated(state)


def _name_generic_titles(events: list[Event]) -> None:
    """A generic title takes the title of the nearest earlier event of the article with the same kind,
    a title opening with the same noun and a day inside the generic event's span (or it inside theirs)."""
    for i, ev in enumerate(events):
        m = _GENERIC_TITLE.match(ev.title)
        if m is None:
            continue
        for prior in reversed(events[:i]):
            if (prior.kind == ev.kind and prior.title.startswith(m["noun"] + " ")
                    and not _GENERIC_TITLE.match(prior.title)
                    and prior.date.first_day() <= ev.date.last_day()
                    and ev.date.first_day() <= prior.date.last_day()):
                events[i] = replace(ev, title=prior.title)
                break


class _DatesBySentence:
    """The dates inside a sentence, in their list's order: looked up by start, so a text of
    megabytes does not test every date against every sentence."""

    def __init__(self, dates: list[DateMention]) -> None:
        self.dates = dates
        self.by_start = ByStart(d.evidence.start for d in dates)

    def __call__(self, sent) -> list[DateMention]:
        return [self.dates[i] for i in self.by_start.between(*sent) if self.dates[i].evidence.end <= sent[1]]


def _after_clause_mark(text: str, lo: int, end: int) -> bool:
    """``CLAUSE_OPENER.search(text[lo:end])``, looking only at the tail it can match (spaces, an
    optional "vào", spaces, the mark): a search over the whole prefix, once per date, was
    quadratic in a sentence of megabytes."""
    i = end
    while i > lo and text[i - 1].isspace():
        i -= 1
    if text.startswith("vào", i - 3, i) and i - 3 >= lo:
        i -= 3
        while i > lo and text[i - 1].isspace():
            i -= 1
    return CLAUSE_OPENER.search(text, max(lo, i - 1), end) is not None


def _dated_sentences(text: str, body_start: int, points: list[DateMention], breaks: LineBreaks):
    """The body's sentences (as ``segment.sentences`` cuts them) on the lines holding a
    point date, in order: a sentence elsewhere holds no date, so only those lines are cut."""
    lines = set()
    for d in points:
        if text[d.evidence.start] != "\n":  # (a line break is in no sentence)
            lines.add(max(body_start, breaks.line_start(d.evidence.start)))
    for start in sorted(lines):
        yield from sentences(text, start, breaks.line_end(start))


def _event(state: ParseState, links: event_links.Links, sent, cues, mention: DateMention,
           several: bool, doc_spans=()) -> tuple[Event | None, bool]:
    """The event a dated mention marks (or None), and whether the date opens its sentence."""
    text = state.text
    if mention.value is None:
        if cues:
            state.warnings.append(f"events: event on '{mention.evidence.text}' left undated: {mention.reason}")
        return None, False
    start = mention.evidence.start
    prefix = text[sent[0]:start]
    opens = OPENER_PREFIX.match(prefix) is not None
    if not opens and mention.value.precision == "day" and _after_clause_mark(text, sent[0], start):
        opens = True
    clause = clause_of(text, sent, start)
    near = [c for c in cues if c[0] < clause[1] and clause[0] < c[1]]  # a cue may span a comma
    usable = cues if opens else near
    if several and usable:
        # Several dates in one sentence: each takes the cues of its own clause first.
        usable = near or usable
    best = min(usable, key=lambda c: (KIND_PRIORITY[c[2]], abs(c[0] - start))) if usable else None
    kind = best[2] if best else "other"
    planned = None
    if not opens:
        planned = _planned(text, mention, cues)
        best = planned or best
        kind = best[2] if best else "other"
    if mention.value.precision == "day":
        if not (opens or best):
            return None, opens
    elif SPAN_START.match(mention.evidence.text) or SPAN_START.search(text, max(sent[0], start - 8), start):
        return None, opens
    elif not (planned or _dates_coarse_event(text, start, opens, best, cues)):
        return None, opens
    if kind == "other" and event_cues.may_hold(text, sent, _NOT_EVENT_ENDS) and NOT_EVENTS.search(text, *sent):
        return None, opens  # "Ngày 26-1-2022, Bộ Chính trị ban hành Nghị quyết ...": an issue date
    if not opens and _background(state, mention, kind):
        return None, opens
    subject = event_titles.anaphoric_subject(state, sent, best)  # "Nghị định có hiệu lực": the article's decree
    return Event(
        date=mention.value,
        kind=_OUTPUT_KIND.get(kind, kind),
        title=(event_titles.law_title(state, sent, best, subject)
               or event_titles.title(text, sent, best, mention, doc_spans)),
        evidence=Evidence(sent[0], sent[1], text[sent[0]:sent[1]]),
        organisations=links.organisations(sent),
        documents=_with_subject(links.documents(sent), subject),
        # The lead's paragraph, or the one after it, names who attended ("Cùng dự có Trung tướng ...").
        people=links.people(links.attendees(sent) if opens else sent),
    ), opens


def _background(state: ParseState, mention: DateMention, kind: str) -> bool:
    """A date inside brackets, or the commemorated date of an anniversary, is no event of its own."""
    start = mention.evidence.start
    before = state.text[max(0, start - 40):start + 1]
    if before.rfind("(") > before.rfind(")"):
        return True
    published = state.published
    return kind == "anniversary" and published is not None and mention.value.last_day().year < published.year - 1


def _drop_covering(found: list[Event]) -> list[Event]:
    """"Năm 2023, ... tổ chức Hội thi vào tháng 8": the year only frames the month, so a
    year-level event of a sentence that also dates an event inside that year is dropped."""
    out = []
    for ev in found:
        inner = [o for o in found if o is not ev and o.date.precision != ev.date.precision
                 and ev.date.first_day() <= o.date.first_day() and o.date.last_day() <= ev.date.last_day()]
        if not (inner and ev.date.precision in ("year", "half", "quarter")):
            out.append(ev)
    return out


def _dates_coarse_event(text: str, start: int, opens: bool, best, cues) -> bool:
    """Whether a month/quarter/half/year date marks an event rather than a reporting period."""
    if opens and best and best[2] in _SPECIFIC:
        return True
    return any(kind in _LAW_KINDS and 0 <= start - e <= _LAW_REACH and _LAW_DATE_INTRO.search(text, e, start)
               for _s, e, kind in cues)


def _planned(text: str, mention: DateMention, cues):
    """The cue of a happening dated inside its sentence by "vào/trong <month|quarter|year>".

    The cue stands before the date in the same clause (commas inside quotes do
    not cut it: 'Hội thi "Kho kỹ thuật chính quy, an toàn" vào tháng 4/2024').
    A year alone needs a cue of a specific kind ("tổ chức sơ kết ... vào năm
    2027"); "hoàn thành trong quý I/2025" has no cue and is a deadline.
    A date that is a clause of its own ("Theo kế hoạch, trong quý III/2024,
    quân khu sẽ tổ chức diễn tập ...") takes the cue of the clause after it.
    """
    value, start = mention.value, mention.evidence.start
    if value is None:
        return None
    intro = PLANNED_INTRO.search(text, max(0, start - 12), start) or OWN_INTRO.match(mention.evidence.text)
    # "từ tháng 10/2023" starts an ongoing activity; "từ ngày 5 đến 7/3" dates a visit.
    if intro is None or (value.precision != "day" and intro.group().strip().lower().startswith("từ")):
        return None
    clause_start = _clause_start(text, start)
    before = [c for c in cues if clause_start <= c[0] and c[1] <= start]
    if not before:  # one comma back, close by: "tổ chức thành công Hội thi xe tốt, lái xe giỏi vào tháng 8"
        before = [c for c in cues if _clause_start(text, clause_start - 2) <= c[0] and 0 <= start - c[1] <= _NEAR]
    if not before and re.match(r"\s*,\s", text[mention.evidence.end:mention.evidence.end + 3]):
        follow_end = mention.evidence.end + _PLANNED_REACH
        cut = _CLAUSE_CUT.search(text, mention.evidence.end + 2, follow_end)
        before = [c for c in cues if mention.evidence.end < c[0] < (cut.start() if cut else follow_end)]
    # Ongoing work ("tiếp tục quán triệt ... trong năm 2021", "kiểm tra") is not a
    # happening; a year needs a noun-like cue before it; "other" cues (khởi công,
    # diễn tập) only in an announcement.
    future = ctx.is_future(text[clause_start:mention.evidence.end + 80])
    kinds = _SPECIFIC if value.precision == "day" else _PLANNED_KINDS
    before = [c for c in before if c[2] in kinds or (c[2] == "other" and future)]
    if value.precision == "year":
        before = [c for c in before if c[2] != "other" and c[1] <= start]
    if not before:
        return None
    return min(before, key=lambda c: (c[2] == "other", -c[0]))  # the nearest specific cue names it


def _clause_start(text: str, pos: int) -> int:
    """Start of the clause holding ``pos``, ignoring commas inside quotation marks."""
    lo = max(0, pos - _PLANNED_REACH)
    window = text[lo:pos]
    quoted = False
    for i in range(len(window) - 1, -1, -1):
        ch = window[i]
        if ch in "“”\"":
            quoted = not quoted
        elif not quoted and (ch in ";:.\n" or (ch == "," and window[i + 1:i + 2] == " ")):
            return lo + i + 1
    return lo


def _warn_undated(state: ParseState) -> None:
    for m in UNDATED_OPENER.finditer(state.text, state.body_start):
        state.warnings.append(f"events: '{m.group()}' reports an event but the article gives no date for it")
        return


def _with_subject(keys: tuple[str, ...], subject: tuple) -> tuple[str, ...]:
    """The documents of a sentence, with those a bare "Nghị định có hiệu lực" stands for first."""
    first = tuple(doc.key for doc in subject)
    return (*first, *(k for k in keys if k not in first))

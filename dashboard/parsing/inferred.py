"""Pipeline stage 'inferred': estimated dates for the events of an undated article.

Reads ``state.published`` (the stage does nothing when the article has a
publication date or any dated event), ``state.text``, ``state.captions``,
``state.excluded``, ``state.documents``, ``state.dates`` and
``state.organisations``; adds ``state.inferred_events`` (basis "inferred",
precision "period") and one warning per event giving the reason.

Only two rules, both bounded on each side by the text itself (an open bound
such as "on or after the latest date in the text" cannot be drawn, so it gives
no event):

- a signing (ký kết, lễ ký ...) of a document that runs over a period
  ("Chương trình phối hợp ... giai đoạn 2023-2025") happens before or in the
  period's first year: span [start - 1, start]. Programmes in this genre are
  signed late in the year before they start or early in their first year.
- a review of N years of a document issued in year Y ("tổng kết 10 năm thực
  hiện Nghị quyết số 806-NQ/QUTW ngày 31-12-2013") is held at the end of year N
  or early the next: span [Y + N, Y + N + 1], cut from below by the latest
  explicit point date of the text (a review never precedes what it reports);
  no event when that date lies after the span.

Captions count here ("Ký kết chương trình phối hợp giữa ..."): they describe
what the photos show, which is the happening itself.
"""
from __future__ import annotations

import re

from ..model import DateValue, Event, Evidence
from . import event_links
from .event_cues import _CUE_KIND, CUES
from .segment import sentences
from ..spans import ByStart, Overlaps
from .state import ParseState

#: Documents whose signing starts a period of joint work.
SIGNED_KINDS = {"programme", "regulation", "plan", "scheme", "other"}
#: "tổng kết 10 năm thực hiện", "sơ kết 5 năm triển khai": the review's span of years.
REVIEW_YEARS = re.compile(r"(?<!\w)(?:tổng|sơ)\s+kết\s+(\d{1,2})\s+năm\s+(?:thực\s+hiện|triển\s+khai|thi\s+hành)",
                          re.IGNORECASE)
_NAME_WORDS = 14


def run(state: ParseState) -> None:
    """Add estimated events when the article gives no date at all for what it reports."""
    if state.published is not None or state.events:
        return
    text = state.text
    excluded, captions = Overlaps(state.excluded), Overlaps(state.captions)
    spans = [s for s in sentences(text, state.body_start) if not excluded.hits(*s) or captions.covers(*s)]
    latest = _latest_explicit_year(state)
    links = event_links.Links(state)
    docs_in = _DocsBySentence(state.documents)
    done: set[str] = set()
    for sent in spans:
        for m in CUES.finditer(text, *sent):
            kind = _CUE_KIND.get(" ".join(m.group().lower().split()))
            if kind == "signing":
                found = _signing(state, docs_in(sent))
            elif kind == "review_conference":
                found = _review(state, sent, docs_in(sent), latest)
            else:
                continue
            if found is None or found[0].key in done:
                continue
            doc, value, title, reason = found
            done.add(doc.key)
            orgs = links.organisations(sent)
            parties = tuple(n for n in (doc.issuer or "").split("; ") if n)
            state.inferred_events.append(Event(
                date=value, kind=kind, title=title,
                evidence=Evidence(sent[0], sent[1], text[sent[0]:sent[1]]),
                organisations=tuple(dict.fromkeys(orgs + parties)),
                documents=(doc.key,), people=links.people(sent)))
            state.warnings.append(f"inferred: '{title}' dated {value.start}..{value.end}: {reason}")
            break


class _DocsBySentence:
    """The documents with a mention starting in a sentence, in the article's order; mention
    starts are sorted once (a scan of every document per sentence was quadratic)."""

    def __init__(self, documents) -> None:
        self.documents = documents
        spans = [(i, ev.start) for i, d in enumerate(documents) for ev in (d.evidence, *d.mentions)]
        self.owner = [i for i, _start in spans]
        self.by_start = ByStart(start for _i, start in spans)

    def __call__(self, sent) -> list:
        picked = {self.owner[k] for k in self.by_start.between(sent[0], sent[1], include_hi=False)}
        return [self.documents[i] for i in sorted(picked)]


def _short(name: str) -> str:
    words = name.split()
    return " ".join(words[:_NAME_WORDS]) + (" …" if len(words) > _NAME_WORDS else "")


def _signing(state: ParseState, in_sentence: list):
    """The signed document with a period: in the sentence, else the article's only one."""
    candidates = [d for d in in_sentence if d.period and d.kind in SIGNED_KINDS]
    if not candidates:
        every = [d for d in state.documents if d.period and d.kind in SIGNED_KINDS]
        candidates = every if len(every) == 1 else []
    if not candidates:
        return None
    doc = candidates[0]
    first = int(doc.period.split("-")[0])
    value = DateValue(str(first - 1), str(first), precision="period", basis="inferred")
    reason = (f"signing of a document for {doc.period}, signed before or in its first year "
              f"(the article has no publication date)")
    return doc, value, f"Ký kết {_short(doc.name or doc.kind)}", reason


def _review(state: ParseState, sent, in_sentence: list, latest: int | None):
    m = REVIEW_YEARS.search(state.text, *sent)
    if m is None:
        return None
    docs = [d for d in in_sentence if d.issued and d.evidence.start >= m.start()]
    if not docs:
        return None
    doc = docs[0]
    first = int(doc.issued[:4]) + int(m.group(1))
    start = max(first, latest or first)
    if start > first + 1:
        return None  # the text reports later happenings: the rule does not hold
    value = DateValue(str(start), str(first + 1), precision="period", basis="inferred")
    reason = (f"review of {m.group(1)} years of a document issued in {doc.issued[:4]}, "
              f"held at the end of that span or early the next year (the article has no publication date)")
    title = state.text[m.start():m.end()]
    return doc, value, f"{title[0].upper()}{title[1:]} {_short(doc.name or doc.symbol or doc.kind)}", reason


def _latest_explicit_year(state: ParseState) -> int | None:
    years = [int(d.value.start[:4]) for d in state.dates
             if d.value is not None and d.value.basis == "explicit" and d.role in ("point", "issue")]
    return max(years) if years else None

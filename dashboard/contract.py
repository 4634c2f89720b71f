"""The extraction contract of DESIGN.md section 3: ``Extraction`` -> plain dict.

Outside tools read this shape; keep it stable. The only addition to the
design is the document "name" key (a human label such as "Nghị quyết Trung
ương 8" for documents without a symbol) and, only for undated articles where
the text supports an estimate, an "inferred_events" list (same shape as
"events", date_basis "inferred"; gold annotations leave such events out, so
they are never mixed into "events"). Dates keep the precision they have:
an event in 2022 is "2022", never "2022-01-01".
"""
from __future__ import annotations

from .model import Article, Document, Event, Extraction, Organisation, Person


def to_contract(extraction: Extraction) -> dict:
    """One article's extraction as the JSON-ready dict of the contract."""
    out = {
        "article": article_dict(extraction.article),
        "events": [event_dict(e) for e in extraction.events],
        "documents": [document_dict(d) for d in extraction.documents],
        "organisations": [organisation_dict(o) for o in extraction.organisations],
        "people": [person_dict(p) for p in extraction.people],
        "warnings": list(extraction.warnings),
    }
    if extraction.inferred_events:  # additive key: absent when there is nothing to estimate
        out["inferred_events"] = [event_dict(e) for e in extraction.inferred_events]
    return out


def unreadable(path: str, warnings) -> dict:
    """The line for a file that could not be read: empty lists, the reason in warnings."""
    return {
        "article": {"path": path, "title": None, "published": None, "url": None, "source": None},
        "events": [], "documents": [], "organisations": [], "people": [],
        "warnings": list(warnings),
    }


def article_dict(a: Article) -> dict:
    return {"path": a.path, "title": a.title, "published": a.published, "url": a.url, "source": a.source}


def event_dict(e: Event) -> dict:
    return {
        "date": e.date.start,
        "date_end": e.date.end,
        "precision": e.date.precision,
        "date_basis": e.date.basis,
        "day_part": e.date.day_part,
        "kind": e.kind,
        "title": e.title,
        "organisations": list(e.organisations),
        "documents": list(e.documents),
        "evidence": e.evidence.as_dict(),
    }


def document_dict(d: Document) -> dict:
    return {
        "symbol": d.symbol,
        "kind": d.kind,
        "number": d.number,
        "issuer": d.issuer,
        "issued": d.issued,
        "subject": d.subject,
        "horizon": d.horizon,
        "period": d.period,
        "name": d.name,
        "evidence": d.evidence.as_dict(),
    }


def organisation_dict(o: Organisation) -> dict:
    return {"name": o.name, "abbreviations": list(o.abbreviations), "name_en": o.name_en}


def person_dict(p: Person) -> dict:
    return {"name": p.name, "rank": p.rank, "position": p.position}

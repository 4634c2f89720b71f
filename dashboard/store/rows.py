"""From one read record and its extraction to the store's rows (pure, runs in workers).

``article_rows(record, extraction)`` returns ``{table name: [tuple, ...]}`` in
each table's column order (see ``schema``); ids are content hashes so the same
article always yields the same rows. The consolidated tables are not built here
but from the mention rows by ``consolidate`` after each ingest.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re

from ..model import Article, Evidence, Extraction
from ..text import fold

#: A syllable whose only vowel is a final y after consonants ("sy", "my", "ky", "quy"):
#: Vietnamese spells these with i or y interchangeably (Sĩ/Sỹ, Mĩ/Mỹ).
_FINAL_Y = re.compile(r"\b((?:qu|[bcdfghklmnprstvx]+))y\b")


def short_hash(*parts) -> str:
    return hashlib.sha256("\x1f".join(map(_part, parts)).encode()).hexdigest()[:16]


def _part(p) -> str:
    return "" if p is None else str(p)


def article_id(article: Article) -> str:
    return short_hash(article.text, article.title, article.published, article.url)


# Names repeat across articles (the same few hundred bodies and officials): folding
# each once per worker instead of once per mention saves ~15% of the row building.
@functools.lru_cache(maxsize=1 << 16)
def org_key(name: str) -> str:
    return " ".join(fold(name).split())


@functools.lru_cache(maxsize=1 << 16)
def org_id_for_key(key: str) -> str:
    # Cached like the keys: about half of a worker's ~55 hashes per article were these ids.
    return short_hash("org", key)


@functools.lru_cache(maxsize=1 << 16)
def person_key(name: str) -> str:
    """fold(name) with i/y spelling variants merged: "Phùng Sỹ Tấn" == "Phùng Sĩ Tấn"."""
    return _FINAL_Y.sub(r"\1i", " ".join(fold(name).split()))


@functools.lru_cache(maxsize=1 << 16)
def person_id(name: str) -> str:
    return short_hash("person", person_key(name))


def search_text(title: str, evidence: str) -> str:
    """``event_search.text``: what a search word is looked for in (``query.textmatch``).

    Folded once here, so a search is a plain substring test instead of a regex over
    every raw sentence (~5x faster at 100k events). Search words hold no whitespace,
    so none can match across the newline between title and sentence.
    """
    return fold(title) + "\n" + fold(evidence or "")


def _ev(e: Evidence | None) -> tuple:
    return (e.start, e.end, e.text) if e else (None, None, None)


def _date(iso: str | None, last: bool = False) -> dt.date | None:
    if not iso:
        return None
    try:
        parts = [int(p) for p in iso.split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 12, 31) if last else dt.date(parts[0], 1, 1)
        if len(parts) == 2:
            import calendar

            day = calendar.monthrange(parts[0], parts[1])[1] if last else 1
            return dt.date(parts[0], parts[1], day)
        return dt.date(*parts[:3])
    except (ValueError, TypeError):
        return None


def infer_range(extraction: Extraction) -> tuple[dt.date | None, dt.date | None, str | None]:
    """For an undated article: published on or after the latest explicit date it reports."""
    best = None
    for m in extraction.dates:
        v = m.value
        if v is None or v.basis != "explicit" or m.role not in ("point", "issue"):
            continue  # horizons and periods name the future; only things that happened bound the date
        day = _date(v.start)
        if day and (best is None or day > best[0]):
            best = (day, m)
    if best is None:
        return None, None, None
    day, m = best
    return day, None, (f"published on or after the latest explicit date in the text: "
                       f"{m.evidence.text!r} ({m.value.start})")


def article_rows(path: str, content_hash: str, encoding: str | None, warnings: list[str],
                 extraction: Extraction, now: dt.datetime) -> tuple[str, dict[str, list[tuple]]]:
    """(article_id, rows by table) for one article."""
    a = extraction.article
    aid = article_id(a)
    published_date = _date(a.published[:10]) if a.published else None
    undated = published_date is None
    inferred = infer_range(extraction) if undated else (None, None, None)
    rows: dict[str, list[tuple]] = {t: [] for t in (
        "articles", "events", "document_mentions", "org_mentions", "person_mentions",
        "event_documents", "event_org_names", "event_people", "event_search")}
    warnings = list(warnings) + list(extraction.warnings)
    article_row = [aid, path, content_hash, a.title, a.published, published_date, a.url, a.source, a.text,
                   undated, *inferred, encoding, None, now]

    # The same span may be reported twice (or by two spellings of one name): one row each.
    mention_ids: set[str] = set()

    def fresh(mid: str) -> bool:
        if mid in mention_ids:
            return False
        mention_ids.add(mid)
        return True

    doc_keys = set()
    for d in extraction.documents:
        key = d.key
        doc_keys.add(key)
        for i, m in enumerate(d.mentions or (d.evidence,)):
            first = i == 0
            mid = short_hash(aid, "doc", key, m.start, m.end)
            if not fresh(mid):
                continue
            rows["document_mentions"].append((
                mid, key, aid, d.symbol, d.kind, d.number,
                d.period, d.name, *((d.issued, d.issuer, d.subject, d.horizon) if first else (None,) * 4),
                first, *_ev(m), key))

    org_keys = {}
    for o in extraction.organisations:
        key = org_key(o.name)
        org_keys[o.name] = key
        abbrs = sorted(set(o.abbreviations))
        for m in o.mentions or (None,):
            mid = short_hash(aid, "org", key, *_ev(m)[:2])
            if fresh(mid):
                rows["org_mentions"].append((mid, org_id_for_key(key), aid, o.name, key, abbrs, o.name_en, *_ev(m)))

    people = {}
    for p in extraction.people:
        pid = person_id(p.name)
        people[p.name] = pid
        for v in p.variants:
            people.setdefault(v, pid)
        for m in p.mentions or (None,):
            mid = short_hash(aid, "person", pid, *_ev(m)[:2])
            if fresh(mid):
                rows["person_mentions"].append((mid, pid, aid, p.name, p.rank, p.position, *_ev(m)))

    event_ids = set()
    # Estimated events of undated articles are stored too: their date_basis 'inferred' tells them apart.
    for e in (*extraction.events, *extraction.inferred_events):
        d = e.date
        start_day, end_day = _date(d.start), _date(d.end or d.start, last=True)
        eid = short_hash(aid, e.evidence.start, e.evidence.end, d.start, d.end, e.kind)
        if start_day is None or end_day is None or eid in event_ids:
            if start_day is None or end_day is None:
                warnings.append(f"event with unreadable date {d.start!r} skipped")
            continue
        event_ids.add(eid)
        rows["events"].append((
            eid, aid, d.start, d.end, start_day, end_day, d.precision, d.basis, d.day_part,
            e.kind or "other", e.title or "", *_ev(e.evidence)))
        rows["event_search"].append((eid, search_text(e.title or "", e.evidence.text if e.evidence else "")))
        # Links only to entities extracted from the same article, so no link dangles.
        for key in sorted(set(e.documents) & doc_keys):
            rows["event_documents"].append((eid, key, key))
        for name in sorted(set(e.organisations)):
            if name not in org_keys:
                # Named by the event only: give it a mention row (no evidence) so it gets an organisation row.
                org_keys[name] = key = org_key(name)
                mid = short_hash(aid, "org", key, None, None)
                if fresh(mid):
                    rows["org_mentions"].append((mid, org_id_for_key(key), aid, name, key, [], None, None, None, None))
            if fresh(f"{eid}|{org_keys[name]}"):  # two spellings of one name: one link
                rows["event_org_names"].append((eid, org_keys[name], name))
        order: dict[str, int] = {}  # as the article names them: the press names the most senior first
        for n in e.people:
            if n in people:
                order.setdefault(people[n], len(order))
        rows["event_people"] += [(eid, pid, at) for pid, at in order.items()]
    article_row[-2] = json.dumps(warnings, ensure_ascii=False)  # after events added theirs
    rows["articles"].append(tuple(article_row))
    return aid, rows

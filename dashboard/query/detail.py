"""Single-item views and option lists: a document's lineage, an article with its
highlight spans, the organisation and document pickers, the data-quality tables.
"""
from __future__ import annotations

import json

import duckdb
import pandas as pd

from dashboard.query import convert
from dashboard.spans import keep_disjoint
from dashboard.text import fold
from dashboard.query.filter import MAX_VALUE_LEN, fold_sql

# Lower number wins when highlight spans overlap: a document symbol inside an
# organisation's name ("Nghị quyết ... của Quân ủy Trung ương") stays a document.
SPAN_PRIORITY = {"document": 0, "person": 1, "organisation": 2}


def _resolve_document(con: duckdb.DuckDBPyConnection, document: str) -> str | None:
    # fetchall, not fetchone: DuckDB 2 refuses new work while a result is unfinished.
    rows = con.execute(
        "SELECT document_id FROM documents WHERE document_id = ? OR symbol = ? "
        "ORDER BY (document_id = ?) DESC LIMIT 1", [document, document, document]).fetchall()
    return rows[0][0] if rows else None


def document_lineage(con: duckdb.DuckDBPyConnection, document_id: str) -> pd.DataFrame:
    """The document's issue, then every article mention and citing event, in time order.

    Columns: stage ("issued" | "mention" | "event"), day (DATE for sorting),
    date (text at its precision), precision, kind (event kind or document kind),
    title, evidence, article_id, article_title, article_url, is_first.
    """
    doc = _resolve_document(con, document_id)
    if doc is None:
        return pd.DataFrame(columns=["stage", "day", "date", "precision", "kind", "title", "evidence",
                                     "article_id", "article_title", "article_url", "is_first"])
    # The source: the earliest published mention giving the document's issue date
    # ("Nghị quyết số 806-NQ/QUTW ngày 31-12-2013 …"), one with the symbol first; else its subject.
    sql = """
    WITH src AS (
      SELECT m.evidence, m.ev_start, m.ev_end, a.article_id, a.title, a.url, a.text FROM document_mentions m
      JOIN articles a ON a.article_id = m.article_id JOIN documents d ON d.document_id = m.document_id
      WHERE m.document_id = $doc AND m.issued = d.issued
      ORDER BY m.symbol IS NULL, a.published NULLS LAST, a.article_id, m.ev_start LIMIT 1)
    SELECT * FROM (
      SELECT 'issued' AS stage, d.issued_day AS day, d.issued AS date, NULL AS precision, d.kind,
             coalesce(d.name, d.symbol, d.document_id) AS title, coalesce(src.evidence, d.subject) AS evidence,
             src.article_id, src.title AS article_title, src.url AS article_url, NULL AS is_first, 0 AS o,
             src.ev_start, src.ev_end, src.text AS article_text
      FROM documents d LEFT JOIN src ON true WHERE d.document_id = $doc AND d.issued_day IS NOT NULL
      UNION ALL
      SELECT 'mention', coalesce(a.published_date, a.inferred_start), a.published, NULL, NULL,
             a.title, m.evidence, a.article_id, a.title, a.url, m.is_first, 1, NULL, NULL, NULL
      FROM document_mentions m JOIN articles a ON a.article_id = m.article_id
      WHERE m.document_id = $doc
      UNION ALL
      SELECT 'event', e.date_start_day, e.date || coalesce('/' || e.date_end, ''), e.precision, e.kind,
             e.title, e.evidence, a.article_id, a.title, a.url, NULL, 2, NULL, NULL, NULL
      FROM event_documents x JOIN events e ON e.event_id = x.event_id
      JOIN articles a ON a.article_id = e.article_id
      WHERE x.document_id = $doc)
    ORDER BY day NULLS LAST, o, title"""
    frame = con.execute(sql, {"doc": doc}).df()
    # The issue row quotes the sentence of the mention, not the mention alone: the day may stand before it
    # ("Ngày 26-1-2022, Bộ Chính trị ban hành Nghị quyết số 08-NQ/TW …") or after it in the sentence
    # ("Luật … số 38/2024/QH15 được Quốc hội thông qua ngày 27-6-2024"), and the quote is its proof.
    # (The source article's text comes with the issue row only: one row, read in the same query.)
    for i in frame.index[(frame["stage"] == "issued") & frame["article_text"].notna()]:
        frame.at[i, "evidence"] = sentence_around(frame.at[i, "article_text"], int(frame.at[i, "ev_start"]),
                                                  int(frame.at[i, "ev_end"]))
    return frame.drop(columns=["o", "ev_start", "ev_end", "article_text"])


def sentence_around(text: str, start: int, end: int, limit: int = 600) -> str:
    """The sentence holding ``text[start:end]`` (to ``end`` at least), at most ``limit`` characters
    around it: a sentence of a long list is cut, with "…", not quoted whole."""
    from dashboard.parsing.segment import sentences

    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    first, last = next(((s, e) for s, e in sentences(text, line_start, line_end) if s <= start < e), (start, end))
    last = max(last, end)
    s, e = first, last
    if e - s > limit:
        s = max(s, start - limit // 3)
        e = min(e, max(end, s + limit))
    return ("…" if s > first else "") + text[s:e].strip() + ("…" if e < last else "")


def _mention_spans(con: duckdb.DuckDBPyConnection, article_id: str) -> list[dict]:
    sql = """
    SELECT 'document' AS type, m.ev_start AS start, m.ev_end AS "end",
           coalesce(d.symbol, d.name, m.document_id) AS label, m.document_id AS ref
    FROM document_mentions m LEFT JOIN documents d ON d.document_id = m.document_id
    WHERE m.article_id = $a
    UNION ALL
    SELECT 'organisation', m.ev_start, m.ev_end, o.name, o.name
    FROM org_mentions m JOIN organisations o ON o.org_id = m.org_id WHERE m.article_id = $a
    UNION ALL
    SELECT 'person', m.ev_start, m.ev_end, p.name, p.name
    FROM person_mentions m JOIN people p ON p.person_id = m.person_id WHERE m.article_id = $a
    ORDER BY start, "end" DESC"""
    rows = con.execute(sql, {"a": article_id}).fetchall()
    return [dict(zip(("type", "start", "end", "label", "ref"), r)) for r in rows]


def segments(text: str, spans: list[dict]) -> list[tuple[str, str | None, str | None]]:
    """Cut ``text`` into (piece, type, label) with no overlaps; plain text has type None.

    Overlaps resolve by priority then length, so the app can escape and colour
    each piece without ever rendering the article as HTML.
    """
    # An offset outside the text is a store bug: skip it, never crash.
    ranked = sorted((s for s in spans if 0 <= s["start"] < s["end"] <= len(text)),
                    key=lambda s: (SPAN_PRIORITY.get(s["type"], 9), s["start"] - s["end"]))
    chosen = sorted(keep_disjoint(ranked, lambda s: (s["start"], s["end"])), key=lambda s: s["start"])
    out, pos = [], 0
    for s in chosen:
        if s["start"] > pos:
            out.append((text[pos:s["start"]], None, None))
        out.append((text[s["start"]:s["end"]], s["type"], s["label"]))
        pos = s["end"]
    if pos < len(text):
        out.append((text[pos:], None, None))
    return out


def article_detail(con: duckdb.DuckDBPyConnection, article_id: str) -> dict:
    """An article with everything found in it.

    Keys: ``article`` (metadata dict), ``text``, ``spans`` (documents,
    organisations, people: type/start/end/label/ref, possibly overlapping),
    ``events`` (each with ev_start/ev_end of its evidence sentence and its date
    at precision), ``warnings`` (list). An unknown id gives an empty dict.
    ``segments(text, spans)`` cuts the text into non-overlapping pieces; the
    app's highlighter does its own cut (with the dates), so it is not done here.
    """
    cur = con.execute(
        "SELECT article_id, path, title, published, published_date, url, source, undated, "
        "inferred_start, inferred_end, inferred_reason, encoding, warnings, text "
        "FROM articles WHERE article_id = ?", [article_id])
    rows = cur.fetchall()
    if not rows:
        return {}
    row = rows[0]
    meta = dict(zip([c[0] for c in cur.description], row))
    text = meta.pop("text") or ""
    try:
        warnings = json.loads(meta.pop("warnings") or "[]")
    except (TypeError, ValueError):
        warnings = []
    # The article's events, with those it reported as another article's event (``event_reports``).
    cols_sql = "event_id, date, date_end, precision, date_basis, day_part, kind, title, ev_start, ev_end, evidence"
    ev = con.execute(
        f"SELECT {cols_sql} FROM events WHERE article_id = $a UNION ALL "
        f"SELECT {cols_sql} FROM event_reports WHERE article_id = $a ORDER BY ev_start", {"a": article_id})
    cols = [c[0] for c in ev.description]
    events_list = [dict(zip(cols, r)) for r in ev.fetchall()]
    spans = _mention_spans(con, article_id)
    return {"article": meta, "text": text, "spans": spans, "events": events_list,
            "warnings": warnings if isinstance(warnings, list) else []}


def organisation_options(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Organisations for the picker: name, name_en, abbreviations (list), search_key,
    n_articles, n_events; most-mentioned first."""
    df = con.execute("""
        SELECT o.name, o.name_en, o.abbreviations, o.search_key, o.n_articles,
               coalesce(n.n, 0) AS n_events
        FROM organisations o
        LEFT JOIN (SELECT org_id, count(*) AS n FROM event_organisations GROUP BY 1) n ON n.org_id = o.org_id
        ORDER BY o.n_articles DESC, n_events DESC, o.name""").df()
    df["abbreviations"] = [list(v) if v is not None else [] for v in df["abbreviations"]]
    return df


def search_organisations(con: duckdb.DuckDBPyConnection, text: str, limit: int = 20) -> list[str]:
    """Canonical names whose folded name/abbreviations contain every word of ``text``.

    "CNQP" and "tong cuc ky thuat" both work. An exact abbreviation or name
    match ranks first, then prefix matches, then the most-mentioned.
    """
    key = fold(str(text)[:MAX_VALUE_LEN]).strip()
    terms = key.split()[:10]
    if not terms:
        return []
    abbrevs = fold_sql("coalesce(array_to_string(abbreviations, ' '), '')")
    hay = f"coalesce(search_key, '') || ' ' || {fold_sql('name')} || ' ' || {abbrevs}"
    conds = " AND ".join(f"contains({hay}, ?)" for _ in terms)
    sql = f"""
    SELECT name FROM organisations WHERE {conds}
    ORDER BY (list_contains(list_transform(coalesce(abbreviations, []), lambda x: {fold_sql('x')}), ?)
              OR {fold_sql('name')} = ?) DESC,
             starts_with({fold_sql('name')}, ?) DESC, n_articles DESC, name
    LIMIT ?"""
    return [r[0] for r in con.execute(sql, [*terms, key, key, key, int(limit)]).fetchall()]


def own_name(symbol, name) -> str:
    """A document's own name when it says more than its symbol ("Luật Công nghiệp quốc phòng, an ninh và
    động viên công nghiệp" for 38/2024/QH15), else "": "Nghị quyết số 08-NQ/TW" only repeats the symbol,
    and a document without a symbol is already known by its name. Missing values (None, NaN) count as none."""
    if not (isinstance(symbol, str) and isinstance(name, str)) or not symbol or not name:
        return ""
    return name if symbol not in name else ""


def document_names(con: duckdb.DuckDBPyConnection, docs) -> dict[str, str]:
    """For the filter's documents (ids or symbols): their own names, where they have one (``own_name``)."""
    docs = [d for d in docs if isinstance(d, str)]
    if not docs:
        return {}
    marks = ", ".join("?" for _ in docs)
    rows = con.execute(f"SELECT document_id, symbol, name FROM documents WHERE document_id IN ({marks}) "
                       f"OR symbol IN ({marks})", [*docs, *docs]).fetchall()
    out = {}
    for doc_id, symbol, name in rows:
        if own := own_name(symbol, name):
            out.update({key: own for key in (doc_id, symbol) if key in docs})
    return out


def document_options(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Documents for the picker: document_id, symbol, label, kind, issuer, issued,
    n_articles; most-cited first."""
    # Through Arrow (convert.df): 30k documents at 100k articles took 80 ms as .df(), on the first run.
    return convert.df(con, """
        SELECT document_id, symbol, coalesce(symbol, name, document_id) AS label, name, kind, issuer,
               issued, horizon, period, n_mentions, n_articles
        FROM documents ORDER BY n_articles DESC, n_mentions DESC, label""")


_UNRESOLVED = ("unresolved", "day-month", "day_month", "no year", "left undated", "no date")
#: Warnings about the publication date, the anchor of every yearless date (records.make_article,
#: store.worker._future): unreadable, or after the day the article was read.
_PUBLICATION = ("unreadable publication date", "after the day the article was read")


def data_quality(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Tables for the data-quality page: undated_articles, inferred_dates,
    unresolved_day_months and publication_dates (from articles.warnings), ingest_errors."""
    out = {
        "undated_articles": con.execute("""
            SELECT article_id, path, title, inferred_start, inferred_end, inferred_reason
            FROM articles WHERE undated ORDER BY path""").df(),
        "inferred_dates": con.execute("""
            SELECT e.event_id, e.date, e.date_end, e.precision, e.kind, e.title, e.evidence,
                   a.article_id, a.path, a.title AS article_title
            FROM events e JOIN articles a ON a.article_id = e.article_id
            WHERE e.date_basis = 'inferred' ORDER BY e.date_start_day, e.event_id""").df(),
        "ingest_errors": con.execute(
            'SELECT path, reason, detail, content_hash, "at" FROM ingest_errors ORDER BY "at" DESC, path').df(),
    }
    out["unresolved_day_months"] = _warnings_about(con, _UNRESOLVED)
    out["publication_dates"] = _warnings_about(con, _PUBLICATION)
    return out


def _warnings_about(con: duckdb.DuckDBPyConnection, keys: tuple[str, ...]) -> pd.DataFrame:
    """One row per article warning that mentions one of ``keys`` (lower case).

    Warnings are a JSON list of free text; parsed in Python so that a malformed
    value cannot break the page.
    """
    like = " OR ".join("lower(warnings) LIKE ?" for _ in keys)
    rows = con.execute(f"SELECT article_id, path, title, warnings FROM articles WHERE {like} ORDER BY path",
                       [f"%{w}%" for w in keys]).fetchall()
    found = []
    for article_id, path, title, raw in rows:
        try:
            items = json.loads(raw)
        except (TypeError, ValueError):
            items = [raw]
        for w in items if isinstance(items, list) else [items]:
            if any(k in str(w).lower() for k in keys):
                found.append({"article_id": article_id, "path": path, "title": title, "warning": str(w)})
    return pd.DataFrame(found, columns=["article_id", "path", "title", "warning"])

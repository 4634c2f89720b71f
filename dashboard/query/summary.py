"""Per organisation and year: what was decided (issued), reviewed and signed.

``org_year_summary(con, f)`` answers the question the dashboard exists for in one
table: for each organisation and year of the filtered view, the documents it
issued that year, the review conferences and signings it took part in, and a
count of its other activity by kind. Counts come from DuckDB (one GROUP BY over
the filtered events); only the few listed items per cell are brought to Python.

Semantics, chosen to agree with the rest of the dashboard:

- an event counts for every organisation it names (``event_organisations``), in
  the first year it has inside the filter's years (as in the charts);
- "issued" is a document of the view (``frames.document_scope``: the same documents
  as the Documents page) with an issue date inside the filter's years, under each
  of its issuers ("Tổng cục Kỹ thuật; Tổng cục Công nghiệp quốc phòng" is two);
- with organisations in the filter, only their rows are kept (an event of theirs
  names other organisations too, but the user asked about these);
- otherwise the ``top`` organisations by number of items are kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from dashboard.query.aggregates import window_start
from dashboard.query.filter import Filter
from dashboard.query.frames import in_document_scope
from dashboard.query.materialise import shared

#: Event kinds listed item by item; every other kind is counted.
LISTED_KINDS = ("review_conference", "signing")
#: Items shown per cell; the rest are counted ("and 3 more").
PER_CELL = 5
TOP_ORGS = 15


@dataclass
class Cell:
    """The listed items of one column of one row, and how many there are in all."""

    items: list[dict] = field(default_factory=list)
    n: int = 0


@dataclass
class SummaryRow:
    name: str
    name_en: str | None
    year: int
    issued: Cell = field(default_factory=Cell)
    review_conference: Cell = field(default_factory=Cell)
    signing: Cell = field(default_factory=Cell)
    #: Other events by kind code: {kind: n}.
    other: dict[str, int] = field(default_factory=dict)
    #: False for an issuer the store has no organisation row for (the filter cannot name it).
    known: bool = True

    @property
    def total(self) -> int:
        return self.issued.n + self.review_conference.n + self.signing.n + sum(self.other.values())


def org_year_summary(con: duckdb.DuckDBPyConnection, f: Filter, top: int = TOP_ORGS,
                     per_cell: int = PER_CELL) -> list[SummaryRow]:
    """Rows ordered by organisation (busiest first), then year (oldest first)."""
    events_sql, events_params = _event_rows(con, f)
    issued_sql, issued_params = _issued_rows(con, f)
    kinds = ", ".join(f"'{k}'" for k in LISTED_KINDS)  # our own constants, not user input
    if f.orgs:
        top_sql, top_params = "SELECT unnest(?::VARCHAR[]) AS name", [list(f.orgs)]
    else:  # busiest first; ties by name, as Python would sort them
        top_sql, top_params = "SELECT name FROM c GROUP BY name ORDER BY sum(n) DESC, name LIMIT ?", [int(top)]
    # One statement: the filtered (event, organisation) rows and the issued documents are
    # evaluated once (MATERIALIZED) and serve both the counts and the few items listed.
    # Plain tuples (fetchall): a DataFrame's row iteration cost more than the query.
    result = con.execute(f"""
        WITH x AS MATERIALIZED ({events_sql}),
        i AS MATERIALIZED ({issued_sql}),
        c AS (SELECT o.name, g.year, g.kind, g.n
              FROM (SELECT org_id, year, kind, count(*) AS n FROM x GROUP BY ALL) g
              JOIN organisations o ON o.org_id = g.org_id
              UNION ALL
              SELECT name, year, '~issued', count(*) FROM i GROUP BY ALL),
        t AS ({top_sql}),
        it AS (SELECT o.name, x.year, x.kind, x.date, x.date_end, x.precision, x.title, NULL AS doc_kind,
                      x.tie AS ref, x.first_day, x.tie
               FROM x JOIN organisations o ON o.org_id = x.org_id
               WHERE x.kind IN ({kinds}) AND o.name IN (SELECT name FROM t)
               UNION ALL
               SELECT name, year, '~issued', issued, NULL, 'day', label, kind, document_id, issued_day, label
               FROM i WHERE name IN (SELECT name FROM t))
        SELECT 'count', name, year, kind, n, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM c WHERE name IN (SELECT name FROM t)
        UNION ALL
        SELECT * FROM (
            SELECT 'item', name, year, kind, NULL, date, date_end, precision, title, doc_kind, ref,
                   first_day, tie
            FROM it QUALIFY row_number() OVER (PARTITION BY name, year, kind ORDER BY first_day, tie) <= ?)
        ORDER BY 1, 2, 3, 4, 12, 13""", [*events_params, *issued_params, *top_params, int(per_cell)]).fetchall()
    tips = _tips(con, [(row[3] == "~issued", row[10]) for row in result if row[0] == "item"])
    names_en = _names(con)
    rows: dict[tuple[str, int], SummaryRow] = {}
    for what, name, year, kind, n, date, date_end, precision, title, doc_kind, ref, _day, _tie in result:
        key = (name, int(year))
        if key not in rows:
            rows[key] = SummaryRow(name, names_en.get(name), int(year), known=name in names_en)
        target = rows[key]
        if what == "item":
            cell = target.issued if kind == "~issued" else getattr(target, kind)
            cell.items.append({"date": _text(date), "date_end": _text(date_end), "precision": precision,
                               "title": title, "kind": _text(doc_kind),
                               "evidence": _text(tips.get((kind == "~issued", ref)))})
        elif kind == "~issued":
            target.issued.n += int(n)
        elif kind in LISTED_KINDS:
            getattr(target, kind).n += int(n)
        else:
            target.other[kind] = int(n)
    kept = list(rows.values())
    weight: dict[str, int] = {}
    for r in kept:
        weight[r.name] = weight.get(r.name, 0) + r.total
    return sorted(kept, key=lambda r: (-weight[r.name], r.name, r.year))


def _event_rows(con, f: Filter) -> tuple[str, list]:
    """SQL of (org_id, year, kind, date, date_end, precision, title, first_day, tie), one row per
    filtered event and organisation it names; year is the first year inside the filter's years."""
    where, params = shared(con, f).where("e")
    return (f"""SELECT eo.org_id, year(greatest(e.date_start_day, ?)) AS year, e.kind, e.date, e.date_end,
                       e.precision, e.title, e.date_start_day AS first_day, e.event_id AS tie
                FROM events e JOIN event_organisations eo ON eo.event_id = e.event_id WHERE {where}""",
            [*window_start(f), *params])


def _issued_rows(con, f: Filter) -> tuple[str, list]:
    """SQL of (name, year, issued, label, kind, document_id, issued_day): the view's documents (as on
    the Documents page: ``frames.in_document_scope``) issued inside the filter's years, once per
    issuer (joint issuers are stored as one "A; B" value)."""
    scope, scope_p = in_document_scope(con, f)
    years, year_p = [], []
    if f.year_from is not None:
        years.append("year(d.issued_day) >= ?")
        year_p.append(f.year_from)
    if f.year_to is not None:
        years.append("year(d.issued_day) <= ?")
        year_p.append(f.year_to)
    sql = f"""
        SELECT trim(unnest(string_split(d.issuer, ';'))) AS name, year(d.issued_day) AS year, d.issued,
               coalesce(d.symbol, d.name, d.document_id) AS label, d.kind, d.document_id, d.issued_day
        FROM documents d
        WHERE d.issuer IS NOT NULL AND d.issued_day IS NOT NULL AND {" AND ".join(years) or "TRUE"} AND {scope}"""
    return sql, [*year_p, *scope_p]


def _tips(con, refs: list[tuple[bool, str]]) -> dict[tuple[bool, str], str]:
    """What each listed item shows on hover: an event's source sentence, a document's subject.

    Looked up by id for the items listed, after the main statement: carried through its
    materialised rows (every filtered event) the sentences made it ~20% slower (107 against
    87 ms at 101,667 events). The look-up costs ~15 ms for the ~2,500 items of that store.
    """
    events = [ref for is_doc, ref in refs if not is_doc]
    docs = [ref for is_doc, ref in refs if is_doc]
    out: dict[tuple[bool, str], str] = {}
    if events:
        out.update(((False, i), t) for i, t in con.execute(
            "SELECT event_id, evidence FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [events]).fetchall())
    if docs:
        out.update(((True, i), t) for i, t in con.execute(
            "SELECT document_id, subject FROM documents WHERE document_id IN (SELECT unnest(?::VARCHAR[]))",
            [docs]).fetchall())
    return out


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def _names(con) -> dict[str, str | None]:
    """Every organisation's name -> its English name (None when it has none)."""
    return dict(con.execute("SELECT name, name_en FROM organisations").fetchall())

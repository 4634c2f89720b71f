"""The documents the timeline draws, with only the columns it reads.

``frames.documents`` lists every document of a view with three citation counts;
the timeline draws far fewer: the most cited issue-date diamonds (``top_issued``)
and the ``bar_lanes`` most cited documents with a Gantt bar in the filter's years.
Both cuts are made here, after one count (mentions under the filter). Counting
events and distinct articles for all ~29k dated documents, returning every
document with a period (2,264 at 100k events) and building their bars in Python
to pick eight cost 70-150 ms of a 150-290 ms timeline; this query takes 20-45 ms.

Each cut has a pandas twin that the figure applies again to whatever frame it
gets (``charts.milestones.most_cited`` and ``charts.gantt.document_lanes``); this
query returns a superset of what they keep, so both agree (tests check the figure
is the same as from the uncut ``frames.documents`` frame).
"""
from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.query.convert import df
from dashboard.query.filter import Filter
from dashboard.query.frames import document_scope

# What a timeline can draw: an issue day (a diamond) or a whole period (a bar).
_DATED = "(d.issued_day IS NOT NULL OR (d.period_start IS NOT NULL AND d.period_end IS NOT NULL))"
_COLUMNS = ("d.document_id, d.symbol, d.kind, d.number, d.issuer, d.issued, d.issued_day, d.subject, d.horizon, "
            "d.horizon_year, d.period, d.period_start, d.period_end, d.name")


def _bar_in_years(years: tuple[int | None, int | None]) -> tuple[str, list]:
    """Predicate on ``q``: the document has a Gantt bar overlapping ``years``, as
    ``charts.gantt.document_bars`` draws them (a period from its first to its last
    year; a horizon from the issue day to 31/12 of its year, if that is later)."""
    first, last = years
    period = ["period_start IS NOT NULL AND period_end IS NOT NULL"]
    horizon = ["horizon_year IS NOT NULL AND issued_day IS NOT NULL",
               "make_date(horizon_year::BIGINT, 12, 31) > issued_day"]
    params_p: list = []
    params_h: list = []
    if first is not None:
        period.append("period_end >= ?")
        horizon.append("horizon_year >= ?")
        params_p.append(first)
        params_h.append(first)
    if last is not None:
        period.append("period_start <= ?")
        horizon.append("year(issued_day) <= ?")
        params_p.append(last)
        params_h.append(last)
    return f"(({' AND '.join(period)}) OR ({' AND '.join(horizon)}))", [*params_p, *params_h]


def timeline_documents(con: duckdb.DuckDBPyConnection, f: Filter, top_issued: int,
                       bar_lanes: int) -> pd.DataFrame:
    """The rows of ``frames.documents(con, f, dated_only=True)`` a timeline draws, in its
    order (issue day, then label) and with its dtypes, but only the columns the figure reads.

    Kept: the ``top_issued`` documents with an issue day cited most under ``f`` (ties:
    earlier issue day, then label) and the ``bar_lanes`` documents with a bar overlapping
    the filter's years cited most (same ties). ``n_mentions_shown`` counts the mentions by
    the filtered articles; ``n_issued_total`` says how many had an issue day before the cut.
    ``top_issued`` must exceed ``bar_lanes`` (1,500 and 8 in the figure): then a diamond
    outside the Gantt lanes is kept whenever there is one, and the figure's shared lane
    appears exactly as with every document.
    """
    if top_issued <= bar_lanes:
        raise ValueError("top_issued must exceed bar_lanes")
    (own_clause, own_params), (ev_clause, ev_params), (art_clause, art_params), (doc_clause, doc_params) = \
        document_scope(con, f)
    bar_clause, bar_params = _bar_in_years((f.year_from, f.year_to))
    # Mentions are counted for every document first and the documents filtered in the
    # join: a semi-join on the dated ids before counting cost more than it saved.
    sql = f"""
    WITH cm AS (SELECT dm.document_id, count(*) AS n FROM document_mentions dm WHERE {art_clause} GROUP BY 1),
    q AS (SELECT d.document_id, d.issued_day, d.horizon_year, d.period_start, d.period_end,
                 coalesce(d.symbol, d.name, d.document_id) AS label, coalesce(cm.n, 0) AS n_mentions_shown
          FROM documents d LEFT JOIN cm ON cm.document_id = d.document_id
          WHERE {doc_clause} AND {_DATED}
            AND (cm.n IS NOT NULL OR {own_clause}
                 OR d.document_id IN (SELECT ed.document_id FROM event_documents ed WHERE {ev_clause}))),
    diamonds AS (SELECT document_id FROM q WHERE issued_day IS NOT NULL
                 ORDER BY n_mentions_shown DESC, issued_day, label LIMIT ?),
    bars AS (SELECT document_id FROM q WHERE {bar_clause}
             ORDER BY n_mentions_shown DESC, issued_day NULLS LAST, label LIMIT ?),
    kept AS (SELECT document_id, label, n_mentions_shown FROM q
             WHERE document_id IN (SELECT document_id FROM diamonds) OR document_id IN (SELECT document_id FROM bars))
    SELECT {_COLUMNS}, k.label, k.n_mentions_shown, (SELECT count(issued_day) FROM q) AS n_issued_total
    FROM kept k JOIN documents d ON d.document_id = k.document_id
    ORDER BY d.issued_day NULLS LAST, k.label"""
    params = [*art_params, *doc_params, *own_params, *ev_params, int(top_issued), *bar_params, int(bar_lanes)]
    return df(con, sql, params)

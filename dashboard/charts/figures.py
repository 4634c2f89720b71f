"""All figures for one filtered view, from one connection and one ``Filter``.

``build_figures`` is what the report and the app's chart pages call. It reads
the count first and, above ``timeline.LARGE`` events, asks DuckDB for monthly
timeline bins instead of the events; the other charts always come from SQL
aggregates.
"""
from __future__ import annotations

import time

import duckdb
import plotly.graph_objects as go

from dashboard.charts.gantt import MAX_DOC_LANES
from dashboard.charts.milestones import MAX_DIAMONDS
from dashboard.charts.network import network_figure
from dashboard.charts.stats import documents_figure, heatmap_figure, per_year_figure
from dashboard.charts.timeline import LARGE, timeline_figure
from dashboard.query import Filter, event_counts, materialised, timeline_events
from dashboard.query.aggregates import (document_year_counts, events_per_year, org_cooccurrence, org_names_en,
                                        org_year_counts, timeline_bins)
from dashboard.query.timeline_documents import timeline_documents

FIGURE_KEYS = ("timeline", "per_year", "heatmap", "documents", "network")
CHART_KEYS = FIGURE_KEYS[1:]  # what the charts page shows


def build_timeline(con: duckdb.DuckDBPyConnection, f: Filter, lang: str = "vi",
                   lane: str = "organisation") -> go.Figure:
    """Only the timeline (the app's timeline page does not need the other charts)."""
    with materialised(con, f) as mf:
        return _timeline(con, mf, lang, lane)


def _timeline(con, f: Filter, lang: str, lane: str) -> go.Figure:
    shown, _ = event_counts(con, f)
    years = (f.year_from, f.year_to)
    # Only the documents it draws (diamonds and Gantt bars) and the event columns it reads.
    docs = timeline_documents(con, f, top_issued=MAX_DIAMONDS, bar_lanes=MAX_DOC_LANES)
    if shown > LARGE:  # bins from SQL: the events themselves never reach Python
        return timeline_figure(None, docs, lane=lane, lang=lang, bins=timeline_bins(con, f, lane), n_events=shown,
                               years=years, org_names_en=org_names_en(con) if lang == "en" else None)
    return timeline_figure(timeline_events(con, f), docs, lane=lane, lang=lang, years=years)


def build_figures(con: duckdb.DuckDBPyConnection, f: Filter, lang: str = "vi",
                  lane: str = "organisation", timings: dict | None = None,
                  keys: tuple[str, ...] = FIGURE_KEYS) -> dict[str, go.Figure]:
    """Figures keyed timeline, per_year, heatmap, documents, network (or only ``keys``).

    The charts page passes ``CHART_KEYS``: it does not show the timeline, which is
    the costliest figure. Pass a dict as ``timings`` to receive seconds spent per
    figure (for benchmarks).
    """
    with materialised(con, f) as mf:
        return _build(con, mf, lang, lane, timings, keys)


def _build(con, f: Filter, lang: str, lane: str, timings: dict | None, keys) -> dict[str, go.Figure]:
    clock = time.perf_counter
    out: dict[str, go.Figure] = {}
    steps = {
        "timeline": lambda: _timeline(con, f, lang, lane),
        "per_year": lambda: per_year_figure(events_per_year(con, f), lang),
        "heatmap": lambda: heatmap_figure(org_year_counts(con, f), lang),
        "documents": lambda: documents_figure(document_year_counts(con, f), lang),
        "network": lambda: network_figure(*org_cooccurrence(con, f), lang),
    }
    for key in (k for k in FIGURE_KEYS if k in keys):
        t0 = clock()
        out[key] = steps[key]()
        if timings is not None:
            timings[key] = clock() - t0
    return out

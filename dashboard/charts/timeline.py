"""The timeline: events in lanes on a date axis, documents and programmes above.

Encoding (the legend says it too):
- lane (y): organisation or event kind; the colour encodes the other one
  (kind colours in organisation lanes, organisation colours in kind lanes);
- day-precision events are markers; month/quarter/half/year/period events are
  horizontal spans from their first to their last day, never a fake day;
- inferred dates are hollow markers / hatched, paler spans;
- documents: diamonds at issue dates, Gantt bars for periods and horizons.

Above ``LARGE`` events the figure switches to monthly bins drawn with WebGL
(``timeline_large``): SVG bars take 17-20 s to draw at 100k events (DESIGN.md
section 5) and building one hover text per event costs seconds in Python.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.charts import colours
from dashboard.charts.base import date_label, empty_note, esc, figure, layout, short, texts, trace, wrap
from dashboard.charts.gantt import DAY_MS, LABEL_WIDTH, document_lanes
from dashboard.charts.milestones import document_traces
from dashboard.charts.timeline_large import bin_events, bin_lanes, bin_traces
from dashboard.model import EVENT_KINDS

LARGE = 5000
MAX_LANES = 14  # more lanes are merged into "other organisations"
MAX_COLOUR_ORGS = 8  # in kind lanes, only the busiest organisations get their own colour
LANE_PX = 34


def _lane_rows(ev: pd.DataFrame, lane: str, lang: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The events as (event, lane) rows: each row's event index and lane key, and the
    ordered lane keys. An event with two organisations has a row in each lane.

    Index arrays rather than ``DataFrame.explode``: the rows are only ever read
    column by column, and copying every column per row cost more than the rest.
    """
    n = len(ev)
    if lane == "kind":
        kinds = ev["kind"].to_numpy(dtype=object)
        present = set(kinds.tolist())
        keys = [k for k in EVENT_KINDS if k in present] + sorted(present - set(EVENT_KINDS))
        return np.arange(n), kinds, keys
    none = i18n.t("no_organisation", lang)
    orgs = ev["organisations"].tolist()
    src = np.repeat(np.arange(n), [len(v) or 1 for v in orgs])
    lane_key = np.array([o for v in orgs for o in (v if len(v) else (none,))], dtype=object)
    counts = pd.Series(lane_key, dtype=object).value_counts()  # object, as explode gave: same order of ties
    keys = [k for k in counts.index if k != none]
    other = i18n.t("legend_other_orgs", lang)
    if len(keys) > MAX_LANES:
        keep = set(keys[:MAX_LANES - 1]) | {none}
        lane_key = np.array([k if k in keep else other for k in lane_key.tolist()], dtype=object)
        keys = keys[:MAX_LANES - 1] + [other]
    if none in counts.index:
        keys.append(none)
    return src, lane_key, keys


def _org_names_en(ev: pd.DataFrame) -> dict[str, str]:
    if "organisations_en" not in ev.columns:
        return {}
    pairs = {}
    for names, names_en in zip(ev["organisations"], ev["organisations_en"]):
        pairs.update(zip(names, names_en))
    return pairs


def _hover(ev: pd.DataFrame, lang: str, names_en: dict[str, str]) -> list[str]:
    """Hover text per event: title, date at its precision, organisations, documents, evidence.

    A loop over plain lists with the date and organisation labels memoised (many
    events share them): the same strings the pandas version built, at a third of
    its cost, since every event of a detailed view has one.
    """
    n = len(ev)
    basis_of = {"inferred": f" ({i18n.t('hover_basis_inferred', lang)})",
                "resolved": f" ({i18n.t('hover_basis_resolved', lang)})"}
    orgs_head = "<br>" + i18n.t("hover_orgs", lang) + ": "
    docs_head = "<br>" + i18n.t("hover_docs", lang) + ": "
    day_parts = ev["day_part"].tolist() if "day_part" in ev.columns else [None] * n
    documents = ev["documents"].tolist() if "documents" in ev.columns else None
    reports = ev["n_reports"].tolist() if "n_reports" in ev.columns else [1] * n
    date_memo: dict[tuple, str] = {}
    org_memo: dict[tuple, str] = {}
    out = []
    for i, (title, d, de, p, dp, basis, orgs, evidence) in enumerate(zip(
            ev["title"].tolist(), ev["date"].tolist(), ev["date_end"].tolist(), ev["precision"].tolist(),
            day_parts, ev["date_basis"].tolist(), ev["organisations"].tolist(), ev["evidence"].tolist())):
        key = (d, de if isinstance(de, str) else None, p, dp if isinstance(dp, str) else None)
        when = date_memo.get(key)
        if when is None:
            when = date_memo[key] = date_label(key[0], key[1], key[2], lang, key[3])
        okey = tuple(orgs)
        org_text = org_memo.get(okey)
        if org_text is None:
            org_text = org_memo[okey] = esc(", ".join(i18n.org_label(o, names_en.get(o), lang) for o in orgs))
        doc_line = docs_head + esc(", ".join(documents[i])) if documents is not None and len(documents[i]) else ""
        # Several articles reported it: said, since the point stands for all of them.
        seen = f"<br>{i18n.t('hover_reports', lang, n=reports[i])}" if reports[i] > 1 else ""
        out.append(f"<b>{esc(title)}</b><br>{when}{basis_of.get(basis, '')}{orgs_head}{org_text}{doc_line}{seen}"
                   f"<br><i>{wrap(evidence, 80)}</i>")
    return out


def _jitter(ids: pd.Series) -> np.ndarray:
    """Deterministic vertical offset per event in [-1, 1] (times an amplitude) so same-day
    events do not hide each other."""
    h = pd.util.hash_pandas_object(ids.astype(str), index=False).to_numpy()
    return ((h % 1000) / 999.0 - 0.5) * 2


def timeline_figure(events_df: pd.DataFrame | None, documents_df: pd.DataFrame | None = None,
                    lane: str = "organisation", lang: str = "vi", *, bins: pd.DataFrame | None = None,
                    n_events: int | None = None, years: tuple[int | None, int | None] = (None, None),
                    org_names_en: dict[str, str] | None = None) -> go.Figure:
    """Build the timeline figure (see module docstring for the encoding).

    Give ``events_df`` (from ``query.events``); above ``LARGE`` rows it is
    binned. Or give pre-computed ``bins`` (``aggregates.timeline_bins``) and
    ``n_events`` for large views, which skips fetching the events at all.
    ``years`` (the filter's year range) fixes the visible date range, so a
    document issued long before does not squeeze the filtered events.
    ``org_names_en`` (name -> English name) labels organisations in English when
    the events frame does not carry their English names (``bins``).
    """
    lang = i18n.norm_lang(lang)
    lane = "kind" if lane == "kind" else "organisation"
    ev = events_df if events_df is not None else pd.DataFrame()
    docs = documents_df if documents_df is not None else pd.DataFrame()
    if bins is None and len(ev) > LARGE:
        bins = bin_events(ev, lane)
    large = bins is not None
    n = int(n_events if n_events is not None else (len(ev) if not large or len(ev) else bins["n"].sum()))
    if large and len(bins) == 0:
        n = 0
    doc_lanes, doc_lane_of, bars = document_lanes(docs, lang, years)
    names_en: dict[str, str] = dict(org_names_en or {})
    if not n:
        event_keys = []
    elif large:
        bins, event_keys = bin_lanes(bins, lane, lang, MAX_LANES)
    else:
        rows = _lane_rows(ev, lane, lang)
        event_keys = rows[2]
        names_en.update(_org_names_en(ev))
    none = i18n.t("no_organisation", lang)
    event_labels = ([i18n.kind_label(k, lang) for k in event_keys] if lane == "kind"
                    else [i18n.org_label(k, names_en.get(k), lang) if k else none for k in event_keys])
    offset = len(doc_lanes)
    labels = doc_lanes + event_labels
    # Traces are collected as dicts and the figure is made once, unvalidated (base.figure).
    traces = document_traces(docs, doc_lane_of, bars, lang) if doc_lanes else []
    lane_y = {k: i + offset for i, k in enumerate(event_keys)}
    if n and large:
        traces += bin_traces(bins, lane_y, lane, lang, dict(zip(event_keys, event_labels)), MAX_COLOUR_ORGS,
                             names_en)
        _add_style_keys(traces, lang, spans=not bins["is_day"].all(), inferred=bins["inferred"].any())
    elif n:
        _add_events(traces, ev, rows[:2], lane_y, lane, lang, names_en)
    title = i18n.t("chart_timeline_aggregated", lang, n=i18n.number(n, lang)) \
        if large and n else i18n.t("chart_timeline", lang)
    height = max(460, min(1400, 230 + LANE_PX * max(len(labels), 1)))  # + room for the legend below
    # The whole layout as one dict given to the figure: update_* calls cost ~10 ms each figure.
    lay = layout(title, height=height, x_title=i18n.t("axis_date", lang),
                 y_title=i18n.t("axis_organisation" if lane == "organisation" else "axis_kind", lang))
    lay["yaxis"].update(tickmode="array", tickvals=list(range(len(labels))),
                        ticktext=[short(x, LABEL_WIDTH) for x in labels],
                        range=[len(labels) - 0.4, -0.6], zeroline=False, showgrid=True, gridcolor="#eee")
    lay["xaxis"].update(type="date", showgrid=True, gridcolor="#eee")
    if lang == "vi":
        # plotly.js only ships English month names ("Jan 2023"); numeric formats read
        # naturally in Vietnamese at every zoom level.
        lay["xaxis"]["tickformatstops"] = [
            {"dtickrange": [None, "M1"], "value": "%d/%m/%Y"},
            {"dtickrange": ["M1", "M12"], "value": "%m/%Y"},
            {"dtickrange": ["M12", None], "value": "%Y"},
        ]
    if n and any(y is not None for y in years):
        lo, hi = _extent(ev, bins)
        lo = pd.Timestamp(years[0], 1, 1) if years[0] is not None else lo
        hi = pd.Timestamp(years[1] + 1, 1, 1) if years[1] is not None else hi
        pad = (hi - lo) * 0.02
        lay["xaxis"]["range"] = [lo - pad, hi + pad]
    if doc_lanes and event_keys:  # a rule between the documents block and the events block
        lay["shapes"] = [{"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": offset - 0.5,
                          "y1": offset - 0.5, "line": {"color": "#999", "width": 1, "dash": "dot"}}]
    # Legend below the plot: long organisation names beside it would squeeze the time axis.
    lay["margin"].update(l=300, b=150)
    lay["legend"].update(orientation="h", x=0, xanchor="left", y=-0.16, yanchor="top")
    lay.update(barmode="overlay", hovermode="closest", meta={"large": large, "n_events": n})
    if not n and not doc_lanes:
        lay["annotations"] = [empty_note(lang)]
        lay["xaxis"]["visible"] = lay["yaxis"]["visible"] = False
    # With documents but no events, the note would lie across their bars and diamonds; the page
    # says "no events match" above the chart, the report's table says it below.
    return figure(traces, lay)


def _extent(ev: pd.DataFrame, bins: pd.DataFrame | None) -> tuple[pd.Timestamp, pd.Timestamp]:
    if bins is not None:
        return pd.Timestamp(bins["start"].min()), pd.Timestamp(bins["end"].max()) + pd.Timedelta(days=1)
    return pd.Timestamp(ev["date_start_day"].min()), pd.Timestamp(ev["date_end_day"].max()) + pd.Timedelta(days=1)



def _add_events(traces: list, ev: pd.DataFrame, rows: tuple[np.ndarray, np.ndarray], lane_y: dict,
                lane: str, lang: str, names_en: dict[str, str]) -> None:
    """One marker per day-precision event, one bar per coarse event (SVG: few events).

    ``rows`` is (event index, lane key) per drawn row (``_lane_rows``); every
    per-row value is an array taken by the event index, and each trace takes
    its rows with one index array.
    """
    src, lane_key = rows
    if lane == "organisation":  # colour = kind
        kinds = ev["kind"].to_numpy(dtype=object)[src]
        group = np.where(np.isin(kinds, list(EVENT_KINDS)), kinds, "other")
        present = set(group.tolist())
        order = [k for k in EVENT_KINDS if k in present]
        colour_of = {k: colours.kind_colour(k) for k in order}
        name_of = {k: i18n.kind_label(k, lang) for k in order}
    else:  # colour = first organisation; the busiest few get their own colour (no lane rows to repeat)
        first = ev["organisations"].map(lambda v: v[0] if len(v) else None)
        top = list(first.value_counts().index[:MAX_COLOUR_ORGS])
        other = i18n.t("legend_other_orgs", lang)
        group = first.where(first.isin(top), other).to_numpy(dtype=object)[src]
        order = top + ([other] if (group == other).any() else [])
        colour_of = {**colours.org_colours([k for k in order if k != other]), other: colours.OTHER}
        name_of = {k: i18n.org_label(k, names_en.get(k), lang) if k != other else other for k in order}
    y = np.array([lane_y.get(k, np.nan) for k in lane_key.tolist()], dtype=float)
    hover = np.array(_hover(ev, lang, names_en), dtype=object)[src]
    ids = ev["event_id"]
    unit = _jitter(ids)[src]
    jitter_day, jitter_span = unit * 0.18, unit * 0.08
    start = ev["date_start_day"].to_numpy()[src]
    end = ev["date_end_day"].to_numpy()[src]
    day = (ev["precision"].to_numpy(dtype=object) == "day")[src]
    inferred = (ev["date_basis"].to_numpy(dtype=object) == "inferred")[src]
    for g in order:
        sel = group == g
        legend = [True]  # the group's first trace carries its legend entry

        def show() -> bool:
            shown, legend[0] = legend[0], False
            return shown

        for is_inf in (False, True):
            pts = np.flatnonzero(sel & day & (inferred == is_inf))
            if len(pts):
                traces.append(trace(
                    "scatter", x=start[pts], y=y[pts] + jitter_day[pts], mode="markers",
                    name=name_of[g], legendgroup=str(g), showlegend=show(),
                    marker={"color": "white" if is_inf else colour_of[g], "size": 11,
                            "symbol": "circle-open" if is_inf else "circle",
                            "line": {"color": colour_of[g], "width": 2}},
                    hovertext=texts(hover[pts].tolist()), hoverinfo="text",
                    meta={"role": "events", "precision": "day", "inferred": is_inf}))
            spans = np.flatnonzero(sel & ~day & (inferred == is_inf))
            if len(spans):
                traces.append(_span_trace(start[spans], end[spans], y[spans] + 0.22 + jitter_span[spans],
                                          hover[spans].tolist(), colour_of[g], name_of[g], str(g), is_inf,
                                          show_legend=show()))
    _add_style_keys(traces, lang, spans=bool((~day).any()), inferred=bool(inferred.any()))


def _add_style_keys(traces: list, lang: str, spans: bool, inferred: bool) -> None:
    """Legend entries saying what hollow and span mean, independent of the colours."""
    if inferred:
        traces.append(trace("scatter", x=[None], y=[None], mode="markers", name=i18n.t("legend_inferred", lang),
                                 marker={"symbol": "circle-open", "size": 11, "color": "#555"},
                                 legendgroup="style-inferred", meta={"role": "legend"}))
    if spans:
        traces.append(trace("scatter", x=[None], y=[None], mode="lines", name=i18n.t("legend_span", lang),
                                 line={"width": 8, "color": "#888"}, legendgroup="style-span",
                                 meta={"role": "legend"}))


def _span_trace(start: np.ndarray, end: np.ndarray, y: np.ndarray, hover: list[str], colour: str, name: str,
                group: str, inferred: bool, show_legend: bool) -> dict:
    """Coarse dates as bars from the first to the last day covered (end inclusive)."""
    stop = end + np.timedelta64(1, "D")
    return trace(
        "bar", orientation="h", base=start, x=((stop - start) // np.timedelta64(1, "D")) * DAY_MS, y=y,
        width=0.22, name=name, legendgroup=group, showlegend=show_legend,
        marker={"color": colours.rgba(colour, 0.35 if inferred else 0.8),
                "line": {"color": colour, "width": 1},
                "pattern": {"shape": "/" if inferred else "", "fgcolor": colour, "size": 6}},
        hovertext=texts(hover), hoverinfo="text",
        meta={"role": "events", "precision": "span", "inferred": inferred})

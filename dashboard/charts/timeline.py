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
from dashboard.charts.base import date_label, empty_note, esc, figure, layout, texts, trace, wrap
from dashboard.charts.milestones import DAY_MS, document_lanes, document_traces
from dashboard.charts.timeline_large import bin_events, bin_lanes, bin_traces
from dashboard.model import EVENT_KINDS

LARGE = 5000
MAX_LANES = 14  # more lanes are merged into "other organisations"
MAX_COLOUR_ORGS = 8  # in kind lanes, only the busiest organisations get their own colour
LANE_PX = 34


def _lane_frame(ev: pd.DataFrame, lane: str, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """Explode events into (event, lane) rows; return them with ordered lane labels."""
    if lane == "kind":
        ev = ev.assign(lane_key=ev["kind"])
        present = set(ev["kind"])
        keys = [k for k in EVENT_KINDS if k in present] + sorted(present - set(EVENT_KINDS))
        return ev, keys
    none = i18n.t("no_organisation", lang)
    orgs = ev["organisations"].map(lambda v: list(v) if len(v) else [none])
    ev = ev.assign(lane_key=orgs).explode("lane_key")
    counts = ev["lane_key"].value_counts()
    keys = [k for k in counts.index if k != none]
    other = i18n.t("legend_other_orgs", lang)
    if len(keys) > MAX_LANES:
        keep = set(keys[:MAX_LANES - 1])
        ev["lane_key"] = ev["lane_key"].where(ev["lane_key"].isin(keep | {none}), other)
        keys = keys[:MAX_LANES - 1] + [other]
    if none in counts.index:
        keys.append(none)
    return ev, keys


def _org_names_en(ev: pd.DataFrame) -> dict[str, str]:
    if "organisations_en" not in ev.columns:
        return {}
    pairs = {}
    for names, names_en in zip(ev["organisations"], ev["organisations_en"]):
        pairs.update(zip(names, names_en))
    return pairs


def _hover(ev: pd.DataFrame, lang: str) -> pd.Series:
    """Hover text per event: title, date at its precision, organisations, evidence."""
    dates = [date_label(d, de if isinstance(de, str) else None, p, lang, dp if isinstance(dp, str) else None)
             for d, de, p, dp in zip(ev["date"], ev["date_end"], ev["precision"],
                                     ev.get("day_part", pd.Series([None] * len(ev), index=ev.index)))]
    basis = ev["date_basis"].map({"inferred": f" ({i18n.t('hover_basis_inferred', lang)})",
                                  "resolved": f" ({i18n.t('hover_basis_resolved', lang)})"}).fillna("")
    names_en = _org_names_en(ev)
    orgs = ev["organisations"].map(lambda v: esc(", ".join(i18n.org_label(o, names_en.get(o), lang) for o in v)))
    text = ("<b>" + ev["title"].map(esc) + "</b><br>" + pd.Series(dates, index=ev.index) + basis
            + "<br>" + i18n.t("hover_orgs", lang) + ": " + orgs)
    docs = ev["documents"].map(lambda v: esc(", ".join(v))) if "documents" in ev.columns else ""
    doc_line = np.where(ev["documents"].map(len) > 0, "<br>" + i18n.t("hover_docs", lang) + ": " + docs, "") \
        if "documents" in ev.columns else ""
    return text + doc_line + "<br><i>" + ev["evidence"].map(lambda s: wrap(s, 80)) + "</i>"


def _jitter(ids: pd.Series, amplitude: float) -> np.ndarray:
    """Deterministic vertical offset per event so same-day events do not hide each other."""
    h = pd.util.hash_pandas_object(ids.astype(str), index=False).to_numpy()
    return ((h % 1000) / 999.0 - 0.5) * 2 * amplitude


def timeline_figure(events_df: pd.DataFrame | None, documents_df: pd.DataFrame | None = None,
                    lane: str = "organisation", lang: str = "vi", *, bins: pd.DataFrame | None = None,
                    n_events: int | None = None, years: tuple[int | None, int | None] = (None, None)) -> go.Figure:
    """Build the timeline figure (see module docstring for the encoding).

    Give ``events_df`` (from ``query.events``); above ``LARGE`` rows it is
    binned. Or give pre-computed ``bins`` (``aggregates.timeline_bins``) and
    ``n_events`` for large views, which skips fetching the events at all.
    ``years`` (the filter's year range) fixes the visible date range, so a
    document issued long before does not squeeze the filtered events.
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
    names_en: dict[str, str] = {}
    if not n:
        event_keys = []
    elif large:
        bins, event_keys = bin_lanes(bins, lane, lang, MAX_LANES)
    else:
        ev, event_keys = _lane_frame(ev, lane, lang)
        names_en = _org_names_en(ev)
    none = i18n.t("no_organisation", lang)
    event_labels = ([i18n.kind_label(k, lang) for k in event_keys] if lane == "kind"
                    else [i18n.org_label(k, names_en.get(k), lang) if k else none for k in event_keys])
    offset = len(doc_lanes)
    labels = doc_lanes + event_labels
    # Traces are collected as dicts and the figure is made once, unvalidated (base.figure).
    traces = document_traces(docs, doc_lane_of, bars, lang) if doc_lanes else []
    lane_y = {k: i + offset for i, k in enumerate(event_keys)}
    if n and large:
        traces += bin_traces(bins, lane_y, lane, lang, dict(zip(event_keys, event_labels)), MAX_COLOUR_ORGS)
        _add_style_keys(traces, lang, spans=not bins["is_day"].all(), inferred=bins["inferred"].any())
    elif n:
        _add_events(traces, ev, lane_y, lane, lang)
    title = i18n.t("chart_timeline_aggregated", lang, n=f"{n:,}".replace(",", "." if lang == "vi" else ",")) \
        if large and n else i18n.t("chart_timeline", lang)
    height = max(460, min(1400, 230 + LANE_PX * max(len(labels), 1)))  # + room for the legend below
    # The whole layout as one dict given to the figure: update_* calls cost ~10 ms each figure.
    lay = layout(title, height=height, x_title=i18n.t("axis_date", lang),
                 y_title=i18n.t("axis_organisation" if lane == "organisation" else "axis_kind", lang))
    lay["yaxis"].update(tickmode="array", tickvals=list(range(len(labels))), ticktext=[_short(x) for x in labels],
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
    if not n:
        lay["annotations"] = [empty_note(lang)]
        if not doc_lanes:
            lay["xaxis"]["visible"] = lay["yaxis"]["visible"] = False
    return figure(traces, lay)


def _extent(ev: pd.DataFrame, bins: pd.DataFrame | None) -> tuple[pd.Timestamp, pd.Timestamp]:
    if bins is not None:
        return pd.Timestamp(bins["start"].min()), pd.Timestamp(bins["end"].max()) + pd.Timedelta(days=1)
    return pd.Timestamp(ev["date_start_day"].min()), pd.Timestamp(ev["date_end_day"].max()) + pd.Timedelta(days=1)


def _short(label: str, width: int = 40) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def _add_events(traces: list, ev: pd.DataFrame, lane_y: dict, lane: str, lang: str) -> None:
    """One marker per day-precision event, one bar per coarse event (SVG: few events)."""
    if lane == "organisation":  # colour = kind
        group = ev["kind"].where(ev["kind"].isin(EVENT_KINDS), "other")
        order = [k for k in EVENT_KINDS if k in set(group)]
        colour_of = {k: colours.kind_colour(k) for k in order}
        name_of = {k: i18n.kind_label(k, lang) for k in order}
    else:  # colour = first organisation; the busiest few get their own colour
        first = ev["organisations"].map(lambda v: v[0] if len(v) else None)
        top = list(first.value_counts().index[:MAX_COLOUR_ORGS])
        other = i18n.t("legend_other_orgs", lang)
        group = first.where(first.isin(top), other)
        names_en = _org_names_en(ev)
        order = top + ([other] if (group == other).any() else [])
        colour_of = {k: colours.org_colour(k) if k != other else colours.OTHER for k in order}
        name_of = {k: i18n.org_label(k, names_en.get(k), lang) if k != other else other for k in order}
    y = ev["lane_key"].map(lane_y).to_numpy(dtype=float)
    ev = ev.assign(_g=group.to_numpy(), _y=y, _hover=_hover(ev, lang).to_numpy())
    day = ev["precision"] == "day"
    inferred = ev["date_basis"] == "inferred"
    for g in order:
        sel = ev["_g"] == g
        legend = [True]  # the group's first trace carries its legend entry

        def show() -> bool:
            shown, legend[0] = legend[0], False
            return shown

        for is_inf in (False, True):
            pts = ev[sel & day & (inferred == is_inf)]
            if len(pts):
                traces.append(trace(
                    "scatter", x=pts["date_start_day"].to_numpy(),
                    y=(pts["_y"] + _jitter(pts["event_id"], 0.18)).to_numpy(), mode="markers",
                    name=name_of[g], legendgroup=str(g), showlegend=show(),
                    marker={"color": "white" if is_inf else colour_of[g], "size": 11,
                            "symbol": "circle-open" if is_inf else "circle",
                            "line": {"color": colour_of[g], "width": 2}},
                    hovertext=texts(pts["_hover"]), hoverinfo="text",
                    meta={"role": "events", "precision": "day", "inferred": is_inf}))
            spans = ev[sel & ~day & (inferred == is_inf)]
            if len(spans):
                _add_spans(traces, spans, colour_of[g], name_of[g], str(g), is_inf, show_legend=show())
    _add_style_keys(traces, lang, spans=(~day).any(), inferred=inferred.any())


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


def _add_spans(traces: list, spans: pd.DataFrame, colour: str, name: str, group: str, inferred: bool,
               show_legend: bool) -> None:
    """Coarse dates as bars from the first to the last day covered (end inclusive)."""
    start = pd.to_datetime(spans["date_start_day"])
    end = pd.to_datetime(spans["date_end_day"]) + pd.Timedelta(days=1)
    y = spans["_y"].to_numpy() + 0.22 + _jitter(spans["event_id"], 0.08)
    traces.append(trace(
        "bar", orientation="h", base=start.to_numpy(), x=((end - start).dt.days * DAY_MS).to_numpy(), y=y, width=0.22,
        name=name, legendgroup=group, showlegend=show_legend,
        marker={"color": colours.rgba(colour, 0.35 if inferred else 0.8),
                "line": {"color": colour, "width": 1},
                "pattern": {"shape": "/" if inferred else "", "fgcolor": colour, "size": 6}},
        hovertext=texts(spans["_hover"]), hoverinfo="text",
        meta={"role": "events", "precision": "span", "inferred": inferred}))

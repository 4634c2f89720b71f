"""Summary charts from SQL aggregates (``dashboard.query.aggregates``):
events per year stacked by kind, organisation × year heatmap, most-cited
documents over time. Years are always an ordered category axis with every year
between the first and the last, so gaps are visible and 2022.5 never appears.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.charts import colours
from dashboard.charts.base import empty_figure, esc, figure, layout, short, trace, year_categories
from dashboard.model import EVENT_KINDS


def per_year_figure(counts: pd.DataFrame, lang: str = "vi") -> go.Figure:
    """Stacked bars: events per start year, one colour per kind. ``counts``: year, kind, n."""
    lang = i18n.norm_lang(lang)
    title = i18n.t("chart_per_year", lang)
    if counts is None or counts.empty:
        return empty_figure(title, lang)
    years = year_categories(counts["year"])
    wide = _pivot(counts, "year", "kind").reindex(years, fill_value=0)
    kinds = [k for k in EVENT_KINDS if k in wide.columns] + sorted(set(wide.columns) - set(EVENT_KINDS))
    lay = layout(title, x_title=i18n.t("axis_year", lang), y_title=i18n.t("axis_events", lang))
    lay["barmode"] = "stack"
    lay["xaxis"].update(_year_axis(years))
    if wide.sum(axis=1).max() <= 10:  # no "2.5 events" ticks on small counts
        lay["yaxis"]["dtick"] = 1
    return figure([trace(
        "bar", x=years, y=wide[kind].tolist(), name=i18n.kind_label(kind, lang),
        marker={"color": colours.kind_colour(kind)},
        hovertemplate="%{x}: %{y}<extra>" + esc(i18n.kind_label(kind, lang)) + "</extra>") for kind in kinds],
        lay)


def heatmap_figure(counts: pd.DataFrame, lang: str = "vi") -> go.Figure:
    """Organisation × year counts. ``counts``: name, name_en, year, n."""
    lang = i18n.norm_lang(lang)
    title = i18n.t("chart_heatmap", lang)
    if counts is None or counts.empty:
        return empty_figure(title, lang)
    years = year_categories(counts["year"])
    wide = _pivot(counts, "name", "year").reindex(columns=years, fill_value=0)
    wide = wide.loc[wide.sum(axis=1).sort_values(ascending=True).index]  # busiest at the top
    en = counts.drop_duplicates("name").set_index("name")["name_en"].to_dict()
    labels = [i18n.org_label(n, en.get(n) if isinstance(en.get(n), str) else None, lang) for n in wide.index]
    z = wide.to_numpy()
    show_text = z.size <= 400  # numbers in cells only while they stay legible
    height = max(420, 140 + 30 * len(labels))
    lay = layout(title, height=height, x_title=i18n.t("axis_year", lang), y_title=i18n.t("axis_organisation", lang))
    lay["margin"]["l"] = 280
    lay["xaxis"].update(_year_axis(years))
    lay["yaxis"]["type"] = "category"
    return figure([trace(
        "heatmap", z=z, x=years, y=[short(x, 38) for x in labels], colorscale=BLUES, zmin=0,
        text=z if show_text else None, texttemplate="%{text}" if show_text else None,
        hovertemplate="%{y}<br>%{x}: %{z}<extra></extra>",
        colorbar=_count_colorbar(i18n.t("axis_events", lang), int(z.max())), xgap=1, ygap=1)], lay)


def _count_colorbar(title: str, most: int) -> dict:
    """Colour bar of a count: whole-number ticks while counts are small (no "0.5 events")."""
    bar = {"title": {"text": title}, "thickness": 14}
    if most <= 10:
        bar.update(tick0=0, dtick=1)
    return bar


#: Light (few) to dark (many). Given as a list: with validation skipped the name "Blues"
#: reaches plotly.js, whose "Blues" runs the other way (dark for zero).
BLUES = [[0.0, "#f7fbff"], [0.25, "#c6dbef"], [0.5, "#6baed6"], [0.75, "#2171b5"], [1.0, "#08306b"]]


def documents_figure(counts: pd.DataFrame, lang: str = "vi") -> go.Figure:
    """Bubbles: how many filtered articles cite each most-cited document, per year.

    A bubble matrix rather than lines: citations are sparse and lines between
    years would overlap and suggest values in between. ``counts``: label, year, n.
    """
    lang = i18n.norm_lang(lang)
    title = i18n.t("chart_documents", lang)
    if counts is None or counts.empty:
        return empty_figure(title, lang)
    years = year_categories(counts["year"])
    counts = counts.assign(year=counts["year"].astype(int).astype(str), label=counts["label"].astype(str))
    totals = counts.groupby("label")["n"].sum().sort_values(ascending=True)  # most cited on top
    biggest = max(counts["n"].max(), 1)
    traces = []
    per_label = counts.groupby(["label", "year"], as_index=False)["n"].sum()
    groups = dict(tuple(per_label.groupby("label", sort=False)))
    doc_colour = colours.doc_colours(list(totals.index[::-1]))  # most cited first keep their usual colour
    for label in totals.index:
        sub = groups[label]
        n = sub["n"].to_numpy()
        traces.append(trace(
            "scatter", x=sub["year"].tolist(), y=[short(label, 40)] * len(sub), mode="markers+text",
            name=short(label, 40), text=n, textposition="middle center", textfont={"size": 10, "color": "white"},
            marker={"size": 16 + 30 * (n / biggest) ** 0.5, "color": doc_colour[label],
                    "line": {"width": 0}},
            showlegend=False,
            hovertemplate="%{x}: %{text}<extra>" + esc(short(label, 60)) + "</extra>"))
    height = max(380, 160 + 42 * len(totals))
    lay = layout(title, height=height, x_title=i18n.t("axis_year", lang), y_title=i18n.t("axis_lane_docs", lang))
    lay["margin"]["l"] = 300
    lay["xaxis"].update(_year_axis(years))
    lay["yaxis"].update(type="category", categoryorder="array", categoryarray=[short(x, 40) for x in totals.index])
    lay["annotations"] = [{"text": i18n.t("docs_bubble_note", lang), "xref": "paper", "yref": "paper", "x": 1,
                           "y": 1.02, "xanchor": "right", "yanchor": "bottom", "showarrow": False,
                           "font": {"size": 11, "color": "#666"}}]
    return figure(traces, lay)


def _pivot(counts: pd.DataFrame, index: str, columns: str) -> pd.DataFrame:
    """Sum of ``n`` per (index, columns) as a table, years as strings, missing cells 0: what
    ``pivot_table(aggfunc="sum", fill_value=0)`` gives, in a third of its time."""
    counts = counts.assign(year=counts["year"].astype(int).astype(str))
    return counts.groupby([index, columns])["n"].sum().unstack(fill_value=0)


def _year_axis(years: list[str]) -> dict:
    """Years as an ordered category axis (integers would be drawn as 2,022.5 ticks)."""
    return {"type": "category", "categoryorder": "array", "categoryarray": years}

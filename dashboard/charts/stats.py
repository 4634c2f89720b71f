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
from dashboard.charts.base import base_layout, category_year_axis, empty_figure, esc, year_categories
from dashboard.model import EVENT_KINDS


def per_year_figure(counts: pd.DataFrame, lang: str = "vi") -> go.Figure:
    """Stacked bars: events per start year, one colour per kind. ``counts``: year, kind, n."""
    lang = i18n.norm_lang(lang)
    title = i18n.t("chart_per_year", lang)
    if counts is None or counts.empty:
        return empty_figure(title, lang)
    years = year_categories(counts["year"])
    wide = counts.assign(year=counts["year"].astype(int).astype(str)).pivot_table(
        index="year", columns="kind", values="n", aggfunc="sum", fill_value=0).reindex(years, fill_value=0)
    fig = go.Figure()
    kinds = [k for k in EVENT_KINDS if k in wide.columns] + sorted(set(wide.columns) - set(EVENT_KINDS))
    for kind in kinds:
        fig.add_trace(go.Bar(
            x=years, y=wide[kind].tolist(), name=i18n.kind_label(kind, lang),
            marker_color=colours.kind_colour(kind),
            hovertemplate="%{x}: %{y}<extra>" + esc(i18n.kind_label(kind, lang)) + "</extra>"))
    base_layout(fig, title, x_title=i18n.t("axis_year", lang), y_title=i18n.t("axis_events", lang))
    fig.update_layout(barmode="stack")
    category_year_axis(fig, years)
    if wide.sum(axis=1).max() <= 10:  # no "2.5 events" ticks on small counts
        fig.update_yaxes(dtick=1)
    return fig


def heatmap_figure(counts: pd.DataFrame, lang: str = "vi") -> go.Figure:
    """Organisation × year counts. ``counts``: name, name_en, year, n."""
    lang = i18n.norm_lang(lang)
    title = i18n.t("chart_heatmap", lang)
    if counts is None or counts.empty:
        return empty_figure(title, lang)
    years = year_categories(counts["year"])
    wide = counts.assign(year=counts["year"].astype(int).astype(str)).pivot_table(
        index="name", columns="year", values="n", aggfunc="sum", fill_value=0).reindex(columns=years, fill_value=0)
    wide = wide.loc[wide.sum(axis=1).sort_values(ascending=True).index]  # busiest at the top
    en = counts.drop_duplicates("name").set_index("name")["name_en"].to_dict()
    labels = [i18n.org_label(n, en.get(n) if isinstance(en.get(n), str) else None, lang) for n in wide.index]
    z = wide.to_numpy()
    show_text = z.size <= 400  # numbers in cells only while they stay legible
    fig = go.Figure(go.Heatmap(
        z=z, x=years, y=[_short(x) for x in labels], colorscale="Blues", zmin=0,
        text=z if show_text else None, texttemplate="%{text}" if show_text else None,
        hovertemplate="%{y}<br>%{x}: %{z}<extra></extra>",
        colorbar={"title": {"text": i18n.t("axis_events", lang)}, "thickness": 14}, xgap=1, ygap=1))
    height = max(420, 140 + 30 * len(labels))
    base_layout(fig, title, height=height, x_title=i18n.t("axis_year", lang),
                y_title=i18n.t("axis_organisation", lang))
    fig.update_layout(margin={"l": 280})
    category_year_axis(fig, years)
    fig.update_yaxes(type="category")
    return fig


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
    fig = go.Figure()
    for label in totals.index:
        sub = counts[counts["label"] == label].groupby("year", as_index=False)["n"].sum()
        fig.add_trace(go.Scatter(
            x=sub["year"], y=[_short(label, 40)] * len(sub), mode="markers+text", name=_short(label, 40),
            text=sub["n"], textposition="middle center", textfont={"size": 10, "color": "white"},
            marker={"size": 16 + 30 * (sub["n"] / biggest) ** 0.5, "color": colours.doc_colour(label),
                    "line": {"width": 0}},
            showlegend=False,
            hovertemplate="%{x}: %{text}<extra>" + esc(_short(label, 60)) + "</extra>"))
    height = max(380, 160 + 42 * len(totals))
    base_layout(fig, title, height=height, x_title=i18n.t("axis_year", lang),
                y_title=i18n.t("axis_lane_docs", lang))
    fig.update_layout(margin={"l": 300})
    category_year_axis(fig, years)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[_short(x, 40) for x in totals.index])
    fig.add_annotation(text=i18n.t("docs_bubble_note", lang),
                       xref="paper", yref="paper", x=1, y=1.02, xanchor="right", yanchor="bottom",
                       showarrow=False, font={"size": 11, "color": "#666"})
    return fig


def _short(label: str, width: int = 38) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"

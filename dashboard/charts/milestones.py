"""Policy documents on the timeline: issue-date diamonds and Gantt bars.

A document with a programme period (giai đoạn 2023-2025) gets a solid bar over
those years; one with a numeric horizon (đến năm 2030) gets a lighter, hatched
bar from its issue date to the end of the horizon year. A horizon without an
issue date has no honest start, so no bar is drawn for it (its diamond lane
still lists it when it has an issue date). Documents without a bar share one
"Documents" lane with their diamonds.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.charts import colours
from dashboard.charts.base import date_label, esc

MAX_DOC_LANES = 8  # beyond this the Gantt crowds out the events
MAX_LABELLED = 6  # diamonds in the shared lane carry their symbol up to this many
DAY_MS = 86_400_000


def _label(row) -> str:
    label = next((str(row.get(k)) for k in ("symbol", "name", "document_id") if not _isna(row.get(k))), "?")
    return label if len(label) <= 42 else label[:40] + "…"


def _isna(v) -> bool:
    return v is None or (not isinstance(v, str) and pd.isna(v))


def document_bars(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per Gantt bar: document label, kind of bar, first and last day."""
    rows = []
    for _, d in docs.iterrows():
        if not _isna(d.get("period_start")) and not _isna(d.get("period_end")):
            rows.append({"document_id": d["document_id"], "label": _label(d), "bar": "period",
                         "start": dt.date(int(d["period_start"]), 1, 1),
                         "end": dt.date(int(d["period_end"]), 12, 31), "doc": d})
        if not _isna(d.get("horizon_year")) and not _isna(d.get("issued_day")):
            start = pd.Timestamp(d["issued_day"]).date()
            end = dt.date(int(d["horizon_year"]), 12, 31)
            if end > start:
                rows.append({"document_id": d["document_id"], "label": _label(d), "bar": "horizon",
                             "start": start, "end": end, "doc": d})
    return pd.DataFrame(rows, columns=["document_id", "label", "bar", "start", "end", "doc"])


def document_lanes(docs: pd.DataFrame, lang: str, years: tuple = (None, None)
                   ) -> tuple[list[str], dict[str, int], pd.DataFrame]:
    """Lane labels for documents (Gantt lanes first, then the shared lane), the
    lane index of each document id, and the bars to draw. With ``years`` only
    bars overlapping those years get a lane (the others would be off-screen)."""
    if docs is None or docs.empty:
        return [], {}, document_bars(pd.DataFrame())
    bars = document_bars(docs)
    if years[0] is not None:
        bars = bars[bars["end"].map(lambda e: e.year >= years[0]).astype(bool)]
    if years[1] is not None:
        bars = bars[bars["start"].map(lambda s: s.year <= years[1]).astype(bool)]
    rank = docs.assign(_n=docs.get("n_mentions_shown", 0)).sort_values("_n", ascending=False)
    with_bars = [d for d in rank["document_id"] if d in set(bars["document_id"])][:MAX_DOC_LANES]
    # Bars keep time order top to bottom, which reads as the policy lineage.
    first_start = bars.groupby("document_id")["start"].min()
    with_bars.sort(key=lambda d: first_start[d])
    bars = bars[bars["document_id"].isin(with_bars)]
    lanes = [bars.loc[bars["document_id"] == d, "label"].iloc[0] for d in with_bars]
    lane_of = {d: i for i, d in enumerate(with_bars)}
    if docs["issued_day"].notna().any() and not set(docs.loc[docs["issued_day"].notna(), "document_id"]) <= set(with_bars):
        lanes.append(i18n.t("axis_lane_docs", lang))
    shared = len(lanes) - 1
    for d in docs["document_id"]:
        lane_of.setdefault(d, shared)
    return lanes, lane_of, bars


def _doc_hover(d, lang: str) -> str:
    name = next((d.get(k) for k in ("name", "symbol", "document_id") if not _isna(d.get(k))), "?")
    lines = [f"<b>{esc(name)}</b>",
             esc(i18n.doc_kind_label(d.get("kind"), lang))]
    if not _isna(d.get("issued")):
        precision = {10: "day", 7: "month"}.get(len(str(d["issued"])), "year")
        lines.append(f"{i18n.t('hover_issued', lang)}: {date_label(d['issued'], None, precision, lang)}")
    if not _isna(d.get("issuer")):
        lines.append(f"{i18n.t('col_issuer', lang)}: {esc(d['issuer'])}")
    if not _isna(d.get("subject")):
        lines.append(esc(d["subject"])[:120])
    if not _isna(d.get("horizon")):
        lines.append(f"{i18n.t('col_horizon', lang)}: {esc(d['horizon'])}")
    if not _isna(d.get("period")):
        lines.append(f"{i18n.t('col_period', lang)}: {esc(d['period'])}")
    return "<br>".join(lines)


def add_documents(fig: go.Figure, docs: pd.DataFrame, lane_of: dict[str, int], bars: pd.DataFrame,
                  lang: str) -> None:
    """Draw the Gantt bars and the issue-date diamonds onto ``fig`` (y = lane index)."""
    for kind, colour, key, pattern in (("period", colours.PERIOD, "legend_period", ""),
                                       ("horizon", colours.HORIZON, "legend_horizon", "/")):
        sub = bars[bars["bar"] == kind]
        if sub.empty:
            continue
        fig.add_trace(go.Bar(
            name=i18n.t(key, lang), orientation="h", y=[lane_of[d] for d in sub["document_id"]],
            base=[s.isoformat() for s in sub["start"]],
            x=[((e - s).days + 1) * DAY_MS for s, e in zip(sub["start"], sub["end"])],
            width=0.5, marker={"color": colour, "pattern": {"shape": pattern, "fgcolor": colours.PERIOD},
                               "line": {"width": 0}},
            hovertext=[f"{_doc_hover(d, lang)}<br>{s.year}–{e.year}"
                       for d, s, e in zip(sub["doc"], sub["start"], sub["end"])],
            hoverinfo="text", legendgroup="docs-" + kind, meta={"role": kind}))
    issued = docs[docs["issued_day"].notna()] if docs is not None and not docs.empty else pd.DataFrame()
    if not issued.empty:
        shared = set(issued["document_id"]) - set(bars["document_id"])
        if len(shared) > MAX_LABELLED:  # labels would overprint each other: hover only
            shared = set()
        fig.add_trace(go.Scatter(
            name=i18n.t("legend_issued", lang), mode="markers+text",
            x=pd.to_datetime(issued["issued_day"]), y=[lane_of[d] for d in issued["document_id"]],
            marker={"symbol": "diamond", "size": 13, "color": colours.DOCUMENT,
                    "line": {"color": "white", "width": 1}},
            # Diamonds in the shared lane carry their symbol; Gantt lanes are labelled already.
            text=[_label(r) if r["document_id"] in shared else "" for _, r in issued.iterrows()],
            textposition="top center", textfont={"size": 10, "color": colours.DOCUMENT},
            hovertext=[_doc_hover(r, lang) for _, r in issued.iterrows()], hoverinfo="text",
            legendgroup="docs-issued", meta={"role": "issued"}))

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

from dashboard import i18n
from dashboard.charts import colours
from dashboard.charts.base import date_label, esc, texts, trace

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
    if docs is not None and not docs.empty:
        # Only the few documents with a period or a horizon become rows (a loop over
        # thousands of pandas rows cost seconds); "doc" holds the document as a dict.
        has_period = _present(docs, "period_start") & _present(docs, "period_end")
        has_horizon = _present(docs, "horizon_year") & _present(docs, "issued_day")
        for d in docs[has_period | has_horizon].to_dict("records"):
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


def _present(docs: pd.DataFrame, col: str) -> pd.Series:
    return docs[col].notna() if col in docs.columns else pd.Series(False, index=docs.index)


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
    barred = set(bars["document_id"])  # once: rebuilt per document it made this quadratic
    with_bars = [d for d in rank.loc[rank["document_id"].isin(barred), "document_id"]][:MAX_DOC_LANES]
    # Bars keep time order top to bottom, which reads as the policy lineage.
    first_start = bars.groupby("document_id")["start"].min()
    with_bars.sort(key=lambda d: first_start[d])
    bars = bars[bars["document_id"].isin(with_bars)]
    first_label = bars.drop_duplicates("document_id").set_index("document_id")["label"]
    lanes = [first_label[d] for d in with_bars]
    lane_of = {d: i for i, d in enumerate(with_bars)}
    issued_ids = docs.loc[docs["issued_day"].notna(), "document_id"]
    if len(issued_ids) and not set(issued_ids) <= set(with_bars):
        lanes.append(i18n.t("axis_lane_docs", lang))
    shared = len(lanes) - 1
    lane_of = {**dict.fromkeys(docs["document_id"].tolist(), shared), **lane_of}
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


def document_traces(docs: pd.DataFrame, lane_of: dict[str, int], bars: pd.DataFrame, lang: str) -> list[dict]:
    """The Gantt bars and the issue-date diamonds as trace dicts (y = lane index)."""
    traces = []
    for kind, colour, key, pattern in (("period", colours.PERIOD, "legend_period", ""),
                                       ("horizon", colours.HORIZON, "legend_horizon", "/")):
        sub = bars[bars["bar"] == kind]
        if sub.empty:
            continue
        traces.append(trace(
            "bar", name=i18n.t(key, lang), orientation="h", y=[lane_of[d] for d in sub["document_id"]],
            base=[s.isoformat() for s in sub["start"]],
            x=[((e - s).days + 1) * DAY_MS for s, e in zip(sub["start"], sub["end"])],
            width=0.5, marker={"color": colour, "pattern": {"shape": pattern, "fgcolor": colours.PERIOD},
                               "line": {"width": 0}},
            hovertext=texts([f"{_doc_hover(d, lang)}<br>{s.year}–{e.year}"
                             for d, s, e in zip(sub["doc"], sub["start"], sub["end"])]),
            hoverinfo="text", legendgroup="docs-" + kind, meta={"role": kind}))
    issued = docs[docs["issued_day"].notna()] if docs is not None and not docs.empty else pd.DataFrame()
    if not issued.empty:
        shared = set(issued["document_id"]) - set(bars["document_id"])
        if len(shared) > MAX_LABELLED:  # labels would overprint each other: hover only
            shared = set()
        records = issued.to_dict("records")  # dicts: iterrows builds a Series per row (seconds at 10k)
        traces.append(trace(
            "scatter", name=i18n.t("legend_issued", lang), mode="markers+text",
            x=pd.to_datetime(issued["issued_day"]).to_numpy(), y=[lane_of[d] for d in issued["document_id"]],
            marker={"symbol": "diamond", "size": 13, "color": colours.DOCUMENT,
                    "line": {"color": "white", "width": 1}},
            # Diamonds in the shared lane carry their symbol; Gantt lanes are labelled already.
            text=texts([_label(r) if r["document_id"] in shared else "" for r in records]),
            textposition="top center", textfont={"size": 10, "color": colours.DOCUMENT},
            hovertext=texts([_doc_hover(r, lang) for r in records]), hoverinfo="text",
            legendgroup="docs-issued", meta={"role": "issued"}))
    return traces

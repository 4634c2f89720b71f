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

import numpy as np
import pandas as pd

from dashboard import i18n
from dashboard.charts import colours
from dashboard.charts.base import date_label, esc, texts, trace

MAX_DOC_LANES = 8  # beyond this the Gantt crowds out the events
MAX_LABELLED = 6  # diamonds in the shared lane carry their symbol up to this many
# Issue-date diamonds drawn at most. Beyond a few thousand they cover the lane as a solid
# band, and each carries a hover text: 42,000 of them (a 100k-article store) made a 12 MB
# figure the browser took ~10 s to draw. The most cited are kept; the legend says so.
MAX_DIAMONDS = 1500
DAY_MS = 86_400_000


def _label(row) -> str:
    label = next((str(row.get(k)) for k in ("symbol", "name", "document_id") if not _isna(row.get(k))), "?")
    return label if len(label) <= 42 else label[:40] + "…"


def _isna(v) -> bool:
    return v is None or (not isinstance(v, str) and pd.isna(v))


def document_bars(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per Gantt bar: document label, kind of bar, first and last day, and
    ``row``, the document's position in ``docs``."""
    rows = []
    if docs is not None and not docs.empty:
        # Only the documents with a period or a horizon become rows, read column by column
        # (a loop over thousands of pandas rows, or to_dict, cost a tenth of a second).
        has_period = _present(docs, "period_start") & _present(docs, "period_end")
        has_horizon = _present(docs, "horizon_year") & _present(docs, "issued_day")
        pos = np.flatnonzero((has_period | has_horizon).to_numpy())
        sub = docs.iloc[pos]
        cols = {k: sub[k].tolist() if k in sub.columns else [None] * len(sub)
                for k in ("document_id", "symbol", "name", "period_start", "period_end", "horizon_year",
                          "issued_day")}
        for i, row in enumerate(pos.tolist()):
            d = {k: v[i] for k, v in cols.items()}
            if not _isna(d["period_start"]) and not _isna(d["period_end"]):
                rows.append({"document_id": d["document_id"], "label": _label(d), "bar": "period",
                             "start": dt.date(int(d["period_start"]), 1, 1),
                             "end": dt.date(int(d["period_end"]), 12, 31), "row": row})
            if not _isna(d["horizon_year"]) and not _isna(d["issued_day"]):
                start = pd.Timestamp(d["issued_day"]).date()
                end = dt.date(int(d["horizon_year"]), 12, 31)
                if end > start:
                    rows.append({"document_id": d["document_id"], "label": _label(d), "bar": "horizon",
                                 "start": start, "end": end, "row": row})
    return pd.DataFrame(rows, columns=["document_id", "label", "bar", "start", "end", "row"])


def _present(docs: pd.DataFrame, col: str) -> pd.Series:
    return docs[col].notna() if col in docs.columns else pd.Series(False, index=docs.index)


def document_lanes(docs: pd.DataFrame, lang: str, years: tuple = (None, None)
                   ) -> tuple[list[str], dict[str, int], pd.DataFrame]:
    """Lane labels for documents (Gantt lanes first, then the shared lane), the
    lane index of each document id, and the bars to draw (with ``doc``, the
    document as a dict). With ``years`` only bars overlapping those years get a
    lane (the others would be off-screen)."""
    if docs is None or docs.empty:
        return [], {}, _with_docs(document_bars(pd.DataFrame()), docs)
    bars = document_bars(docs)
    if years[0] is not None:
        bars = bars[np.array([e.year >= years[0] for e in bars["end"]], dtype=bool)]
    if years[1] is not None:
        bars = bars[np.array([s.year <= years[1] for s in bars["start"]], dtype=bool)]
    # Ranked by citations under the filter; ties keep the frame's order (issue date, label).
    # A stable sort: quicksort ordered ties by the whole column (and the CPU's sort kernel),
    # so the Gantt lanes depended on documents that were never drawn.
    n = docs["n_mentions_shown"] if "n_mentions_shown" in docs.columns else 0
    rank = docs[["document_id"]].assign(_n=n).sort_values("_n", ascending=False, kind="stable")
    barred = set(bars["document_id"])  # once: rebuilt per document it made this quadratic
    with_bars = [d for d in rank.loc[rank["document_id"].isin(barred), "document_id"]][:MAX_DOC_LANES]
    # Bars keep time order top to bottom, which reads as the policy lineage.
    first_start: dict = {}
    chosen = set(with_bars)
    for d, start in zip(bars["document_id"], bars["start"]):
        if d in chosen and (d not in first_start or start < first_start[d]):
            first_start[d] = start
    with_bars.sort(key=lambda d: first_start[d])
    bars = _with_docs(bars[bars["document_id"].isin(with_bars)], docs)
    first_label = bars.drop_duplicates("document_id").set_index("document_id")["label"]
    lanes = [first_label[d] for d in with_bars]
    lane_of = {d: i for i, d in enumerate(with_bars)}
    issued_ids = docs.loc[docs["issued_day"].notna(), "document_id"]
    if len(issued_ids) and not set(issued_ids) <= set(with_bars):
        lanes.append(i18n.t("axis_lane_docs", lang))
    shared = len(lanes) - 1
    lane_of = {**dict.fromkeys(docs["document_id"].tolist(), shared), **lane_of}
    return lanes, lane_of, bars


def _with_docs(bars: pd.DataFrame, docs: pd.DataFrame | None) -> pd.DataFrame:
    """``bars`` with ``doc``, its document's row as a dict, in place of ``row`` (few bars get drawn)."""
    records = docs.iloc[bars["row"].tolist()].to_dict("records") if len(bars) else []
    return bars.drop(columns=["row"]).assign(doc=records)


def _doc_hovers(docs: pd.DataFrame, lang: str) -> list[str]:
    """``_doc_hover`` of every row, built column by column: thousands of diamonds have
    one each, and a loop over row dicts (``to_dict`` alone) cost a tenth of a second."""
    def col(k: str) -> pd.Series:
        return docs[k] if k in docs.columns else pd.Series(None, index=docs.index, dtype=object)

    def escaped(v: pd.Series) -> pd.Series:
        return v.astype(str).str.replace("&", "&amp;").str.replace("<", "&lt;").str.replace(">", "&gt;")

    def line(v: pd.Series, text: pd.Series, head: str) -> pd.Series:
        """"<br>head text" where ``v`` has a value, else ""."""
        return ("<br>" + head + text).where(_present_values(v), "")

    name = col("name")
    for fallback in (col("symbol"), col("document_id")):
        name = name.where(_present_values(name), fallback)
    name = name.where(_present_values(name), "?")
    kinds = {k: esc(i18n.doc_kind_label(k, lang)) for k in set(col("kind").tolist())}
    issued = col("issued")
    when = {v: date_label(v, None, {10: "day", 7: "month"}.get(len(str(v)), "year"), lang)
            for v in set(issued[_present_values(issued)].tolist())}
    issuer, subject, horizon, period = col("issuer"), col("subject"), col("horizon"), col("period")
    text = ("<b>" + escaped(name) + "</b><br>" + col("kind").map(kinds).astype(str)
            + line(issued, issued.map(when).astype(str), f"{i18n.t('hover_issued', lang)}: ")
            + line(issuer, escaped(issuer), f"{i18n.t('col_issuer', lang)}: ")
            + line(subject, escaped(subject).str.slice(0, 120), "")
            + line(horizon, escaped(horizon), f"{i18n.t('col_horizon', lang)}: ")
            + line(period, escaped(period), f"{i18n.t('col_period', lang)}: "))
    return text.tolist()


def _present_values(v: pd.Series) -> pd.Series:
    """Not missing, as ``_isna`` means it (None, NaN, NaT, NA)."""
    return v.notna()


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
    name = i18n.t("legend_issued", lang)
    # The query may have cut the list already (``documents(top_issued=...)``) and says how long it was.
    total = int(issued["n_issued_total"].iloc[0]) if "n_issued_total" in issued.columns and len(issued) else len(issued)
    if total > MAX_DIAMONDS:
        issued = most_cited(issued, set(bars["document_id"]))
        name = i18n.t("legend_issued_top", lang, shown=i18n.number(len(issued), lang), total=i18n.number(total, lang))
    if not issued.empty:
        shared = set(issued["document_id"]) - set(bars["document_id"])
        if len(shared) > MAX_LABELLED:  # labels would overprint each other: hover only
            shared = set()
        ids = issued["document_id"].tolist()
        labelled = {}  # the few labelled diamonds, as dicts for _label
        if shared:
            labelled = {r["document_id"]: _label(r) for r in issued[issued["document_id"].isin(shared)].to_dict("records")}
        traces.append(trace(
            "scatter", name=name, mode="markers+text",
            x=pd.to_datetime(issued["issued_day"]).to_numpy(), y=[lane_of[d] for d in ids],
            marker={"symbol": "diamond", "size": 13, "color": colours.DOCUMENT,
                    "line": {"color": "white", "width": 1}},
            # Diamonds in the shared lane carry their symbol; Gantt lanes are labelled already.
            text=texts([labelled.get(d, "") for d in ids]),
            textposition="top center", textfont={"size": 10, "color": colours.DOCUMENT},
            hovertext=texts(_doc_hovers(issued, lang)), hoverinfo="text",
            legendgroup="docs-issued", meta={"role": "issued"}))
    return traces


def most_cited(issued: pd.DataFrame, keep: set) -> pd.DataFrame:
    """The ``MAX_DIAMONDS`` documents of ``issued`` cited most under the filter, in their
    original order; documents with a Gantt bar (``keep``) always stay. Ties: earlier rows."""
    n = issued["n_mentions_shown"] if "n_mentions_shown" in issued.columns else pd.Series(0, index=issued.index)
    barred = issued["document_id"].isin(keep)
    order = issued.assign(_n=n, _bar=barred).sort_values(["_bar", "_n"], ascending=False, kind="stable")
    chosen = order.index[:max(MAX_DIAMONDS, int(barred.sum()))]
    return issued.loc[issued.index.isin(chosen)]

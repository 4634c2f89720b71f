"""Gantt lanes for policy documents: which documents get a bar, and in which lane.

A document with a programme period (giai đoạn 2023-2025) gets a bar over those
years; one with a numeric horizon (đến năm 2030) a bar from its issue date (or the end
of its period, when it has one: "giai đoạn 2024-2030, tầm nhìn đến năm 2045") to the
end of the horizon year. Only the ``MAX_DOC_LANES`` most cited documents with a
bar in the filter's years get a lane of their own; ``milestones`` draws them.
``query.timeline_documents`` makes the same choice in SQL, so that only those
documents leave the store; this module still decides from whatever frame it gets.
"""
from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from dashboard import i18n

MAX_DOC_LANES = 8  # beyond this the Gantt crowds out the events
DAY_MS = 86_400_000


#: Longest document label; the timeline cuts its lane ticks at this width too, so a label shows whole.
LABEL_WIDTH = 42


def doc_label(row) -> str:
    """A document's short name for a lane or a diamond: symbol, name or id, at most ``LABEL_WIDTH`` characters.

    A long name cut short keeps its period at the end ("Chương trình phối hợp về… 2023–2025"):
    programmes are named alike and the cut fell on the words that told them apart.
    """
    label = next((str(row.get(k)) for k in ("symbol", "name", "document_id") if not is_missing(row.get(k))), "?")
    if len(label) <= LABEL_WIDTH:
        return label
    first, last = row.get("period_start"), row.get("period_end")
    if is_missing(first) or is_missing(last):
        return label[:LABEL_WIDTH - 2] + "…"
    first, last = int(first), int(last)
    span = f"{first}–{last}"
    head = re.sub(rf"\s*{first}\s*[-–]\s*{last}\s*$", "", label)  # the period written at the end
    return head[:LABEL_WIDTH - len(span) - 2].rstrip() + "… " + span


def is_missing(v) -> bool:
    """None, NaN, NaT or NA (a string never is: checked first, as most values are strings)."""
    return v is None or (not isinstance(v, str) and pd.isna(v))


_BAR_FIELDS = ("document_id", "symbol", "name", "period_start", "period_end", "horizon_year", "issued_day")
_BAR_COLUMNS = ["document_id", "label", "bar", "start", "end", "row"]


def document_bars(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per Gantt bar: document label, kind of bar, first and last day, and
    ``row``, the document's position in ``docs``."""
    if docs is None or docs.empty:
        return pd.DataFrame([], columns=_BAR_COLUMNS)
    return pd.DataFrame(_bar_rows(docs, _barred_positions(docs)), columns=_BAR_COLUMNS)


def _bar_rows(docs: pd.DataFrame, pos: np.ndarray) -> list[dict]:
    """The bars (as ``document_bars`` rows) of the documents at positions ``pos``, in that order.

    Read column by column, and only the columns and rows needed: a loop over thousands
    of pandas rows, or to_dict, cost a tenth of a second.
    """
    cols = {k: docs[k].iloc[pos].tolist() if k in docs.columns else [None] * len(pos) for k in _BAR_FIELDS}
    rows = []
    for i, row in enumerate(pos.tolist()):
        d = {k: v[i] for k, v in cols.items()}
        if not is_missing(d["period_start"]) and not is_missing(d["period_end"]):
            rows.append({"document_id": d["document_id"], "label": doc_label(d), "bar": "period",
                         "start": dt.date(int(d["period_start"]), 1, 1),
                         "end": dt.date(int(d["period_end"]), 12, 31), "row": row})
        if not is_missing(d["horizon_year"]) and not is_missing(d["issued_day"]):
            start = pd.Timestamp(d["issued_day"]).date()
            if rows and rows[-1]["row"] == row:  # after its period: a bar over it hid it in the PDF
                start = max(start, rows[-1]["end"] + dt.timedelta(days=1))
            end = dt.date(int(d["horizon_year"]), 12, 31)
            if end > start:
                rows.append({"document_id": d["document_id"], "label": doc_label(d), "bar": "horizon",
                             "start": start, "end": end, "row": row})
    return rows


def _barred_positions(docs: pd.DataFrame) -> np.ndarray:
    """Positions of the documents that may have a bar (a period, or a horizon and an issue day)."""
    has_period = _present(docs, "period_start") & _present(docs, "period_end")
    has_horizon = _present(docs, "horizon_year") & _present(docs, "issued_day")
    return np.flatnonzero((has_period | has_horizon).to_numpy())


def _present(docs: pd.DataFrame, col: str) -> pd.Series:
    return docs[col].notna() if col in docs.columns else pd.Series(False, index=docs.index)


def _in_years(bar: dict, years: tuple) -> bool:
    """The bar overlaps ``years`` (first, last; None is open)."""
    return ((years[0] is None or bar["end"].year >= years[0])
            and (years[1] is None or bar["start"].year <= years[1]))


def _lane_bars(docs: pd.DataFrame, years: tuple) -> tuple[list[int], list[dict]]:
    """The ``MAX_DOC_LANES`` documents with a bar in ``years`` cited most under the filter
    (positions in ``docs``, most cited first; ties keep the frame's order: issue date,
    label) and their bars in ``years`` (``document_bars`` rows, in frame order).

    A stable sort: quicksort ordered ties by the whole column (and the CPU's sort kernel),
    so the Gantt lanes depended on documents that were never drawn. Bars are built in rank
    order, a few documents at a time, until enough have one: building the bars of every
    document (thousands in a large view) to keep eight cost ~30 ms per filter change.
    """
    n = (docs["n_mentions_shown"].reset_index(drop=True) if "n_mentions_shown" in docs.columns
         else pd.Series(0, index=pd.RangeIndex(len(docs))))
    rank = n.sort_values(ascending=False, kind="stable")  # positions, most cited first
    candidates = rank.index.to_numpy()
    candidates = candidates[np.isin(candidates, _barred_positions(docs))]
    chosen: list[int] = []
    rows: list[dict] = []
    step = 2 * MAX_DOC_LANES
    for lo in range(0, len(candidates), step):
        batch = candidates[lo:lo + step]
        found = [r for r in _bar_rows(docs, batch) if _in_years(r, years)]
        barred = {r["row"] for r in found}
        for p in batch.tolist():
            if p in barred and len(chosen) < MAX_DOC_LANES:
                chosen.append(p)
        rows += found
        if len(chosen) >= MAX_DOC_LANES:
            break
    keep = set(chosen)
    # Frame order, a document's period bar before its horizon bar, as document_bars gives them.
    rows = sorted((r for r in rows if r["row"] in keep), key=lambda r: (r["row"], r["bar"] == "horizon"))
    return chosen, rows


def document_lanes(docs: pd.DataFrame, lang: str, years: tuple = (None, None)
                   ) -> tuple[list[str], dict[str, int], pd.DataFrame]:
    """Lane labels for documents (Gantt lanes first, then the shared lane), the
    lane index of each document id, and the bars to draw (with ``doc``, the
    document as a dict). With ``years`` only bars overlapping those years get a
    lane (the others would be off-screen)."""
    if docs is None or docs.empty:
        return [], {}, _with_docs(document_bars(pd.DataFrame()), docs)
    positions, rows = _lane_bars(docs, years)
    ids = docs["document_id"].tolist()
    with_bars = [ids[p] for p in positions]
    # Bars keep time order top to bottom, which reads as the policy lineage.
    first_start: dict = {}
    first_label: dict = {}
    for r in rows:
        d = r["document_id"]
        if d not in first_start or r["start"] < first_start[d]:
            first_start[d] = r["start"]
        first_label.setdefault(d, r["label"])
    with_bars.sort(key=lambda d: first_start[d])
    bars = _with_docs(pd.DataFrame(rows, columns=_BAR_COLUMNS), docs)
    lanes = [first_label[d] for d in with_bars]
    lane_of = {d: i for i, d in enumerate(with_bars)}
    chosen = set(with_bars)
    if any(ids[p] not in chosen for p in np.flatnonzero(docs["issued_day"].notna().to_numpy()).tolist()):
        lanes.append(i18n.t("axis_lane_docs", lang))
    shared = len(lanes) - 1
    lane_of = {**dict.fromkeys(ids, shared), **lane_of}
    return lanes, lane_of, bars


def _with_docs(bars: pd.DataFrame, docs: pd.DataFrame | None) -> pd.DataFrame:
    """``bars`` with ``doc``, its document's row as a dict, in place of ``row`` (few bars get drawn)."""
    records = docs.iloc[bars["row"].tolist()].to_dict("records") if len(bars) else []
    return bars.drop(columns=["row"]).assign(doc=records)

"""Policy documents on the timeline: issue-date diamonds and Gantt bars.

A document with a programme period (giai đoạn 2023-2025) gets a solid bar over
those years; one with a numeric horizon (đến năm 2030) gets a lighter, hatched
bar from its issue date to the end of the horizon year. A horizon without an
issue date has no honest start, so no bar is drawn for it (its diamond lane
still lists it when it has an issue date). Documents without a bar share one
"Documents" lane with their diamonds. Which documents get a Gantt lane is
decided in ``gantt``; this module draws the bars and the diamonds.
"""
from __future__ import annotations

import pandas as pd

from dashboard import i18n
from dashboard.charts import colours
from dashboard.charts.base import date_label, esc, texts, trace
# The Gantt lanes live in ``gantt``; re-exported here, where callers found them before.
from dashboard.charts.gantt import (DAY_MS, MAX_DOC_LANES, doc_label, document_bars,  # noqa: F401
                                    document_lanes, is_missing)

MAX_LABELLED = 6  # diamonds in the shared lane carry their symbol up to this many
# Issue-date diamonds drawn at most. Beyond a few thousand they cover the lane as a solid
# band, and each carries a hover text: 42,000 of them (a 100k-article store) made a 12 MB
# figure the browser took ~10 s to draw. The most cited are kept; the legend says so.
MAX_DIAMONDS = 1500


def _doc_hovers(docs: pd.DataFrame, lang: str) -> list[str]:
    """Hover text of every document of ``docs``: name, kind, issue date, issuer, subject,
    horizon and period, each line only when known. Thousands of diamonds have one each.

    The same lines from plain column lists, with the header words and date labels
    looked up once: a loop over row dicts (``to_dict`` alone) cost a tenth of a second,
    and pandas string operations per column still ~8 ms for 1,500 diamonds.
    """
    n = len(docs)
    cols = [docs[k].tolist() if k in docs.columns else [None] * n for k in _HOVER_FIELDS]
    issued_head = f"{i18n.t('hover_issued', lang)}: "
    issuer_head = f"{i18n.t('col_issuer', lang)}: "
    horizon_head = f"{i18n.t('col_horizon', lang)}: "
    period_head = f"{i18n.t('col_period', lang)}: "
    kinds: dict = {}
    when: dict = {}

    def missing(v) -> bool:  # ``is_missing``, quicker for strings and the NaN of a missing string
        return not isinstance(v, str) and (v != v if isinstance(v, float) else is_missing(v))

    out = []
    for name, symbol, doc_id, kind, issued, issuer, subject, horizon, period in zip(*cols):
        label = name if not missing(name) else symbol if not missing(symbol) else doc_id if not missing(doc_id) else "?"
        k = kinds.get(kind)
        if k is None:
            k = kinds[kind] = esc(i18n.doc_kind_label(kind, lang))
        lines = [f"<b>{esc(label)}</b>", k]
        if not missing(issued):
            w = when.get(issued)
            if w is None:
                precision = {10: "day", 7: "month"}.get(len(str(issued)), "year")
                w = when[issued] = date_label(issued, None, precision, lang)
            lines.append(issued_head + w)
        if not missing(issuer):
            lines.append(issuer_head + esc(issuer))
        if not missing(subject):
            lines.append(esc(subject)[:120])
        if not missing(horizon):
            lines.append(horizon_head + esc(horizon))
        if not missing(period):
            lines.append(period_head + esc(period))
        out.append("<br>".join(lines))
    return out


_HOVER_FIELDS = ("name", "symbol", "document_id", "kind", "issued", "issuer", "subject", "horizon", "period")


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
            hovertext=texts([f"{h}<br>{s.year}–{e.year}" for h, s, e in zip(
                _doc_hovers(pd.DataFrame(sub["doc"].tolist()), lang), sub["start"], sub["end"])]),
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
        labelled = {}  # the few labelled diamonds, as dicts for doc_label
        if shared:
            rows = issued[issued["document_id"].isin(shared)].to_dict("records")
            labelled = {r["document_id"]: doc_label(r) for r in rows}
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

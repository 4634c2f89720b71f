"""Data-quality page: undated articles, inferred dates, unresolved day-months,
quarantined files. Corpus-wide: these are properties of the store, not of a view."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import i18n, warning_text
from dashboard.app import data, layout
from dashboard.app.labels import tr
from dashboard.charts.base import date_label

view = st.session_state["view"]
lang = view.lang
tables = data.quality()
# (key in data_quality(), section title, {column: label key}); other columns are hidden.
SECTIONS = (
    ("undated_articles", "dq_undated", {"path": "col_path", "title": "col_title", "inferred_start": "col_inferred_from",
                                        "inferred_end": "col_inferred_to", "inferred_reason": "col_reason"}),
    ("inferred_dates", "dq_inferred", {"date": "col_date", "kind": "col_kind",
                                       "title": "col_title", "evidence": "col_evidence", "path": "col_path"}),
    ("unresolved_day_months", "dq_unresolved", {"path": "col_path", "title": "col_title",
                                                "warning": "col_warning"}),
    ("publication_dates", "dq_published", {"path": "col_path", "title": "col_title", "warning": "col_warning"}),
    ("ingest_errors", "dq_errors", {"path": "col_path", "reason": "col_reason", "detail": "col_detail"}),
)
for key, title_key, columns in SECTIONS:
    frame = tables.get(key)
    n = 0 if frame is None else len(frame)
    with st.expander(f"{i18n.t(title_key, lang)} ({i18n.number(n, lang)})", expanded=n > 0):
        if not n:
            st.caption(tr("dq_none", lang))
            continue
        shown = frame[[c for c in columns if c in frame.columns]].copy()
        if "kind" in shown:
            shown["kind"] = [i18n.kind_label(k, lang) for k in shown["kind"]]
        if "date" in shown:
            shown["date"] = [date_label(layout.cell(d) or None, layout.cell(e) or None, layout.cell(p) or "day", lang)
                             for d, e, p in zip(frame["date"], frame["date_end"], frame["precision"])]
        for c in ("inferred_start", "inferred_end"):
            if c in shown:
                shown[c] = [layout.iso_label(str(v)[:10], lang) if pd.notna(v) else "" for v in shown[c]]
        # Stored in English (scripts read them); shown in the reader's language.
        for c in ("warning", "inferred_reason", "detail"):
            if c in shown:
                shown[c] = [warning_text.shown(str(v), lang) if pd.notna(v) else "" for v in shown[c]]
        if "reason" in shown:  # a quarantine reason code
            shown["reason"] = [warning_text.reason(v, lang) for v in shown["reason"]]
        if "path" in shown:
            shown["path"] = [layout.short_path(p) for p in shown["path"]]
        shown = shown.fillna("").rename(columns={c: tr(columns[c], lang) for c in shown.columns})
        st.dataframe(shown, hide_index=True, width="stretch", key=f"dq_{key}")

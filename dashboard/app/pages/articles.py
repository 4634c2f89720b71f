"""Articles page: the filtered articles, and one article's text with dates,
documents, organisations and people highlighted.

Article text is untrusted: it is escaped by ``highlight.highlight_html`` and
shown with ``st.html`` (no markdown pass); titles and warnings use ``st.text``.
"""
from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from dashboard import i18n, warning_text
from dashboard.app import data, layout
from dashboard.app.highlight import Span, highlight_html, legend_html
from dashboard.app.labels import tr

view = st.session_state["view"]
lang = view.lang
arts = data.articles(view.f)
if arts.empty:
    st.info(tr("no_articles", lang), icon=":material/article:")
    st.stop()
n_articles = len(arts)
arts = arts.head(layout.TABLE_ROWS // 4)  # the list and the picker stay light on a large corpus


def _published(row) -> str:
    return layout.iso_label(row.published, lang) if isinstance(row.published, str) else f"({tr('undated', lang)})"


def _name(row) -> str:
    return row.title if isinstance(row.title, str) and row.title else os.path.basename(row.path)


st.dataframe(pd.DataFrame({
    i18n.t("col_published", lang): [_published(r) for r in arts.itertuples()],
    tr("col_events", lang): [f"{a} / {b}" for a, b in zip(arts["n_events"], arts["n_events_total"])],
    i18n.t("col_title", lang): [_name(r) for r in arts.itertuples()],
    i18n.t("col_source", lang): [r.url if isinstance(r.url, str) else os.path.basename(r.path)
                                 for r in arts.itertuples()],
}), hide_index=True, width="stretch", key="articles_table")
if n_articles > len(arts):
    st.caption(tr("rows_limited", lang, n=i18n.number(len(arts), lang), total=i18n.number(n_articles, lang)))

titles = {r.article_id: f"{_published(r)} · {_name(r)}" for r in arts.itertuples()}
if st.session_state.get("article") not in titles:  # the filter changed: keep a valid choice
    st.session_state["article"] = next(iter(titles))
article_id = st.selectbox(tr("pick_article", lang), list(titles), format_func=titles.get, key="article",
                          persist_state="session")  # the choice survives a visit to another page
detail = data.article_detail(article_id)
meta = detail.get("article", {})
layout.plain(meta.get("title") or os.path.basename(str(meta.get("path") or "")), size="1.25rem", weight=600)
layout.plain(" · ".join(str(x) for x in (layout.iso_label(meta.get("published"), lang) or tr("undated", lang),
                                         meta.get("source"),
                                         meta.get("url") or os.path.basename(str(meta.get("path") or ""))) if x),
             muted=True)

names = {c: tr(f"hl_{c}", lang) for c in ("date", "document", "organisation", "person")}
spans = [Span(s["start"], s["end"], s["type"]) for s in detail.get("spans", [])]
spans += [Span(a, b, "date") for a, b in data.date_spans(article_id)]
text_col, events_col = st.columns([3, 2])
with text_col:
    st.caption(tr("article_text", lang))
    st.html(legend_html(names))
    st.html(highlight_html(detail.get("text", ""), spans, names))
with events_col:
    st.caption(tr("article_events", lang))
    layout.event_cards(detail.get("events", []), lang, tr("article_no_events", lang))
    if detail.get("warnings"):
        st.caption(tr("article_warnings", lang))
        st.text("\n".join(warning_text.shown(str(w), lang) for w in detail["warnings"]))

"""Policy documents page: pick one document; its issuer, issue date, subject,
horizon and period; then its lineage (issued -> mentioned -> events) in time order."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.app import data, layout
from dashboard.app.labels import tr
from dashboard.query import own_name
from dashboard.charts.base import date_label

view = st.session_state["view"]
lang = view.lang
docs = data.documents(view.f)
if docs.empty:
    st.info(tr("no_documents", lang), icon=":material/gavel:")
    st.stop()

# "38/2024/QH15 · Luật Công nghiệp quốc phòng, …" when the document has a name of its own, else its kind.
names = [own_name(s, n) for s, n in zip(docs["symbol"], docs["name"])]
labels = {r.document_id: f"{r.label} · {name or i18n.doc_kind_label(r.kind, lang)}"
          for r, name in zip(docs.itertuples(), names)}
ids = list(labels)
if st.session_state.get("document") not in ids:  # the filter changed: start from the most cited document
    st.session_state["document"] = ids[int(docs["n_mentions_shown"].to_numpy().argmax())]
doc_id = st.selectbox(tr("pick_document", lang), ids, format_func=labels.get, key="document",
                      persist_state="session")  # the choice survives a visit to another page
doc = docs.set_index("document_id").loc[doc_id]


_text = layout.cell


facts = {
    i18n.t("col_issuer", lang): layout.org_names(doc["issuer"], lang) or "—",
    i18n.t("col_issued", lang): date_label(_text(doc["issued"]) or None, None, "day", lang) or "—",
    i18n.t("col_horizon", lang): _text(doc["horizon"]) or "—",
    i18n.t("col_period", lang): _text(doc["period"]) or "—",
}
layout.facts(facts)
if name := own_name(doc["symbol"], doc["name"]):
    layout.facts({i18n.t("col_doc_name", lang): name})
layout.facts({i18n.t("col_subject", lang): _text(doc["subject"]) or "—"})  # alone: it is a sentence

st.subheader(tr("lineage", lang), anchor=False)
lineage = data.lineage(doc_id)
if not lineage.empty:
    # One row per citing article: an article naming the document five times is one step of its lineage.
    mentions = lineage["stage"] == "mention"
    n_mentions = lineage[mentions].groupby("article_id")["stage"].transform("size")
    lineage = lineage.assign(times=n_mentions.reindex(lineage.index).fillna(1).astype(int))
    lineage = lineage[~(mentions & lineage.duplicated(["stage", "article_id"]))]
    table = pd.DataFrame({
        tr("col_stage", lang): [i18n.t(f"stage_{s}", lang) + (f" (×{n})" if n > 1 else "")
                                for s, n in zip(lineage["stage"], lineage["times"])],
        i18n.t("col_date", lang): [layout.iso_label(_text(d), lang) for d in lineage["date"]],
        i18n.t("col_kind", lang): [i18n.kind_label(k, lang) if s == "event" else
                                   (i18n.doc_kind_label(k, lang) if _text(k) else "")
                                   for s, k in zip(lineage["stage"], lineage["kind"])],
        i18n.t("col_title", lang): lineage["title"],
        i18n.t("col_evidence", lang): lineage["evidence"],
        i18n.t("col_source", lang): lineage["article_url"].fillna(lineage["article_title"]),
    })
    st.dataframe(table, hide_index=True, width="stretch", key="lineage_table", column_config={
        i18n.t("col_evidence", lang): st.column_config.TextColumn(width="large")})

st.subheader(tr("documents_in_view", lang), anchor=False)
st.dataframe(pd.DataFrame({
    i18n.t("col_documents", lang): [f"{label} · {name}" if name else label for label, name in zip(docs["label"], names)],
    i18n.t("col_kind", lang): [i18n.doc_kind_label(k, lang) for k in docs["kind"]],
    i18n.t("col_issuer", lang): layout.org_names_column(docs["issuer"], lang),
    # one label per distinct date (31k rows at 100k events)
    i18n.t("col_issued", lang): layout.each_distinct(docs["issued"], lambda v: layout.iso_label(v, lang)),
    tr("col_events", lang): docs["n_events"],
    tr("col_mentions", lang): docs["n_mentions_shown"],
}), hide_index=True, width="stretch", key="documents_table", column_config={
    # the issue date was cut to "31/12/2…" while the name column took the room
    i18n.t("col_documents", lang): st.column_config.TextColumn(width="large"),
    i18n.t("col_issued", lang): st.column_config.TextColumn(width="small"),
})

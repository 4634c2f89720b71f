"""Timeline page: events in lanes (by organisation or kind), documents as
milestones and programme bars, then the table of the filtered events."""
from __future__ import annotations

import streamlit as st

from dashboard import i18n
from dashboard.app import data, layout
from dashboard.app.labels import tr

view = st.session_state["view"]
st.session_state.setdefault("lane", "organisation")  # not default=: the language switch re-sets the key
lane = st.segmented_control(i18n.t("lane", view.lang), options=["organisation", "kind"], key="lane",
                            required=True, persist_state="session",
                            format_func=lambda k: i18n.t(f"lane_{k}", view.lang)) or "organisation"
layout.chart(data.timeline(view.f, lane, view.lang), key="chart_timeline")
st.subheader(tr("events_table", view.lang), anchor=False)
layout.events_table(data.events(view.f, limit=layout.TABLE_ROWS), view.lang)
if view.shown > layout.TABLE_ROWS:
    st.caption(tr("rows_limited", view.lang, n=i18n.number(layout.TABLE_ROWS, view.lang),
                  total=i18n.number(view.shown, view.lang)))

"""Charts page: events per year by kind, organisation x year heatmap and the table of
what each organisation issued, reviewed and signed per year, most-cited documents
over time, organisation co-occurrence network."""
from __future__ import annotations

import streamlit as st

from dashboard.app import data, layout

view = st.session_state["view"]
figures = data.figures(view.f, view.lang)
# Full width, one under the other: at half width the network's outer node labels and
# the long organisation/document names on the y axes were clipped.
for name in ("per_year", "heatmap", "documents", "network"):
    layout.chart(figures[name], key=f"chart_{name}")
    if name == "heatmap":  # the counts, then what they were
        layout.summary_table(data.summary(view.f), view)

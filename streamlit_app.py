"""Entry point: ``streamlit run streamlit_app.py``.

A router only: the page config, the shared sidebar filters (bound to the URL),
the navigation between the pages in ``dashboard/app/pages/``, the header with
the event count and the report control. Pages draw their own content.

Everything runs inside ``data.script_run()``: the run's read-only store
connection is closed when the run ends, so ``python -m dashboard ingest`` can
write the store between reruns.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import i18n
from dashboard.app import prefetch

# A wider sidebar (pixels) so two selected organisations stay readable in their chips.
st.set_page_config(page_title=i18n.t("app_title"), page_icon=":material/timeline:", layout="wide",
                   initial_sidebar_state=340)
# Before the data layer is imported (pandas, DuckDB: half a second on a cold start): the
# browser loads the chart code meanwhile.
prefetch.chart_code()

from dashboard.app import data, filters, layout  # after the prefetch, on purpose

HERE = Path(__file__).resolve().parent
PAGES = HERE / "dashboard" / "app" / "pages"
# (file, i18n key of the title, icon, url path); the first is the default page.
PAGE_SPECS = (
    ("timeline.py", "page_timeline", ":material/timeline:", "timeline"),  # default: at "/", and at "/timeline"
    ("documents.py", "page_documents", ":material/gavel:", "documents"),
    ("charts.py", "page_charts", ":material/bar_chart:", "charts"),
    ("articles.py", "page_articles", ":material/article:", "articles"),
    ("quality.py", "page_quality", ":material/fact_check:", "quality"),
    ("upload.py", "page_upload", ":material/upload_file:", "upload"),
)

with data.script_run():
    view = filters.sidebar()
    st.set_page_config(page_title=i18n.t("app_title", view.lang))  # the tab title follows the language
    st.session_state["view"] = view  # pages read the filter from here
    def page_of(spec, **how):
        file, key, icon, path = spec
        return st.Page(PAGES / file, title=i18n.t(key, view.lang), icon=icon, **{"url_path": path, **how})

    # The default page is served at "/" and answers to no path of its own, so a typed or shared ".../timeline"
    # showed "Page not found": the same page again, hidden from the menu, at that path. (The default page's own
    # url_path must then differ: Streamlit keys pages by url_path.)
    default, *others = PAGE_SPECS
    pages = [page_of(default, url_path="home", default=True), *map(page_of, others),
             page_of(default, visibility="hidden")]
    page = st.navigation(pages, position="top")
    layout.header(page.title, view)
    layout.report_control(view)
    page.run()

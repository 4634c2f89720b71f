"""Start loading the browser's chart code while the first script run is still working.

Streamlit's frontend loads the code that draws plotly charts (a 4.7 MB module
holding plotly.js) only when the first chart arrives, then parses and runs it:
on a cold start about one second between the timeline reaching the browser
and its first drawing, after the ~1.5 s the first run spends importing pandas
and DuckDB and reading the store. ``chart_code()`` has the page load that
module at once, so both happen at the same time (measured: first chart drawn
~1 s sooner).

How: a zero-height component frame (same origin, as Streamlit makes them) adds
a ``<script type="module" src=…>`` for the installed Streamlit's own chunk to
the page; the frontend's later import of the same URL finds it loaded. The URL
is a file of the installed Streamlit, never user input, and no ``st.html``
carries a script. A hidden container keeps the frame out of the layout, so the
page looks the same. Imports nothing heavy: it runs before the data layer loads.
"""
from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st

KEY = "dashboard_prefetch"
_LOADER = ("<script>const s = parent.document.createElement('script'); s.type = 'module';"
           "s.src = new URL('./static/js/{name}', parent.location.href).href;"
           "parent.document.head.appendChild(s);</script>")


@functools.lru_cache(maxsize=1)
def _chart_module() -> str | None:
    """The file name of the frontend's plotly chunk in this Streamlit build, if there is one."""
    found = sorted((Path(st.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"))
    return found[0].name if found else None


def chart_code() -> None:
    """Have the page load the chart module now (see the module docstring)."""
    name = _chart_module()
    try:
        # Deprecated in Streamlit 1.67 in favour of st.iframe, whose frame (measured) cannot add
        # the script to the page; a Streamlit without it only loses the head start.
        from streamlit.components.v1 import html
    except ImportError:
        return
    if name is None:  # another Streamlit build: the chart simply loads its code when it arrives
        return
    # A style-only st.html goes to Streamlit's event container and takes no room; hiding
    # the keyed container and the wrapper around it keeps the frame out of the layout
    # (the wrapper alone would still take a gap).
    st.html(f"<style>.st-key-{KEY}, [data-testid=stLayoutWrapper]:has(> .st-key-{KEY}) {{display: none}}</style>")
    with st.container(key=KEY):
        html(_LOADER.format(name=name), height=0)

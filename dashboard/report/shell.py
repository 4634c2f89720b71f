"""The report page's skeleton: sizes, CSS, the <head> with plotly.js, the warm-up page.

Deliberately light (no pandas, no plotly.graph_objects): the CLI and the app can
start Chromium and compile plotly.js (``render.Renderer.warm``) before the heavy
imports and the figure building, which then overlap on the other core.
"""
from __future__ import annotations

import functools
import html
import json
import math
import pkgutil

#: Width of every figure and of the page's content, in CSS px.
FIGURE_WIDTH = 1000
PAGE_PADDING = 24
#: Width of the screen/PNG layout: the content plus the body's padding.
PAGE_WIDTH = FIGURE_WIDTH + 2 * PAGE_PADDING
#: A4 minus 12 mm margins is 186 mm = 703 CSS px; print scales the 1000 px layout to fit
#: (rounded down, so the printable width is a few px wider than the layout, never narrower).
PRINT_SCALE = math.floor(186 / 25.4 * 96 / FIGURE_WIDTH * 100) / 100
FONT_STACK = '"DejaVu Sans", "Liberation Sans", sans-serif'
# A figure that fails to draw records why, so the renderer reports it at once
# instead of waiting for a timeout (render.DRAWN_JS looks for it).
ERROR_HOOK = ("const _fail = m => { document.documentElement.dataset.reportError = String(m); };"
              "addEventListener('error', e => _fail(e.message));"
              "addEventListener('unhandledrejection', e => _fail(e.reason && e.reason.message || e.reason));")
# Marks a figure as drawn once plotly's newPlot promise resolves (render.DRAWN_JS waits for it).
POST_SCRIPT = "document.getElementById('{plot_id}').dataset.drawn = '1';"

CSS = f"""
@page {{ size: A4; margin: 12mm; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: {FONT_STACK}; font-size: 14px; line-height: 1.4; color: #1f2933;
  background: #fff; margin: 0; padding: {PAGE_PADDING}px; width: {PAGE_WIDTH}px; }}
header.report-head {{ border-bottom: 3px solid #1f4e79; padding-bottom: 10px; margin-bottom: 16px; }}
h1 {{ font-size: 26px; margin: 0 0 6px; color: #1f4e79; }}
h2 {{ font-size: 19px; margin: 0 0 8px; color: #1f4e79; }}
p.filter {{ font-size: 18px; margin: 0 0 6px; font-weight: bold; }}
p.meta {{ margin: 0; color: #52606d; font-size: 13px; }}
p.meta span + span::before {{ content: " · "; }}
section {{ margin: 0 0 18px; }}
section.figure {{ break-inside: avoid; page-break-inside: avoid; width: {FIGURE_WIDTH}px; }}
section.events.paged {{ break-before: page; page-break-before: always; }}
table {{ border-collapse: collapse; width: 100%; font-size: 12.5px; table-layout: fixed; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
th, td {{ border: 1px solid #d9e2ec; padding: 4px 6px; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; }}
th {{ background: #e8eef5; }}
tbody tr:nth-child(even) td {{ background: #f7f9fb; }}
td.source a, td.source .url {{ color: #1f4e79; font-size: 11px; word-break: break-all; }}
td .evidence {{ margin-top: 3px; color: #52606d; font-size: 11px; line-height: 1.35; }}
td .people {{ margin-top: 4px; color: #52606d; font-size: 11px; font-style: italic; }}
p.empty {{ font-style: italic; color: #52606d; }}
section.summary p.note {{ margin: 0 0 8px; color: #52606d; font-size: 12.5px; }}
@media print {{ body {{ padding: 0; width: {FIGURE_WIDTH}px; }} }}
"""


@functools.lru_cache(maxsize=1)
def plotly_js() -> str:
    """The plotly.js bundle shipped with the plotly package (inlined, ~4.8 MB).

    Read the way ``plotly.offline.get_plotlyjs`` reads it, without importing plotly's
    figure machinery.
    """
    return pkgutil.get_data("plotly", "package_data/plotly.min.js").decode("utf-8")


def page(title: str, body: str, n_figures: int, lang: str = "vi") -> str:
    """The HTML document around ``body`` (already escaped), plotly.js inlined once."""
    # plotly.js first, at a fixed line and column: Chromium reuses the compiled
    # script only when its source and position are the same (see render._Session).
    lang = html.escape(lang, quote=True)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">\n'
        f'<script type="text/javascript">{plotly_js()}</script>\n'
        f"<script>{ERROR_HOOK}</script>"
        f'<meta name="viewport" content="width={PAGE_WIDTH}">'
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head>\n"
        f'<body data-figures="{int(n_figures)}">\n{body}\n</body></html>\n'
    )


def warmup_html() -> str:
    """A one-figure page: loading it compiles plotly.js in the renderer ahead of time."""
    data = json.dumps([{"type": "scatter", "x": [0, 1], "y": [0, 1]}])
    layout = json.dumps({"width": 400, "height": 300})
    script = (f"Plotly.newPlot('warmup', {data}, {layout}).then(function () {{ "
              f"{POST_SCRIPT.format(plot_id='warmup')} }});")
    body = f'<div id="warmup" class="plotly-graph-div"></div><script>{script}</script>'
    return page("warm-up", body, 1)

"""Build a report of one filtered view as PNG, PDF or HTML bytes (no Streamlit).

The app's download control and ``python -m dashboard report`` both call
``build_report(con, f, lang, fmt)``: same ``Filter``, same figure builders
(``charts.figures.build_figures``), same composed page (``compose``).

- html: the composed page itself, plotly.js inlined: opens offline, charts stay interactive.
- pdf: Chromium prints that page on A4 (multi-page, backgrounds, the 1000 px
  layout scaled by ``shell.PRINT_SCALE``, events table from a new page, page numbers).
- png: a full-page Chromium screenshot of the same page without the events
  table (header, timeline, charts and the organisation x year table), ``shell.PAGE_WIDTH`` CSS px wide times
  ``render.SCALE_FACTOR``. One renderer for both keeps image and print identical.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import duckdb

from dashboard import i18n
from dashboard.query import Filter, event_counts, events, materialised, org_year_summary
from dashboard.report import compose
from dashboard.report.output import FORMATS, check_writable, format_for, part_path
from dashboard.report.render import SCALE_FACTOR, Renderer, get_renderer
from dashboard.report.shell import FONT_STACK, PAGE_WIDTH, PRINT_SCALE

#: Events listed in a report's table; beyond that the table says "N / M" (a 100k-row
#: table would be thousands of A4 pages, and the charts already summarise them).
MAX_TABLE_ROWS = 1000
#: Width in pixels of every PNG report (the process-wide renderer's scale factor).
PNG_WIDTH = PAGE_WIDTH * SCALE_FACTOR
FOOTER = ('<div style="font-family: {font}; font-size: 8px; color: #52606d; width: 100%; '
          'padding: 0 12mm; display: flex; justify-content: space-between;">'
          '<span>{title}</span><span><span class="pageNumber"></span> / '
          '<span class="totalPages"></span></span></div>')


def org_names_en(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """English names from the store, so the sentence names organisations as the app does."""
    rows = con.execute("SELECT name, name_en FROM organisations WHERE name_en IS NOT NULL").fetchall()
    return {name: name_en for name, name_en in rows}


def filter_sentence(con: duckdb.DuckDBPyConnection, f: Filter, lang: str) -> str:
    """The filter in words, exactly as the app's caption says it."""
    from dashboard.query import document_names

    return f.sentence(lang, org_names_en(con) if i18n.norm_lang(lang) == "en" else None, document_names(con, f.docs))


def compose_report(con: duckdb.DuckDBPyConnection, f: Filter, lang: str = "vi", *,
                   include_table: bool = True, now: dt.datetime | None = None) -> str:
    """The report's HTML page for filter ``f``."""
    from dashboard.charts.figures import build_figures
    from dashboard.store.snapshot import snapshot_id

    lang = i18n.norm_lang(lang)
    when = (now or dt.datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M %Z").strip()
    # One evaluation of a costly filter (text search) serves the count, the figures and the table.
    with materialised(con, f) as mf:
        shown, total = event_counts(con, mf)
        meta = compose.ReportMeta(generated=when, snapshot=snapshot_id(con), shown=shown, total=total)
        frame = events(con, mf, limit=MAX_TABLE_ROWS) if include_table else None
        figures = build_figures(con, mf, lang)
        # The filter itself, not mf: a materialised filter drops the documents reached by their
        # own dates (frames.own_dates_clause); the tables mf made are found again by ``shared``.
        summary = org_year_summary(con, f)
    return compose.compose(figures, frame, filter_sentence(con, f, lang), meta, lang,
                           include_table=include_table, summary=summary, narrowed=bool(f.orgs))


def build_report(con: duckdb.DuckDBPyConnection, f: Filter, lang: str = "vi", fmt: str = "pdf", *,
                 now: dt.datetime | None = None, renderer: Renderer | None = None) -> bytes:
    """The report of ``f`` in ``fmt`` ('png', 'pdf', 'html', or 'csv': the events only) as bytes.

    Thread-safe: PDF and PNG go to the process-wide Chromium (started on first
    use, reused after). Raises ValueError for an unknown format and
    render.RenderError when Chromium cannot render.
    """
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"unsupported report format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "csv":  # every event of the view, no page: no Chromium either
        from dashboard.report.events_csv import events_csv

        with materialised(con, f) as mf:
            return events_csv(events(con, mf), lang)
    page = compose_report(con, f, lang, include_table=fmt != "png", now=now)
    if fmt == "html":
        return page.encode("utf-8")
    renderer = renderer or get_renderer()
    if fmt == "png":
        return renderer.png(page, width=PAGE_WIDTH)
    footer = FOOTER.format(font=compose.esc(FONT_STACK),
                           title=compose.esc(i18n.t("report_title", lang)))
    return renderer.pdf(page, width=PAGE_WIDTH, scale=PRINT_SCALE, footer=footer)


def write_report(con: duckdb.DuckDBPyConnection, f: Filter, lang: str, out_path: str | os.PathLike,
                 **kwargs) -> Path:
    """Write the report to ``out_path``, the format chosen by its suffix; returns the path."""
    fmt = format_for(out_path)
    out = check_writable(out_path)
    data = build_report(con, f, lang, fmt, **kwargs)
    # Write next to the target then rename, so a failed export never leaves half a file.
    tmp = part_path(out)
    try:
        tmp.write_bytes(data)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def report_filename(f: Filter, fmt: str, lang: str = "vi") -> str:
    """A download name such as 'bao-cao-2023-2025.pdf' / 'report-2023-2025.pdf'."""
    stem = "bao-cao" if i18n.norm_lang(lang) == "vi" else "report"
    years = "-".join(str(y) for y in (f.year_from, f.year_to) if y is not None)
    return f"{stem}{'-' + years if years else ''}.{fmt}"

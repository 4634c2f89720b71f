"""Pieces every page shares: the header with the count, the report control,
charts, and the events table.

Untrusted text (filter values from the URL, article titles and sentences) is
never passed to ``st.markdown``: it goes through ``html.escape`` into ``st.html``
or into ``st.dataframe``/``st.text``, which show text literally.
"""
from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from urllib.parse import quote, urlencode

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.app import data
from dashboard.app.filters import K_UNKNOWN, View, url_params
from dashboard.app.labels import tr
from dashboard.charts.base import date_label
from dashboard.charts.summary import summary_csv, summary_html, summary_note

log = logging.getLogger(__name__)
REPORT_FORMATS = (("png", "download_png", ":material/image:"), ("pdf", "download_pdf", ":material/picture_as_pdf:"),
                  ("html", "download_html", ":material/html:"), ("csv", "download_csv", ":material/table_view:"))
#: Rows sent to a table: a browser grid of 100k rows with sentences costs tens of MB.
TABLE_ROWS = 2000
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


def header(title: str, view: View) -> None:
    """Page title, the filter in words and ``N / M`` events, on every page."""
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    left.header(title, anchor=False)
    right.html(f'<div data-testid="event-count" style="text-align:right;font-size:1.35rem;font-weight:600">'
               f'{html.escape(i18n.count_label(view.shown, view.total, view.lang))}</div>')
    sentence = view.f.sentence(view.lang, _names_en(), data.document_names(view.f.docs))
    st.html(f'<div data-testid="filter-sentence" style="color:#555;margin-top:-0.5rem">{html.escape(sentence)}</div>')
    unknown = [v for values in st.session_state.get(K_UNKNOWN, {}).values() for v in values]
    chosen = set(view.f.orgs) | set(view.f.kinds) | set(view.f.docs) | set(view.f.people)
    if unknown and chosen & set(unknown):
        # st.warning renders markdown: values from the URL go through st.text instead.
        st.warning(tr("no_match", view.lang), icon=":material/search_off:")
        st.text(", ".join(v for v in unknown if v in chosen))
    elif view.shown == 0 and view.total > 0:
        st.info(i18n.t("empty", view.lang), icon=":material/filter_alt:")


def short_path(path) -> str:
    """A stored input path relative to the repository (or its file name): shorter, no home folders."""
    text = cell(path)
    try:
        return str(Path(text).resolve().relative_to(data.ROOT))
    except ValueError:
        return os.path.basename(text)


def cell(value) -> str:
    """A cell as text: None, NaN and NaT (pandas' ways of saying "missing") become ""."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # lists and arrays are not missing values
        pass
    return str(value)


def plain(text: str, *, muted: bool = False, size: str = "1rem", weight: int = 400) -> None:
    """Untrusted text shown literally (escaped, no markdown), in the page's font."""
    colour = "#666" if muted else "inherit"
    st.html(f'<div style="font-size:{size};font-weight:{weight};color:{colour};overflow-wrap:anywhere">'
            f"{html.escape(str(text))}</div>")


def facts(items: dict[str, str]) -> None:
    """Label/value pairs in a responsive grid (values escaped; long ones wrap, never cut)."""
    cells = "".join(
        f'<div><div style="color:#666;font-size:0.85rem">{html.escape(k)}</div>'
        f'<div style="font-size:1.1rem;font-weight:600;overflow-wrap:anywhere">{html.escape(v)}</div></div>'
        for k, v in items.items())
    st.html(f'<div style="display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:0.75rem 1.5rem;'
            f'margin:0.5rem 0 1rem 0">{cells}</div>')


def iso_label(value: str | None, lang: str) -> str:
    """A stored ISO value ("2023", "2023-11", "2023-11-22T14:19", "2023/2025") in the page's style."""
    if not value:
        return ""
    if "/" in value:  # an event span "start/end" from the lineage
        start, _, end = value.partition("/")
        return f"{iso_label(start, lang)}–{iso_label(end, lang)}"
    day, _, time = value.partition("T")
    text = date_label(day, None, "day", lang)
    return f"{text} {time}" if time else text


def event_cards(events: list[dict], lang: str, empty: str = "") -> None:
    """An article's events as compact cards (date · kind, then the title), escaped."""
    cards = []
    for e in events:
        when = date_label(e["date"], cell(e.get("date_end")) or None, e["precision"], lang,
                          cell(e.get("day_part")) or None)
        basis = f' <span style="color:#a16207">({html.escape(i18n.t("hover_basis_inferred", lang))})</span>' \
            if e.get("date_basis") == "inferred" else ""
        cards.append(
            '<div style="border-left:3px solid #2563eb;padding:0.2rem 0.6rem;margin-bottom:0.6rem">'
            f'<div style="font-weight:600">{html.escape(when)} · {html.escape(i18n.kind_label(e["kind"], lang))}'
            f'{basis}</div><div style="overflow-wrap:anywhere">{html.escape(str(e["title"]))}</div></div>')
    st.html("".join(cards) or f'<div style="color:#666">{html.escape(empty)}</div>')


def org_names(value, lang: str) -> str:
    """Organisation name(s) as stored ("A; B" for joint issuers) in the page's language."""
    return org_names_column([value], lang)[0]


def org_names_column(values, lang: str) -> list[str]:
    """``org_names`` of every value of a column, with one look-up of the English names and
    one translation per distinct value: per row, 31k issuers took 8.8 s (the cached
    look-up copies its frame on every call), which held the documents page at 100k events."""
    names_en = _names_en() if i18n.norm_lang(lang) == "en" else {}
    return each_distinct(values, lambda text: "; ".join(
        i18n.org_label(n.strip(), names_en.get(n.strip()), lang) for n in text.split(";") if n.strip()))


def each_distinct(values, label) -> list[str]:
    """``label(cell(v))`` for every value of a column, computed once per distinct cell:
    a column of a large view repeats few values (issuers, dates) thousands of times."""
    memo: dict[str, str] = {}
    out = []
    for value in values:
        text = cell(value)
        if text not in memo:
            memo[text] = label(text)
        out.append(memo[text])
    return out


def _names_en() -> dict[str, str]:
    orgs = data.org_options()
    return {n: e for n, e in zip(orgs["name"], orgs["name_en"]) if isinstance(e, str)}


def report_control(view: View) -> None:
    """Download buttons for PNG / PDF / HTML of the current view and CSV of its events (made on click)."""
    from dashboard.report import MIME_TYPES, build_report, report_filename

    f, lang = view.f, view.lang

    def make(fmt: str):
        def render() -> bytes:
            try:
                # Runs on click, after this script run closed its connection: reader() opens one.
                with data.reader() as con:
                    return build_report(con, f, lang, fmt)
            except Exception:
                log.exception("report %s failed for %s", fmt, f)
                raise
        return render

    with st.sidebar.expander(tr("report", lang), icon=":material/download:"):
        st.caption(tr("report_help", lang))
        for fmt, label, icon in REPORT_FORMATS:
            st.download_button(i18n.t(label, lang), data=make(fmt), file_name=report_filename(f, fmt, lang),
                               mime=MIME_TYPES[fmt], key=f"report_{fmt}", icon=icon, on_click="ignore",
                               width="stretch")


def chart(fig, key: str) -> None:
    """A plotly figure, stretched to the page width (heights come from the builders)."""
    st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, width="stretch")


def events_table(ev: pd.DataFrame, lang: str, key: str = "events_table") -> None:
    """The filtered events: date, kind, organisations, documents, people, evidence, source."""
    if ev.empty:
        return
    names_en = _names_en()
    table = pd.DataFrame({
        i18n.t("col_date", lang): [date_label(cell(d) or None, cell(e) or None, cell(p) or "day", lang, cell(dp) or None)
                                   for d, e, p, dp in zip(ev["date"], ev["date_end"], ev["precision"], ev["day_part"])],
        i18n.t("col_kind", lang): [i18n.kind_label(k, lang) for k in ev["kind"]],
        i18n.t("col_title", lang): ev["title"],
        i18n.t("col_organisations", lang): ["; ".join(i18n.org_label(o, names_en.get(o), lang) for o in orgs)
                                            for orgs in ev["organisations"]],
        i18n.t("col_documents", lang): ["; ".join(docs) for docs in ev["documents"]],
        i18n.t("col_people", lang): ["; ".join(people) for people in ev["people"]],
        i18n.t("col_evidence", lang): ev["evidence"],
        i18n.t("col_source", lang): ev["article_url"].fillna(ev["article_title"]),
        i18n.t("col_reports", lang): ev["n_reports"],
    })
    # Pixel widths: the evidence sentence is what a reader checks, so it gets the most room.
    widths = {"col_date": 130, "col_kind": 150, "col_title": 260, "col_organisations": 220,
              "col_documents": 120, "col_people": 180, "col_evidence": 520, "col_source": 200}
    config = {i18n.t(k, lang): st.column_config.TextColumn(width=w) for k, w in widths.items()}
    # How many articles reported the event (its other reports: ``event_reports``).
    config[i18n.t("col_reports", lang)] = st.column_config.NumberColumn(width=90, format="%d")
    st.dataframe(table, hide_index=True, key=key, width="stretch", column_config=config)


def summary_table(rows: list, view: View) -> None:
    """Per organisation and year: what it issued, reviewed and signed, and its other activity.

    An organisation's name and each year link to the timeline narrowed to them (the rest of
    the filter kept): from "what" to the events and their sentences in one click.
    """
    lang = view.lang
    st.subheader(i18n.t("summary_title", lang), anchor=False)
    st.caption(summary_note(rows, bool(view.f.orgs), lang))
    if not rows:
        st.info(i18n.t("empty", lang))
        return
    # A long table scrolls inside its box, so the charts below stay within reach.
    st.html(f'<div data-testid="org-year-summary" style="max-height:640px;overflow-y:auto">'
            f"{summary_html(rows, lang, link=lambda name, year: timeline_link(view, name, year))}</div>")
    st.download_button(i18n.t("sum_csv", lang), data=summary_csv(rows, lang), mime="text/csv",
                       file_name=f"{i18n.t('sum_csv_name', lang)}.csv", key="summary_csv",
                       icon=":material/download:")


def timeline_link(view: View, name: str, year: int | None) -> str:
    """The timeline page's address for the current view narrowed to ``name`` (and ``year``).

    Relative ("./?..."), so it also works when the app is served under a path prefix.
    """
    f = view.f.with_(orgs=(name,))
    if year is not None:
        f = f.with_(year_from=year, year_to=year)
    return "./?" + urlencode(url_params(f, view.lang), doseq=True, quote_via=quote)

"""The organisation x year summary as display text, for the app's table and the report's.

``summary_lines(rows, lang)`` turns ``query.summary.org_year_summary`` rows into
one dict per row, column key -> list of lines (a cell may list several items):
``summary_html`` draws them as one escaped HTML table (the organisation's name once
for its years, items one per line, cells that wrap, an event's source sentence or a
document's subject shown on hover), shown by the app with
``st.html`` and placed in the report as it is. Dates are written as everywhere
else (``base.date_label``), kinds and organisations in the chosen language.
"""
from __future__ import annotations

import html
import re
from typing import NamedTuple

from dashboard import i18n
from dashboard.charts.base import date_label

#: Column keys in display order (their labels are ``i18n`` keys of the same name).
COLUMNS = ("sum_org", "sum_year", "sum_issued", "sum_reviewed", "sum_signed", "sum_other")
#: Column widths (%) in the same order: the listed items get the room.
WIDTHS = (16, 6, 20, 23, 21, 14)
#: A word holding "-" or "/" (a symbol such as 08-NQ/TW, a date): kept on one line, since
#: browsers break after a hyphen and "08-" / "NQ/TW" on two lines reads as two things.
_UNBROKEN = re.compile(r"\S*[-/]\S*")
#: Self-contained style (the app has no stylesheet of ours; the report's page adds print rules).
STYLE = (
    "table.org-year{width:100%;border-collapse:collapse;table-layout:fixed;font-size:0.85rem;line-height:1.35}"
    "table.org-year th{text-align:left;font-weight:600;color:#444;background:#f3f4f6;padding:4px 6px;"
    "border-bottom:1px solid #d1d5db}"
    "table.org-year td{vertical-align:top;padding:4px 6px;border-bottom:1px solid #e5e7eb;overflow-wrap:anywhere}"
    "table.org-year td.org{font-weight:600;border-right:1px solid #e5e7eb}"
    "table.org-year div.more{color:#666}"
    "table.org-year div[title]{cursor:help}"
    "table.org-year a{color:inherit;text-decoration:underline dotted}"
    "table.org-year .nb{white-space:nowrap}"
    "table.org-year tr.first td{border-top:1px solid #9ca3af}"
    "table.org-year tbody tr td{background:#fff}"  # no zebra rows under an organisation's rowspan
)


class Line(NamedTuple):
    """One line of a cell: its text, the source text shown on hover (an event's sentence, a
    document's subject), and whether it is the "and N more" line."""

    text: str
    tip: str | None = None
    more: bool = False


def summary_note(rows, narrowed: bool, lang: str = "vi") -> str:
    """What the table counts, and, when it stops at the busiest organisations, how to see others.

    ``narrowed``: the view names its organisations (then every one of them is shown).
    """
    from dashboard.query.summary import TOP_ORGS

    note = i18n.t("summary_note", lang)
    if not narrowed and len({r.name for r in rows}) >= TOP_ORGS:
        note += " " + i18n.t("summary_top", lang, n=TOP_ORGS)
    return note


def summary_csv(rows, lang: str = "vi") -> bytes:
    """The table as CSV for a spreadsheet: UTF-8 with a BOM (Excel then reads the Vietnamese right),
    one row per organisation and year, a cell's items on separate lines of that cell."""
    import csv
    import io

    lang = i18n.norm_lang(lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([i18n.t(c, lang) for c in COLUMNS])
    for line in summary_lines(rows, lang):
        writer.writerow(["\n".join(line[c]) for c in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def summary_lines(rows, lang: str = "vi") -> list[dict[str, list[str]]]:
    """Per row, column key -> the lines of its cell as text."""
    return [{c: [line.text for line in lines] for c, lines in row.items()} for row in _rows(rows, lang)]


def _rows(rows, lang: str) -> list[dict[str, list[Line]]]:
    lang = i18n.norm_lang(lang)
    out = []
    for r in rows:
        out.append({
            "sum_org": [Line(i18n.org_label(r.name, r.name_en, lang))],
            "sum_year": [Line(str(r.year))],
            "sum_issued": _cell(r.issued, lang, _document),
            "sum_reviewed": _cell(r.review_conference, lang, _event),
            "sum_signed": _cell(r.signing, lang, _event),
            # Commonest first, so the cell reads as "what this organisation mostly did".
            "sum_other": [Line(f"{i18n.kind_label(k, lang)}: {i18n.number(n, lang)}")
                          for k, n in sorted(r.other.items(), key=lambda kv: (-kv[1], kv[0]))],
        })
    return out


def _cell(cell, lang: str, item_text) -> list[Line]:
    lines = [Line(item_text(item, lang), item.get("evidence") or None) for item in cell.items]
    if cell.n > len(cell.items):
        lines.append(Line(i18n.t("sum_more", lang, n=i18n.number(cell.n - len(cell.items), lang)), more=True))
    return lines


def _event(item: dict, lang: str) -> str:
    date = date_label(item.get("date"), item.get("date_end"), item.get("precision") or "day", lang)
    return f"{date} · {item.get('title') or ''}".strip(" ·")


def _document(item: dict, lang: str) -> str:
    """"31/12/2013 · Nghị quyết 806-NQ/QUTW": a bare symbol gets its kind in front; a named
    document ("Chương trình phối hợp ...") already says what it is."""
    label = item.get("title") or ""
    if label and " " not in label and item.get("kind"):
        label = f"{i18n.doc_kind_label(item['kind'], lang)} {label}"
    date = date_label(item.get("date"), None, "day", lang)
    return f"{date} · {label}".strip(" ·")


def summary_html(rows, lang: str = "vi", link=None) -> str:
    """The rows as a <table class="org-year"> (with its <style>); every text escaped.

    ``link(name, year)``, when given, is the address of the view narrowed to that
    organisation (``year=None``) or to that organisation and year; the app passes one
    so an organisation or a year leads to its timeline. Reports pass none (a relative
    link means nothing in a file handed on).
    """
    rows = list(rows)
    lines = _rows(rows, lang)
    cols = "".join(f'<col style="width:{w}%">' for w in WIDTHS)
    head = "".join(f"<th>{html.escape(i18n.t(c, lang))}</th>" for c in COLUMNS)
    body = []
    for i, line in enumerate(lines):
        org = line["sum_org"][0].text
        first = i == 0 or lines[i - 1]["sum_org"][0].text != org
        span = 1
        while first and i + span < len(lines) and lines[i + span]["sum_org"][0].text == org:
            span += 1
        row = rows[i]
        org_html, year_html = html.escape(org), html.escape(str(row.year))
        if link is not None and row.known:
            org_html = f'<a href="{html.escape(link(row.name, None), quote=True)}">{org_html}</a>'
            year_html = f'<a href="{html.escape(link(row.name, row.year), quote=True)}">{year_html}</a>'
        cells = [f'<td class="org" rowspan="{span}">{org_html}</td>'] if first else []
        cells.append(f"<td>{year_html}</td>")
        cells += [f"<td>{_lines_html(line[c])}</td>" for c in COLUMNS[2:]]
        body.append(f'<tr class="{"first" if first else ""}">{"".join(cells)}</tr>')
    return (f"<style>{STYLE}</style><table class=\"org-year\"><colgroup>{cols}</colgroup>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _lines_html(lines: list[Line]) -> str:
    """One <div> per line; the source text rides along as a tooltip (title attribute, escaped)."""
    out = []
    for line in lines:
        attrs = ' class="more"' if line.more else ""
        if line.tip:
            attrs += f' title="{html.escape(" ".join(line.tip.split()), quote=True)}"'
        out.append(f"<div{attrs}>{_unbroken(html.escape(line.text))}</div>")
    return "".join(out)


def _unbroken(escaped: str) -> str:
    # On escaped text: "&amp;" and the like hold neither "-" nor "/", so no entity is cut.
    return _UNBROKEN.sub(lambda m: f'<span class="nb">{m.group(0)}</span>', escaped)

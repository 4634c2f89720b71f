"""The filtered events as CSV: every event of the view, for a spreadsheet.

The PDF lists the first ``report.MAX_TABLE_ROWS`` events and the app's table the
first 2,000; an analyst who counts, sorts or quotes in a spreadsheet wants them
all, with the sentence each was read from and the article it came from. UTF-8
with a byte-order mark, so Excel opens the Vietnamese as such; list cells (the
organisations, documents, people, the other articles that reported the event)
are joined with "; ". A document is written as the filter sentence writes it, its symbol then
its own name when that says more ("38/2024/QH15 (Luật Công nghiệp quốc phòng, an ninh và động
viên công nghiệp)"): a symbol alone tells a reader outside the field little. Headers follow the
report's language.
"""
from __future__ import annotations

import csv
import io

import pandas as pd

from dashboard import i18n
from dashboard.query.detail import own_name
from dashboard.query.filter import with_own_name
from dashboard.report.compose import cell_text, event_date, org_names, texts

#: The columns, by the i18n key of their header.
COLUMNS = ("col_date", "col_date_start", "col_date_end", "col_kind", "col_title", "col_organisations",
           "col_documents", "col_people", "col_evidence", "col_reports", "col_other_reports", "col_article",
           "col_url")


def events_csv(frame: pd.DataFrame, lang: str = "vi") -> bytes:
    """``frame`` (rows of ``query.events``) as CSV bytes, with a header row in ``lang``.
    Dates, organisations and lists are written as the report's events table writes them."""
    lang = i18n.norm_lang(lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([i18n.t(k, lang) for k in COLUMNS])
    for row in frame.to_dict("records"):
        start, end = pd.Timestamp(row["date_start_day"]), pd.Timestamp(row["date_end_day"])
        writer.writerow([
            event_date(row, lang), start.date().isoformat(), end.date().isoformat(),
            i18n.kind_label(cell_text(row.get("kind")) or "other", lang),
            cell_text(row.get("title")) or "", "; ".join(org_names(row, lang)), "; ".join(_documents(row)),
            "; ".join(texts(row.get("people"))), " ".join((cell_text(row.get("evidence")) or "").split()),
            int(row.get("n_reports") or 1), "; ".join(texts(row.get("other_reports"))),
            cell_text(row.get("article_title")) or cell_text(row.get("article_source"))
            or cell_text(row.get("article_path")) or "",
            cell_text(row.get("article_url")) or "",
        ])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _documents(row: dict) -> list[str]:
    labels, names = texts(row.get("documents")), row.get("document_names")
    names = list(names) if isinstance(names, list) and len(names) == len(labels) else [None] * len(labels)
    return [with_own_name(label, own_name(label, name)) for label, name in zip(labels, names)]

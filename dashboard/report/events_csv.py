"""The filtered events as CSV: every event of the view, for a spreadsheet.

The PDF lists the first ``report.MAX_TABLE_ROWS`` events and the app's table the
first 2,000; an analyst who counts, sorts or quotes in a spreadsheet wants them
all, with the sentence each was read from and the article it came from. UTF-8
with a byte-order mark, so Excel opens the Vietnamese as such; list cells (the
organisations, documents, people, the other articles that reported the event)
are joined with "; ". Headers follow the report's language.
"""
from __future__ import annotations

import csv
import io

import pandas as pd

from dashboard import i18n
from dashboard.charts.base import date_label

#: (i18n key of the header, how the cell is made from a row of ``query.events``)
COLUMNS = ("col_date", "col_date_start", "col_date_end", "col_kind", "col_title", "col_organisations",
           "col_documents", "col_people", "col_evidence", "col_reports", "col_other_reports", "col_article",
           "col_url")


def _text(value) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    return str(value)


def _joined(values) -> str:
    return "; ".join(_text(v) for v in (values if values is not None else []) if _text(v))


def events_csv(frame: pd.DataFrame, lang: str = "vi") -> bytes:
    """``frame`` (rows of ``query.events``) as CSV bytes, with a header row in ``lang``."""
    lang = i18n.norm_lang(lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([i18n.t(k, lang) for k in COLUMNS])
    names_en = lambda row: list(row.get("organisations_en") or [])  # noqa: E731
    for row in frame.to_dict("records"):
        orgs = list(row.get("organisations") or [])
        shown_orgs = orgs if lang == "vi" or len(names_en(row)) != len(orgs) else names_en(row)
        start, end = pd.Timestamp(row["date_start_day"]), pd.Timestamp(row["date_end_day"])
        writer.writerow([
            date_label(_text(row.get("date")) or None, _text(row.get("date_end")) or None,
                       _text(row.get("precision")) or "day", lang, _text(row.get("day_part")) or None),
            start.date().isoformat(), end.date().isoformat(),
            i18n.kind_label(_text(row.get("kind")) or "other", lang),
            _text(row.get("title")), _joined(shown_orgs), _joined(row.get("documents")), _joined(row.get("people")),
            " ".join(_text(row.get("evidence")).split()),
            int(row.get("n_reports") or 1), _joined(row.get("other_reports")),
            _text(row.get("article_title")) or _text(row.get("article_source")) or _text(row.get("article_path")),
            _text(row.get("article_url")),
        ])
    return ("\ufeff" + out.getvalue()).encode("utf-8")

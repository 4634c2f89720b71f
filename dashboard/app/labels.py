"""App-only labels (Vietnamese / English) that ``dashboard.i18n`` does not hold.

``tr(key, lang)`` looks here first, then falls back to ``i18n.t`` so pages use
one function for every label. Kept in the app package because these strings
(upload messages, page hints) mean nothing to the report or the CLI; a test
checks that every key has both languages.
"""
from __future__ import annotations

from dashboard import i18n

APP_LABELS: dict[str, dict[str, str]] = {
    "all": {"vi": "Tất cả", "en": "All"},
    "events_table": {"vi": "Các sự kiện đã lọc", "en": "Filtered events"},
    "no_match": {"vi": "Không khớp với dữ liệu (không có sự kiện nào):",
                 "en": "No match in the data (no events):"},
    "report": {"vi": "Báo cáo", "en": "Report"},
    "report_help": {"vi": "Tải xuống chế độ xem hiện tại (theo bộ lọc)",
                    "en": "Download the current filtered view"},
    "pick_document": {"vi": "Chọn văn bản", "en": "Choose a document"},
    "lineage": {"vi": "Quá trình: ban hành, được nhắc đến, sự kiện liên quan",
                "en": "Lineage: issued, mentioned, events citing it"},
    "no_documents": {"vi": "Không có văn bản nào khớp bộ lọc", "en": "No documents match the filter"},
    "documents_in_view": {"vi": "Văn bản trong chế độ xem", "en": "Documents in this view"},
    "col_stage": {"vi": "Giai đoạn", "en": "Stage"},
    "col_article": {"vi": "Bài báo", "en": "Article"},
    "col_events": {"vi": "Sự kiện", "en": "Events"},
    "col_mentions": {"vi": "Lần nhắc", "en": "Mentions"},
    "col_url": {"vi": "Liên kết", "en": "Link"},
    "col_basis": {"vi": "Cơ sở ngày", "en": "Date basis"},
    "col_warning": {"vi": "Cảnh báo", "en": "Warning"},
    "col_detail": {"vi": "Chi tiết", "en": "Detail"},
    "col_inferred_from": {"vi": "Sớm nhất (suy đoán)", "en": "Earliest (inferred)"},
    "col_inferred_to": {"vi": "Muộn nhất (suy đoán)", "en": "Latest (inferred)"},
    "pick_article": {"vi": "Chọn bài báo", "en": "Choose an article"},
    "no_articles": {"vi": "Không có bài báo nào khớp bộ lọc", "en": "No articles match the filter"},
    "article_text": {"vi": "Nội dung (đã đánh dấu)", "en": "Text (highlighted)"},
    "article_events": {"vi": "Sự kiện trong bài", "en": "Events in this article"},
    "article_no_events": {"vi": "Không tìm thấy sự kiện nào trong bài này", "en": "No events found in this article"},
    "rows_limited": {"vi": "Hiển thị {n} dòng đầu trong {total}; thu hẹp bộ lọc để xem các dòng khác.",
                     "en": "Showing the first {n} of {total} rows; narrow the filter to see the others."},
    "article_warnings": {"vi": "Cảnh báo khi phân tích", "en": "Parser warnings"},
    "undated": {"vi": "không có ngày đăng", "en": "undated"},
    "hl_date": {"vi": "Ngày tháng", "en": "Date"},
    "hl_document": {"vi": "Văn bản", "en": "Document"},
    "hl_organisation": {"vi": "Cơ quan", "en": "Organisation"},
    "hl_person": {"vi": "Người", "en": "Person"},
    "dq_none": {"vi": "Không có", "en": "None"},
    "upload_intro": {"vi": "Tệp .txt, .html, .json hoặc .jsonl, tối đa {mb} MB mỗi tệp. Bài báo được phân tích "
                              "như khi nhập từ dòng lệnh.",
                     "en": "Files .txt, .html, .json or .jsonl, at most {mb} MB each. Articles go through the "
                           "same ingest as the command line."},
    "upload_button": {"vi": "Nhập các tệp đã chọn", "en": "Ingest the selected files"},
    "upload_bad_type": {"vi": "{name}: loại tệp không được hỗ trợ (chỉ .txt, .html, .json, .jsonl)",
                        "en": "{name}: unsupported file type (only .txt, .html, .json, .jsonl)"},
    "upload_too_large": {"vi": "{name}: tệp quá lớn ({size} MB, tối đa {mb} MB)",
                         "en": "{name}: file too large ({size} MB, at most {mb} MB)"},
    "upload_empty": {"vi": "{name}: tệp rỗng", "en": "{name}: empty file"},
    "upload_ok": {"vi": "{name}: đã nhập", "en": "{name}: ingested"},
    "upload_failed": {"vi": "{name}: không nhập được ({reason})", "en": "{name}: not ingested ({reason})"},
    "upload_partly": {"vi": "{name}: đã nhập {stored} bài; {quarantined} bản ghi bị cách ly ({reason}), xem trang "
                            "Chất lượng dữ liệu",
                      "en": "{name}: records ingested {stored}, quarantined {quarantined} ({reason}); see the "
                            "Data quality page"},
    "upload_summary": {"vi": "Kho dữ liệu: {articles} bài báo, {events} sự kiện, {documents} văn bản",
                       "en": "Store: {articles} articles, {events} events, {documents} documents"},
    "upload_nothing": {"vi": "Không có tệp hợp lệ nào để nhập; kho dữ liệu không thay đổi.",
                       "en": "No acceptable file to ingest; the store is unchanged."},
}


def tr(key: str, lang: str, **values) -> str:
    """The label for ``key``: app labels first, then ``i18n.t`` (which never raises)."""
    entry = APP_LABELS.get(key)
    if entry is None:
        return i18n.t(key, lang, **values)
    text = entry[i18n.norm_lang(lang)]
    return text.format(**values) if values else text

"""User-facing strings in Vietnamese (default) and English.

One table, ``LABELS``, maps a key to its two translations, so a missing
translation is a test failure rather than a blank label on screen. Event kinds,
document kinds and the organisations seen in the corpus have their own tables;
``t()`` falls back to the key itself (never raises) so a typo shows up as a
visible key instead of crashing a page.

Strings with ``{placeholders}`` are filled with ``t(key, lang, **values)``.
"""
from __future__ import annotations

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

LABELS: dict[str, dict[str, str]] = {
    # App and report titles, page names
    "app_title": {"vi": "Dòng thời gian chính sách công nghiệp quốc phòng",
                  "en": "Defence-industry policy timeline"},
    "page_timeline": {"vi": "Dòng thời gian", "en": "Timeline"},
    "page_documents": {"vi": "Văn bản chính sách", "en": "Policy documents"},
    "page_charts": {"vi": "Biểu đồ", "en": "Charts"},
    "page_articles": {"vi": "Bài báo", "en": "Articles"},
    "page_quality": {"vi": "Chất lượng dữ liệu", "en": "Data quality"},
    "page_upload": {"vi": "Tải lên", "en": "Upload"},
    "report_title": {"vi": "Báo cáo dòng thời gian chính sách", "en": "Policy timeline report"},
    "report_generated": {"vi": "Tạo lúc {time}", "en": "Generated {time}"},
    "report_snapshot": {"vi": "Mã ảnh dữ liệu: {snapshot}", "en": "Data snapshot: {snapshot}"},
    "report_events_table": {"vi": "Danh sách sự kiện", "en": "Events"},
    "download_png": {"vi": "Tải ảnh PNG", "en": "Download PNG"},
    "download_pdf": {"vi": "Tải PDF", "en": "Download PDF"},
    "download_html": {"vi": "Tải HTML (xem ngoại tuyến)", "en": "Download HTML (offline)"},
    "download_csv": {"vi": "Tải CSV (mọi sự kiện)", "en": "Download CSV (every event)"},
    # Filters
    "filters": {"vi": "Bộ lọc", "en": "Filters"},
    "filter_org": {"vi": "Cơ quan, tổ chức", "en": "Organisation"},
    "filter_org_help": {"vi": "Gõ tên, chữ viết tắt (CNQP) hoặc không dấu (tong cuc ky thuat)",
                        "en": "Type a name, an abbreviation (CNQP) or text without diacritics"},
    "filter_years": {"vi": "Khoảng năm", "en": "Year range"},
    "filter_from": {"vi": "Từ năm", "en": "From year"},
    "filter_to": {"vi": "Đến năm", "en": "To year"},
    "filter_kind": {"vi": "Loại sự kiện", "en": "Event kind"},
    "filter_doc": {"vi": "Văn bản chính sách", "en": "Policy document"},
    "filter_person": {"vi": "Người tham gia", "en": "People"},
    "filter_person_help": {"vi": "Sự kiện có người này tham gia. Gõ tên, có dấu hoặc không (phan van giang)",
                           "en": "Events this person took part in. Type a name, with or without diacritics"},
    "filter_q": {"vi": "Tìm kiếm", "en": "Search"},
    "filter_q_help": {"vi": "Tìm trong tiêu đề, câu trích dẫn (không phân biệt dấu)",
                      "en": "Searches titles and evidence sentences (diacritics ignored)"},
    "filter_reset": {"vi": "Xóa bộ lọc", "en": "Clear filters"},
    "language": {"vi": "Ngôn ngữ", "en": "Language"},
    "lane": {"vi": "Chia làn theo", "en": "Lanes by"},
    "lane_organisation": {"vi": "Cơ quan", "en": "Organisation"},
    "lane_kind": {"vi": "Loại sự kiện", "en": "Event kind"},
    # Counts and sentences
    "count_events": {"vi": "{shown} / {total} sự kiện", "en": "{shown} / {total} events"},
    "count_documents": {"vi": "{n} văn bản", "en": "{n} documents"},
    "count_articles": {"vi": "{n} bài báo", "en": "{n} articles"},
    "all_events": {"vi": "Tất cả sự kiện", "en": "All events"},
    "events_of": {"vi": "Sự kiện của {orgs}", "en": "Events of {orgs}"},
    "events": {"vi": "Sự kiện", "en": "Events"},
    "or": {"vi": "hoặc", "en": "or"},
    "years_from_to": {"vi": "từ {a} đến {b}", "en": "{a}–{b}"},
    "years_from": {"vi": "từ {a}", "en": "from {a}"},
    "years_to": {"vi": "đến {b}", "en": "until {b}"},
    "years_single": {"vi": "năm {a}", "en": "in {a}"},
    "kinds_clause": {"vi": "loại {kinds}", "en": "of kind {kinds}"},
    "docs_clause": {"vi": "liên quan đến {docs}", "en": "related to {docs}"},
    "q_clause": {"vi": "chứa “{q}”", "en": "containing “{q}”"},
    "people_clause": {"vi": "có {people} tham gia", "en": "with {people} taking part"},
    # Charts: titles and axes
    "empty": {"vi": "Không có sự kiện nào khớp bộ lọc", "en": "No events match the filter"},
    "chart_timeline": {"vi": "Dòng thời gian sự kiện và văn bản", "en": "Timeline of events and documents"},
    "chart_timeline_aggregated": {"vi": "Dòng thời gian (gộp theo tháng, {n} sự kiện)",
                                  "en": "Timeline (monthly totals, {n} events)"},
    "chart_per_year": {"vi": "Số sự kiện theo năm và loại", "en": "Events per year by kind"},
    "chart_heatmap": {"vi": "Sự kiện theo cơ quan và năm", "en": "Events by organisation and year"},
    "chart_documents": {"vi": "Văn bản được nhắc đến nhiều nhất theo năm",
                        "en": "Most-cited documents over time"},
    "chart_network": {"vi": "Mạng lưới cơ quan cùng tham gia sự kiện",
                      "en": "Organisations taking part in the same events"},
    "docs_bubble_note": {"vi": "Số trong vòng tròn: số bài báo nhắc đến văn bản",
                         "en": "Number in circle: articles citing the document"},
    "axis_date": {"vi": "Thời gian", "en": "Date"},
    "axis_year": {"vi": "Năm", "en": "Year"},
    "axis_events": {"vi": "Số sự kiện", "en": "Events"},
    "axis_mentions": {"vi": "Số lần nhắc đến", "en": "Mentions"},
    "axis_organisation": {"vi": "Cơ quan", "en": "Organisation"},
    "axis_kind": {"vi": "Loại sự kiện", "en": "Event kind"},
    "axis_lane_docs": {"vi": "Văn bản", "en": "Documents"},
    "legend_issued": {"vi": "Ngày ban hành văn bản", "en": "Document issued"},
    "legend_issued_top": {"vi": "Ngày ban hành: {shown} văn bản được trích dẫn nhiều nhất / {total}",
                          "en": "Document issued: the {shown} most cited of {total}"},
    "legend_period": {"vi": "Giai đoạn thực hiện", "en": "Programme period"},
    "legend_horizon": {"vi": "Tầm nhìn (đến năm)", "en": "Horizon"},
    "legend_inferred": {"vi": "Ngày suy đoán", "en": "Inferred date"},
    "legend_span": {"vi": "Sự kiện kéo dài (từ–đến)", "en": "Event over a period (from–to)"},
    "legend_other_orgs": {"vi": "Cơ quan khác", "en": "Other organisations"},
    "no_organisation": {"vi": "(chưa rõ cơ quan)", "en": "(no organisation)"},
    "hover_date": {"vi": "Thời gian", "en": "Date"},
    "hover_orgs": {"vi": "Cơ quan", "en": "Organisations"},
    "hover_docs": {"vi": "Văn bản", "en": "Documents"},
    "hover_reports": {"vi": "{n} bài báo đưa tin", "en": "Reported by {n} articles"},
    "hover_source": {"vi": "Nguồn", "en": "Source"},
    "hover_basis_inferred": {"vi": "ngày suy đoán", "en": "inferred date"},
    "hover_basis_resolved": {"vi": "năm theo ngày đăng bài", "en": "year from publication date"},
    "hover_issued": {"vi": "Ban hành", "en": "Issued"},
    "hover_count": {"vi": "Số sự kiện", "en": "Events"},
    "network_weight": {"vi": "Số sự kiện chung", "en": "Shared events"},
    # Columns of tables shown in the app and the report
    "col_date": {"vi": "Ngày", "en": "Date"},
    "col_kind": {"vi": "Loại", "en": "Kind"},
    "col_title": {"vi": "Tiêu đề", "en": "Title"},
    "col_organisations": {"vi": "Cơ quan", "en": "Organisations"},
    "col_documents": {"vi": "Văn bản", "en": "Documents"},
    "col_people": {"vi": "Người tham gia", "en": "People"},
    "col_reports": {"vi": "Số bài đưa tin", "en": "Reports"},
    "col_date_start": {"vi": "Từ ngày", "en": "First day"},
    "col_date_end": {"vi": "Đến ngày", "en": "Last day"},
    "col_other_reports": {"vi": "Bài khác đưa tin", "en": "Other articles reporting it"},
    "col_article": {"vi": "Bài báo", "en": "Article"},
    "col_url": {"vi": "Đường dẫn", "en": "Link"},
    "other_reports": {"vi": "và {n} bài khác", "en": "and {n} other articles"},
    "col_evidence": {"vi": "Câu trích dẫn", "en": "Evidence"},
    "col_source": {"vi": "Nguồn", "en": "Source"},
    "col_issuer": {"vi": "Cơ quan ban hành", "en": "Issuer"},
    "col_issued": {"vi": "Ngày ban hành", "en": "Issued"},
    "col_subject": {"vi": "Trích yếu", "en": "Subject"},
    "col_doc_name": {"vi": "Tên văn bản", "en": "Name"},
    "col_horizon": {"vi": "Tầm nhìn", "en": "Horizon"},
    "col_period": {"vi": "Giai đoạn", "en": "Period"},
    "col_published": {"vi": "Ngày đăng", "en": "Published"},
    "col_path": {"vi": "Tệp", "en": "File"},
    "col_reason": {"vi": "Lý do", "en": "Reason"},
    # Summary by organisation and year (what was decided, reviewed and signed)
    "summary_title": {"vi": "Theo cơ quan và năm: ban hành, tổng kết, ký kết",
                      "en": "By organisation and year: issued, reviewed, signed"},
    "summary_note": {"vi": "Văn bản do cơ quan ban hành trong năm; hội nghị tổng kết/sơ kết và ký kết có cơ quan "
                           "tham gia; các hoạt động khác được đếm theo loại.",
                     "en": "Documents the organisation issued that year; review conferences and signings it took "
                           "part in; its other activity counted by kind."},
    "summary_top": {"vi": "{n} cơ quan có nhiều hoạt động nhất; chọn cơ quan ở bộ lọc để xem cơ quan khác.",
                    "en": "The {n} most active organisations; pick organisations in the filter to see others."},
    "sum_org": {"vi": "Cơ quan", "en": "Organisation"},
    "sum_year": {"vi": "Năm", "en": "Year"},
    "sum_issued": {"vi": "Ban hành", "en": "Issued"},
    "sum_reviewed": {"vi": "Tổng kết, sơ kết", "en": "Reviewed"},
    "sum_signed": {"vi": "Ký kết", "en": "Signed"},
    "sum_other": {"vi": "Hoạt động khác", "en": "Other activity"},
    "sum_more": {"vi": "… và {n} mục khác", "en": "… and {n} more"},
    "sum_csv": {"vi": "Tải bảng (CSV)", "en": "Download the table (CSV)"},
    "sum_csv_name": {"vi": "co-quan-theo-nam", "en": "organisations-by-year"},
    # Lineage stages and data-quality sections
    "stage_issued": {"vi": "Ban hành", "en": "Issued"},
    "stage_mention": {"vi": "Được nhắc đến", "en": "Mentioned"},
    "stage_event": {"vi": "Sự kiện", "en": "Event"},
    "dq_undated": {"vi": "Bài báo không có ngày đăng", "en": "Undated articles"},
    "dq_inferred": {"vi": "Ngày suy đoán", "en": "Inferred dates"},
    "dq_unresolved": {"vi": "Ngày chưa xác định được, sự kiện chưa có ngày", "en": "Unresolved dates, undated events"},
    "dq_published": {"vi": "Ngày đăng cần kiểm tra", "en": "Publication dates to check"},
    "dq_errors": {"vi": "Tệp bị cách ly", "en": "Quarantined files"},
    "upload_help": {"vi": "Thêm bài báo (.txt, .html, .json, .jsonl)", "en": "Add articles (.txt, .html, .json, .jsonl)"},
    # Date precision words used when formatting dates
    "quarter": {"vi": "Quý {q}/{y}", "en": "Q{q} {y}"},
    "half_1": {"vi": "6 tháng đầu năm {y}", "en": "H1 {y}"},
    "half_2": {"vi": "6 tháng cuối năm {y}", "en": "H2 {y}"},
}

EVENT_KIND_LABELS: dict[str, dict[str, str]] = {
    "review_conference": {"vi": "Hội nghị tổng kết/sơ kết", "en": "Review conference"},
    "working_session": {"vi": "Buổi làm việc", "en": "Working session"},
    "signing": {"vi": "Ký kết", "en": "Signing"},
    "dissemination": {"vi": "Quán triệt, học tập", "en": "Dissemination"},
    "visit": {"vi": "Thăm, kiểm tra", "en": "Visit"},
    "exhibition": {"vi": "Triển lãm", "en": "Exhibition"},
    "anniversary": {"vi": "Kỷ niệm", "en": "Anniversary"},
    "law_passed": {"vi": "Thông qua luật", "en": "Law passed"},
    "law_in_force": {"vi": "Có hiệu lực", "en": "Law in force"},
    "conference": {"vi": "Hội nghị, hội thảo", "en": "Conference"},
    "other": {"vi": "Khác", "en": "Other"},
}

DOCUMENT_KIND_LABELS: dict[str, dict[str, str]] = {
    "resolution": {"vi": "Nghị quyết", "en": "Resolution"},
    "law": {"vi": "Luật", "en": "Law"},
    "ordinance": {"vi": "Pháp lệnh", "en": "Ordinance"},
    "decree": {"vi": "Nghị định", "en": "Decree"},
    "decision": {"vi": "Quyết định", "en": "Decision"},
    "directive": {"vi": "Chỉ thị", "en": "Directive"},
    "conclusion": {"vi": "Kết luận", "en": "Conclusion"},
    "circular": {"vi": "Thông tư", "en": "Circular"},
    "regulation": {"vi": "Quy định", "en": "Regulation"},
    "notice": {"vi": "Thông báo", "en": "Notice"},
    "guidance": {"vi": "Hướng dẫn", "en": "Guidance"},
    "programme": {"vi": "Chương trình", "en": "Programme"},
    "plan": {"vi": "Kế hoạch", "en": "Plan"},
    "scheme": {"vi": "Đề án", "en": "Scheme"},
    "strategy": {"vi": "Chiến lược", "en": "Strategy"},
    "other": {"vi": "Văn bản khác", "en": "Other document"},
}

def _org_en() -> dict[str, str]:
    from dashboard import vocab

    return {row["name"]: row["name_en"] for row in vocab.load("organisations.json")["organisations"]
            if row.get("name_en")}


# English names of the bodies in the reviewed vocabulary (``vocab/organisations.json``, the
# one list the extractor also reads), used when the store has no name_en for an organisation:
# the filter sentence (built without a database connection), and bodies that only ever issue
# documents ("Quốc hội") and so have no row in the store's organisations.
ORG_EN: dict[str, str] = _org_en()


def norm_lang(lang: str | None) -> str:
    """Any unknown or missing language becomes the default (Vietnamese)."""
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The label for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    entry = LABELS.get(key)
    if entry is None:
        return key
    text = entry[norm_lang(lang)]
    return text.format(**values) if values else text


def kind_label(kind: str, lang: str = DEFAULT_LANG) -> str:
    """Human label of an event kind code (model.EVENT_KINDS)."""
    entry = EVENT_KIND_LABELS.get(kind)
    return entry[norm_lang(lang)] if entry else str(kind)


def doc_kind_label(kind: str, lang: str = DEFAULT_LANG) -> str:
    """Human label of a document kind code (model.DOCUMENT_KINDS)."""
    entry = DOCUMENT_KIND_LABELS.get(kind)
    return entry[norm_lang(lang)] if entry else str(kind)


def org_label(name: str, name_en: str | None = None, lang: str = DEFAULT_LANG) -> str:
    """An organisation's name in ``lang``: English from ``name_en`` (the store), else ``ORG_EN``;
    the Vietnamese name when no English one is known."""
    if norm_lang(lang) == "en":
        return name_en or ORG_EN.get(name) or name
    return name


def number(n: int, lang: str = DEFAULT_LANG) -> str:
    """An integer with thousands separators in the language's style: 42.050 / 42,050."""
    return f"{n:,}".replace(",", "." if norm_lang(lang) == "vi" else ",")


def count_label(shown: int, total: int, lang: str = DEFAULT_LANG) -> str:
    """"N / M sự kiện" with thousands separators in the language's style."""
    return t("count_events", lang, shown=number(shown, lang), total=number(total, lang))

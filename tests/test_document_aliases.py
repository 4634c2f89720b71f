"""A document named in one article and numbered in another is one document.

The six real articles of test_event_reports: d02, 003 and 005 name "Luật Công nghiệp quốc
phòng, an ninh và động viên công nghiệp" without its number; d20 and 004 write "... số
38/2024/QH15". Read from the articles: it is one law, issued by the National Assembly on
27/6/2024. Luật Đất đai and the weapons law are other laws and stay themselves.
"""
from __future__ import annotations

import shutil

import duckdb
import pytest

from dashboard import query as Q
from dashboard.store.ingest import ingest

from test_event_reports import FILES, LAW, build, check_links


def docs(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("""SELECT document_id, symbol, name, issuer, issued, n_articles FROM documents
                              WHERE kind = 'law' ORDER BY document_id""").fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build(tmp_path_factory.mktemp("aliases"), FILES)


def test_the_law_named_and_numbered_is_one_document(store):
    laws = docs(store)
    assert [d[0] for d in laws] == ["38/2024/QH15", "law||Quốc hội||Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ",
                                    "law||Quốc hội||Luật Đất đai"]
    assert laws[0][1:] == ("38/2024/QH15", LAW, "Quốc hội", "2024-06-27", 5)  # d02, d20, 003, 004, 005
    con = duckdb.connect(str(store), read_only=True)
    try:
        # Its lineage holds every article's mention, the name-only ones too.
        lineage = Q.document_lineage(con, "38/2024/QH15")
        mentions = lineage[lineage["stage"] == "mention"]
        assert mentions["article_id"].nunique() == 5
        # The timeline draws one diamond for it.
        from dashboard.query.timeline_documents import timeline_documents
        drawn = timeline_documents(con, Q.Filter(), top_issued=100, bar_lanes=8)
        assert list(drawn["label"]).count("38/2024/QH15") == 1 and LAW not in list(drawn["label"])
        # Filtering by the symbol finds the events of the articles that only named it (d02's vote).
        ev = Q.events(con, Q.Filter(docs=("38/2024/QH15",)))
        assert ("2024-06-27", "law_passed") in set(zip(ev["date"], ev["kind"]))
    finally:
        con.close()
    check_links(store)


def test_the_alias_follows_the_numbered_articles(tmp_path):
    """Without an article that numbers it, the named law is itself again; the grouping does not depend
    on the order of ingest."""
    named_only = build(tmp_path / "a", ["d02", "003", "005"])
    assert f"law||Quốc hội||{LAW}" in [d[0] for d in docs(named_only)]
    corpus = tmp_path / "a" / "articles"
    shutil.copy(FILES["d20"], corpus / FILES["d20"].name)
    ingest([str(corpus)], str(named_only), workers=1)
    assert [d[0] for d in docs(named_only)][:1] == ["38/2024/QH15"]
    assert f"law||Quốc hội||{LAW}" not in [d[0] for d in docs(named_only)]
    one_by_one = build(tmp_path / "b", ["d20", "004", "005", "003", "d03", "d02"], one_by_one=True)
    whole = build(tmp_path / "c", FILES)
    assert docs(one_by_one) == docs(whole)
    check_links(named_only)
    check_links(one_by_one)


def test_the_documents_page_names_the_law_and_quotes_where_its_date_comes_from(store, tmp_path, monkeypatch):
    """The picker and the table read "38/2024/QH15 · Luật Công nghiệp quốc phòng, …" (the symbol alone
    said nothing of what the law is); the issue row of its lineage quotes an article, not "None"."""
    from streamlit.testing.v1 import AppTest

    from test_event_reports import ROOT

    monkeypatch.setenv("DASHBOARD_DB", str(store))
    monkeypatch.setenv("DASHBOARD_UPLOADS", str(tmp_path / "uploads"))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.run()
    at.switch_page("dashboard/app/pages/documents.py").run()
    assert not at.exception, [e.message for e in at.exception]
    picker = at.selectbox(key="document")
    assert picker.value == "38/2024/QH15"  # the most cited
    assert picker.format_func("38/2024/QH15") == f"38/2024/QH15 · {LAW}"
    # A resolution's name ("Nghị quyết số 08-NQ/TW") only repeats its symbol: its kind is shown instead.
    numbered = [o for o in picker.options if o.startswith("08-NQ/TW")]
    assert numbered == [] or numbered[0].endswith("· Nghị quyết")
    assert any("Tên văn bản" in m.proto.body and LAW in m.proto.body for m in at.get("html"))
    [lineage] = [d.value for d in at.dataframe if "Giai đoạn" in d.value.columns]
    issued = lineage[lineage["Giai đoạn"] == "Ban hành"].iloc[0]
    # The sentence of a mention with the symbol, first published; it holds the day the row gives.
    assert issued["Câu trích dẫn"] == (f"{LAW} số 38/2024/QH15, được Quốc hội khóa XV thông qua ngày 27/6/2024, "
                                       "có hiệu lực thi hành từ ngày 1-7-2025, gồm 7 chương, 86 điều.")
    assert isinstance(issued["Nguồn"], str) and issued["Nguồn"]
    [table] = [d.value for d in at.dataframe if "Lần nhắc" in d.value.columns]
    assert f"38/2024/QH15 · {LAW}" in set(table["Văn bản"])


def test_the_filter_sentence_names_the_law_in_the_app_and_the_report(store, tmp_path, monkeypatch):
    """"Sự kiện, liên quan đến 38/2024/QH15" said nothing of what the document is: the sentence over the
    app's pages and the report's subtitle read "38/2024/QH15 (Luật Công nghiệp quốc phòng, …)"."""
    from streamlit.testing.v1 import AppTest

    from dashboard.report.report import filter_sentence
    from test_event_reports import ROOT

    expected = f"Sự kiện, liên quan đến 38/2024/QH15 ({LAW})"
    con = duckdb.connect(str(store), read_only=True)
    try:
        assert filter_sentence(con, Q.Filter(docs=("38/2024/QH15",)), "vi") == expected
        assert Q.document_names(con, ["38/2024/QH15", "nothing"]) == {"38/2024/QH15": LAW}
    finally:
        con.close()
    monkeypatch.setenv("DASHBOARD_DB", str(store))
    monkeypatch.setenv("DASHBOARD_UPLOADS", str(tmp_path / "uploads"))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.query_params.update({"doc": "38/2024/QH15"})
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    [shown] = [h.proto.body for h in at.get("html") if 'data-testid="filter-sentence"' in h.proto.body]
    assert f">{expected}<" in shown
    # The sidebar's document picker names it too, so typing its name finds it.
    picker = at.multiselect(key="f_doc")
    assert picker.value == ["38/2024/QH15"] and picker.format_func("38/2024/QH15") == f"38/2024/QH15 · {LAW}"


def test_the_events_csv_names_the_law_after_its_symbol(store):
    """A spreadsheet of the law's events said "38/2024/QH15" and nothing of what it is; it now says what the
    filter sentence says. A document without a symbol, or whose name only repeats it, is written once."""
    import csv
    import io

    from dashboard.report import build_report

    con = duckdb.connect(str(store), read_only=True)
    try:
        data = build_report(con, Q.Filter(), "vi", "csv")
    finally:
        con.close()
    header, *body = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    cells = [dict(zip(header, r))["Văn bản"] for r in body]
    written = {d for cell in cells for d in cell.split("; ") if d}
    assert f"38/2024/QH15 ({LAW})" in written and "38/2024/QH15" not in written
    assert "Luật Đất đai" in written  # no symbol: its name, once
    assert not any(d.endswith(")") and d.split(" (")[0] in d.split(" (", 1)[1] for d in written)

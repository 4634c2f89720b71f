"""Cross-article consolidation on a real store, from hand-written extractions and from the samples."""
from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

from dashboard.model import (Article, DateMention, DateValue, Document, Event, Evidence, Extraction,
                             Organisation, Person)
from dashboard.store import consolidate
from dashboard.store.db import connect
from dashboard.store.ingest import ingest
from dashboard.store.rows import article_rows, person_key
from dashboard.store.worker import FileOutcome, RecordOutcome
from dashboard.store.write import write_batch
from test_store import assert_consistent, query


def ev(text: str, needle: str) -> Evidence:
    start = text.index(needle)
    return Evidence(start, start + len(needle), needle)


def store_extractions(db, extractions: list[Extraction]) -> None:
    """Write hand-made extractions through the real write path, then consolidate."""
    _write_only(db, extractions)
    con = connect(db)
    try:
        consolidate.rebuild(con)
    finally:
        con.close()


def article(path: str, text: str, published: str | None = "2023-11-22") -> Article:
    return Article(path=path, text=text, published=published)


def test_store_consolidate_document_takes_most_precise_date_and_records_conflicts(tmp_path):
    texts = ["Nghị quyết số 08-NQ/TW ngày 26-1-2022 của Bộ Chính trị đến năm 2030.",
             "Thực hiện Nghị quyết 08-NQ/TW năm 2022.",
             "Nghị quyết số 08-NQ/TW ngày 28-1-2022, tầm nhìn đến năm 2045."]
    issued = ["2022-01-26", "2022", "2022-01-28"]
    horizon = ["2030", None, "2030; tầm nhìn 2045"]
    xs = []
    for i, (t, iss, hor) in enumerate(zip(texts, issued, horizon)):
        d = Document("resolution", ev(t, "08-NQ/TW"), symbol="08-NQ/TW", number="08", issuer="Bộ Chính trị",
                     issued=iss, horizon=hor, mentions=(ev(t, "08-NQ/TW"),))
        xs.append(Extraction(article(f"/a{i}.txt", t), documents=(d,)))
    xs.append(Extraction(article("/a3.txt", texts[0] + " Nhắc lại."), documents=(
        Document("resolution", ev(texts[0], "08-NQ/TW"), symbol="08-NQ/TW", issued="2022-01-26"),)))
    db = tmp_path / "c.duckdb"
    store_extractions(db, xs)
    [(issued_, day, hor, hyear, n_m, n_a, conflicts)] = query(
        db, "SELECT issued, issued_day, horizon, horizon_year, n_mentions, n_articles, conflicts FROM documents")
    assert issued_ == "2022-01-26" and day == dt.date(2022, 1, 26)  # day beats year; 2 mentions beat 1
    assert n_m == 4 and n_a == 4
    fields = {c["field"]: c["values"] for c in json.loads(conflicts)}
    assert fields == {"issued": ["2022", "2022-01-26", "2022-01-28"]}  # 2030 ⊂ "2030; tầm nhìn 2045": no conflict
    assert hor in ("2030", "2030; tầm nhìn 2045") and hyear in (2030, 2045)
    assert_consistent(db)


def test_store_consolidate_abbreviations_resolve_to_one_organisation(tmp_path):
    full = "Tổng cục Công nghiệp Quốc phòng (CNQP) tổ chức hội nghị."
    xs = [
        Extraction(article("/o1.txt", full), organisations=(Organisation(
            "Tổng cục Công nghiệp quốc phòng", ("CNQP",), "General Department of Defence Industry",
            (ev(full, "Tổng cục Công nghiệp Quốc phòng"), ev(full, "CNQP"))),)),
        Extraction(article("/o2.txt", "Tổng cục CNQP làm việc."), organisations=(
            Organisation("Tổng cục CNQP", (), None, (ev("Tổng cục CNQP làm việc.", "Tổng cục CNQP"),)),)),
        Extraction(article("/o3.txt", "TCCNQP và Tổng cục Kỹ thuật."), organisations=(
            Organisation("TCCNQP", (), None, (ev("TCCNQP và Tổng cục Kỹ thuật.", "TCCNQP"),)),
            Organisation("Tổng cục Kỹ thuật", ("TCKT",), None, (ev("TCCNQP và Tổng cục Kỹ thuật.", "Tổng cục Kỹ thuật"),)))),
        Extraction(article("/o4.txt", "Bộ Công Thương và Bộ Chính trị; BCT."), organisations=(
            Organisation("Bộ Công Thương", ("BCT",)), Organisation("Bộ Chính trị", ("BCT",)),
            Organisation("BCT"))),
    ]
    db = tmp_path / "c.duckdb"
    store_extractions(db, xs)
    orgs = {name: (abbrs, n) for name, abbrs, n in query(db, "SELECT name, abbreviations, n_articles FROM organisations")}
    assert orgs["Tổng cục Công nghiệp quốc phòng"] == (["CNQP", "TCCNQP", "Tổng cục CNQP"], 3)
    assert "Tổng cục CNQP" not in orgs and "TCCNQP" not in orgs
    assert "BCT" in orgs  # ambiguous (Bộ Công Thương / Bộ Chính trị): not merged into either
    [(key,)] = query(db, "SELECT search_key FROM organisations WHERE name = 'Tổng cục Công nghiệp quốc phòng'")
    assert "tong cuc cong nghiep quoc phong" in key and "tccnqp" in key and "general department" in key
    ids = query(db, "SELECT DISTINCT org_id FROM org_mentions WHERE evidence IN ('CNQP', 'Tổng cục CNQP', 'TCCNQP',"
                    " 'Tổng cục Công nghiệp Quốc phòng')")
    assert len(ids) == 1
    assert_consistent(db)


@pytest.mark.parametrize("a,b", [("Phùng Sĩ Tấn", "Phùng Sỹ Tấn"), ("Nguyễn Văn Mỹ", "Nguyễn Văn Mĩ"),
                                 ("Lê Quý Đôn", "Lê Quí Đôn")])
def test_store_person_key_merges_i_y_variants(a, b):
    assert person_key(a) == person_key(b)


def test_store_person_key_keeps_distinct_names_apart():
    assert person_key("Nguyễn Văn Huy") != person_key("Nguyễn Văn Hui")
    assert person_key("Trần Thủy") == "tran thuy"


def test_store_consolidate_people_and_event_links(tmp_path):
    t1 = "Sáng 22-11, Thượng tướng Phùng Sĩ Tấn dự hội nghị của Tổng cục Kỹ thuật về Nghị quyết 806-NQ/QUTW."
    t2 = "Đại tướng Phùng Sỹ Tấn phát biểu."
    doc = Document("resolution", ev(t1, "806-NQ/QUTW"), symbol="806-NQ/QUTW")
    event = Event(DateValue("2023-11-22", day_part="sáng", basis="resolved"), "review_conference", "Hội nghị",
                  ev(t1, "Sáng 22-11"), organisations=("Tổng cục Kỹ thuật", "Bộ Quốc phòng"),
                  documents=("806-NQ/QUTW", "not-extracted"), people=("Phùng Sĩ Tấn",))
    xs = [Extraction(article("/p1.txt", t1, "2023-11-22"), events=(event,), documents=(doc,),
                     organisations=(Organisation("Tổng cục Kỹ thuật", (), None, (ev(t1, "Tổng cục Kỹ thuật"),)),),
                     people=(Person("Phùng Sĩ Tấn", "Thượng tướng", None, (), (ev(t1, "Phùng Sĩ Tấn"),)),)),
          Extraction(article("/p2.txt", t2, "2024-05-01"),
                     people=(Person("Phùng Sỹ Tấn", "Đại tướng", None, (), (ev(t2, "Phùng Sỹ Tấn"),)),))]
    db = tmp_path / "c.duckdb"
    store_extractions(db, xs)
    [(name, rank, variants, n)] = query(db, "SELECT name, rank, variants, n_articles FROM people")
    assert rank == "Đại tướng" and n == 2 and {name, *variants} == {"Phùng Sĩ Tấn", "Phùng Sỹ Tấn"}
    assert query(db, "SELECT document_id FROM event_documents") == [("806-NQ/QUTW",)]  # no dangling link
    linked = {n for (n,) in query(db, "SELECT o.name FROM event_organisations JOIN organisations o USING (org_id)")}
    assert linked == {"Tổng cục Kỹ thuật", "Bộ Quốc phòng"}  # named only by the event: still an organisation
    assert query(db, "SELECT count(*) FROM event_people")[0][0] == 1
    assert_consistent(db)


def test_store_undated_article_gets_an_inferred_range_with_reason(tmp_path):
    t = "Nghị quyết số 08-NQ/TW ngày 26-1-2022, năm 2021 và đến năm 2030."
    dates = (DateMention(ev(t, "ngày 26-1-2022"), DateValue("2022-01-26"), role="issue"),
             DateMention(ev(t, "năm 2021"), DateValue("2021", precision="year")),
             DateMention(ev(t, "đến năm 2030"), DateValue("2030", precision="year"), role="horizon"))
    db = tmp_path / "c.duckdb"
    store_extractions(db, [Extraction(article("/u.txt", t, None), dates=dates),
                           Extraction(article("/n.txt", "Không có ngày.", None))])
    rows = dict((p, r) for p, *r in query(
        db, "SELECT path, undated, inferred_start, inferred_end, inferred_reason FROM articles"))
    undated, start, end, reason = rows["/u.txt"]
    assert undated and start == dt.date(2022, 1, 26) and end is None and "ngày 26-1-2022" in reason
    assert rows["/n.txt"] == [True, None, None, None]  # nothing in the text to go on: no guess


def test_store_samples_documents_dates_and_horizons(tmp_path, samples_dir):
    db = tmp_path / "s.duckdb"
    ingest([samples_dir], db)
    docs = query(db, "SELECT document_id, symbol, kind, number, issuer, issued, horizon, horizon_year, period"
                     " FROM documents")
    by_symbol = {d[1]: d for d in docs if d[1]}
    if "806-NQ/QUTW" not in by_symbol:
        pytest.xfail("parser pending: documents stage does not find 806-NQ/QUTW yet")
    r806, r08 = by_symbol["806-NQ/QUTW"], by_symbol["08-NQ/TW"]
    assert (r806[2], r806[4], r806[5], r806[7]) == ("resolution", "Quân ủy Trung ương", "2013-12-31", 2020)
    assert (r08[2], r08[4], r08[5], r08[7]) == ("resolution", "Bộ Chính trị", "2022-01-26", 2030)
    res06 = [d for d in docs if d[2] == "resolution" and d[3] == "06" and d[4] == "Bộ Chính trị"]
    assert len(res06) == 1 and res06[0][7] == 2020
    programme = [d for d in docs if d[2] == "programme" and d[8] == "2023-2025"]
    assert len(programme) == 1
    assert_consistent(db)


def test_store_samples_cnqp_forms_are_one_organisation(tmp_path, samples_dir):
    db = tmp_path / "s.duckdb"
    ingest([samples_dir], db)
    ids = {i for (i,) in query(db, """SELECT DISTINCT org_id FROM org_mentions
        WHERE evidence IN ('Tổng cục CNQP', 'Tổng cục Công nghiệp Quốc phòng', 'CNQP')""")}
    if not ids:
        pytest.xfail("parser pending: organisations stage finds no CNQP forms yet")
    assert len(ids) == 1
    forms = {e for (e,) in query(db, "SELECT DISTINCT evidence FROM org_mentions WHERE org_id = ?", [ids.pop()])}
    assert {"Tổng cục CNQP", "Tổng cục Công nghiệp Quốc phòng"} <= forms
    con = duckdb.connect(str(db), read_only=True)
    try:  # the inline "(CNQP)" of sample 000 is an abbreviation of that organisation
        [(abbrs,)] = con.execute("SELECT abbreviations FROM organisations WHERE org_id IN "
                                 "(SELECT org_id FROM org_mentions WHERE evidence = 'Tổng cục CNQP')").fetchall()
    finally:
        con.close()
    assert "CNQP" in abbrs


def _write_only(db, extractions: list[Extraction]) -> None:
    """Write extractions as one batch without the final rebuild (what a killed ingest leaves)."""
    outcomes = []
    for x in extractions:
        aid, rows = article_rows(x.article.path, "hash-" + x.article.path, "utf-8", [], x, dt.datetime(2024, 1, 1))
        outcomes.append(FileOutcome(x.article.path, "file-" + x.article.path,
                                    records=[RecordOutcome(x.article.path, "h", aid, rows)]))
    con = connect(db)
    try:
        known = {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()}
        write_batch(con, outcomes, known, "test")
    finally:
        con.close()


def test_store_provisional_event_link_follows_a_merged_alias_until_the_rebuild(tmp_path):
    full = "Tổng cục Công nghiệp Quốc phòng (CNQP) tổ chức hội nghị."
    db = tmp_path / "c.duckdb"
    store_extractions(db, [
        Extraction(article("/o1.txt", full), organisations=(Organisation(
            "Tổng cục Công nghiệp quốc phòng", ("CNQP",), None, (ev(full, "Tổng cục Công nghiệp Quốc phòng"),)),)),
        Extraction(article("/o2.txt", "Tổng cục CNQP làm việc."), organisations=(
            Organisation("Tổng cục CNQP", (), None, (ev("Tổng cục CNQP làm việc.", "Tổng cục CNQP"),)),))])
    [(canonical,)] = query(db, "SELECT org_id FROM organisations WHERE name = 'Tổng cục Công nghiệp quốc phòng'")
    # A later batch names the alias and a new organisation; the ingest is killed before its rebuild.
    t = "Sáng 22-11, Tổng cục CNQP và Cục Kinh tế ký kết chương trình phối hợp."
    event = Event(DateValue("2023-11-22", day_part="sáng", basis="resolved"), "signing", "Ký kết",
                  ev(t, "Sáng 22-11"), organisations=("Tổng cục CNQP", "Cục Kinh tế"))
    _write_only(db, [Extraction(article("/o3.txt", t), events=(event,), organisations=(
        Organisation("Tổng cục CNQP", (), None, (ev(t, "Tổng cục CNQP"),)),
        Organisation("Cục Kinh tế", (), None, (ev(t, "Cục Kinh tế"),))))])
    linked = {r[0] for r in query(db, "SELECT o.name FROM event_organisations JOIN organisations o USING (org_id)")}
    ids = {r[0] for r in query(db, "SELECT org_id FROM event_organisations")}
    assert canonical in ids  # the alias links where the rebuild merged it, not to an id of its own
    assert linked == {"Tổng cục Công nghiệp quốc phòng", "Cục Kinh tế"}  # every link has its organisation
    assert_consistent(db)


def test_store_article_text_is_stored_zstd_compressed(tmp_path, samples_dir):
    db = tmp_path / "z.duckdb"
    ingest([samples_dir], db)
    compressions = {r[0] for r in query(db, "SELECT compression FROM pragma_storage_info('articles') "
                                            "WHERE column_name = 'text' AND segment_type = 'VARCHAR'")}
    assert compressions == {"ZSTD"}

"""The store on a real DuckDB file: idempotent, incremental, nothing lost, samples consolidated."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata

import duckdb
import pytest

from dashboard.store import schema
from dashboard.store.build import ensure_store, store_status
from dashboard.store.db import connect, set_meta, transaction
from dashboard.store.ingest import ingest
from dashboard.store.snapshot import snapshot_id
from test_sources import VN, to_cp1258

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent
PUBLIC = [t for t in schema.TABLES if not t.internal]


def counts(db) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t.name: con.execute(f"SELECT count(*) FROM {t.name}").fetchall()[0][0] for t in schema.TABLES}
    finally:
        con.close()


def query(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def snap(db) -> str:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return snapshot_id(con)
    finally:
        con.close()


def assert_consistent(db) -> None:
    """Keys unique, every row's article exists, every link's ends exist."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        for t in PUBLIC:
            keys = ", ".join(t.primary_key)
            dup = con.execute(f"SELECT {keys}, count(*) FROM {t.name} GROUP BY ALL HAVING count(*) > 1").fetchall()
            assert dup == [], (t.name, dup[:3])
            if "article_id" in t.column_names and t.name not in ("articles", "input_files"):
                orphans = con.execute(f"SELECT count(*) FROM {t.name} WHERE article_id NOT IN "
                                      "(SELECT article_id FROM articles)").fetchall()[0][0]
                assert orphans == 0, t.name
        for link, col, target in (("event_documents", "document_id", "documents"),
                                  ("event_organisations", "org_id", "organisations"),
                                  ("event_people", "person_id", "people")):
            bad = con.execute(f"SELECT count(*) FROM {link} WHERE event_id NOT IN (SELECT event_id FROM events)"
                              f" OR {col} NOT IN (SELECT {col} FROM {target})").fetchall()[0][0]
            assert bad == 0, link
        # Other articles' reports of an event: out of ``events``, each pointing at an event in it.
        stray = con.execute("SELECT count(*) FROM event_reports WHERE event_id IN (SELECT event_id FROM events) "
                            "OR primary_id NOT IN (SELECT event_id FROM events)").fetchall()[0][0]
        assert stray == 0
        missing = con.execute("SELECT count(*) FROM input_files WHERE article_id IS NOT NULL AND article_id "
                              "NOT IN (SELECT article_id FROM articles)").fetchall()[0][0]
        assert missing == 0
        unledgered = con.execute("SELECT count(*) FROM articles WHERE article_id NOT IN "
                                 "(SELECT article_id FROM input_files WHERE article_id IS NOT NULL)").fetchall()[0][0]
        assert unledgered == 0
    finally:
        con.close()


@pytest.fixture()
def corpus(tmp_path, samples_dir):
    d = tmp_path / "articles"
    shutil.copytree(samples_dir, d)
    for p in d.iterdir():
        p.chmod(0o644)
    return d


def test_store_ingest_twice_changes_nothing(tmp_path, corpus):
    db = tmp_path / "s.duckdb"
    first = ingest([corpus], db)
    assert (first.added, first.updated, first.unchanged, first.quarantined) == (5, 0, 0, 0)
    before, snap_before = counts(db), snap(db)
    stamps = query(db, "SELECT path, ingested_at FROM articles ORDER BY path")
    second = ingest([corpus], db)
    assert (second.added, second.updated, second.unchanged, second.quarantined) == (0, 0, 5, 0)
    assert counts(db) == before and snap(db) == snap_before
    assert query(db, "SELECT path, ingested_at FROM articles ORDER BY path") == stamps
    assert "5 unchanged" in second.paragraph()
    assert_consistent(db)


def test_store_edit_one_file_replaces_only_its_rows(tmp_path, corpus):
    db = tmp_path / "s.duckdb"
    ingest([corpus], db)
    per_article = "SELECT a.path, count(e.event_id) FROM articles a LEFT JOIN events e USING (article_id) GROUP BY 1"
    tables = ("events", "document_mentions", "person_mentions")
    rows_before = {t: set(query(db, f"SELECT * FROM {t}")) for t in tables}
    ids_before = dict(query(db, "SELECT path, article_id FROM articles"))
    edited = sorted(corpus.iterdir())[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMột câu mới được thêm vào.\n", encoding="utf-8")
    s = ingest([corpus], db)
    assert (s.added, s.updated, s.unchanged) == (0, 1, 4)
    ids_after = dict(query(db, "SELECT path, article_id FROM articles"))
    assert set(ids_after) == set(ids_before)
    changed = {p for p in ids_after if ids_after[p] != ids_before[p]}
    assert changed == {str(edited)}
    old_id = ids_before[str(edited)]
    for t, before in rows_before.items():
        after = set(query(db, f"SELECT * FROM {t}"))
        # Rows of the other four articles are untouched; the edited article's old rows are gone.
        assert {r for r in before if old_id not in r} == {r for r in after if ids_after[str(edited)] not in r}
        assert not any(old_id in r for r in after)
    assert len(query(db, per_article)) == 5
    assert_consistent(db)


def _bad_folder(d):
    d.mkdir()
    files = {
        "good.txt": VN.encode(), "bom.txt": b"\xef\xbb\xbf" + VN.encode(), "utf16.txt": VN.encode("utf-16"),
        "cp1258.txt": to_cp1258(VN), "nfd.txt": unicodedata.normalize("NFD", VN).encode(),
        "page.html": f"<html><head><title>Trang</title></head><body><p>{VN}</p></body></html>".encode(),
        "partial.json": json.dumps({"text": VN}).encode(),
        "feed.jsonl": (json.dumps({"title": "A", "text": VN, "url": "u", "published": "2023-11-22"})
                       + "\n{broken\n").encode(),
        "empty.txt": b"", "binary.txt": b"\x00\x01\x02binary" * 100, "huge.txt": b"a " * (3 * 1024 * 1024),
        "undecodable.txt": bytes(0x80 + (i * 37) % 120 for i in range(3000)),
        "notext.json": json.dumps({"title": "Không có nội dung"}).encode(),
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    return files


def test_store_bad_folder_every_file_accounted_for(tmp_path):
    d = tmp_path / "bad"
    files = _bad_folder(d)
    db = tmp_path / "s.duckdb"
    proc = subprocess.run([sys.executable, "-m", "dashboard", "ingest", str(d), "--db", str(db)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr  # 1 = something was quarantined
    assert "quarantined" in proc.stdout
    ledger = query(db, "SELECT path, file_path, status FROM input_files")
    errors = {p.rsplit("/", 1)[1]: r for p, r in query(db, "SELECT path, reason FROM ingest_errors")}
    assert errors == {"empty.txt": "empty", "binary.txt": "binary", "huge.txt": "too_large",
                      "undecodable.txt": "undecodable", "notext.json": "no_text", "feed.jsonl#2": "invalid_json"}
    for name in files:  # every file is in the ledger; each of its records is stored or quarantined
        rows = [(p, s) for p, f, s in ledger if f == str(d / name)]
        assert rows, name
        for path, status in rows:
            assert (status == "quarantined") == (path.rsplit("/", 1)[1] in errors), (path, status)
    # the five decodings of the same text all became the same article: one stored, four duplicates
    texts = query(db, "SELECT text, encoding, warnings FROM articles")
    assert all("Phùng Sĩ Tấn" in t for t, _e, _w in texts)
    assert {s for _p, _f, s in ledger} == {"ingested", "duplicate", "quarantined"}
    again = ingest([d], db)
    assert again.quarantined == 6 and again.added == again.updated == 0
    assert_consistent(db)


def test_store_jsonl_line_removed_deletes_its_article_and_duplicates_survive(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    recs = [{"title": f"Bài {i}", "text": f"{VN} Số {i}.", "published": "2023-11-22"} for i in range(3)]
    (d / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    (d / "copy_a.txt").write_text(VN, encoding="utf-8")
    (d / "copy_b.txt").write_text(VN, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    ingest([d], db)
    assert counts(db)["articles"] == 4
    (d / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in recs[:2]), encoding="utf-8")
    (d / "copy_a.txt").write_text(VN + "Thêm.\n", encoding="utf-8")
    s = ingest([d], db)
    assert s.updated == 3 and s.unchanged == 1
    titles = sorted(t for (t,) in query(db, "SELECT title FROM articles WHERE title IS NOT NULL"))
    assert titles == ["Bài 0", "Bài 1"]
    assert query(db, "SELECT path FROM articles WHERE text = ?", [VN.strip()]) == [(str(d / "copy_b.txt"),)]
    assert_consistent(db)


def test_store_jsonl_lines_appended_count_as_added_and_an_edited_line_as_updated(tmp_path):
    """A small feed (read whole) that grew: new lines are added articles, a changed line an updated one."""
    d = tmp_path / "in"
    d.mkdir()
    recs = [{"title": f"Bài {i}", "text": f"{VN} Số {i}.", "published": "2023-11-22"} for i in range(5)]
    feed = d / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in recs[:3]), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert ingest([d], db).added == 3
    recs[1]["text"] += " Đã sửa."
    feed.write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    s = ingest([d], db)
    # A file is read whole: its two unchanged lines are parsed again and count as updated too.
    assert (s.added, s.updated, s.unchanged) == (2, 3, 0)
    assert "2 articles added, 3 updated" in s.paragraph()
    assert counts(db)["articles"] == 5
    assert_consistent(db)


def test_store_extractor_change_reparses_everything_without_changing_rows(tmp_path, corpus):
    db = tmp_path / "s.duckdb"
    ingest([corpus], db)
    before = snap(db)
    con = connect(db)
    con.execute("UPDATE input_files SET extractor = 'an-older-version'")
    con.close()
    s = ingest([corpus], db)
    assert s.reparsed == 5 and s.updated == 5 and "parsed again" in s.paragraph()
    assert snap(db) == before
    assert_consistent(db)


def test_store_ensure_store_builds_once(tmp_path, corpus):
    db = tmp_path / "sub" / "app.duckdb"
    built = ensure_store(db, corpus)
    assert built is not None and built.added == 5 and db.exists()
    assert ensure_store(db, corpus) is None and store_status(db) == "current"


def test_store_ensure_store_rebuilds_a_stale_store_with_everything_it_held(tmp_path, corpus):
    db, uploads, elsewhere = tmp_path / "app.duckdb", tmp_path / "uploads", tmp_path / "mine"
    for d, name in ((uploads, "up.txt"), (elsewhere, "own.txt")):
        d.mkdir()
        (d / name).write_text(f"{VN}\nBài {name}.\n", encoding="utf-8")
    ensure_store(db, corpus, uploads)
    ingest([elsewhere], db)  # a user's own folder, ingested from the command line
    before = counts(db)
    assert before["articles"] == 7
    con = connect(db)
    with transaction(con):
        set_meta(con, "schema", "written-by-an-older-schema")
    con.close()
    assert store_status(db) == "stale"
    rebuilt = ensure_store(db, corpus, uploads)
    assert rebuilt is not None and rebuilt.added == 7 and rebuilt.files == 7
    assert counts(db) == before and store_status(db) == "current"
    assert ensure_store(db, corpus, uploads) is None
    assert_consistent(db)


def test_store_ensure_store_leaves_hand_made_stores_alone(tmp_path, corpus):
    from dashboard.sample_store import build_sample_db

    made = build_sample_db(tmp_path / "sample.duckdb")  # declared tables, no schema fingerprint
    raw = tmp_path / "raw.duckdb"
    con = duckdb.connect(str(raw))
    con.execute("CREATE TABLE articles (article_id VARCHAR)")
    con.close()
    for db in (made, raw):
        before = (db.stat().st_mtime_ns, db.read_bytes())
        assert store_status(db) == "foreign"
        assert ensure_store(db, corpus) is None
        assert (db.stat().st_mtime_ns, db.read_bytes()) == before


def test_store_cli_usage_errors_exit_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "dashboard", "ingest", str(tmp_path / "missing")],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.startswith("error:") and "Traceback" not in proc.stderr


def test_store_snapshot_id_ignores_ingest_order_and_time(tmp_path, corpus):
    files = sorted(corpus.iterdir())
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    ingest(files, a)
    ingest(list(reversed(files[2:])), b)
    ingest(files[:2], b)
    assert snap(a) == snap(b) and len(snap(a)) == 12


def test_store_ensure_store_reparses_files_read_by_an_older_extractor(tmp_path, corpus):
    db = tmp_path / "s.duckdb"
    assert ensure_store(db, corpus) is not None  # built
    assert ensure_store(db, corpus) is None  # current: nothing to do
    raw = duckdb.connect(str(db))
    raw.execute("UPDATE input_files SET extractor = 'an older parser'")
    raw.close()
    summary = ensure_store(db, corpus)
    assert summary is not None and summary.reparsed == summary.files > 0
    assert ensure_store(db, corpus) is None


def test_store_ensure_store_leaves_a_large_outdated_store_to_the_ingest_command(tmp_path, corpus, monkeypatch):
    from dashboard.store import build

    db = tmp_path / "s.duckdb"
    ensure_store(db, corpus)
    raw = duckdb.connect(str(db))
    raw.execute("UPDATE input_files SET extractor = 'an older parser'")
    raw.close()
    monkeypatch.setattr(build, "AUTO_REPARSE_LIMIT", 2)  # the corpus holds 5 files
    assert ensure_store(db, corpus) is None


def test_store_publication_dates_after_the_reading_day_or_unreadable_are_listed_for_checking(tmp_path):
    """A typo such as 2032 anchors every yearless date of the article: the Data quality page must say so."""
    import datetime as dt

    from dashboard.query import data_quality

    d = tmp_path / "in"
    d.mkdir()
    text = "Sáng 20-11, Tổng cục Kỹ thuật tổ chức Hội nghị tổng kết công tác năm."
    today = dt.date.today()
    tomorrow = today + dt.timedelta(days=1)  # a feed a time zone ahead: not flagged
    published = {"typo": "2032-11-22", "tomorrow": tomorrow.isoformat(), "today": today.isoformat(),
                 "unreadable": "sometime soon", "past": "2023-11-22T08:00"}
    for name, value in published.items():
        (d / f"{name}.json").write_text(json.dumps({"title": f"Bài {name}", "text": text, "url": "u",
                                                    "published": value}, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    ingest([d], db, workers=1)
    con = duckdb.connect(str(db), read_only=True)
    try:
        flagged = data_quality(con)["publication_dates"]
        typo_year = con.execute("SELECT min(e.date_start_day) FROM events e JOIN articles a USING (article_id) "
                                "WHERE a.title = 'Bài typo'").fetchone()[0]
    finally:
        con.close()
    by_title = dict(zip(flagged["title"], flagged["warning"]))
    assert set(by_title) == {"Bài typo", "Bài unreadable"}, by_title
    assert "2032-11-22 is after the day the article was read" in by_title["Bài typo"]
    assert "unreadable publication date 'sometime soon'" in by_title["Bài unreadable"]
    assert str(typo_year).startswith("2032-11-20")  # why it matters: the events moved to 2032 with it

"""Export of every public table: provenance columns, sorted and reproducible output, three formats."""
from __future__ import annotations

import csv
import json
import subprocess
import sys

import duckdb
import pytest

from dashboard.store import schema
from dashboard.store.export import export
from dashboard.store.ingest import ingest
from test_store import ROOT

PUBLIC = [t.name for t in schema.TABLES if not t.internal]


@pytest.fixture(scope="module")
def store(tmp_path_factory, samples_dir):
    db = tmp_path_factory.mktemp("export") / "s.duckdb"
    ingest([samples_dir], db)
    return db


def _export(db, out, fmt):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return export(con, out, fmt)
    finally:
        con.close()


def test_export_csv_has_every_table_with_provenance_and_sorted_keys(store, tmp_path):
    paths = _export(store, tmp_path / "csv", "csv")
    assert sorted(p.stem for p in paths) == sorted(PUBLIC)
    with (tmp_path / "csv" / "events.csv").open(encoding="utf-8") as f:
        events = list(csv.DictReader(f))
    assert events, "the samples have events"
    for col in ("article_id", "article_path", "article_url", "evidence", "ev_start", "ev_end"):
        assert col in events[0]
    assert all(r["article_path"].endswith(".txt") for r in events)
    assert [r["event_id"] for r in events] == sorted(r["event_id"] for r in events)
    con = duckdb.connect(str(store), read_only=True)
    try:  # the evidence really is the article's text at those offsets
        for r in events:
            [(text,)] = con.execute("SELECT text FROM articles WHERE article_id = ?", [r["article_id"]]).fetchall()
            assert text[int(r["ev_start"]):int(r["ev_end"])] == r["evidence"]
    finally:
        con.close()
    header = (tmp_path / "csv" / "articles.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "ingested_at" not in header  # timestamps would make regenerated exports differ


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_is_byte_identical_when_repeated(store, tmp_path, fmt):
    first = {p.name: p.read_bytes() for p in _export(store, tmp_path / "a", fmt)}
    second = {p.name: p.read_bytes() for p in _export(store, tmp_path / "b", fmt)}
    assert first == second


def test_export_json_and_parquet_round_trip_row_counts(store, tmp_path):
    _export(store, tmp_path / "j", "json")
    _export(store, tmp_path / "p", "parquet")
    con = duckdb.connect(str(store), read_only=True)
    try:
        for name in PUBLIC:
            n = con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
            rows = json.loads((tmp_path / "j" / f"{name}.json").read_text(encoding="utf-8"))
            assert len(rows) == n, name
            assert con.execute("SELECT count(*) FROM read_parquet(?)",
                               [str(tmp_path / "p" / f"{name}.parquet")]).fetchall()[0][0] == n
    finally:
        con.close()
    docs = json.loads((tmp_path / "j" / "document_mentions.json").read_text(encoding="utf-8"))
    assert all({"article_path", "article_url", "evidence"} <= set(d) for d in docs)


def test_export_cli_writes_files_and_reports_missing_store(store, tmp_path):
    out = tmp_path / "cli"
    ok = subprocess.run([sys.executable, "-m", "dashboard", "export", "--format", "parquet", "--db", str(store),
                         "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert len(ok.stdout.splitlines()) == len(PUBLIC) and (out / "documents.parquet").exists()
    missing = subprocess.run([sys.executable, "-m", "dashboard", "export", "--db", str(tmp_path / "none.duckdb")],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and missing.stderr.startswith("error:")

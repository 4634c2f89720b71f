"""DuckDB's single-writer lock: a store held by another process is reported in one line, never a traceback.

The holder is a real second process (DuckDB's lock is per process), like the
dashboard reading the store or an ingest writing it.
"""
from __future__ import annotations

import contextlib
import subprocess
import sys
import time

import pytest

from dashboard.store.db import StoreInUse, connect
from dashboard.store.ingest import ingest
from test_store import ROOT

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read")
con.execute("SELECT count(*) FROM articles").fetchall()
print("holding", flush=True)
time.sleep(float(sys.argv[3]))
"""


@contextlib.contextmanager
def held(db, mode: str, seconds: float = 60):
    """Another process holding ``db`` (``read`` like the dashboard, ``write`` like an ingest)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), mode, str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "holding"
        yield proc
    finally:
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def store(tmp_path_factory, samples_dir):
    db = tmp_path_factory.mktemp("lock") / "s.duckdb"
    ingest([samples_dir], db, workers=1)
    return db


def cli(*args):
    return subprocess.run([sys.executable, "-m", "dashboard", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def assert_one_line_in_use(proc, db):
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert f"the store {db} is in use by another process" in lines[0] and "--db" in lines[0], lines[0]


def test_store_lock_ingest_while_the_dashboard_reads_says_so(store, samples_dir):
    with held(store, "read") as holder:
        proc = cli("ingest", samples_dir, "--db", store, "--workers", "1")
    assert proc.returncode == 2 and proc.stdout == ""
    assert_one_line_in_use(proc, store)
    assert f"PID {holder.pid}" in proc.stderr


def test_store_lock_export_while_an_ingest_writes_says_so(store, tmp_path):
    with held(store, "write"):
        proc = cli("export", "--db", store, "--out", tmp_path / "out")
    assert proc.returncode == 2
    assert_one_line_in_use(proc, store)
    assert not (tmp_path / "out").exists()


def test_store_lock_report_while_an_ingest_writes_says_so(store, tmp_path):
    with held(store, "write"):
        proc = cli("report", "--db", store, "--out", tmp_path / "r.html")
    assert_one_line_in_use(proc, store)


def test_store_lock_connect_waits_for_a_short_holder(store, samples_dir):
    with held(store, "read", seconds=0.5):
        start = time.monotonic()
        con = connect(store, wait=10)  # a writer: DuckDB lets it in once the reader has gone
        con.close()
    assert time.monotonic() - start < 10
    with held(store, "read"):
        with pytest.raises(StoreInUse) as info:
            connect(store, wait=0.2)
    assert info.value.db_path == str(store) and "stop it or pass --db" in str(info.value)
    assert cli("ingest", samples_dir, "--db", store, "--workers", "1").returncode == 0  # free again

"""An ingest killed with SIGKILL half-way leaves a consistent store, and the next run completes it."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from test_store import ROOT, assert_consistent, counts, query, snap

N_FILES = 300


def _variants(samples_dir, out, n):
    """``n`` distinct articles: the samples with a numbered sentence added (so no two are equal)."""
    out.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir.iterdir())]
    for i in range(n):
        body = texts[i % len(texts)]
        (out / f"v{i:04d}.txt").write_text(f"{body}\nGhi chú số {i} của tòa soạn.\n", encoding="utf-8")


def _ingest_cmd(src, db, batch_size=None):
    cmd = [sys.executable, "-m", "dashboard", "ingest", str(src), "--db", str(db), "--workers", "1"]
    return cmd + ["--batch-size", str(batch_size)] if batch_size else cmd


@pytest.mark.timeout(300)
def test_store_kill_midway_then_rerun_completes_consistently(tmp_path, samples_dir):
    src = tmp_path / "many"
    _variants(samples_dir, src, N_FILES)
    db = tmp_path / "killed.duckdb"
    wal = tmp_path / "killed.duckdb.wal"
    # Small batches: many commits, so the kill lands between or inside them.
    proc = subprocess.Popen(_ingest_cmd(src, db, batch_size=10), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    # Kill once a few batches are committed (the WAL has grown past the empty schema's size).
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 150_000:
            break
        time.sleep(0.005)
    assert proc.poll() is None, "ingest finished before it could be killed: raise N_FILES"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    partial = counts(db)
    assert 0 < partial["articles"] < N_FILES, partial  # killed mid-way, after some batches
    assert partial["input_files"] == partial["articles"]  # ledger and rows were committed together
    assert_consistent(db)

    rerun = subprocess.run(_ingest_cmd(src, db), cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert rerun.returncode == 0, rerun.stderr
    added, updated, unchanged = map(int, re.search(
        r"(\d+) articles? added, (\d+) updated, (\d+) unchanged", rerun.stdout).groups())
    # The committed part is skipped (or re-parsed, if someone edited the extractor meanwhile).
    assert added == N_FILES - partial["articles"] and updated + unchanged == partial["articles"]

    clean = tmp_path / "clean.duckdb"
    subprocess.run(_ingest_cmd(src, clean), cwd=ROOT, check=True, capture_output=True, timeout=240)
    # A no-op unless the extractor's code changed between the two runs (it is being edited as we go).
    subprocess.run(_ingest_cmd(src, db), cwd=ROOT, check=True, capture_output=True, timeout=240)
    assert counts(db) == counts(clean)
    assert snap(db) == snap(clean)  # same rows as an uninterrupted ingest, consolidated tables included
    assert_consistent(db)


@pytest.mark.timeout(300)
def test_store_kill_inside_a_feed_read_in_parts_then_rerun_matches_a_clean_ingest(tmp_path, samples_dir):
    """A feed of ~1,200 articles (~6 MB) is read in parts over many transactions; kill between two of them.

    The feed had an older version in the store (some lines since dropped): the rerun must still remove the
    articles only that version had, although the killed run had already replaced part of the feed's ledger.
    """
    from test_feeds import _records, _write

    lines = _records(samples_dir, 1300)
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    _write(feed, lines[:1200])
    db = tmp_path / "killed.duckdb"
    subprocess.run(_ingest_cmd(feed.parent, db), cwd=ROOT, check=True, capture_output=True, timeout=240)
    new = lines[:500] + lines[600:1200] + lines[1200:]  # 100 lines dropped, 100 added
    _write(feed, new)
    _kill_inside_the_feed(_ingest_cmd(feed.parent, db, batch_size=50), db)
    assert_consistent(db)

    rerun = subprocess.run(_ingest_cmd(feed.parent, db), cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert rerun.returncode == 0, rerun.stderr
    assert " 0 unchanged" in rerun.stdout  # the half-written feed was read again, not taken as done
    clean = tmp_path / "clean.duckdb"
    subprocess.run(_ingest_cmd(feed.parent, clean), cwd=ROOT, check=True, capture_output=True, timeout=240)
    assert counts(db)["articles"] == len(new)
    assert snap(db) == snap(clean)
    assert query(db, "SELECT count(*) FROM input_files WHERE file_hash IS NULL") == [(0,)]
    assert_consistent(db)

    # Killed while parsing the same bytes again (--force, or a changed extractor): the rows not yet
    # replaced still carry the file's current hash, yet the next run must not take the feed as done.
    _kill_inside_the_feed(_ingest_cmd(feed.parent, db, batch_size=50) + ["--force"], db)
    rerun = subprocess.run(_ingest_cmd(feed.parent, db), cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert rerun.returncode == 0 and " 0 unchanged" in rerun.stdout, rerun.stdout + rerun.stderr
    assert snap(db) == snap(clean)
    assert_consistent(db)


def _kill_inside_the_feed(cmd: list[str], db) -> None:
    """Run ``cmd`` and SIGKILL it once it has committed some but not all parts of the feed."""
    wal = db.parent / (db.name + ".wal")
    # DuckDB may write a large transaction's log before it commits, so a WAL size does not prove a commit:
    # kill later and later until the ledger shows a feed written in part (rows without a file hash).
    for threshold in (150_000, 1_000_000, 2_000_000, 3_000_000, 4_000_000):
        wal.unlink(missing_ok=True)
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if wal.exists() and wal.stat().st_size > threshold:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "ingest finished before it could be killed: make the feed longer"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        if query(db, "SELECT count(*) FROM input_files WHERE file_hash IS NULL")[0][0]:
            assert_consistent(db)
            return
    raise AssertionError("never killed inside the feed")

"""An ingest killed with SIGKILL half-way leaves a consistent store, and the next run completes it."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from test_store import ROOT, assert_consistent, counts, snap

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

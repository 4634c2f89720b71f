"""The CLI under bad paths and broken disks: one clear error line, a non-zero status, no traceback.

Every case runs ``python -m dashboard ...`` in a subprocess, as a user would.
Tests run as root, so permission bits block nothing: unreadable and unwritable
paths are simulated with what root cannot get past either: a missing file, a
broken symlink, a FIFO (which blocks a naive ``read_bytes`` forever), a
directory given where a file is expected, a file in place of a folder,
``/proc`` (no new files there), and ``/dev/full`` (every write fails with
ENOSPC: a full disk).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120  # s per command: imports and a cold DuckDB on a slow shared machine


def cli(*args, cwd: Path, timeout: float = TIMEOUT, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    env.pop("DASHBOARD_DEBUG", None)
    try:
        return subprocess.run([sys.executable, "-m", "dashboard", *map(str, args)], cwd=cwd, env=env,
                              stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`python -m dashboard {' '.join(map(str, args))}` hung for {timeout} s")


def assert_clean_error(r: subprocess.CompletedProcess, *words: str) -> str:
    """Non-zero status, exactly one 'error:' line on stderr, no traceback; returns that line."""
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode != 0, f"exit status 0; stderr: {r.stderr!r}"
    errors = [line for line in r.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 1, r.stderr
    line = errors[0]
    assert len(line) < 500, line
    for w in words:
        assert w.lower() in line.lower(), (w, line)
    return line


@pytest.fixture(scope="module")
def work(tmp_path_factory, samples_dir) -> dict:
    """A scratch folder with the awkward paths, and a real store built from the samples."""
    from dashboard.store.ingest import ingest

    tmp = tmp_path_factory.mktemp("cli")
    (tmp / "empty").mkdir()
    (tmp / "no_articles").mkdir()
    (tmp / "no_articles" / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp / "no_articles" / ".hidden.txt").write_text("Sáng 22-11, hội nghị.")
    (tmp / "afile").write_text("not a folder, not a store")
    (tmp / "broken.txt").symlink_to(tmp / "nowhere" / "x.txt")
    os.mkfifo(tmp / "fifo.txt")
    fifo_dir = tmp / "with_fifo"
    fifo_dir.mkdir()
    os.mkfifo(fifo_dir / "pipe.txt")
    sample = sorted(samples_dir.glob("*.txt"))[0]
    (fifo_dir / sample.name).write_bytes(sample.read_bytes())
    (tmp / "bad_header.txt").write_text("31-02-2023\nSáng 22-11, Tổng cục Kỹ thuật tổ chức hội nghị.\n")
    (tmp / "folder.pdf").mkdir()
    db = tmp / "store.duckdb"
    ingest([str(samples_dir)], str(db), workers=1)
    return {"tmp": tmp, "db": db, "sample": sample}


# --------------------------------------------------------------------------- extract
@pytest.mark.parametrize("name", ["missing.txt", "broken.txt"])
def test_cli_extract_unreadable_path_is_an_error_and_still_a_line(work, name):
    r = cli("extract", work["tmp"] / name, work["sample"], "--format", "jsonl", cwd=work["tmp"])
    assert_clean_error(r, name)
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    # DESIGN.md section 3: a file that cannot be read still yields a line, in input order.
    assert len(lines) == 2 and lines[0]["warnings"] and lines[0]["events"] == []
    assert lines[1]["article"]["path"].endswith(work["sample"].name)


def test_cli_extract_fifo_does_not_hang(work):
    r = cli("extract", work["tmp"] / "fifo.txt", "--format", "jsonl", cwd=work["tmp"], timeout=30)
    assert_clean_error(r, "fifo.txt")


@pytest.mark.parametrize("folder", ["empty", "no_articles"])
def test_cli_extract_folder_without_articles_is_an_error(work, folder):
    r = cli("extract", work["tmp"] / folder, cwd=work["tmp"])
    assert_clean_error(r, folder)
    assert r.stdout.strip() == ""


def test_cli_extract_parser_failure_on_one_file_keeps_the_others(work):
    """A header with an impossible date (31-02-2023) must not kill the run."""
    r = cli("extract", work["tmp"] / "bad_header.txt", work["sample"], "--format", "jsonl", cwd=work["tmp"])
    assert "Traceback" not in r.stderr, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [Path(x["article"]["path"]).name for x in lines] == ["bad_header.txt", work["sample"].name]
    assert lines[0]["article"]["published"] in (None, "")


def test_cli_extract_full_disk_on_stdout(work):
    with open("/dev/full", "w") as full:
        r = cli("extract", work["sample"], "--format", "jsonl", cwd=work["tmp"], stdout=full)
    assert_clean_error(r, "space")


# --------------------------------------------------------------------------- ingest
def test_cli_ingest_missing_path(work):
    r = cli("ingest", work["tmp"] / "missing", "--db", work["tmp"] / "i1.duckdb", cwd=work["tmp"])
    assert_clean_error(r, "missing")


@pytest.mark.parametrize("folder", ["empty", "no_articles"])
def test_cli_ingest_folder_without_articles_is_an_error(work, folder):
    r = cli("ingest", work["tmp"] / folder, "--db", work["tmp"] / f"i_{folder}.duckdb", cwd=work["tmp"])
    assert_clean_error(r, folder)


@pytest.mark.parametrize("db", ["afile/x.duckdb", "/proc/x.duckdb", "empty"])
def test_cli_ingest_unwritable_store(work, db):
    r = cli("ingest", work["sample"], "--db", db, cwd=work["tmp"])
    assert_clean_error(r)
    assert "internal error" not in r.stderr, r.stderr


def test_cli_ingest_fifo_is_quarantined_not_waited_for(work):
    db = work["tmp"] / "fifo.duckdb"
    r = cli("ingest", work["tmp"] / "with_fifo", "--db", db, cwd=work["tmp"], timeout=30)
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)  # 1: something was quarantined
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        errors = con.execute("SELECT path FROM ingest_errors").fetchall()
        articles = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    finally:
        con.close()
    assert [Path(p).name for (p,) in errors] == ["pipe.txt"] and articles == 1


def test_cli_ingest_file_name_that_is_not_utf8(work):
    """A name in a legacy encoding ("Hội nghị" saved as Windows-1258 bytes) is stored as \\xNN, and found again."""
    folder = work["tmp"] / "legacy_names"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/h\xf4i ngh\xf2.txt"  # not UTF-8: Python sees surrogate escapes
    with open(raw, "wb") as f:
        f.write(work["sample"].read_bytes())
    db = work["tmp"] / "legacy.duckdb"
    first = cli("ingest", folder, "--db", db, cwd=work["tmp"])
    assert "Traceback" not in first.stderr and first.returncode == 0, first.stderr
    assert "1 article added" in first.stdout, first.stdout
    again = cli("ingest", folder, "--db", db, cwd=work["tmp"])
    assert again.returncode == 0 and "0 articles added" in again.stdout and "1 unchanged" in again.stdout, again.stdout
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = con.execute("SELECT path FROM articles").fetchall()
        ledger = con.execute("SELECT file_path, status FROM input_files").fetchall()
    finally:
        con.close()
    assert [Path(p).name for (p,) in stored] == ["h\\xf4i ngh\\xf2.txt"]
    assert [(Path(p).name, status) for p, status in ledger] == [("h\\xf4i ngh\\xf2.txt", "ingested")]
    shown = cli("extract", folder, "--format", "jsonl", cwd=work["tmp"])
    assert shown.returncode == 0 and "Traceback" not in shown.stderr, shown.stderr
    assert json.loads(shown.stdout)["article"]["path"].endswith("h\\xf4i ngh\\xf2.txt")


# --------------------------------------------------------------------------- export
def test_cli_export_without_store(work):
    r = cli("export", "--db", work["tmp"] / "none.duckdb", "--out", work["tmp"] / "e0", cwd=work["tmp"])
    assert_clean_error(r, "none.duckdb")


@pytest.mark.parametrize("db", ["afile", "empty"])
def test_cli_export_store_is_not_a_store(work, db):
    r = cli("export", "--db", db, "--out", work["tmp"] / "e1", cwd=work["tmp"])
    assert_clean_error(r, db)


@pytest.mark.parametrize("out", ["afile", "afile/sub", "/proc/export", "/sys/export"])
def test_cli_export_unwritable_output_folder(work, out):
    r = cli("export", "--db", work["db"], "--out", out, cwd=work["tmp"])
    assert_clean_error(r)


def test_cli_export_full_disk(work):
    """Every output file is a symlink to /dev/full: each write fails with ENOSPC."""
    out = work["tmp"] / "full"
    out.mkdir()
    for fmt, suffix in (("csv", ".csv"),):
        for table in ("articles", "events", "documents", "document_mentions", "organisations", "people",
                      "ingest_errors"):
            (out / f"{table}{suffix}").symlink_to("/dev/full")
        r = cli("export", "--db", work["db"], "--format", fmt, "--out", out, cwd=work["tmp"])
        line = assert_clean_error(r)
        assert "space" in line.lower(), line
        assert "internal error" not in line, line


# --------------------------------------------------------------------------- report
@pytest.mark.parametrize("out", ["afile/inside.pdf", "missing_folder/r.png", "/proc/x.html", "folder.pdf",
                                 "report.docx", "report"])
def test_cli_report_unwritable_or_bad_output(work, out):
    r = cli("report", "--db", work["db"], "--out", out, cwd=work["tmp"])
    assert_clean_error(r)
    assert not (work["tmp"] / "data").exists(), "a failed report must not build a store in the working folder"


@pytest.mark.parametrize("db", ["afile", "empty"])
def test_cli_report_store_is_not_a_store(work, db):
    r = cli("report", "--db", db, "--out", work["tmp"] / "r.html", cwd=work["tmp"])
    assert_clean_error(r, db)
    assert not (work["tmp"] / "r.html").exists()


def test_cli_report_unknown_kind_is_a_usage_error(work):
    r = cli("report", "--db", work["db"], "--kind", "nonsense", "--out", work["tmp"] / "k.html", cwd=work["tmp"])
    assert_clean_error(r, "nonsense")
    assert r.returncode == 2


@pytest.mark.parametrize("flag, value", [("--from", "99999"), ("--to", "-5"), ("--from", "abc")])
def test_cli_report_year_out_of_range_is_a_usage_error(work, flag, value):
    """``--from 99999`` stopped with "internal error (ValueError: year 99999 is out of range)"."""
    r = cli("report", "--db", work["db"], flag, value, "--out", work["tmp"] / "y.html", cwd=work["tmp"])
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    assert r.returncode == 2 and f"argument {flag}" in r.stderr and value in r.stderr, r.stderr
    assert not (work["tmp"] / "y.html").exists()


def test_cli_report_unknown_organisation_says_why_the_report_is_empty(work):
    out = work["tmp"] / "unknown-org.html"
    r = cli("report", "--db", work["db"], "--org", "Công ty Không Tồn Tại XYZ", "--out", out, cwd=work["tmp"])
    assert r.returncode == 0 and out.exists(), r.stderr
    assert "matches no organisation" in r.stderr and "Công ty Không Tồn Tại XYZ" in r.stderr, r.stderr
    known = cli("report", "--db", work["db"], "--org", "TCKT", "--out", work["tmp"] / "known-org.html", cwd=work["tmp"])
    assert known.returncode == 0 and "matches no organisation" not in known.stderr, known.stderr


@pytest.mark.parametrize("flag, value", [("--batch-size", "0"), ("--batch-size", "-5"), ("--max-bytes", "0")])
def test_cli_ingest_nonsense_sizes_are_usage_errors(work, flag, value):
    """``--batch-size -5`` wrote every file in its own transaction; ``--max-bytes 0`` quarantined every file."""
    db = work["tmp"] / f"sizes{value}.duckdb"
    r = cli("ingest", work["sample"], "--db", db, flag, value, cwd=work["tmp"])
    assert_clean_error(r, flag)
    assert r.returncode == 2 and not db.exists()


def test_cli_ingest_too_many_workers_are_capped(work, samples_dir, tmp_path):
    """``--workers 500`` would start 500 parsers (~60 MB each) on a 2-core machine."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(320):  # above the pool threshold (300 files), so workers are started
        (folder / f"a{i:03d}.txt").write_bytes(work["sample"].read_bytes().replace(b"\n", f"\n{i}\n".encode(), 1))
    r = cli("ingest", folder, "--db", tmp_path / "w.duckdb", "--workers", "500", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    cores = os.cpu_count() or 1
    assert f"using {4 * cores}" in r.stderr and "320 articles added" in r.stdout, (r.stdout, r.stderr)

"""Upload limits beyond tests/test_app_helpers.py and tests/test_app_pages.py.

Those check a table of names and one mixed upload. Here: a property over any
file name a browser could send (the saved file always lands directly inside the
upload folder, with an allowed suffix and a harmless name), the exact size
boundary, suffix tricks, and an upload made *only* of refused files, which must
show one message per file and change nothing at all (no file written, store
untouched).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.app import uploads
from test_sources import VN

ROOT = Path(__file__).resolve().parent.parent

name_parts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["..", ".", "/", "\\", "../", "..\\", "/etc/", "C:\\", "~", "\x00", "%2e%2e%2f", "..%2f",
                     "\u2215", "\uff0f", "\u2024\u2024/", ".txt", ".html", ".json", ".jsonl", ".exe", ".TXT",
                     " ", "\n", "đổi mới", "<script>", "'\"", "*", "|", ":"]),
)
names = st.lists(name_parts, min_size=1, max_size=8).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=names, data=st.binary(min_size=1, max_size=64))
def test_upload_any_name_stays_inside_the_folder(tmp_path, name, data):
    import tempfile

    with tempfile.TemporaryDirectory(dir=tmp_path) as d:
        _check_name(Path(d), name, data)


def _check_name(tmp_path: Path, name: str, data: bytes) -> None:
    folder = tmp_path / "uploads"
    clean = uploads.safe_name(name)
    assert clean and "/" not in clean and "\\" not in clean and "\x00" not in clean
    assert not clean.startswith(".") and clean not in (".", "..")
    assert clean.isascii() and len(clean) <= 100
    verdict = uploads.check(name, len(data))
    if not verdict.ok:
        assert verdict.reason == "upload_bad_type"
        assert Path(verdict.name).suffix.lower() not in uploads.ALLOWED_SUFFIXES
        return
    assert Path(verdict.name).suffix.lower() in uploads.ALLOWED_SUFFIXES
    path = uploads.save(folder, verdict.name, data)
    assert path.parent == folder.resolve()
    assert path.read_bytes() == data
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [path]  # nothing anywhere else


def test_upload_size_boundary():
    assert uploads.check("a.txt", uploads.MAX_BYTES).ok
    refused = uploads.check("a.txt", uploads.MAX_BYTES + 1)
    assert not refused.ok and refused.reason == "upload_too_large"
    assert uploads.check("a.txt", 0).reason == "upload_empty"


@pytest.mark.parametrize("name, ok", [
    ("a.TXT", True), ("a.Html", True), ("a.htm", True), ("a.jsonl", True), ("a.exe.txt", True),
    ("a.txt.exe", False), ("a.txt.", True),  # the trailing dot is dropped: saved as a.txt ("a", False), (".txt", False), ("a.pdf", False),
    ("a.txt\x00.exe", False), ("a.php", False), ("a.svg", False), ("a.txt/", False), ("a.txt%00", False),
])
def test_upload_allowed_types(name, ok):
    verdict = uploads.check(name, 10)
    assert verdict.ok is ok, verdict
    if ok:
        assert verdict.name.lower().endswith(uploads.ALLOWED_SUFFIXES)


def test_upload_same_name_different_content_never_overwrites(tmp_path):
    a = uploads.save(tmp_path, "same.txt", b"first")
    b = uploads.save(tmp_path, "same.txt", b"second")
    assert a != b and a.read_bytes() == b"first" and b.read_bytes() == b"second"
    assert uploads.save(tmp_path, "same.txt", b"first") == a  # same bytes, same path: ingest skips it


def test_upload_target_refuses_a_name_that_escapes(tmp_path):
    # safe_name is the first guard; target_path re-checks the resolved path on its own.
    path = uploads.target_path(tmp_path, "../../etc/passwd.txt", b"x")
    assert path.parent == tmp_path.resolve()


# --------------------------------------------------------------------------- AppTest
def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def writable_store(tmp_path, monkeypatch, samples_dir):
    from dashboard.store.ingest import ingest

    path = tmp_path / "store.duckdb"
    ingest([str(samples_dir)], str(path), workers=1)
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    monkeypatch.setenv("DASHBOARD_UPLOADS", str(tmp_path / "uploads"))
    return path


def test_upload_only_refused_files_changes_nothing(writable_store, tmp_path):
    from streamlit.testing.v1 import AppTest

    before = _digest(writable_store)
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=90)
    at.run()
    at.switch_page("dashboard/app/pages/upload.py").run()
    assert not at.exception, [e.message for e in at.exception]
    files = [
        ("../../big.txt", b"x" * (uploads.MAX_BYTES + 1), "text/plain"),
        ("tool.exe", b"MZ\x90\x00", "application/octet-stream"),
        ("..\\..\\evil.pdf", b"%PDF-1.4", "application/pdf"),
        ("empty.json", b"", "application/json"),
        ("<img src=x onerror=alert(1)>.svg", b"<svg/>", "image/svg+xml"),
    ]
    at.file_uploader(key="upload_files").set_value(files).run()
    at.button(key="upload_go").click().run()
    assert not at.exception, [e.message for e in at.exception]
    errors = [e.value for e in at.error]
    assert len(errors) == len(files), errors
    for shown in ("big.txt", "tool.exe", "evil.pdf", "empty.json"):
        assert any(shown in e for e in errors), (shown, errors)
    assert not any("<img" in e for e in errors), "a refused file's name was echoed unescaped"
    assert not at.success
    uploads_dir = tmp_path / "uploads"
    assert not uploads_dir.exists() or not any(uploads_dir.iterdir()), "a refused file was written"
    assert not (tmp_path.parent / "big.txt").exists() and not (tmp_path.parent / "evil.pdf").exists()
    assert _digest(writable_store) == before, "refused uploads changed the store"


def test_upload_feed_with_some_bad_records_says_what_went_in(writable_store, tmp_path):
    """A feed with one bad line of four was reported "not ingested" although three articles went in."""
    from streamlit.testing.v1 import AppTest

    good = [json.dumps({"title": f"Bài {i}", "published": "2023-11-22", "text": f"{VN} Số {i}."}, ensure_ascii=False)
            for i in range(3)]
    mixed = "\n".join(good[:2] + ['{"title": "hỏng", "text": '] + good[2:]).encode("utf-8")
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=90)
    at.run()
    at.switch_page("dashboard/app/pages/upload.py").run()
    files = [("mixed.jsonl", mixed, "application/json"),
             ("all_bad.jsonl", b'{"text": \n[1, 2]\n', "application/json"),
             ("one.txt", f"{VN} Một bài khác.".encode(), "text/plain")]
    at.file_uploader(key="upload_files").set_value(files).run()
    at.button(key="upload_go").click().run()
    assert not at.exception, [e.message for e in at.exception]
    [partly] = [w.value for w in at.warning]
    assert "mixed.jsonl" in partly and "3" in partly and "1" in partly and "invalid_json" in partly
    assert "JSON không hợp lệ (invalid_json)" in partly  # the page is Vietnamese by default: so is the reason
    [failed] = [e.value for e in at.error]
    assert "all_bad.jsonl" in failed and "JSON không hợp lệ (invalid_json)" in failed
    assert [s.value for s in at.success] and "one.txt" in at.success[0].value
    con = duckdb.connect(str(writable_store), read_only=True)
    try:
        titles = {t for (t,) in con.execute("SELECT title FROM articles").fetchall()}
    finally:
        con.close()
    assert {"Bài 0", "Bài 1", "Bài 2"} <= titles

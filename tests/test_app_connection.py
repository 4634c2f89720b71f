"""The app's store connection: open only during a script run, a new snapshot after an ingest,
and a store locked by another process shown as a message, not an exception.

"The file is free" is proven the strict way: a writer in this same process can
open it (DuckDB refuses a read-write open while any read-only one is alive).
"""
from __future__ import annotations

import shutil
import threading
import time

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.app import connection, data
from dashboard.store.ingest import ingest
from test_app_pages import APP, count
from test_store_lock import held


@pytest.fixture(scope="module")
def built(tmp_path_factory, samples_dir):
    path = tmp_path_factory.mktemp("conn") / "built.duckdb"
    ingest([samples_dir], path, workers=1)
    return path


@pytest.fixture
def store(built, tmp_path, monkeypatch):
    """A private copy at a path this process has never verified."""
    path = tmp_path / "app.duckdb"
    shutil.copy(built, path)
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    monkeypatch.setenv("DASHBOARD_UPLOADS", str(tmp_path / "uploads"))
    return path


def file_is_free(path) -> bool:
    try:
        duckdb.connect(str(path)).close()
    except duckdb.Error:
        return False
    return True


def test_app_connection_lives_for_one_script_run(store):
    with data.script_run():
        with data.reader() as cur:
            assert cur.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 5
        assert not file_is_free(store)  # the run keeps its connection for its next query
        with data.reader() as cur:
            cur.execute("SELECT 1").fetchall()
    assert file_is_free(store)


def test_app_connection_outside_a_run_is_closed_after_use(store):
    # Deferred report downloads run after the script: reader() opens and closes its own.
    with data.reader() as cur:
        cur.execute("SELECT count(*) FROM events").fetchall()
    assert file_is_free(store)


def test_app_connection_snapshot_follows_an_ingest_and_a_cached_rerun_opens_nothing(store, tmp_path, monkeypatch):
    first = data.snapshot()
    opened = []
    real_open = connection._open
    monkeypatch.setattr(connection, "_open", lambda: opened.append(1) or real_open())
    assert data.snapshot() == first and opened == []  # same file version: a stat, no connection
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "x.txt").write_text("Thứ 5, 23.11.2031 | 08:00:00\n\nSáng 23-11, Bộ Quốc phòng họp.\n",
                                             encoding="utf-8")
    ingest([tmp_path / "more"], store, workers=1)  # as another process would
    assert data.snapshot() != first and opened == [1]


def test_app_rebuilds_a_store_written_under_an_older_schema(store, samples_dir, monkeypatch):
    from dashboard.store.build import store_status
    from dashboard.store.db import connect, set_meta, transaction

    monkeypatch.setenv("DASHBOARD_ARTICLES", str(samples_dir))
    con = connect(store)
    with transaction(con):
        set_meta(con, "schema", "written-by-an-older-schema")
    con.close()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert count(at)[1] > 0 and store_status(store) == "current"


def test_app_store_written_by_another_process_shows_a_message(store):
    with held(store, "write"):
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        assert any("another process" in w.value for w in at.warning)
        retry = at.button(key="store_retry")
    assert file_is_free(store)
    retry.click().run()  # the ingest has finished: the page comes back
    assert not at.exception and count(at)[1] > 0


def test_app_connection_gate_lets_an_upload_write_only_between_reads():
    gate, log = connection._Gate(), []

    def write():
        with gate.write():
            log.append("write")

    def late_read():
        with gate.read():
            log.append("late read")

    with gate.read():  # a run of another session is drawing a page
        writer = threading.Thread(target=write)
        writer.start()
        while not gate._waiting:
            time.sleep(0.01)
        reader = threading.Thread(target=late_read)  # a run that starts while the upload waits
        reader.start()
        time.sleep(0.1)
        log.append("first read done")
    writer.join(5)
    reader.join(5)
    assert log == ["first read done", "write", "late read"]

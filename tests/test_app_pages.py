"""AppTest tests of every page: no exception; filters change the figures and the count.

The app runs on a temporary store built from data/articles through the same
ingest as the CLI (``DASHBOARD_DB``); uploads go to a temporary folder. AppTest
never runs plotly.js (the browser test proves the charts draw): figures are
read back from the element's JSON spec.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")
PAGES = ("timeline", "documents", "charts", "articles", "quality", "upload")
COUNT = re.compile(r"(\d[\d.,]*) / (\d[\d.,]*) (sự kiện|events)")


@pytest.fixture(scope="session")
def store(tmp_path_factory, samples_dir) -> Path:
    """A store built from the sample articles, shared read-only by these tests."""
    from dashboard.store.ingest import ingest

    path = tmp_path_factory.mktemp("app") / "dashboard.duckdb"
    ingest([str(samples_dir)], str(path), workers=1)
    return path


@pytest.fixture
def app_env(store, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(store))
    monkeypatch.setenv("DASHBOARD_UPLOADS", str(tmp_path / "uploads"))
    return store


@pytest.fixture(scope="session")
def narrowing_org(store) -> str:
    """An organisation with some but not all events: selecting it must change the count."""
    import duckdb

    from dashboard.query import Filter, event_counts, organisation_options

    con = duckdb.connect(str(store), read_only=True)
    try:
        for name in organisation_options(con)["name"]:
            shown, total = event_counts(con, Filter(orgs=(name,)))
            if 0 < shown < total:
                return name
    finally:
        con.close()
    pytest.fail("no organisation narrows the sample events: the extractor found too few events")


def run(page: str = "timeline", query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query or {})
    at.run()
    if page != "timeline":
        at.switch_page(f"dashboard/app/pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def count(at: AppTest) -> tuple[int, int]:
    for el in at.get("html"):
        m = COUNT.search(el.proto.body)
        if 'data-testid="event-count"' in el.proto.body and m:
            return int(re.sub(r"\D", "", m.group(1))), int(re.sub(r"\D", "", m.group(2)))
    raise AssertionError("no 'N / M' event count on the page")


def figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def trace_data(spec: dict) -> list:
    return [(t.get("name"), t.get("x"), t.get("y"), t.get("z")) for t in spec["data"]]


@pytest.mark.parametrize("page", PAGES)
def test_app_page_runs_and_shows_the_count(app_env, page):
    at = run(page)
    shown, total = count(at)
    assert shown == total > 0


@pytest.mark.parametrize("page", PAGES)
def test_app_org_filter_changes_count_and_figures(app_env, narrowing_org, page):
    at = run(page)
    before_count, before_figs = count(at), figures(at)
    at.multiselect(key="f_org").select(narrowing_org).run()
    assert not at.exception
    shown, total = count(at)
    assert (shown, total) != before_count and 0 < shown < total
    assert at.query_params["org"] in (narrowing_org, [narrowing_org])
    after_figs = figures(at)
    if page in ("timeline", "charts"):
        # Every event chart follows the filter; the documents chart counts article
        # mentions and may legitimately stay the same for a broad organisation.
        assert before_figs and len(after_figs) == len(before_figs)
        changed = [trace_data(a) != trace_data(b) for a, b in zip(before_figs, after_figs)]
        assert changed[0], "the first (event) figure did not follow the filter"
        assert sum(changed) >= len(changed) - 1


def test_app_url_seeds_the_filters(app_env, narrowing_org):
    at = run("timeline", {"org": narrowing_org, "from": "2000", "to": "2100", "lang": "en"})
    assert at.multiselect(key="f_org").value == [narrowing_org]
    shown, total = count(at)
    assert 0 < shown < total
    assert "events" in at.get("html")[0].proto.body
    assert at.segmented_control(key="f_lang").value == "en"


def test_app_year_range_narrows_and_is_written_to_the_url(app_env):
    at = run("charts")
    lo, hi = at.slider(key="f_years").value
    at.slider(key="f_years").set_range(hi, hi).run()
    assert not at.exception
    shown, total = count(at)
    assert shown <= total
    assert at.query_params.get("from") in (str(hi), [str(hi)])


@pytest.mark.parametrize("query", [
    {"org": "Không tồn tại", "kind": "made_up"},
    {"org": "x' OR 1=1; --", "q": "%_\\'\"; DROP TABLE events"},
    {"from": "abc", "to": "99999", "doc": "<script>alert(1)</script>"},
    {"org": "A" * 5000, "q": "[x](javascript:alert(1)) " * 200},
    {"person": "<b>Không Có Ai</b>' OR 1=1 --"},
])
def test_app_untrusted_url_values_show_no_match_not_an_error(app_env, query):
    at = run("timeline", query)
    shown, total = count(at)
    assert total > 0
    if any(k in query for k in ("org", "kind", "doc", "person")):
        assert shown == 0
        assert at.warning, "unknown values must be reported as no match"
    assert not any("<script>" in el.proto.body for el in at.get("html"))


def test_app_person_link_without_diacritics_reads_as_the_stored_name(app_env):
    """001's lead names Thượng tướng Phan Văn Giang: one event; the sidebar holds the stored name."""
    at = run("timeline", {"person": "phan van giang"})
    assert not at.exception and not at.warning
    assert at.multiselect(key="f_person").value == ["Phan Văn Giang"]
    assert count(at)[0] == 1
    at.button(key="f_clear").click().run()
    assert at.multiselect(key="f_person").value == [] and count(at)[0] == count(at)[1]


def test_app_language_switch_translates_labels(app_env):
    at = run("charts")
    at.segmented_control(key="f_lang").set_value("en").run()
    assert "events" in count_text(at)
    assert at.multiselect(key="f_org").label == "Organisation"
    assert "Working session" in at.multiselect(key="f_kind").options
    titles = [json.loads(el.proto.spec)["layout"]["title"]["text"] for el in at.get("plotly_chart")]
    assert "Events per year by kind" in titles
    assert at.query_params["lang"] in ("en", ["en"])


def count_text(at: AppTest) -> str:
    return next(el.proto.body for el in at.get("html") if "event-count" in el.proto.body)


def test_app_org_options_are_found_by_abbreviation_and_without_diacritics(app_env):
    at = run("timeline")
    options = at.multiselect(key="f_org").options
    assert any("CNQP" in o for o in options)
    assert any("tong cuc ky thuat" in o.lower() for o in options)


def test_app_articles_page_shows_text_escaped(app_env):
    at = run("articles")
    bodies = [el.proto.body for el in at.get("html")]
    assert any("<mark" in b for b in bodies), "no highlighted article text"


@pytest.fixture
def writable_store(store, tmp_path, monkeypatch):
    """A private copy of the store: the upload test writes to it."""
    path = tmp_path / "upload.duckdb"
    shutil.copy(store, path)
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    monkeypatch.setenv("DASHBOARD_UPLOADS", str(tmp_path / "uploads"))
    return path


def test_app_upload_refuses_bad_files_and_ingests_good_ones(writable_store, samples_dir, tmp_path):
    from dashboard.app import uploads

    at = run("upload")
    before = count(at)
    _, hi_before = at.slider(key="f_years").value
    hostile = ("Bài có <script>window.__x=1</script> và [link](javascript:alert(1))\n\n"
               "Thứ 5, 23.11.2031 | 08:00:00\n\nSáng 23-11, Tổng cục Kỹ thuật tổ chức Hội nghị tổng kết.\n")
    at.file_uploader(key="upload_files").set_value([
        ("../../evil name.txt", hostile.encode(), "text/plain"),
        ("big.txt", b"x" * (uploads.MAX_BYTES + 1), "text/plain"),
        ("tool.exe", b"MZ", "application/octet-stream"),
    ]).run()
    at.button(key="upload_go").click().run()
    assert not at.exception, [e.message for e in at.exception]
    messages = [m.value for m in (*at.error, *at.success, *at.info, *at.warning)]
    assert any("big.txt" in m for m in messages) and any("tool.exe" in m for m in messages)
    assert any("evil_name.txt" in m for m in (m.value for m in at.success)), messages
    written = list((tmp_path / "uploads").iterdir())
    assert [p.name.endswith("_evil_name.txt") for p in written] == [True]
    assert not (tmp_path.parent / "evil name.txt").exists()
    shown, total = count(at)
    assert total > before[1]  # the sidebar was redrawn from the new store after the rerun
    assert at.slider(key="f_years").value == (at.slider(key="f_years").min, 2031) and hi_before < 2031

    # The hostile article is in the store now: its text is escaped on the articles page.
    at.switch_page("dashboard/app/pages/articles.py").run()
    import duckdb

    con = duckdb.connect(str(writable_store), read_only=True)
    hostile_id = con.execute("SELECT article_id FROM articles WHERE title LIKE '%<script>%'").fetchone()[0]
    con.close()
    at.session_state["article"] = hostile_id
    at.run()
    assert not at.exception
    bodies = " ".join(el.proto.body for el in at.get("html"))
    assert "&lt;script&gt;window.__x=1&lt;/script&gt;" in bodies and "<script>" not in bodies
    assert "[link](javascript:alert(1))" in bodies


def test_app_frees_the_store_between_runs_and_shows_an_external_ingest(writable_store, tmp_path):
    at = run("timeline")
    before = count(at)
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "later.txt").write_text(
        "Thứ 5, 23.11.2031 | 08:00:00\n\nSáng 23-11, Tổng cục Kỹ thuật tổ chức Hội nghị tổng kết.\n",
        encoding="utf-8")
    # The app is open (its session lives on in ``at``) but holds no lock between runs.
    proc = subprocess.run([sys.executable, "-m", "dashboard", "ingest", str(tmp_path / "new"), "--db",
                           str(writable_store), "--workers", "1"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    at.run()
    assert not at.exception
    assert count(at)[1] > before[1]  # a new snapshot id: no cached frame hides the new article


def test_app_search_and_clear_filters(app_env):
    at = run("timeline")
    _, total = count(at)
    at.text_input(key="f_q").input("806-NQ/QUTW").run()
    shown, _ = count(at)
    assert 0 < shown < total and at.query_params["q"] in ("806-NQ/QUTW", ["806-NQ/QUTW"])
    at.button(key="f_clear").click().run()
    assert count(at) == (total, total) and dict(at.query_params) == {}


def test_app_lane_switch_changes_the_timeline(app_env):
    at = run("timeline")
    before = figures(at)[0]
    at.segmented_control(key="lane").set_value("kind").run()
    assert not at.exception
    after = figures(at)[0]
    assert after["layout"]["yaxis"]["ticktext"] != before["layout"]["yaxis"]["ticktext"]


@pytest.mark.parametrize("typed", ["TCKT", "tong cuc ky thuat", "Tổng cục Kỹ thuật"])
def test_app_url_org_by_abbreviation_or_without_diacritics(app_env, typed):
    at = run("timeline", {"org": typed})
    assert at.multiselect(key="f_org").value == ["Tổng cục Kỹ thuật"]
    assert at.query_params["org"] in ("Tổng cục Kỹ thuật", ["Tổng cục Kỹ thuật"])  # the link is canonical


def test_app_first_start_builds_the_store(samples_dir, tmp_path, monkeypatch):
    db = tmp_path / "fresh" / "dashboard.duckdb"
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    monkeypatch.setenv("DASHBOARD_ARTICLES", str(samples_dir))
    monkeypatch.setenv("DASHBOARD_UPLOADS", str(tmp_path / "uploads"))
    at = run("timeline")
    assert db.exists() and count(at)[1] > 0


def test_app_language_switch_keeps_the_filter(app_env, narrowing_org):
    at = run("timeline", {"org": narrowing_org, "from": "2021"})
    before = count(at)
    at.segmented_control(key="f_lang").set_value("en").run()
    assert at.multiselect(key="f_org").value == [narrowing_org]
    assert count(at) == before and at.slider(key="f_years").value[0] == 2021
    at.segmented_control(key="f_lang").set_value("vi").run()
    assert at.multiselect(key="f_org").value == [narrowing_org] and "lang" not in at.query_params


def test_app_documents_page_starts_on_the_most_cited_document(tmp_path, monkeypatch):
    """Not the oldest (the frame's order): at 100k events that was a law of 2000 cited a dozen times."""
    import duckdb

    from dashboard.query import Filter
    from dashboard.query.frames import documents
    from dashboard.synthetic_store import build_synthetic_db

    db = build_synthetic_db(tmp_path / "synthetic.duckdb", 20_000)
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = documents(con, Filter())
    finally:
        con.close()
    most = docs.sort_values("n_mentions_shown", ascending=False, kind="stable")["document_id"].iloc[0]
    assert docs["document_id"].iloc[0] != most  # the frame's own order would pick another one
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    monkeypatch.setenv("DASHBOARD_UPLOADS", str(tmp_path / "uploads"))
    at = run("documents")
    assert at.selectbox(key="document").value == most


def test_app_documents_table_names_issuers_in_english(app_env):
    at = run("documents", {"lang": "en"})
    [table] = [d.value for d in at.dataframe if "Issuer" in d.value.columns]
    issuers = set(table["Issuer"])
    assert "Politburo" in issuers and "Bộ Chính trị" not in issuers
    # Only an issuer, never a mentioned organisation: named from the reviewed vocabulary
    assert "National Assembly" in issuers and "Quốc hội" not in issuers

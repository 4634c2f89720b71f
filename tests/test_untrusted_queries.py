"""Filter values come from the URL: untrusted. Parameterised SQL only, "no match", never an exception.

Hostile values (quotes, ``%``/``_`` wildcards, ``;``, ``' OR 1=1 --``, a
``DROP TABLE``, NUL bytes, 100,000-character values, unknown names) go through
``Filter.from_params`` and through ``Filter`` directly (bypassing its length
cap) into every query function and figure builder, on a *writable* connection
so an injected ``DROP TABLE`` would really drop. Then the same values as URL
query parameters through AppTest, on every page.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import query
from dashboard.query import Filter

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = [
    "'", '"', "%", "_", ";", "\\", "' OR 1=1 --", "\" OR \"\"=\"", "%' OR '1'='1", "x'); DROP TABLE events; --",
    "1; DROP TABLE articles", "Tổng cục' --", "\x00", "a\x00b", "*", "NULL", "?", "$1", "<script>alert(1)</script>",
    "[x](javascript:alert(1))", "Không tồn tại", "A" * 100_000, "Tổng cục Kỹ thuật" * 6000, "%" * 100_000,
]
FIELDS = ("org", "kind", "doc", "q", "from", "to")


def _id(v: str) -> str:
    return repr(v[:20]) + (f"x{len(v)}" if len(v) > 20 else "")


@pytest.fixture(scope="module")
def store(tmp_path_factory, samples_dir) -> Path:
    from dashboard.store.ingest import ingest

    path = tmp_path_factory.mktemp("queries") / "dashboard.duckdb"
    ingest([str(samples_dir)], str(path), workers=1)
    return path


@pytest.fixture(scope="module")
def con(store, tmp_path_factory):
    """A writable connection on a copy: an injected DROP TABLE would succeed here, so its absence means something."""
    copy = tmp_path_factory.mktemp("queries_rw") / "rw.duckdb"
    shutil.copy(store, copy)
    c = duckdb.connect(str(copy))
    yield c
    c.close()


def table_counts(con) -> dict[str, int]:
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0]
            for t in ("articles", "events", "documents", "organisations", "people")}


def run_everything(con, f: Filter, figures: bool = True) -> dict:
    """Every query function (and figure builder) the app and the report call for one filter."""
    from dashboard.charts.figures import build_figures
    from dashboard.query import aggregates

    out = {
        "events": query.events(con, f),
        "timeline_events": query.timeline_events(con, f),
        "counts": query.event_counts(con, f),
        "articles": query.articles(con, f),
        "documents": query.documents(con, f),
        "per_year": aggregates.events_per_year(con, f),
        "org_year": aggregates.org_year_counts(con, f),
        "doc_year": aggregates.document_year_counts(con, f),
        "cooccurrence": aggregates.org_cooccurrence(con, f),
    }
    for lang in ("vi", "en"):
        out[f"sentence_{lang}"] = f.sentence(lang)
    if figures:
        out["figures"] = build_figures(con, f, "vi")
    return out


@pytest.mark.parametrize("field", ["org", "kind", "doc"])
@pytest.mark.parametrize("value", HOSTILE, ids=_id)
def test_untrusted_url_value_is_no_match_never_an_error(con, field, value):
    before = table_counts(con)
    f = Filter.from_params({field: [value]})
    assert len(" ".join(f.orgs + f.docs + f.kinds)) <= 1000, "long URL values must be capped"
    shown, total = query.event_counts(con, f)
    assert total == before["events"] > 0
    if f.orgs or f.docs or f.kinds:  # a value was kept: it names nothing that exists
        assert shown == 0
        results = run_everything(con, f, figures=field == "org")
        assert results["events"].empty and results["articles"].empty
    else:
        assert f.is_empty and shown == total  # dropped (e.g. an unknown kind): no constraint
    assert table_counts(con) == before, "a query changed the store"


@pytest.mark.parametrize("value", HOSTILE, ids=_id)
def test_untrusted_filter_fields_bypassing_from_params(con, value):
    """Even without from_params' cap, values only ever travel as parameters."""
    before = table_counts(con)
    for i, f in enumerate((Filter(orgs=(value,)), Filter(docs=(value,)), Filter(kinds=(value,)),
                           Filter(orgs=(value, "Tổng cục Kỹ thuật"), docs=(value,)))):
        sql, params = f.where("e")
        a_sql, a_params = f.article_where("a")
        if len(value) > 3 and value not in ("NULL",):
            assert value not in sql and value not in a_sql, "a filter value was pasted into the SQL"
        assert value in params
        results = run_everything(con, f, figures=i == 3)
        # Every filter has a field whose only value names nothing: no row can match.
        assert results["counts"][0] == 0 and results["events"].empty and results["articles"].empty
    assert table_counts(con) == before


@pytest.mark.parametrize("value", HOSTILE, ids=_id)
def test_untrusted_free_text_search_matches_only_literally(con, value):
    from dashboard.text import fold

    f = Filter.from_params({"q": [value]})
    results = run_everything(con, f, figures=False)
    ev = results["events"]
    for row in ev.itertuples():
        hay = fold(f"{row.title} {row.evidence or ''}") + " " + fold(row.article_title or "")
        assert all(t in hay for t in f.terms), (f.terms, row.title)
    if value.strip("%_*?") and "OR" in value:  # an injection attempt matches nothing, not everything
        assert ev.empty


@pytest.mark.parametrize("value", ["abc", "99999", "-1", "2021' OR 1=1", "1e3", "", "２０２１", "2021.5", "0x7E5",
                                   "9" * 100_000])
def test_untrusted_years_are_dropped_not_errors(con, value):
    f = Filter.from_params({"from": [value], "to": [value]})
    assert f.year_from is None and f.year_to is None
    run_everything(con, f, figures=False)


def test_untrusted_detail_lookups(con):
    from dashboard.query import article_detail, document_lineage, search_organisations

    for value in HOSTILE:
        assert article_detail(con, value) in ({}, None) or not article_detail(con, value).get("text")
        assert document_lineage(con, value).empty
        search_organisations(con, value)  # never raises; may find nothing


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(FIELDS + ("lang", "zzz")),
                              st.lists(st.text(max_size=300), max_size=4), max_size=6))
def test_untrusted_any_params_never_raise_and_narrowing_never_adds_rows(con, params):
    f = Filter.from_params(params)
    shown, total = query.event_counts(con, f)
    assert 0 <= shown <= total
    ev = query.events(con, f)
    assert len(ev) == shown
    for narrower in (f.with_(orgs=f.orgs[:1] or ("Tổng cục Kỹ thuật",)), f.with_(q=(f.q + " hội").strip()),
                     f.with_(year_from=f.year_from or 2022)):
        assert narrower.narrows(f)
        assert query.event_counts(con, narrower)[0] <= shown


# --------------------------------------------------------------------------- AppTest
@pytest.fixture
def app_env(store, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(store))
    monkeypatch.setenv("DASHBOARD_UPLOADS", str(tmp_path / "uploads"))
    return store


HOSTILE_URLS = [
    {"org": "' OR 1=1 --", "doc": "x'); DROP TABLE events; --", "kind": "review_conference' OR '1'='1"},
    {"org": ["%", "_", ";"], "q": "%' OR '1'='1", "from": "1' OR '1'='1", "to": "2100; --"},
    {"org": "A" * 100_000, "doc": "%" * 100_000, "q": "B" * 100_000},
    {"doc": "<script>alert(1)</script>", "q": "[x](javascript:alert(1)) **bold**", "lang": "<script>"},
]


@pytest.mark.parametrize("page", ["timeline", "documents", "charts", "articles", "quality", "upload"])
@pytest.mark.parametrize("params", HOSTILE_URLS, ids=["sql", "wildcards", "100k", "markup"])
def test_untrusted_url_params_in_the_app(app_env, page, params):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=90)
    at.query_params.update(params)
    at.run()
    if page != "timeline":
        at.switch_page(f"dashboard/app/pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    bodies = [el.proto.body for el in at.get("html")]
    count = next((b for b in bodies if 'data-testid="event-count"' in b), None)
    assert count is not None, "no event count on the page"
    import re

    m = re.search(r"(\d[\d.,]*) / (\d[\d.,]*)", count)
    shown, total = (int(re.sub(r"\D", "", g)) for g in m.groups())
    assert total > 0
    if any(k in params for k in ("org", "doc")):
        assert shown == 0, f"hostile filter values matched {shown} events"
    assert not any("<script>" in b for b in bodies), "markup from the URL reached an st.html element unescaped"
    markdown = [el.value for el in at.markdown]
    assert not any("javascript:" in m for m in markdown), "a URL value was rendered as markdown"

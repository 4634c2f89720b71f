"""Several articles reporting one event are one event, with every report kept.

Six real articles of the dev and held-out sets: four report the National Assembly's vote
on the defence-industry law on 27/6/2024 (d02 at 11:05, 003 at 11:42, d20 and 004 months
later), two the opening of the Vietnam Defence Expo on 19/12/2024 (005 at 10:35, d03 at
10:45), three the law taking effect on 1/7/2025 by its name. Expected groups are read from
the articles; stores are built by the real ingest.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from dashboard import query as Q
from dashboard.query import aggregates
from dashboard.store.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
FILES = {
    "d02": ROOT / "data/eval/dev/articles/d02_baochinhphu_luat_cnqp.txt",
    "d20": ROOT / "data/eval/dev/articles/d20_qdnd_trien_khai_luat.txt",
    "d03": ROOT / "data/eval/dev/articles/d03_vnplus_trien_lam.txt",
    "003": ROOT / "data/eval/heldout/articles/003_vietnamplus-quoc-hoi-thong-qua-luat-cnqp.txt",
    "004": ROOT / "data/eval/heldout/articles/004_baochinhphu-nghi-dinh-huong-dan-luat.html",
    "005": ROOT / "data/eval/heldout/articles/005_vnexpress-trien-lam-quoc-phong-2024.txt",
}
LAW = "Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp"


def build(tmp: Path, names, *, one_by_one: bool = False) -> Path:
    corpus, db = tmp / "articles", tmp / "store.duckdb"
    corpus.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(FILES[name], corpus / FILES[name].name)
        if one_by_one:
            ingest([str(corpus)], str(db), workers=1)
    if not one_by_one:
        ingest([str(corpus)], str(db), workers=1)
    return db


def groups(db: Path) -> dict[tuple[str, str], tuple[str, list[str]]]:
    """(date, kind) of each day-dated event -> (its article's file prefix, the other reports' prefixes)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        ev = Q.events(con, Q.Filter())
        out = {}
        for r in ev.itertuples():
            if r.precision != "day" or (r.date, r.kind) in out and r.n_reports == 1:
                continue
            others = con.execute("""SELECT a.path FROM event_reports x JOIN articles a USING (article_id)
                                    WHERE x.primary_id = ?""", [r.event_id]).fetchall()
            out[(r.date, r.kind)] = (Path(r.article_path).name[:3], sorted(Path(p).name[:3] for (p,) in others))
        return out
    finally:
        con.close()


def check_links(db: Path) -> None:
    """Every link names an event in ``events``; reports point at one; nothing is in both tables."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table in ("event_documents", "event_people", "event_organisations"):
            bad = con.execute(f"SELECT count(*) FROM {table} WHERE event_id NOT IN (SELECT event_id FROM events)")
            assert bad.fetchall()[0][0] == 0, table
            dup = con.execute(f"SELECT count(*) FROM (SELECT * FROM {table} GROUP BY ALL HAVING count(*) > 1)")
            assert dup.fetchall()[0][0] == 0, table
        assert con.execute("SELECT count(*) FROM event_reports WHERE primary_id NOT IN (SELECT event_id FROM events) "
                           "OR event_id IN (SELECT event_id FROM events)").fetchall()[0][0] == 0
    finally:
        con.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("reports"), FILES)


def test_reports_of_one_event_are_one_event(store):
    g = groups(store)
    # The vote: the earliest article (d02, 11:05) holds it; 003, 004 and d20 report it.
    assert g[("2024-06-27", "law_passed")] == ("d02", ["003", "004", "d20"])
    # The Expo's opening: 005 (10:35) before d03 (10:45).
    assert g[("2024-12-19", "exhibition")][0] == "005" and "d03" in g[("2024-12-19", "exhibition")][1]
    # The law taking effect, by its name: d02 holds it, 005 and d20 report it; so does 003, whose "Luật có hiệu
    # lực thi hành" stands for the law it cites.
    assert g[("2025-07-01", "law_in_force")] == ("d02", ["003", "005", "d20"])
    check_links(store)


def test_a_bare_law_is_the_articles_law_and_decrees_citing_the_law_stay_apart(store):
    """003's "Luật có hiệu lực thi hành" stands for the law 003 cites (its title named no law, so it stayed
    apart); 004's "Hai Nghị định có hiệu lực thi hành" (its two new decrees) falls on the law's day too, but
    decrees citing a law are not the law."""
    con = duckdb.connect(str(store), read_only=True)
    try:
        ev = Q.events(con, Q.Filter(kinds=("law_in_force",), year_from=2025, year_to=2025))
        decrees = "Nghị định số 173/2025/NĐ-CP và Nghị định số 174/2025/NĐ-CP có hiệu lực"
        assert sorted(ev["title"]) == sorted([decrees, f"{LAW} có hiệu lực"])
        assert sorted(ev["n_reports"]) == [1, 4]
    finally:
        con.close()


def test_the_event_is_found_through_any_report(store):
    """Trần Thanh Mẫn chaired the vote: only 003 names him, yet the event (held by d02) is his;
    "Chủ tịch Quốc hội" is only in 003's sentence; the event lists every report's people and documents."""
    con = duckdb.connect(str(store), read_only=True)
    try:
        [vote] = Q.events(con, Q.Filter(people=("Trần Thanh Mẫn",))).itertuples()
        assert (vote.date, vote.kind, Path(vote.article_path).name[:3]) == ("2024-06-27", "law_passed", "d02")
        assert vote.n_reports == 4 and len(vote.other_reports) == 3
        assert vote.documents == ["38/2024/QH15"]  # d02 names the law, d20 numbers it: one document
        found = Q.events(con, Q.Filter(q="chủ tịch quốc hội"))
        assert list(zip(found["date"], found["kind"])) == [("2024-06-27", "law_passed")]
        with Q.materialised(con, Q.Filter(q="dieu hanh", people=("Trần Thanh Mẫn",))) as mf:
            assert Q.event_counts(con, mf)[0] == 1
        # Counted once everywhere: the per-year chart's 2024 law votes.
        per_year = aggregates.events_per_year(con, Q.Filter(kinds=("law_passed",)))
        row = per_year[(per_year["year"] == 2024) & (per_year["kind"] == "law_passed")]
        assert int(row["n"].sum()) == 2  # the 27/6 vote and d20's Luật Đất đai of 18/1
        # The article page still highlights 003's own sentence of the vote.
        [aid] = con.execute("SELECT article_id FROM articles WHERE path LIKE '%003_vietnamplus%'").fetchall()[0]
        assert any("Trần Thanh Mẫn" in e["evidence"] for e in Q.article_detail(con, aid)["events"])
    finally:
        con.close()


def test_the_grouping_does_not_depend_on_the_order_of_ingest(store, tmp_path):
    one_by_one = build(tmp_path, ["d20", "004", "005", "003", "d03", "d02"], one_by_one=True)
    tables = ("events", "event_reports", "event_documents", "event_people", "event_organisations", "event_link_moves")
    a, b = duckdb.connect(str(store), read_only=True), duckdb.connect(str(one_by_one), read_only=True)
    try:
        for t in tables:
            cols = "*" if t != "events" and t != "event_reports" else "* EXCLUDE (article_id)"
            rows_a = sorted(map(repr, a.execute(f"SELECT {cols} FROM {t}").fetchall()))
            rows_b = sorted(map(repr, b.execute(f"SELECT {cols} FROM {t}").fetchall()))
            assert rows_a == rows_b, t
    finally:
        a.close()
        b.close()
    check_links(one_by_one)


def _withdraw(path: Path) -> None:
    """The outlet replaced the article by its headline and date: its reports are gone."""
    head = path.read_text(encoding="utf-8").split("\n")[:3]
    path.write_text("\n".join(head) + "\n\nBài viết đã được gỡ bỏ.\n", encoding="utf-8")


def test_a_changed_article_takes_its_links_away_and_hands_the_event_on(tmp_path):
    db = build(tmp_path, FILES)
    corpus = tmp_path / "articles"
    _withdraw(corpus / FILES["003"].name)  # a later report, the only one naming the chairman
    ingest([str(corpus)], str(db), workers=1)
    assert groups(db)[("2024-06-27", "law_passed")] == ("d02", ["004", "d20"])
    check_links(db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert Q.event_counts(con, Q.Filter(people=("Trần Thanh Mẫn",)))[0] == 0
        ev = Q.events(con, Q.Filter(kinds=("law_passed",)))
        [vote] = ev[ev["date"] == "2024-06-27"].itertuples()
        assert vote.people == [] and vote.n_reports == 3
    finally:
        con.close()
    _withdraw(corpus / FILES["d02"].name)  # the first report: d20 (15/11/2024) holds the vote now
    ingest([str(corpus)], str(db), workers=1)
    g = groups(db)
    assert g[("2024-06-27", "law_passed")] == ("d20", ["004"])
    assert g[("2025-07-01", "law_in_force")] == ("d20", ["005"])  # d20 (15/11/2024) before 005 (19/12/2024)
    check_links(db)


def test_the_app_shows_one_point_said_to_be_reported_by_four_articles(store, tmp_path, monkeypatch):
    """The timeline page draws the vote once, its hover says four articles reported it, and the events
    table has the count."""
    import json

    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DASHBOARD_DB", str(store))
    monkeypatch.setenv("DASHBOARD_UPLOADS", str(tmp_path / "uploads"))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.query_params.update({"kind": "law_passed", "from": "2024", "to": "2024"})
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    hovers = [h for t in spec["data"] for h in (t.get("hovertext") or []) if isinstance(h, str)]
    vote = [h for h in hovers if "Quốc hội thông qua Luật Công nghiệp quốc phòng" in h]
    assert len(vote) == 1 and "4 bài báo đưa tin" in vote[0]
    table = at.dataframe[0].value
    assert sorted(table["Số bài đưa tin"]) == [1, 4]  # the vote, and d20's Luật Đất đai of 18/1/2024


def test_deleting_an_event_between_rebuilds_leaves_its_reports_standing_alone(store, tmp_path):
    """What an ingest killed after a batch but before its rebuild leaves: d02's article deleted, no
    rebuild. The vote's other three reports are events again, each with its own people (003 names the
    chairman), and nothing points at the deleted event."""
    from dashboard.store.db import connect, registered, strings, transaction
    from dashboard.store.write import delete_articles

    db = tmp_path / "copy.duckdb"
    shutil.copy(store, db)
    con = connect(db)
    try:
        [(aid,)] = con.execute("SELECT article_id FROM articles WHERE path LIKE '%d02_baochinhphu%'").fetchall()
        with transaction(con), registered(con, "_gone", strings(article_id=[aid])):
            delete_articles(con, "_gone")
        votes = con.execute("""SELECT a.path, list(p.name) FILTER (WHERE p.name IS NOT NULL) FROM events e
            JOIN articles a USING (article_id) LEFT JOIN event_people x USING (event_id)
            LEFT JOIN people p USING (person_id)
            WHERE e.date = '2024-06-27' AND e.kind = 'law_passed' GROUP BY 1""").fetchall()
        people = {Path(path).name[:3]: names for path, names in votes}
        assert sorted(people) == ["003", "004", "d20"] and people["003"] == ["Trần Thanh Mẫn"]
        assert con.execute("SELECT count(*) FROM event_link_moves WHERE primary_id NOT IN "
                           "(SELECT event_id FROM events)").fetchall()[0][0] == 0
    finally:
        con.close()
    check_links(db)

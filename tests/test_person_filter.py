"""The person filter: events a person took part in, articles that mention them.

On the store the real ingest builds from data/articles. Expected events are read from
the articles (who the lead and the attendance paragraph name), and the filter's SQL is
checked against an oracle that does not use it: the parser's own output per article.
"""
from __future__ import annotations

import pytest

from dashboard import query as Q
from dashboard.parsing import extract
from dashboard.sources import read_path

from reportkit import cli, pdf_text

HUNG, GIANG, DIEN = "Nguyễn Mạnh Hùng", "Phan Văn Giang", "Nguyễn Hồng Diên"
CNQP = "Tổng cục Công nghiệp quốc phòng"


def _events(con, f: Q.Filter) -> list[tuple[str, str]]:
    frame = Q.events(con, f)
    return sorted((str(d)[:10], k) for d, k in zip(frame["date_start_day"], frame["kind"]))


@pytest.fixture(scope="module")
def parsed(samples_dir):
    """path -> Extraction of every sample article, the oracle."""
    out = {}
    for path in sorted(samples_dir.glob("*.txt")):
        [record] = read_path(path)
        out[path.name] = extract(record.article)
    return out


@pytest.mark.parametrize("people, expected", [
    ((HUNG,), [("2023-11-22", "review_conference")]),  # 000: "Trung tướng Nguyễn Mạnh Hùng ... chủ trì hội nghị"
    ((GIANG,), [("2021-02-20", "working_session")]),  # 001: the lead
    ((DIEN,), [("2023-04-17", "working_session")]),  # 002: "Tham dự buổi làm việc có đồng chí Nguyễn Hồng Diên"
    ((HUNG, GIANG), [("2021-02-20", "working_session"), ("2023-11-22", "review_conference")]),  # OR
    (("Trần Hồng Minh",), []),  # named in 001, but presenting a report, not in its lead's paragraphs
    (("Không Có Ai",), []),
])
def test_person_filter_events_from_the_articles(samples_store, people, expected):
    assert _events(samples_store, Q.Filter(people=people)) == expected
    with Q.materialised(samples_store, Q.Filter(people=people)) as mf:  # the app's path
        assert _events(samples_store, mf) == expected


def test_event_people_in_the_order_the_article_names_them(samples_store):
    """Vietnamese news names people in protocol order; an alphabetical list put the chair's guest last.
    000's lead names Thượng tướng Phùng Sĩ Tấn ("dự và phát biểu chỉ đạo"), then its next paragraph
    Nguyễn Mạnh Hùng (chủ trì) and Hồ Quang Tuấn (cùng dự); 001's lead names Phan Văn Giang, then
    "Cùng dự có Thượng tướng Nguyễn Tân Cương"."""
    frame = Q.events(samples_store, Q.Filter())
    people = {str(d)[:10]: list(p) for d, p in zip(frame["date_start_day"], frame["people"]) if len(p)}
    assert people["2023-11-22"] == ["Phùng Sĩ Tấn", HUNG, "Hồ Quang Tuấn"]
    assert people["2021-02-20"] == [GIANG, "Nguyễn Tân Cương"]
    assert people["2023-04-17"] == [DIEN, "Phạm Hoài Nam"]


def test_person_filter_combines_with_the_other_fields(samples_store):
    assert _events(samples_store, Q.Filter(people=(HUNG,), orgs=(CNQP,))) == [("2023-11-22", "review_conference")]
    assert _events(samples_store, Q.Filter(people=(HUNG,), orgs=("Bộ Công Thương",))) == []
    assert _events(samples_store, Q.Filter(people=(HUNG, GIANG), year_from=2022)) == [("2023-11-22",
                                                                                        "review_conference")]
    assert _events(samples_store, Q.Filter(people=(HUNG,), kinds=("signing",))) == []


def test_person_filter_matches_the_parser_for_every_person(samples_store, parsed):
    """Each person's events and articles equal what the extraction of each article says."""
    people = list(Q.person_options(samples_store)["name"])
    assert len(people) >= 10
    by_path = {r[0].rsplit("/", 1)[-1]: r[1] for r in samples_store.execute(
        "SELECT path, article_id FROM articles").fetchall()}
    for person in people:
        f = Q.Filter(people=(person,))
        expected_events = sorted((e.date.first_day().isoformat(), e.kind)
                                 for x in parsed.values() for e in x.events if person in e.people)
        assert _events(samples_store, f) == expected_events, person
        expected_articles = {by_path[name] for name, x in parsed.items() if any(p.name == person for p in x.people)}
        assert set(Q.articles(samples_store, f)["article_id"]) == expected_articles, person


def test_person_filter_url_parameters_and_narrowing():
    f = Q.Filter.from_params({"person": [HUNG, " Phan  Văn Giang "], "org": CNQP})
    assert f.people == (HUNG, GIANG) and f.to_params()["person"] == [HUNG, GIANG]
    assert Q.Filter.from_params(f.to_params()) == f
    assert f.is_costly and Q.Filter(people=(HUNG,)).is_costly
    assert Q.Filter(people=(HUNG,)).narrows(Q.Filter(people=(HUNG, GIANG)))
    assert not Q.Filter(people=(HUNG, GIANG)).narrows(Q.Filter(people=(HUNG,)))
    assert not Q.Filter().narrows(Q.Filter(people=(HUNG,)))
    assert Q.Filter(people=(HUNG,)).with_(people=[GIANG]).people == (GIANG,)


def test_person_filter_sentence_in_both_languages():
    f = Q.Filter(people=(HUNG, GIANG))
    assert f.sentence("vi") == f"Sự kiện có {HUNG} hoặc {GIANG} tham gia"
    assert f.sentence("en") == f"Events with {HUNG} or {GIANG} taking part"
    g = Q.Filter(orgs=(CNQP,), people=(HUNG,), year_from=2023, year_to=2023)
    assert g.sentence("vi") == f"Sự kiện của {CNQP} có {HUNG} tham gia, năm 2023"
    assert g.sentence("en") == f"Events of General Department of Defence Industry with {HUNG} taking part, in 2023"


@pytest.mark.parametrize("text, expected", [
    ("phan van giang", [GIANG]), ("PHAN VĂN GIANG", [GIANG]), ("giang", [GIANG]),
    ("Phùng Sỹ Tấn", ["Phùng Sĩ Tấn"]),  # the other i/y spelling, as the store merged them
    ("nguyen manh", [HUNG]), ("", []), ("   ", []), ("%", []), ("' OR 1=1 --", []), ("zzzz", []),
])
def test_person_search(samples_store, text, expected):
    assert Q.search_people(samples_store, text) == expected


def test_person_search_ranks_an_exact_name_first_and_lists_the_ambiguous(samples_store):
    found = Q.search_people(samples_store, "tan")
    assert set(found) == {"Phùng Sĩ Tấn", "Nguyễn Tân Cương"}
    assert Q.search_people(samples_store, "nguyen tan cuong")[0] == "Nguyễn Tân Cương"


def test_person_options_put_people_with_events_first(samples_store):
    options = Q.person_options(samples_store)
    with_events = options[options["n_events"] > 0]
    assert set(with_events["name"]) >= {HUNG, GIANG, DIEN, "Phùng Sĩ Tấn", "Hồ Quang Tuấn"}
    assert list(options["n_events"]) == sorted(options["n_events"], reverse=True)
    assert options.set_index("name").at[GIANG, "rank"] == "Thượng tướng"


@pytest.mark.browser
def test_person_filter_report_cli(samples_store, tmp_path):
    db = samples_store.execute("SELECT file FROM pragma_database_list WHERE name = current_database()").fetchone()[0]
    out = tmp_path / "r.pdf"
    res = cli("--db", db, "--person", "nguyen manh hung", "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert f"read as '{HUNG}'" in res.stderr
    text = " ".join(pdf_text(out).split())
    assert f"Sự kiện có {HUNG} tham gia" in text and "1 / 4 sự kiện" in text
    assert "Sáng 22-11, Tổng cục Công nghiệp Quốc phòng" in text  # the event's sentence, quoted

    res = cli("--db", db, "--person", "tan", "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert "matches no single person" in res.stderr and "Nguyễn Tân Cương" in res.stderr
    assert "0 / 4 sự kiện" in " ".join(pdf_text(out).split())


@pytest.mark.parametrize("typed, meant", [
    (GIANG, GIANG), ("phan van giang", GIANG), ("Phùng Sỹ Tấn", "Phùng Sĩ Tấn"), ("nguyen manh hung", HUNG),
    ("tan", None),  # Phùng Sĩ Tấn or Nguyễn Tân Cương: not clear, so not guessed
    ("Không Có Ai", None),
])
def test_person_resolve_reads_a_typed_name_only_when_it_is_clear(samples_store, typed, meant):
    assert Q.resolve_person(Q.person_options(samples_store), typed) == meant

"""Inferred events of undated articles: the parser's estimate, the contract, the store, the query.

Sample 004 (no publication date) reports the signing of the 2023-2025 coordination
programme of Tổng cục Kỹ thuật and Tổng cục Công nghiệp quốc phòng: it gets an
inferred signing dated 2022..2023 (a programme is signed before or in its first
year), kept out of ``events`` (gold leaves it out), stored with date_basis
'inferred', and the programme reaches a 2023-2025 report for Tổng cục Kỹ thuật.
"""
from __future__ import annotations

import pytest

from dashboard import query as Q
from dashboard.contract import to_contract
from dashboard.model import Article
from dashboard.parsing import extract
from dashboard.text import normalise_text
from dashboard.sources import read_path


def run(body: str, published: str | None = None):
    return extract(Article(path="t", text=normalise_text(body), published=published))


def brief(x) -> list[tuple]:
    return [(e.date.start, e.date.end, e.date.precision, e.date.basis, e.kind) for e in x.inferred_events]


@pytest.fixture(scope="module")
def sample_004(samples_dir):
    (path,) = samples_dir.glob("004_*.txt")
    return extract(read_path(path)[0].article)


def test_inferred_sample_004_signing_of_the_programme(sample_004):
    x = sample_004
    assert x.events == () and x.article.published is None
    assert brief(x) == [("2022", "2023", "period", "inferred", "signing")]
    (ev,) = x.inferred_events
    assert {"Tổng cục Kỹ thuật", "Tổng cục Công nghiệp quốc phòng"} <= set(ev.organisations)
    (programme,) = [d for d in x.documents if d.period == "2023-2025"]
    assert ev.documents == (programme.key,)
    assert x.article.text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
    assert any(w.startswith("inferred:") and "2023-2025" in w for w in x.warnings)


def test_inferred_events_are_a_separate_contract_key(sample_004):
    c = to_contract(sample_004)
    assert c["events"] == []
    assert [(e["date"], e["date_end"], e["date_basis"]) for e in c["inferred_events"]] == [("2022", "2023", "inferred")]


# (text of an undated article, expected inferred events)
CASES = [
    ("Tại hội nghị, hai bên đã ký kết Chương trình phối hợp về bảo đảm kỹ thuật giai đoạn 2024-2028.",
     [("2023", "2024", "period", "inferred", "signing")]),
    ("Hai đơn vị ký kết Quy chế phối hợp trong đào tạo giai đoạn 2023-2030.",
     [("2022", "2023", "period", "inferred", "signing")]),
    ("Tổng cục tổ chức Hội nghị tổng kết 10 năm thực hiện Nghị quyết số 806-NQ/QUTW ngày 31-12-2013 của Quân ủy "
     "Trung ương về hội nhập quốc tế.", [("2023", "2024", "period", "inferred", "review_conference")]),
    # A later explicit date cuts the span from below ...
    ("Hội nghị sơ kết 5 năm thực hiện Nghị quyết số 08-NQ/TW ngày 26-1-2022 của Bộ Chính trị. Ngày 3-2-2028, "
     "Bộ Quốc phòng ban hành kế hoạch.", [("2028", "2028", "period", "inferred", "review_conference")]),
    # ... and one after the span leaves the rule without ground: no estimate.
    ("Hội nghị sơ kết 5 năm thực hiện Nghị quyết số 08-NQ/TW ngày 26-1-2022 của Bộ Chính trị. Ngày 3-2-2030, "
     "Bộ Quốc phòng ban hành kế hoạch.", []),
    ("Tại hội nghị, hai bên đã ký kết chương trình phối hợp.", []),  # no period: nothing bounds the date
    ("Hội nghị tổng kết công tác kỹ thuật của Tổng cục.", []),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_inferred_rules(text, expected):
    assert brief(run(text)) == expected


def test_inferred_never_for_dated_articles():
    text = "Tại hội nghị, hai bên đã ký kết Chương trình phối hợp về bảo đảm kỹ thuật giai đoạn 2024-2028."
    assert run(text, published="2024-01-10").inferred_events == ()


@pytest.fixture(scope="module")
def store(samples_store):
    return samples_store


def test_inferred_events_stored_with_basis_inferred(store):
    rows = store.execute("SELECT e.date, e.date_end, e.date_basis, e.kind FROM events e JOIN articles a "
                         "ON a.article_id = e.article_id WHERE a.path LIKE '%004_%'").fetchall()
    assert rows == [("2022", "2023", "inferred", "signing")]
    orgs = store.execute("SELECT o.name FROM events e JOIN event_organisations x ON x.event_id = e.event_id "
                         "JOIN organisations o ON o.org_id = x.org_id WHERE e.date_basis = 'inferred'").fetchall()
    assert ("Tổng cục Kỹ thuật",) in orgs


def test_inferred_report_view_shows_the_signing_and_the_programme(store):
    f = Q.Filter(orgs=("Tổng cục Kỹ thuật",), year_from=2023, year_to=2025)
    ev = Q.events(store, f)
    assert list(zip(ev["kind"], ev["date_basis"])) == [("signing", "inferred")]
    docs = Q.documents(store, f)
    assert list(docs["period"]) == ["2023-2025"]


@pytest.mark.parametrize("years, shown", [((2023, 2025), True), ((2025, 2030), True), ((2026, 2030), False),
                                          ((2019, 2021), False), ((None, 2023), True), ((2024, None), True)])
def test_query_documents_qualify_by_their_own_period(store, years, shown):
    f = Q.Filter(orgs=("Tổng cục Kỹ thuật",), year_from=years[0], year_to=years[1])
    periods = set(Q.documents(store, f)["period"])
    assert ("2023-2025" in periods) == shown

"""The organisation x year summary: what each organisation issued, reviewed and signed per year.

Three real DuckDB stores: the one ``ingest`` builds from data/articles (expectations
read from the articles themselves), the hand-built sample store, and a synthetic
store of 3,000 events. On the last two the summary is checked against an independent
count made in Python from the frames the other pages show (``query.events`` and
``query.documents``), for several filters.
"""
from __future__ import annotations

import html
import re
from collections import Counter

import pandas as pd
import pytest

from dashboard import query as Q
from dashboard.charts.summary import summary_html, summary_lines
from dashboard.query.summary import LISTED_KINDS, org_year_summary
from dashboard.report.compose import ReportMeta, compose


@pytest.fixture(scope="module")
def ingested(samples_store):
    return samples_store


@pytest.fixture(scope="module")
def synthetic(synthetic_3000):
    """3,000 synthetic events: crowded cells, more organisations than the table keeps."""
    return synthetic_3000


@pytest.fixture(scope="module")
def sample(hand_built_store):
    return hand_built_store


@pytest.fixture(params=["sample", "synthetic"])
def store(request):
    return request.getfixturevalue(request.param)


def by_key(rows):
    return {(r.name, r.year): r for r in rows}


# -- the samples, as the articles tell them ----------------------------------------------
def test_summary_of_the_samples_says_who_issued_reviewed_and_signed(ingested):
    rows = by_key(org_year_summary(ingested, Q.Filter()))
    # 000: "Nghị quyết số 806-NQ/QUTW ngày 31-12-2013 của Quân ủy Trung ương", reviewed on "Sáng 22-11" (2023)
    # by the Tổng cục Công nghiệp quốc phòng; 003: 08-NQ/TW of the Politburo (26-1-2022).
    assert [i["title"] for i in rows[("Quân ủy Trung ương", 2013)].issued.items] == ["806-NQ/QUTW"]
    assert [i["title"] for i in rows[("Bộ Chính trị", 2022)].issued.items] == ["08-NQ/TW"]
    review = rows[("Tổng cục Công nghiệp quốc phòng", 2023)].review_conference
    assert review.n == 1 and review.items[0]["date"] == "2023-11-22" and "806-NQ/QUTW" in review.items[0]["title"]
    # 004: the two general departments sign their 2023-2025 coordination programme; both rows list it.
    for org in ("Tổng cục Kỹ thuật", "Tổng cục Công nghiệp quốc phòng"):
        assert rows[(org, 2022)].signing.n == 1
        assert rows[(org, 2022)].signing.items[0]["title"].startswith("Ký kết Chương trình phối hợp")
    # 001 (20/2/2021) and 002 (17/4/2023) are working sessions: counted, not listed.
    assert rows[("Tổng cục Công nghiệp quốc phòng", 2021)].other == {"working_session": 1}
    assert rows[("Bộ Công Thương", 2023)].other == {"working_session": 1}
    lines = {(line["sum_org"][0], line["sum_year"][0]): line for line in summary_lines(rows.values(), "vi")}
    assert lines[("Quân ủy Trung ương", "2013")]["sum_issued"] == ["31/12/2013 · Nghị quyết 806-NQ/QUTW"]
    assert lines[("Tổng cục Công nghiệp quốc phòng", "2023")]["sum_reviewed"][0].startswith(
        "22/11/2023 · Hội nghị tổng kết 10 năm")
    assert lines[("Bộ Công Thương", "2023")]["sum_other"] == ["Buổi làm việc: 1"]
    en = {(line["sum_org"][0], line["sum_year"][0]): line for line in summary_lines(rows.values(), "en")}
    assert en[("Central Military Commission", "2013")]["sum_issued"] == ["31/12/2013 · Resolution 806-NQ/QUTW"]
    assert en[("Ministry of Industry and Trade", "2023")]["sum_other"] == ["Working session: 1"]


def test_summary_follows_the_filter(ingested):
    years = by_key(org_year_summary(ingested, Q.Filter(year_from=2021, year_to=2023)))
    assert ("Quân ủy Trung ương", 2013) not in years  # issued before the years asked for
    assert ("Bộ Chính trị", 2022) in years
    one = org_year_summary(ingested, Q.Filter(orgs=("Tổng cục Kỹ thuật",)))
    # The signing names the other general department too, but only the organisation asked for is listed.
    assert [(r.name, r.year, r.signing.n) for r in one] == [("Tổng cục Kỹ thuật", 2022, 1)]
    signings = org_year_summary(ingested, Q.Filter(kinds=("signing",)))
    assert not any(r.review_conference.n or r.other for r in signings)
    assert {r.name for r in signings if r.signing.n} == {"Tổng cục Kỹ thuật", "Tổng cục Công nghiệp quốc phòng"}


# -- against an independent count ---------------------------------------------------------
FILTERS = [Q.Filter(), Q.Filter(year_from=2022, year_to=2024), Q.Filter(kinds=("review_conference", "signing")),
           Q.Filter(orgs=("Tổng cục Kỹ thuật", "Bộ Quốc phòng")), Q.Filter(q="hội nghị"),
           Q.Filter(year_from=2023, year_to=2023, orgs=("Tổng cục Công nghiệp quốc phòng",))]


def oracle(con, f: Q.Filter) -> tuple[Counter, dict]:
    """(org, year, kind) -> n from the events frame, '~issued' from the documents frame, and the items
    the listed kinds should show (earliest first)."""
    counts: Counter = Counter()
    items: dict = {}
    ev = Q.events(con, f).sort_values(["date_start_day", "event_id"])
    for r in ev.itertuples():
        start = pd.Timestamp(r.date_start_day)
        year = max(start.year, f.year_from) if f.year_from else start.year
        for org in set(r.organisations):
            counts[(org, year, r.kind)] += 1
            if r.kind in LISTED_KINDS:
                items.setdefault((org, year, r.kind), []).append(r.title)
    docs = Q.documents(con, f)
    for d in docs[docs["issuer"].notna() & docs["issued_day"].notna()].itertuples():
        year = pd.Timestamp(d.issued_day).year
        if (f.year_from and year < f.year_from) or (f.year_to and year > f.year_to):
            continue
        for issuer in {x.strip() for x in d.issuer.split(";") if x.strip()}:
            counts[(issuer, year, "~issued")] += 1
    return counts, items


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: str(f.to_params()) or "all")
def test_summary_counts_agree_with_the_events_and_documents_frames(store, f):
    top = 6
    rows = org_year_summary(store, f, top=top, per_cell=3)
    counts, items = oracle(store, f)
    totals = Counter()
    for (org, _year, _kind), n in counts.items():
        totals[org] += n
    wanted = set(f.orgs) & set(totals) if f.orgs else set(sorted(totals, key=lambda o: (-totals[o], o))[:top])
    assert {r.name for r in rows} == wanted
    got = Counter()
    for r in rows:
        got[(r.name, r.year, "~issued")] += r.issued.n
        for kind in LISTED_KINDS:
            got[(r.name, r.year, kind)] += getattr(r, kind).n
            assert [i["title"] for i in getattr(r, kind).items] == items.get((r.name, r.year, kind), [])[:3]
        for kind, n in r.other.items():
            got[(r.name, r.year, kind)] += n
    assert +got == Counter({k: n for k, n in counts.items() if k[0] in wanted})
    # Busiest organisation first, its years in order.
    order = [r.name for r in rows]
    weights = [sum(n for (o, _y, _k), n in got.items() if o == name) for name in dict.fromkeys(order)]
    assert weights == sorted(weights, reverse=True)
    for name in set(order):
        years = [r.year for r in rows if r.name == name]
        assert years == sorted(years) and len(years) == len(set(years))


def test_summary_cells_say_how_many_they_leave_out(synthetic):
    rows = org_year_summary(synthetic, Q.Filter(), per_cell=1)
    crowded = [r for r in rows if r.review_conference.n > 1]
    assert crowded, "3,000 synthetic events give some organisation two review conferences in a year"
    r = crowded[0]
    [line] = summary_lines([r], "vi")
    assert len(line["sum_reviewed"]) == 2
    assert line["sum_reviewed"][1] == f"… và {r.review_conference.n - 1} mục khác"
    [line] = summary_lines([r], "en")
    assert line["sum_reviewed"][1] == f"… and {r.review_conference.n - 1} more"


# -- HTML: escaped, one organisation cell per organisation, symbols on one line -----------------
def test_summary_html_escapes_and_groups(ingested):
    from dashboard.query.summary import Cell, SummaryRow

    hostile = '<img src=x onerror="alert(1)">'
    rows = [SummaryRow(hostile, None, 2022, signing=Cell([{"date": "2022", "date_end": None, "precision": "year",
                                                           "title": "<script>alert(2)</script>",
                                                           "evidence": '" onmouseover="alert(3)'}], 1)),
            SummaryRow(hostile, None, 2023, other={"visit": 2})]
    page = summary_html(rows, "vi")
    assert "<script>alert" not in page and "<img" not in page
    assert html.escape("<script>alert(2)</script>") in page
    assert page.count('rowspan="2"') == 1 and page.count('class="org"') == 1
    assert 'onmouseover="' not in page and 'title="&quot; onmouseover=&quot;alert(3)"' in page
    real = summary_html(org_year_summary(ingested, Q.Filter()), "vi")
    assert '<span class="nb">806-NQ/QUTW</span>' in real and '<span class="nb">08-NQ/TW</span>' in real
    assert "Buổi làm việc: 1" in re.sub(r"<[^>]+>", "", real)
    # Each listed event carries its source sentence on hover, each document its subject.
    review = next(r.review_conference.items[0] for r in org_year_summary(ingested, Q.Filter())
                  if r.review_conference.items)
    sentence = ingested.execute("SELECT evidence FROM events WHERE kind = 'review_conference'").fetchall()[0][0]
    assert review["evidence"] == sentence and sentence.startswith("Sáng 22-11, Tổng cục Công nghiệp Quốc phòng")
    assert f'title="{html.escape(" ".join(sentence.split()), quote=True)}"' in real
    assert 'title="hội nhập quốc tế và đối ngoại quốc phòng"' in real  # 806-NQ/QUTW's subject


def test_report_places_the_summary_after_the_heatmap(ingested):
    from dashboard.charts.figures import build_figures

    f = Q.Filter()
    page = compose(build_figures(ingested, f, "vi"), None, "Tất cả sự kiện", ReportMeta("t", "s", 4, 4), "vi",
                   include_table=False, summary=org_year_summary(ingested, f))
    at = {name: page.find(f'id="section-{name}"') for name in ("heatmap", "summary", "documents")}
    assert -1 < at["heatmap"] < at["summary"] < at["documents"]
    assert '<span class="nb">31/12/2013</span> · Nghị quyết <span class="nb">806-NQ/QUTW</span>' in page


def test_summary_html_links_only_organisations_a_filter_can_name():
    from dashboard.query.summary import SummaryRow

    rows = [SummaryRow("Quân ủy Trung ương", None, 2013), SummaryRow("Quốc hội", None, 2020, known=False)]
    calls = []

    def link(name, year):
        calls.append((name, year))
        return f'./?org={name}&from={year}&x="<'

    page = summary_html(rows, "vi", link=link)
    assert calls == [("Quân ủy Trung ương", None), ("Quân ủy Trung ương", 2013)]
    assert '<a href="./?org=Quân ủy Trung ương&amp;from=2013&amp;x=&quot;&lt;">2013</a>' in page
    assert "<td>2020</td>" in page and 'rowspan="1">Quốc hội</td>' in page
    assert "<a " not in summary_html(rows, "vi")  # reports: no links


def test_summary_note_says_when_the_table_stops_at_the_busiest(synthetic):
    from dashboard.charts.summary import summary_note
    from dashboard.query.summary import TOP_ORGS

    rows = org_year_summary(synthetic, Q.Filter())
    assert len({r.name for r in rows}) == TOP_ORGS  # the synthetic store has 29 organisations
    assert summary_note(rows, False, "vi").endswith(
        f"{TOP_ORGS} cơ quan có nhiều hoạt động nhất; chọn cơ quan ở bộ lọc để xem cơ quan khác.")
    assert "most active" not in summary_note(rows, True, "en")
    few = org_year_summary(synthetic, Q.Filter(orgs=("Tổng cục Kỹ thuật",)))
    assert "most active" not in summary_note(few, False, "en")


def test_summary_csv_opens_in_a_spreadsheet_with_its_vietnamese(ingested):
    import csv
    import io

    from dashboard.charts.summary import summary_csv

    data = summary_csv(org_year_summary(ingested, Q.Filter()), "vi")
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == ["Cơ quan", "Năm", "Ban hành", "Tổng kết, sơ kết", "Ký kết", "Hoạt động khác"]
    rows = {(r[0], r[1]): r for r in table[1:]}
    assert rows[("Quân ủy Trung ương", "2013")][2] == "31/12/2013 · Nghị quyết 806-NQ/QUTW"
    assert rows[("Tổng cục Công nghiệp quốc phòng", "2023")][5] == "Buổi làm việc: 1"
    assert len(table) == 1 + len(org_year_summary(ingested, Q.Filter()))
    many = org_year_summary(ingested, Q.Filter(), per_cell=0)  # every item left out: only the "more" line
    cell = next(r for r in list(csv.reader(io.StringIO(summary_csv(many, "en").decode("utf-8-sig"))))[1:]
                if r[3])
    assert cell[3] == "… and 1 more"


def test_summary_csv_keeps_a_cells_items_on_lines_of_that_cell(synthetic):
    import csv
    import io

    from dashboard.charts.summary import summary_csv

    rows = org_year_summary(synthetic, Q.Filter(), per_cell=3)
    table = list(csv.reader(io.StringIO(summary_csv(rows, "vi").decode("utf-8-sig"))))
    assert len(table) == 1 + len(rows)  # a newline inside a cell does not start a row
    crowded = next(r for r in rows if r.review_conference.n > 3)
    cell = table[1 + rows.index(crowded)][3].split("\n")
    assert len(cell) == 4 and cell[-1] == f"… và {crowded.review_conference.n - 3} mục khác"

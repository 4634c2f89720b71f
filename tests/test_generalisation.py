"""Cases from the held-out review's weaknesses, written for these tests (no held-out text).

Laws passed or taking effect mid-sentence and narrated, a law's issue date from its
passing day, the named law and its symbol as one document, signed agreements as
documents, exercises dated by month and year, documents inside another's subject
or annexed to it, and the visible dateline of an HTML page.
"""
from __future__ import annotations

import pytest

from dashboard.model import Article
from dashboard.parsing import extract
from dashboard.text import normalise_text
from dashboard.sources import records_from_bytes

PUB = "2024-11-15T09:20"
LAW = "Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp"


def run(body: str, published: str | None = PUB):
    text = "Tin tổng hợp về công nghiệp quốc phòng\n\n" + body
    return extract(Article(path="t", text=normalise_text(text), published=published))


def brief(x) -> list[tuple]:
    return sorted((e.date.start, e.kind) for e in x.events)


# (sentence, expected events: date, kind)
LAW_EVENTS = [
    (f"Theo đó, {LAW} số 38/2024/QH15, được Quốc hội khóa XV thông qua ngày 27/6/2024, có hiệu lực thi hành "
     "từ ngày 1/7/2025.", [("2024-06-27", "law_passed"), ("2025-07-01", "law_in_force")]),
    (f"Ngày 27-6-2024, tại Kỳ họp thứ 7, Quốc hội khóa XV đã thông qua {LAW}.", [("2024-06-27", "law_passed")]),
    (f"{LAW} được Quốc hội khóa XV, kỳ họp thứ 7 thông qua ngày 27/6/2024; Luật số 38/2024/QH15 có hiệu lực "
     "từ ngày 1/7/2025.", [("2024-06-27", "law_passed"), ("2025-07-01", "law_in_force")]),
    (f"Hội nghị nhằm phổ biến {LAW} (Luật số 38/2024/QH15), được Quốc hội thông qua ngày 27/6/2024 và có hiệu "
     "lực thi hành từ ngày 1-7-2025.", [("2024-06-27", "law_passed"), ("2025-07-01", "law_in_force")]),
    ("Luật Phòng thủ dân sự có hiệu lực thi hành từ ngày 1-7-2024.", [("2024-07-01", "law_in_force")]),
    ("Luật Đất đai (sửa đổi) được Quốc hội chính thức thông qua vào tháng 1/2024.", [("2024-01", "law_passed")]),
]


@pytest.mark.parametrize("text, expected", LAW_EVENTS, ids=[c[0][:40] for c in LAW_EVENTS])
def test_generalisation_law_milestones_mid_sentence(text, expected):
    assert brief(run(text)) == expected


def test_generalisation_law_titles_name_the_law():
    x = run(LAW_EVENTS[0][0])
    assert {e.title for e in x.events} == {f"Quốc hội thông qua {LAW}", f"{LAW} có hiệu lực"}


@pytest.mark.parametrize("text", [LAW_EVENTS[0][0], LAW_EVENTS[2][0], LAW_EVENTS[3][0]])
def test_generalisation_law_issue_date_is_its_passing_day(text):
    (doc,) = [d for d in run(text).documents if d.kind == "law"]
    assert (doc.symbol, doc.issued, doc.name) == ("38/2024/QH15", "2024-06-27", LAW)


@pytest.mark.parametrize("text", [
    f"Bộ Quốc phòng triển khai {LAW} năm 2024 (Luật số 38/2024/QH15) tới các đơn vị.",
    f"Bộ Quốc phòng triển khai Luật số 38/2024/QH15 về Công nghiệp quốc phòng, an ninh và động viên công nghiệp. "
    f"{LAW} có 7 chương.",
    f"Hội nghị phổ biến {LAW} - Luật số 38/2024/QH15 được tổ chức tại Hà Nội.",
    f"Theo {LAW}, số 38/2024/QH15, quỹ được thành lập ở trung ương.",
])
def test_generalisation_named_law_and_symbol_are_one_document(text):
    laws = [d for d in run(text).documents if d.kind == "law"]
    assert [(d.symbol, d.name) for d in laws] == [("38/2024/QH15", LAW)]


def test_generalisation_two_laws_with_two_symbols_stay_apart():
    x = run(f"Quán triệt Luật Phòng thủ dân sự số 18/2023/QH15 và {LAW} số 38/2024/QH15 tới cán bộ.")
    assert sorted((d.symbol, d.name) for d in x.documents) == [
        ("18/2023/QH15", "Luật Phòng thủ dân sự"), ("38/2024/QH15", LAW)]


def test_generalisation_passing_day_of_another_year_is_not_the_issue_date():
    x = run("Luật Quốc phòng số 22/2018/QH14 được nhắc lại; ngày 27/6/2024, Quốc hội thông qua Luật Phòng không nhân dân.")
    assert next(d for d in x.documents if d.symbol == "22/2018/QH14").issued == "2018"


# (sentence, expected documents: kind, start of the name, period)
SIGNED = [
    ("Chiều 21-3, hai bên tổ chức lễ ký kết Quy chế phối hợp trong công tác bảo đảm kỹ thuật giai đoạn 2023-2030.",
     [("regulation", "Quy chế phối hợp trong", "2023-2030")]),
    ("Sáng 12-4, Nhà máy Z189 và Vùng Cảnh sát biển 3 đã ký Thỏa thuận hợp tác về sửa chữa tàu thuyền.",
     [("other", "Thỏa thuận hợp tác về", None)]),
    ("Hai học viện ký Bản ghi nhớ về đào tạo nguồn nhân lực kỹ thuật.", [("other", "Bản ghi nhớ về", None)]),
    ("Tháng 8 năm ngoái, Viettel đã ký biên bản ghi nhớ hợp tác với một tập đoàn của Indonesia.",
     [("other", "Biên bản ghi nhớ hợp tác", None)]),
    ("Hai nước triển khai Hiệp định hợp tác quốc phòng ký năm 2018.", [("other", "Hiệp định hợp tác quốc", None)]),
    ("Theo quy chế, hai bên cử cán bộ thỉnh giảng.", []),
    ("Đơn vị thực hiện nghiêm Quy chế dân chủ ở cơ sở.", []),
    ("Nhiều thỏa thuận, hợp đồng đã được ký kết trong ngày.", []),
]


@pytest.mark.parametrize("text, expected", SIGNED, ids=[c[0][:40] for c in SIGNED])
def test_generalisation_signed_agreements_are_documents(text, expected):
    docs = run(text).documents
    assert [(d.kind, d.period) for d in docs] == [(kind, period) for kind, _name, period in expected]
    assert all(d.name.startswith(name) for d, (_k, name, _p) in zip(docs, expected))


def test_generalisation_signing_an_agreement_is_a_signing_event():
    x = run("Sáng 12-4, hai bên đã ký Thỏa thuận hợp tác về đào tạo nguồn nhân lực.")
    assert [(e.date.start, e.kind) for e in x.events] == [("2024-04-12", "signing")]


EXERCISES = [
    ("Tháng 8/2024, Quân khu 7 tổ chức diễn tập khu vực phòng thủ tỉnh Bình Dương.", [("2024-08", "other")]),
    ("Quân khu 7 đã tổ chức thành công diễn tập khu vực phòng thủ vào tháng 6/2024.", [("2024-06", "other")]),
    ("Năm 2023, Quân khu 4 tổ chức diễn tập tác chiến phòng thủ cấp tỉnh.", [("2023", "other")]),
    ("Ngày 15-5, các lực lượng tham gia diễn tập bắn đạn thật tại trường bắn TB1.", [("2024-05-15", "other")]),
    ("Sáng 20-5, Trung đoàn 101 tổ chức huấn luyện chiến sĩ mới năm 2024.", [("2024-05-20", "other")]),
    ("Chiều 5-3, Tổng cục Kỹ thuật tổ chức hội thao kỹ thuật năm 2024.", [("2024-03-05", "conference")]),
    ("Năm 2023, đơn vị hoàn thành tốt nhiệm vụ huấn luyện, sẵn sàng chiến đấu.", []),
    ("Năm 2023, đơn vị tổ chức 12 cuộc diễn tập.", []),
]


@pytest.mark.parametrize("text, expected", EXERCISES, ids=[c[0][:40] for c in EXERCISES])
def test_generalisation_exercises_are_events(text, expected):
    assert brief(run(text)) == expected


def test_generalisation_strategy_in_a_resolution_subject_is_not_a_document():
    x = run("Quán triệt Nghị quyết số 44-NQ/TW ngày 24-11-2023 của Hội nghị Trung ương 8 khóa XIII về Chiến lược "
            "bảo vệ Tổ quốc trong tình hình mới, Quân ủy Trung ương đã chỉ đạo triển khai.")
    (doc,) = x.documents
    assert (doc.symbol, doc.subject) == ("44-NQ/TW", "Chiến lược bảo vệ Tổ quốc trong tình hình mới")


@pytest.mark.parametrize("plan", [
    "Kế hoạch triển khai thi hành Luật Phòng thủ dân sự",
    "Kế hoạch triển khai thực hiện Chiến lược phát triển công nghiệp quốc phòng",
])
def test_generalisation_plan_issued_with_a_decision_is_part_of_it(plan):
    x = run(f"Thực hiện {plan} ban hành kèm theo Quyết định số 1526/QĐ-TTg ngày 6-12-2024 của Thủ tướng Chính phủ, "
            "Bộ Quốc phòng chỉ đạo các đơn vị.")
    assert [d.kind for d in x.documents if d.kind in ("plan", "strategy")] == []
    assert "1526/QĐ-TTg" in {d.symbol for d in x.documents}


DATELINE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Nhà máy Z111 đón nhận Huân chương</title></head>
<body><ul class="menu"><li>Trang chủ</li><li>Thời sự</li><li>Quốc phòng</li><li>Kinh tế</li><li>Xã hội</li>
<li>Văn hóa</li><li>Thể thao</li></ul><h1>Nhà máy Z111 đón nhận Huân chương</h1>
<div class="meta"><span class="{cls}">{dateline}</span> <span class="views">1.234 lượt xem</span></div>
<p>Sáng 11-4, Nhà máy Z111 tổ chức lễ kỷ niệm 55 năm Ngày thành lập.</p></body></html>"""


@pytest.mark.parametrize("cls, dateline, published", [
    ("date", "12/04/2022 08:30", "2022-04-12T08:30"),
    ("post-date", "Thứ Ba, 12/04/2022 - 08:30", "2022-04-12T08:30"),
    ("time", "12-04-2022", "2022-04-12"),
])
def test_generalisation_html_dateline_is_the_publication_date(cls, dateline, published):
    html = DATELINE_PAGE.format(cls=cls, dateline=dateline).encode()
    (rec,) = records_from_bytes("page.html", html)
    x = extract(rec.article)
    assert x.article.published == published
    assert "08:30" not in x.article.text.split("Sáng")[0] or cls == "time"
    assert [(e.date.start, e.kind) for e in x.events] == [("2022-04-11", "anniversary")]


def test_generalisation_html_meta_time_wins_over_a_dateline():
    html = DATELINE_PAGE.format(cls="date", dateline="12/04/2022 08:30").replace(
        "<title>", '<meta property="article:published_time" content="2022-04-13T07:00:00+07:00"><title>').encode()
    (rec,) = records_from_bytes("page.html", html)
    assert rec.article.published == "2022-04-13T07:00"

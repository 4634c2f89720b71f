"""Date finding and settling (dashboard.parsing.dates): tables of surface forms and traps."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from dashboard.model import DAY_PARTS, Article
from dashboard.parsing import dates
from dashboard.text import normalise_text
from dashboard.parsing.state import ParseState
from dashboard.vocab import load

PUB = "2023-11-22T14:19"


def find(text: str, published: str | None = PUB) -> ParseState:
    state = ParseState.start(Article(path="t", text=normalise_text(text), published=published))
    dates.run(state)
    return state


def summary(state: ParseState) -> list[tuple]:
    out = []
    for m in state.dates:
        v = m.value
        out.append((m.evidence.text, m.role) + ((v.start, v.end, v.precision, v.basis, v.day_part) if v else (None,)))
    return out


# (text, expected mentions: span, role, start, end, precision, basis, day part)
FORMS = [
    ("Sáng 22-11, Tổng cục tổ chức hội nghị.",
     [("Sáng 22-11", "point", "2023-11-22", None, "day", "resolved", "sáng")]),
    ("Chiều 20-2, tại Hà Nội, đoàn công tác làm việc.",
     [("Chiều 20-2", "point", "2023-02-20", None, "day", "resolved", "chiều")]),
    ("Chiều ngày 17/4/2023, tại trụ sở Bộ.",
     [("Chiều ngày 17/4/2023", "point", "2023-04-17", None, "day", "explicit", "chiều")]),
    ("Tối 5-11, đoàn về đến Hà Nội.",
     [("Tối 5-11", "point", "2023-11-05", None, "day", "resolved", "tối")]),
    ("Trưa 21/11, hai bên ký biên bản.",
     [("Trưa 21/11", "point", "2023-11-21", None, "day", "resolved", "trưa")]),
    ("Lễ khai mạc diễn ra ngày 29/11/2007 tại Hà Nội.",
     [("ngày 29/11/2007", "point", "2007-11-29", None, "day", "explicit", None)]),
    ("Hội nghị họp ngày 8 tháng 1 năm 2015.",
     [("ngày 8 tháng 1 năm 2015", "point", "2015-01-08", None, "day", "explicit", None)]),
    ("Hà Nội, ngày 22.11.2023.",
     [("ngày 22.11.2023", "point", "2023-11-22", None, "day", "explicit", None)]),
    ("Sáng nay (22-11), Bộ Quốc phòng tổ chức hội nghị.",
     [("Sáng nay (22-11)", "point", "2023-11-22", None, "day", "resolved", "sáng")]),
    ("Sáng thứ Hai, ngày 20/11/2023, đoàn đến thăm.",
     [("Sáng thứ Hai, ngày 20/11/2023", "point", "2023-11-20", None, "day", "explicit", "sáng")]),
    ("Chiều qua, đoàn công tác đã về.",
     [("Chiều qua", "point", "2023-11-21", None, "day", "resolved", "chiều")]),
    ("Triển lãm diễn ra trong hai ngày 20-21/11.",
     [("ngày 20-21/11", "point", "2023-11-20", "2023-11-21", "day", "resolved", None)]),
    ("Luật được thông qua tháng 6/2024.",
     [("tháng 6/2024", "point", "2024-06", None, "month", "explicit", None)]),
    ("Từ tháng 8 năm 2024, các đơn vị triển khai.",
     [("tháng 8 năm 2024", "point", "2024-08", None, "month", "explicit", None)]),
    ("Kế hoạch hoàn thành trong quý III/2024.",
     [("quý III/2024", "point", "2024-07", "2024-09", "quarter", "explicit", None)]),
    ("Kết quả 6 tháng đầu năm 2022 khả quan.",
     [("6 tháng đầu năm 2022", "point", "2022-01", "2022-06", "half", "explicit", None)]),
    ("Nhiệm vụ 6 tháng cuối năm được triển khai.",
     [("6 tháng cuối năm", "point", "2023-07", "2023-12", "half", "resolved", None)]),
    ("Kết quả công tác năm 2020 rất tốt.",
     [("năm 2020", "point", "2020", None, "year", "explicit", None)]),
    ("Chương trình phối hợp giai đoạn 2023-2025.",
     [("giai đoạn 2023-2025", "period", "2023", "2025", "period", "explicit", None)]),
    ("Chiến lược (2008-2020) đã hoàn thành.",
     [("(2008-2020)", "period", "2008", "2020", "period", "explicit", None)]),
    ("Từ năm 2015 đến năm 2020, tổng cục đã đầu tư.",
     [("Từ năm 2015 đến năm 2020", "period", "2015", "2020", "period", "explicit", None)]),
    ("Phát triển công nghiệp quốc phòng đến năm 2030.",
     [("đến năm 2030", "horizon", "2030", None, "year", "explicit", None)]),
    ("Công nghiệp hóa đến năm 2030, tầm nhìn đến năm 2045.",
     [("đến năm 2030", "horizon", "2030", None, "year", "explicit", None),
      ("tầm nhìn đến năm 2045", "horizon", "2045", None, "year", "explicit", None)]),
    ("Đến năm 2020 và những năm tiếp theo.",
     [("Đến năm 2020", "horizon", "2020", None, "year", "explicit", None),
      ("những năm tiếp theo", "horizon", None)]),
    ("Kỷ niệm vào tháng Năm năm 2024.",
     [("tháng Năm năm 2024", "point", "2024-05", None, "month", "explicit", None)]),
    ("Nghị quyết số 806-NQ/QUTW ngày 31-12-2013 của Quân ủy Trung ương.",
     [("ngày 31-12-2013", "issue", "2013-12-31", None, "day", "explicit", None)]),
    ("Nghị quyết số 06 ngày 24-11-2011 của Bộ Chính trị.",
     [("ngày 24-11-2011", "issue", "2011-11-24", None, "day", "explicit", None)]),
    ("Nghị định 30/2020/NĐ-CP ngày 5/3/2020 về công tác văn thư.",
     [("ngày 5/3/2020", "issue", "2020-03-05", None, "day", "explicit", None)]),
    ("Chỉ thị 05/CT-TTg do Thủ tướng ký ban hành ngày 1-2-2020.",
     [("ngày 1-2-2020", "issue", "2020-02-01", None, "day", "explicit", None)]),
    ("Quyết định số 366/QĐ-BQP, ngày 12-3-2021 của Bộ trưởng.",
     [("ngày 12-3-2021", "issue", "2021-03-12", None, "day", "explicit", None)]),
]


@pytest.mark.parametrize("text, expected", FORMS, ids=[f[0][:40] for f in FORMS])
def test_dates_forms(text, expected):
    assert summary(find(text)) == [tuple(e) for e in expected]


TRAPS = [
    "Thực hiện Nghị định 15/2015/NĐ-CP của Chính phủ.",
    "Nghị quyết 806-NQ/QUTW và Quyết định 366/QĐ-BQP.",
    "Căn cứ Nghị định 30/2020/NĐ-CP và Luật 38/2024/QH15.",
    "Sau 10 năm thực hiện, kết quả rõ rệt.",
    "10 năm qua, tổng cục đã phát triển.",
    "Tổng kết 10 năm thực hiện nghị quyết.",
    "Thứ 4 | 14:19:00",
    "724 lượt xem",
    "Sản lượng tăng 1,5 lần, doanh thu tăng 2.5 lần.",
    "Tỷ lệ đạt 10-12% so với kế hoạch.",
    "Giá trị 1.500.000 đồng.",
    "Năm qua, thời gian tới, những năm qua.",
    "Quyết định số 20/12 của Bộ.",
]


@pytest.mark.parametrize("text", TRAPS)
def test_dates_traps_are_not_dates(text):
    state = find(text)
    assert [m.evidence.text for m in state.dates] == []


def test_dates_invalid_date_dropped_with_warning():
    state = find("Hội nghị diễn ra ngày 31-02-2023 tại Hà Nội.")
    assert state.dates == []
    assert any("31-02-2023" in w for w in state.warnings)


def test_dates_day_month_without_publication_stays_unresolved():
    state = find("Sáng 22-11, Tổng cục tổ chức hội nghị.", published=None)
    [m] = state.dates
    assert m.value is None and "publication" in m.reason
    assert any("Sáng 22-11" in w for w in state.warnings)


@pytest.mark.parametrize("published, text, expected", [
    ("2024-01-03", "Ngày 28-12, đoàn công tác đã làm việc.", "2023-12-28"),  # report after new year
    ("2023-12-28", "Ngày 3-1 tới, hội nghị sẽ khai mạc.", "2024-01-03"),  # announcement
    ("2023-11-22", "Ngày 5-12, hội nghị sẽ khai mạc.", "2023-12-05"),  # a little after: same year
])
def test_dates_resolution_against_publication_year(published, text, expected):
    [m] = find(text, published).dates
    assert m.value.start == expected and m.value.basis == "resolved"


def test_dates_full_date_is_explicit_even_with_publication():
    [m] = find("Ngày 20/2/2019, đoàn đến thăm.").dates
    assert (m.value.start, m.value.basis) == ("2019-02-20", "explicit")


def test_dates_header_and_excluded_spans_are_skipped():
    state = ParseState.start(Article(path="t", text="724 lượt xem ngày 5-5-2020\nNgày 6-6-2020, họp.", published=None))
    state.excluded.append((0, 26))
    dates.run(state)
    assert [m.evidence.text for m in state.dates] == ["Ngày 6-6-2020"]


def test_dates_vocabulary_integrity():
    vocab = load("dates_vi.json")
    assert set(vocab["day_parts"]) <= set(DAY_PARTS)
    for key in ("day_parts", "weekdays", "day_cues", "period_words", "horizon_words", "open_horizons"):
        words = vocab[key]
        assert words and len(set(words)) == len(words), key
        assert all(w == w.lower() == w.strip() and normalise_text(w) == w for w in words), key
    assert sorted(set(vocab["month_words"].values())) == list(range(1, 13))
    assert set(vocab["quarters"].values()) == {1, 2, 3, 4}
    assert set(vocab["half_sides"].values()) == {1, 2}
    assert 0 < vocab["future_grace_days"] < 120 and vocab["year_min"] < vocab["year_max"]


def test_dates_month_without_year():
    assert [m.value.start for m in find("Trong tháng 8, các đơn vị huấn luyện.").dates] == ["2023-08"]


def test_dates_two_digit_year():
    assert [m.value.start for m in find("Ngày 22/11/23, họp.").dates] == ["2023-11-22"]


# (published, text, expected [(span, start, end, precision, basis)]): forms added for unseen articles.
YEARLESS = [
    ("2023-11-22", "Từ ngày 30-11 đến 2-12, nhà máy tổ chức kiểm tra.",
     [("Từ ngày 30-11 đến 2-12", "2023-11-30", "2023-12-02", "day", "resolved")]),
    ("2024-01-05", "từ 30/12 đến 2/1/2024, đoàn công tác làm việc.",
     [("từ 30/12 đến 2/1/2024", "2023-12-30", "2024-01-02", "day", "explicit")]),
    ("2024-03-05", "Năm 2023, quân khu tổ chức Hội thi xe tốt vào tháng 8.",
     [("Năm 2023", "2023", None, "year", "explicit"), ("tháng 8", "2023-08", None, "month", "inferred")]),
    ("2024-01-09", "Hội thao quân khu dự kiến diễn ra vào tháng 5.",
     [("tháng 5", "2024-05", None, "month", "resolved")]),
    ("2024-01-09", "Đơn vị đã tổ chức diễn tập vào tháng 12.",
     [("tháng 12", "2023-12", None, "month", "resolved")]),
    ("2023-12-22", "Năm nay, doanh thu tăng 8% so với năm ngoái.",
     [("Năm nay", "2023", None, "year", "resolved"), ("năm ngoái", "2022", None, "year", "resolved")]),
    ("2024-11-06", "Tháng 8 năm ngoái, Viettel ký biên bản ghi nhớ.",
     [("Tháng 8 năm ngoái", "2023-08", None, "month", "resolved")]),
    ("2024-03-06", "Đối thoại lần thứ 10 diễn ra vào quý III năm nay.",
     [("quý III năm nay", "2024-07", "2024-09", "quarter", "resolved")]),
    ("2024-01-09", "Quân khu chuẩn bị tổ chức Lễ kỷ niệm vào ngày 22-12.",
     [("ngày 22-12", "2024-12-22", None, "day", "resolved")]),
    ("2023-11-22", "Sáng 22.11.23, hội nghị khai mạc.",
     [("Sáng 22.11.23", "2023-11-22", None, "day", "explicit")]),
]


@pytest.mark.parametrize("published, text, expected", YEARLESS, ids=[c[1][:40] for c in YEARLESS])
def test_dates_yearless_relative_and_span_forms(published, text, expected):
    got = [(m.evidence.text, m.value.start, m.value.end, m.value.precision, m.value.basis)
           for m in find(text, published).dates]
    assert got == expected


@pytest.mark.parametrize("text", [
    "Trong 2 năm tới, đơn vị tập trung đầu tư.",
    "Kỷ niệm Cách mạng tháng Tám thành công.",
    "Tỷ lệ 22/11/23 được giữ nguyên.",
    "Những năm tới, nhiệm vụ còn nặng nề.",
    "Lương tháng 13 được chi trả.",
])
def test_dates_relative_and_two_digit_traps(text):
    assert [m.value for m in find(text).dates if m.value] == []


def test_dates_yearless_month_without_publication_stays_unresolved():
    [m] = find("Hội thi diễn ra vào tháng 8.", published=None).dates
    assert m.value is None and "publication" in m.reason


_PIECES = st.sampled_from([
    "Sáng 22-11, ", "ngày 31-12-2013 ", "15/2015/NĐ-CP ", "10 năm ", "năm 2020 ", "giai đoạn 2023-2025 ",
    "quý III/2024 ", "(2008-2020) ", "tháng 8/2024 ", "tháng 8 ", "năm nay ", "từ 30-11 đến 2-12 ", "14:19:00 ", "1,5 ", "ngày 31-02-2023 ", "hội nghị ",
    "806-NQ/QUTW ", "đến năm 2030 ", "Chiều ngày 17/4/2023", "\n", "x", "-", "/", "1", " ",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=25), st.sampled_from([None, PUB, "2021-02-21"]))
def test_dates_property_offsets_hold_and_never_raise(pieces, published):
    text = "".join(pieces)
    state = find(text, published)
    for m in state.dates:
        ev = m.evidence
        assert 0 <= ev.start < ev.end <= len(state.text)
        assert state.text[ev.start:ev.end] == ev.text
        assert m.role in {"point", "period", "horizon", "issue"}
        assert (m.value is None) == (m.reason is not None)
        if m.value:
            assert m.value.first_day() <= m.value.last_day()
            assert re.fullmatch(r"\d{4}(-\d\d){0,2}", m.value.start)

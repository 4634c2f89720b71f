"""Events stage (dashboard.parsing.events): dated happenings, their kind, title and evidence."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from dashboard.model import EVENT_KINDS, Article, Evidence, Organisation
from dashboard.parsing import dates, events, extract, header
from dashboard.text import normalise_text
from dashboard.parsing.state import ParseState
from dashboard.sources import read_path
from dashboard.vocab import load

PUB = "2023-11-22T14:19"


def run(body: str, published: str | None = PUB, orgs=()) -> ParseState:
    """Header, dates and events only: the other stages are not needed here."""
    state = ParseState.start(Article(path="t", text=normalise_text(body), published=published))
    header.run(state)
    dates.run(state)
    state.organisations.extend(orgs)
    events.run(state)
    return state


def brief(state: ParseState) -> list[tuple]:
    return [(e.date.start, e.date.precision, e.date.day_part, e.kind) for e in state.events]


# (sentence, expected events: date, precision, day part, kind)
CASES = [
    # Announcements: a clock time before the day, "ngày mai" / "sáng mai" (published 22/11).
    ("Vào lúc 8 giờ ngày 25/11, Lễ khai mạc Hội thao quốc phòng sẽ được tổ chức tại Quân khu 4.",
     [("2023-11-25", "day", None, "conference")]),
    ("Lúc 8 giờ 30 phút ngày 22/11, Tổng cục tổ chức Hội thảo khoa học về vật liệu mới.",
     [("2023-11-22", "day", None, "conference")]),
    ("Ngày mai (23/11), Tổng cục Công nghiệp quốc phòng sẽ tổ chức Hội thảo khoa học về vật liệu mới.",
     [("2023-11-23", "day", None, "conference")]),
    ("Sáng mai, Tổng cục Công nghiệp quốc phòng sẽ tổ chức Hội thảo khoa học về vật liệu mới.",
     [("2023-11-23", "day", "sáng", "conference")]),
    ("Sáng 22-11, Tổng cục tổ chức Hội nghị tổng kết 10 năm thực hiện Nghị quyết số 806-NQ/QUTW ngày 31-12-2013.",
     [("2023-11-22", "day", "sáng", "review_conference")]),
    ("Chiều 20-2, tại Hà Nội, Thượng tướng Phan Văn Giang đã làm việc với Tổng cục Công nghiệp Quốc phòng.",
     [("2023-02-20", "day", "chiều", "working_session")]),
    ("Chiều ngày 17/4/2023, Bộ Công Thương và Tổng cục đã tổ chức buổi làm việc về công tác phối hợp.",
     [("2023-04-17", "day", "chiều", "working_session")]),
    ("Sáng 15-11, hai tổng cục tổ chức lễ ký kết chương trình phối hợp giai đoạn 2023-2025.",
     [("2023-11-15", "day", "sáng", "signing")]),
    ("Ngày 10-11, Đảng ủy Tổng cục tổ chức hội nghị quán triệt Nghị quyết số 08-NQ/TW.",
     [("2023-11-10", "day", None, "dissemination")]),
    ("Sáng 8-11, Bộ trưởng đến thăm Nhà máy Z111.",
     [("2023-11-08", "day", "sáng", "visit")]),
    ("Chiều 6-11, Thứ trưởng tiếp Đại sứ Ấn Độ tại Việt Nam.",
     [("2023-11-06", "day", "chiều", "visit")]),
    ("Sáng 20-11, triển lãm Quốc phòng quốc tế Việt Nam khai mạc tại Hà Nội.",
     [("2023-11-20", "day", "sáng", "exhibition")]),
    ("Tối 15-9, Tổng cục tổ chức lễ kỷ niệm 75 năm Ngày truyền thống.",
     [("2023-09-15", "day", "tối", "anniversary")]),
    ("Ngày 27-6-2024, Quốc hội thông qua Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp.",
     [("2024-06-27", "day", None, "law_passed")]),
    ("Luật Công nghiệp quốc phòng có hiệu lực từ ngày 1-7-2025.",
     [("2025-07-01", "day", None, "law_in_force")]),
    ("Sáng 16-11, Học viện Kỹ thuật quân sự tổ chức hội thảo khoa học về vật liệu mới.",
     [("2023-11-16", "day", "sáng", "conference")]),
    ("Sáng 21-11, Nhà máy Z183 đón nhận Huân chương Bảo vệ Tổ quốc hạng Nhất.",
     [("2023-11-21", "day", "sáng", "other")]),
    ("Tháng 6/2024, Quốc hội thông qua Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp.",
     [("2024-06", "month", None, "law_passed")]),
    ("Năm 2022, Tổng cục tổ chức hội nghị sơ kết 5 năm thực hiện đề án.",
     [("2022", "year", None, "review_conference")]),
    ("Hội nghị diễn ra vào ngày 5-12 tới tại Hà Nội.",
     [("2023-12-05", "day", None, "conference")]),
    ("Thực hiện Kế hoạch số 123/KH-BQP ngày 5-1-2023 của Bộ Quốc phòng, sáng 10-3, Tổng cục tổ chức diễn tập.",
     [("2023-03-10", "day", "sáng", "other")]),
    ("Trong 2 ngày (21 và 22-11), tại Hà Nội, Tổng cục tổ chức Hội thi sáng kiến.",
     [("2023-11-21", "day", None, "conference")]),
    ("Hôm nay (22-11), Học viện Quốc phòng tổ chức Lễ kỷ niệm 75 năm Ngày truyền thống.",
     [("2023-11-22", "day", None, "anniversary")]),
    ("Trước đó, ngày 20-11, đoàn đã làm việc với Bộ Tư lệnh Quân khu 7.",
     [("2023-11-20", "day", None, "working_session")]),
    ("Sáng 20-12, Tổng cục tổ chức lễ kỷ niệm 79 năm Ngày thành lập Quân đội (22-12-1944 - 22-12-2023).",
     [("2023-12-20", "day", "sáng", "anniversary")]),
    ("Ngày 22-11-2023, Quốc hội biểu quyết thông qua Luật Quốc phòng. Luật có hiệu lực thi hành từ ngày 1/7/2025.",
     [("2023-11-22", "day", None, "law_passed"), ("2025-07-01", "day", None, "law_in_force")]),
    ("Sáng 14-11, Tổng cục tổ chức tập huấn hướng dẫn sử dụng phần mềm quản lý.",
     [("2023-11-14", "day", "sáng", "other")]),
    ("(QĐND) - Sáng 22-11, tại Hà Nội, Bộ Quốc phòng tổ chức hội nghị tổng kết công tác đối ngoại.",
     [("2023-11-22", "day", "sáng", "review_conference")]),
    ("TTXVN - Chiều 21/11, Thứ trưởng Bộ Quốc phòng hội đàm với Thứ trưởng Quốc phòng Ấn Độ.",
     [("2023-11-21", "day", "chiều", "working_session")]),
    ("Cũng trong sáng 22-11, Bộ trưởng đến thăm Nhà máy Z121.",
     [("2023-11-22", "day", "sáng", "visit")]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_events_kinds_and_dates(text, expected):
    assert brief(run(text)) == expected


NOT_EVENTS = [
    "Báo cáo kết quả công tác năm 2020 của Tổng cục CNQP do Trung tướng Trần Hồng Minh trình bày.",
    "Thực hiện Nghị quyết số 806-NQ/QUTW ngày 31-12-2013 của Quân ủy Trung ương về hội nhập quốc tế.",
    "Ngày 26-1-2022, Bộ Chính trị ban hành Nghị quyết số 08-NQ/TW về công nghiệp quốc phòng.",
    "Chương trình phối hợp giai đoạn 2023-2025 và những năm tiếp theo được triển khai.",
    "Phát triển công nghiệp quốc phòng đến năm 2030, tầm nhìn đến năm 2045.",
    "Sau 10 năm, việc bảo đảm vũ khí đã chuyển từ mua sắm sang tự sản xuất.",
    "Tại hội nghị, đại biểu ôn lại chiến thắng ngày 30-4-1975 của dân tộc.",
    "Tổng cục tiếp tục quán triệt các nghị quyết trong năm 2021.",
    "Tổng cục tổ chức lễ kỷ niệm 79 năm Ngày thành lập Quân đội (22-12-1944 - 22-12-2023).",
    "Quyết định số 1234/QĐ-TTg ngày 20-7-2023 của Thủ tướng Chính phủ phê duyệt đề án.",
    "Ngày 20-7-2023, Thủ tướng Chính phủ phê duyệt Đề án phát triển công nghiệp quốc phòng.",
    "Trong quý III/2024, tổng cục hoàn thành 6 tháng đầu năm 2024 với doanh thu tăng 1,5 lần.",
]


# Happenings dated inside a sentence ("vào tháng 6/2024", "trong quý III/2024"), published 2023-11-22.
PLANNED = [
    ("Hai bên thống nhất tổ chức phiên họp lần thứ 5 Ủy ban hỗn hợp tại Minsk vào tháng 6/2024.",
     [("2024-06", "month", None, "conference")]),
    ("Thứ trưởng đề nghị hai đơn vị tổ chức sơ kết chương trình vào năm 2027.",
     [("2027", "year", None, "review_conference")]),
    ("Triển lãm lần đầu được tổ chức vào tháng 12/2022 tại Hà Nội.",
     [("2022-12", "month", None, "exhibition")]),
    ("Hội thao quân sự quân khu dự kiến diễn ra vào tháng 5.",
     [("2024-05", "month", None, "conference")]),
    ("Theo kế hoạch, trong quý III/2024, quân khu sẽ tổ chức diễn tập chiến thuật có bắn đạn thật.",
     [("2024-07", "quarter", None, "other")]),
    ("Năm nay, nhà máy sẽ khởi công dây chuyền sản xuất mới trong quý II/2024.",
     [("2024-04", "quarter", None, "other")]),
    ('Tổng cục chuẩn bị tổ chức Hội thi "Kho kỹ thuật chính quy, an toàn" vào tháng 4/2024.',
     [("2024-04", "month", None, "conference")]),
    ("Năm 2023, lực lượng kỹ thuật tổ chức thành công Hội thi xe tốt, lái xe giỏi vào tháng 8.",
     [("2023-08", "month", None, "conference")]),
    ("Chiều nay (22-11), Bộ trưởng hội đàm với người đồng cấp đang có chuyến thăm chính thức Việt Nam từ ngày 21 "
     "đến 23/11.", [("2023-11-22", "day", "chiều", "working_session"), ("2023-11-21", "day", None, "visit")]),
    ("Luật được Quốc hội thông qua vào tháng 6/2024.", [("2024-06", "month", None, "law_passed")]),
    ("Trước đó, vào tháng 6/2023, đoàn đã làm việc với Tập đoàn Rostec.",
     [("2023-06", "month", None, "working_session")]),
    ("Đầu tháng 3/2023, đoàn công tác đã đến thăm Nhà máy X51.", [("2023-03", "month", None, "visit")]),
    ("Trong hai ngày 5 và 6/12, Binh chủng Đặc công tổ chức hội thao.", [("2023-12-05", "day", None, "conference")]),
]


@pytest.mark.parametrize("text, expected", PLANNED, ids=[c[0][:40] for c in PLANNED])
def test_events_dated_inside_the_sentence(text, expected):
    assert brief(run(text)) == expected


NOT_EVENTS += [
    "Các đơn vị khẩn trương xây dựng kế hoạch triển khai, hoàn thành trong quý I/2025.",
    "Tổng công ty sẽ tiếp nhận sinh viên thực tập tại nhà máy từ tháng 10/2023.",
    "Hội nghị đã thông qua Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2024 của Đảng ủy nhà máy.",
    "Sáu tháng đầu năm 2022, doanh thu tăng 12% so với cùng kỳ năm ngoái.",
    "Giao Bộ Quốc phòng hoàn thiện dự thảo, trình Chính phủ trong quý III/2022.",
    "Hai bên triển khai hiệu quả Hiệp định hợp tác ký năm 2018.",
    "Trong năm 2023, Tổng cục đã tổ chức 12 hội nghị chuyên đề và 5 đợt kiểm tra.",
    "Từ năm 2013 đến nay, Tổng cục đã ký kết hơn 50 văn bản hợp tác với các đối tác nước ngoài.",
    "Năm 2025 là năm cuối thực hiện Nghị quyết Đại hội Đảng bộ Tổng cục nhiệm kỳ 2020-2025.",
    "Từ tháng 1/2024, các nhà máy áp dụng quy trình quản lý chất lượng mới.",
]


@pytest.mark.parametrize("text", NOT_EVENTS, ids=[t[:40] for t in NOT_EVENTS])
def test_events_false_events_are_left_out(text):
    assert brief(run(text)) == []


def test_events_undated_event_warns_and_invents_nothing():
    state = run("Dự hội nghị, về phía Tổng cục Kỹ thuật có Trung tướng Trần Minh Đức.", published=None)
    assert state.events == []
    assert any("Dự hội nghị" in w for w in state.warnings)


def test_events_day_month_without_publication_is_not_guessed():
    state = run("Sáng 22-11, Tổng cục tổ chức hội nghị tổng kết.", published=None)
    assert state.events == []
    assert any("undated" in w or "unresolved" in w for w in state.warnings)


@pytest.mark.parametrize("text, title", [
    ("Chiều ngày 17/4/2023, Bộ Công Thương và Tổng cục đã tổ chức buổi làm việc về công tác phối hợp giữa "
     "công nghiệp dân sinh và công nghiệp quốc phòng.",
     "Buổi làm việc về công tác phối hợp giữa công nghiệp dân sinh và công nghiệp quốc phòng"),
    ("Chiều 20-2, tại Hà Nội, Thượng tướng Phan Văn Giang đã làm việc với Tổng cục Công nghiệp Quốc phòng (CNQP).",
     "Làm việc với Tổng cục Công nghiệp Quốc phòng"),
    ("Từ ngày 20 đến 22-11, Triển lãm Quốc phòng quốc tế Việt Nam 2024 diễn ra tại sân bay Gia Lâm.",
     "Triển lãm Quốc phòng quốc tế Việt Nam 2024"),
    ("Sáng 21-11, tại Hà Nội, Nhà máy Z183 đón nhận Huân chương Bảo vệ Tổ quốc.",
     "Nhà máy Z183 đón nhận Huân chương Bảo vệ Tổ quốc"),
    # An auxiliary before the stop word is not part of the title.
    ("Vào tháng 10 tới, Triển lãm Quốc phòng quốc tế Việt Nam 2024 sẽ được tổ chức tại Hà Nội.",
     "Triển lãm Quốc phòng quốc tế Việt Nam 2024"),
    ("Ngày 20-11, Hội nghị sơ kết Nghị quyết 08 đã diễn ra tại Hà Nội.", "Hội nghị sơ kết Nghị quyết 08"),
    # "vào" starts a date only before a time word; "với tổng vốn" ends a title, "với Tổng cục" does not.
    ("Theo kế hoạch, ngày 28/11/2023, Tổng cục Chính trị sẽ đưa vào vận hành dây chuyền công nghệ mới với tổng vốn "
     "1,9 tỷ đồng.", "Tổng cục Chính trị sẽ đưa vào vận hành dây chuyền công nghệ mới"),
    ("Theo kế hoạch, Hội thao quân sự quân khu dự kiến diễn ra vào ngày 25-11.", "Hội thao quân sự quân khu"),
    # A bare "Lễ kỷ niệm" takes what the sentence says it celebrates.
    ("Nhân dịp kỷ niệm 80 năm Ngày truyền thống ngành Kỹ thuật Quân đội (10/9/1945 - 10/9/2025), Tổng cục Kỹ thuật "
     "sẽ tổ chức Lễ kỷ niệm vào ngày 9/9/2025.", "Lễ kỷ niệm 80 năm Ngày truyền thống ngành Kỹ thuật Quân đội"),
    # A comma inside a quotation does not cut the title (document names: test_events_title_runs_past_...).
    ('Ngày 20-11, Tổng cục tổ chức Hội thi "Kho kỹ thuật chính quy, an toàn" năm 2023.',
     'Hội thi "Kho kỹ thuật chính quy, an toàn"'),
    ("Sáng 11-4, Quân ủy Trung ương tổ chức Hội nghị quán triệt, triển khai thực hiện Nghị quyết số 08-NQ/TW ngày "
     "26/1/2022 của Bộ Chính trị.", "Hội nghị quán triệt, triển khai thực hiện Nghị quyết số 08-NQ/TW"),
    # "Ngày" starts a date only before a number: an anniversary's title names the day it celebrates.
    ("Sáng 11-4, Nhà máy Z111 tổ chức lễ kỷ niệm 55 năm Ngày thành lập và đón nhận Huân chương Bảo vệ Tổ quốc.",
     "Lễ kỷ niệm 55 năm Ngày thành lập"),
    ("Ngày 20-11, Tổng cục tổ chức Lễ kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam ngày 22-12.",
     "Lễ kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam"),
    # A pair of verbs: the second carries the object ("Học tập" alone said nothing of what was studied).
    ("Sáng 11-3, Đảng ủy Tổng cục tổ chức hội nghị học tập, quán triệt Nghị quyết số 44-NQ/TW.",
     "Học tập, quán triệt Nghị quyết số 44-NQ/TW"),
    ("Trong 2 ngày (8 và 9-1-2025), Bộ Quốc phòng tổ chức hội nghị trực tuyến quán triệt, triển khai Luật "
     "Công nghiệp quốc phòng, an ninh và động viên công nghiệp.", "Quán triệt, triển khai Luật Công nghiệp quốc phòng"),
])
def test_events_short_titles(text, title):
    [e] = run(text).events
    assert e.title == title


def test_events_title_and_evidence():
    state = run("Sáng 22-11, Tổng cục tổ chức Hội nghị tổng kết 10 năm thực hiện Nghị quyết số "
                "806-NQ/QUTW ngày 31-12-2013 của Quân ủy Trung ương.")
    [e] = state.events
    assert e.title == "Hội nghị tổng kết 10 năm thực hiện Nghị quyết số 806-NQ/QUTW"
    assert state.text[e.evidence.start:e.evidence.end] == e.evidence.text
    assert e.evidence.text.startswith("Sáng 22-11")


def test_events_organisations_exclude_affiliations():
    text = ("Chiều 20-2, Thượng tướng Phan Văn Giang, Thứ trưởng Bộ Quốc phòng (BQP) đã làm việc "
            "với Tổng cục Công nghiệp Quốc phòng.")
    norm = normalise_text(text)

    def org(name, *surfaces):
        spans = tuple(Evidence(norm.index(s), norm.index(s) + len(s), s) for s in surfaces)
        return Organisation(name=name, mentions=spans)

    state = run(text, orgs=[org("Bộ Quốc phòng", "Bộ Quốc phòng", "BQP"),
                            org("Tổng cục Công nghiệp quốc phòng", "Tổng cục Công nghiệp Quốc phòng")])
    [e] = state.events
    assert e.organisations == ("Tổng cục Công nghiệp quốc phòng",)


def test_events_captions_are_not_evidence():
    text = "Tiêu đề bài\n\nTiêu đề bài\nSáng 22-11, quang cảnh hội nghị.\n\nNội dung bài viết."
    assert run(text).events == []


def test_events_vocabulary_integrity():
    vocab = load("event_kinds_vi.json")
    kinds = [entry["kind"] for entry in vocab["kinds"]]
    assert sorted(kinds) == sorted(EVENT_KINDS)
    cues = [c for entry in vocab["kinds"] for c in entry["cues"]]
    assert len(cues) == len(set(cues)), "a cue belongs to one kind only"
    for word in cues + vocab["false_friends"] + vocab["not_events"] + vocab["undated_openers"]:
        assert word == word.lower() == word.strip() == normalise_text(word)


SAMPLES = {
    "000": [("2023-11-22", "day", "sáng", "review_conference")],
    "001": [("2021-02-20", "day", "chiều", "working_session")],
    "002": [("2023-04-17", "day", "chiều", "working_session")],
    "003": [],
    "004": [],
}


@pytest.mark.parametrize("prefix, expected", SAMPLES.items())
def test_events_golden_samples(samples_dir, prefix, expected):
    [path] = samples_dir.glob(f"{prefix}_*.txt")
    [record] = read_path(path)
    x = extract(record.article)
    assert [(e.date.start, e.date.precision, e.date.day_part, e.kind) for e in x.events] == expected
    for e in x.events:
        assert x.article.text[e.evidence.start:e.evidence.end] == e.evidence.text
    if prefix == "001":
        assert "Tổng cục Công nghiệp quốc phòng" in x.events[0].organisations
    if prefix == "002":
        assert {"Bộ Công Thương", "Tổng cục Công nghiệp quốc phòng"} <= set(x.events[0].organisations)


def test_events_dated_relative_to_an_earlier_day():
    state = run("Sáng 20-11, hội nghị khai mạc. Chiều cùng ngày, đoàn đến thăm Nhà máy Z121. "
                "Sáng hôm sau, các đại biểu tham quan triển lãm.")
    assert [(e.date.start, e.date.basis, e.date.day_part, e.kind) for e in state.events] == [
        ("2023-11-20", "resolved", "sáng", "conference"),
        ("2023-11-20", "inferred", "chiều", "visit"),
        ("2023-11-21", "inferred", "sáng", "exhibition"),
    ]


def test_events_date_after_a_copula_opens_its_sentence():
    """Held-out 010: "Một dấu mốc quan trọng là ngày 27-6-2024, ..., Quốc hội khóa XV đã thông qua Luật ..."
    (the date after "là" dates the sentence as "Ngày 27-6-2024, ..." would)."""
    state = run("Một dấu mốc quan trọng là ngày 27-6-2024, tại Kỳ họp thứ 7, Quốc hội khóa XV đã thông qua Luật Công "
                "nghiệp quốc phòng, an ninh và động viên công nghiệp (Luật số 38/2024/QH15).", None)
    assert [(e.date.start, e.kind) for e in state.events] == [("2024-06-27", "law_passed")]


def test_events_generic_title_takes_the_name_an_earlier_sentence_gave():
    """Dev d03: "Triển lãm diễn ra từ ngày 19 đến 22/12 với sự tham gia của 264 doanh nghiệp" is the Expo the
    lead named; its title read "Triển lãm diễn ra từ ngày 19 đến 22/12 với sự tham gia của 264 doanh nghiệp đến"."""
    lead = "Sáng 19/12, tại sân bay Gia Lâm (Hà Nội), Bộ Quốc phòng khai mạc Triển lãm Quốc phòng quốc tế Việt Nam 2023. "
    state = run(lead + "Triển lãm diễn ra từ ngày 19 đến 22/12 với sự tham gia của 264 doanh nghiệp. "
                "Triển lãm lần đầu được tổ chức vào tháng 12/2022 tại Hà Nội.")
    assert [(e.date.start, e.date.end, e.title) for e in state.events] == [
        ("2023-12-19", None, "Triển lãm Quốc phòng quốc tế Việt Nam 2023"),
        ("2023-12-19", "2023-12-22", "Triển lãm Quốc phòng quốc tế Việt Nam 2023"),
        ("2022-12", None, "Triển lãm lần đầu")]  # not generic
    # Days apart: another exhibition, whose title stays as written.
    later = run(lead + "Triển lãm diễn ra từ ngày 25 đến 28/12 với sự tham gia của 264 doanh nghiệp.").events
    assert later[1].title.startswith("Triển lãm diễn ra từ ngày 25 đến 28/12")


def test_events_day_after_without_anchor_is_left_undated_and_said():
    """"Hôm sau" follows a day the article does not give: not dated from the publication day (news of the
    day after is published after it), but reported, so the data-quality page lists it."""
    state = run("Hôm sau, các đại biểu tham quan triển lãm.")
    assert state.events == []
    assert state.warnings == ["dates: unresolved date 'Hôm sau': no earlier dated day to count from",
                              "events: event on 'Hôm sau' left undated: unresolved date 'Hôm sau': no earlier dated "
                              "day to count from"]


_SENTENCES = st.sampled_from([
    "Sáng 22-11, Tổng cục tổ chức hội nghị tổng kết. ", "Chiều ngày 17/4/2023, hai bên ký kết chương trình. ",
    "Nghị quyết số 806-NQ/QUTW ngày 31-12-2013 được quán triệt. ", "Năm 2020, Quốc hội thông qua Luật. ",
    "Sau 10 năm, kết quả rõ. ", "Tại hội nghị, đại biểu phát biểu. ", "leftcenterrightdel\n Quang cảnh hội nghị.\n",
    "Tin, ảnh: SƠN BÌNH", "\n\n", "(22-12-1944 - 22-12-2023) ", "Thứ 4, 22.11.2023 | 14:19:00\n", "Ngày 31-02-2023, họp. ",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_SENTENCES, max_size=12), st.sampled_from([None, PUB]))
def test_events_property_offsets_hold_and_never_raise(parts, published):
    state = run("".join(parts), published)
    for e in state.events:
        assert state.text[e.evidence.start:e.evidence.end] == e.evidence.text
        assert e.kind in EVENT_KINDS and e.title
        assert e.date.first_day() <= e.date.last_day()
        assert e.date.precision in {"day", "month", "quarter", "half", "year"}


def test_events_same_day_refers_to_the_reported_day_not_a_bound():
    state = run("Sáng 27/6, Quốc hội biểu quyết thông qua Luật Quốc phòng. Luật có hiệu lực thi hành từ ngày 1/7/2025. "
                "Tại phiên họp chiều cùng ngày, Quốc hội thảo luận dự án luật khác.")
    assert brief(state) == [("2023-06-27", "day", "sáng", "law_passed"), ("2025-07-01", "day", None, "law_in_force"),
                            ("2023-06-27", "day", "chiều", "conference")]
    assert state.events[1].title.startswith("Luật")


_CASE_TRAPS = ["", " ", "x", "_", "1", "(", "\n", "İ", "ı", "ſ", "\u212a", "\u0301", "  ", "\t", "\u00a0"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_CASE_TRAPS), st.sampled_from(["hội nghị", "tiếp", "kiểm tra", "sẽ", "tổ chức"]),
                          st.sampled_from(["lower", "upper", "title", "swapcase"])), max_size=5))
def test_events_cue_scan_matches_the_case_insensitive_pattern(parts):
    """``phrases.word_start_alternation`` (the cue scans) finds what ``(?<!\\w)(?:…)`` with
    re.IGNORECASE finds, also next to "İ", "ı", "ſ", the Kelvin sign and odd spaces."""
    import re
    from dashboard.parsing.phrases import alternation, word_start_alternation
    words = ["hội nghị", "hội thảo", "tiếp", "tiếp xúc", "kiểm tra", "sẽ", "tổ chức"]
    old = re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)", re.IGNORECASE)
    new = re.compile(word_start_alternation(words) + r"(?!\w)")
    text = "".join(glue + getattr(w, case)().replace(" ", glue or " ") for glue, w, case in parts)
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='aĐ0.!?…"”’)“‘( \n\t\u00a0İ', max_size=40), st.integers(0, 40))
def test_events_sentences_cut_as_a_look_behind_would(text, start):
    """``segment.sentences`` cuts where a look-behind for the punctuation would, from any start."""
    import re
    from dashboard.parsing.segment import sentences
    end_re = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-ZĐÀ-Ỹ0-9])")
    start = min(start, len(text))
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        if line.end() <= start:
            continue
        s = max(start, line.start())
        for cut in end_re.finditer(text, s, line.end()):
            spans.append((s, cut.start()))
            s = cut.end()
        spans.append((s, line.end()))
    expected = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            expected.append((s, e))
    assert sentences(text, start) == expected


def _event_people(body: str) -> list[tuple[str, ...]]:
    x = extract(Article(path="t", text=normalise_text(body), published=PUB))
    return [e.people for e in x.events]


def test_event_people_on_the_samples_include_who_presided_and_attended(samples_dir):
    """Read from the articles: 000's lead names Phùng Sĩ Tấn, its next paragraph says Nguyễn Mạnh Hùng
    presided ("chủ trì") and Hồ Quang Tuấn attended ("Cùng dự có"); 001's says "Cùng dự có Thượng tướng
    Nguyễn Tân Cương"; 002's lead names nobody, its next paragraph "Tham dự buổi làm việc có ..." two."""
    got = {}
    for prefix in ("000", "001", "002"):
        [path] = samples_dir.glob(f"{prefix}_*.txt")
        [record] = read_path(path)
        [event] = extract(record.article).events
        got[prefix] = event.people
    assert got == {"000": ("Phùng Sĩ Tấn", "Nguyễn Mạnh Hùng", "Hồ Quang Tuấn"),
                   "001": ("Phan Văn Giang", "Nguyễn Tân Cương"),
                   "002": ("Nguyễn Hồng Diên", "Phạm Hoài Nam")}


LEAD = "Sáng 22-11, Tổng cục Công nghiệp quốc phòng tổ chức hội nghị tổng kết công tác năm 2023.\n\n"


def test_event_people_a_paragraph_without_attendance_words_adds_nobody():
    body = LEAD + "Trung tướng Hồ Quang Tuấn, Chủ nhiệm Tổng cục, phát biểu tại hội nghị.\n"
    assert _event_people(body) == [()]
    assert _event_people(body.replace("phát biểu tại", "chủ trì")) == [("Hồ Quang Tuấn",)]


def test_event_people_stop_after_two_attendance_paragraphs_and_at_the_first_other():
    first = "Dự hội nghị có Trung tướng Hồ Quang Tuấn, Chủ nhiệm Tổng cục.\n\n"
    second = "Cùng dự có Thiếu tướng Lương Thanh Chương, Tham mưu trưởng.\n\n"
    third = "Cùng dự có Đại tá Nguyễn Văn An, Cục trưởng.\n"
    assert _event_people(LEAD + first + second + third) == [("Hồ Quang Tuấn", "Lương Thanh Chương")]
    other = "Báo cáo do Trung tướng Trần Hồng Minh trình bày.\n\n"
    assert _event_people(LEAD + other + second) == [()]


def _in_force(body: str, published: str):
    """The one law_in_force event of an article titled "Nghị định" with ``body``."""
    x = extract(Article(path="t", published=published, text=normalise_text("Nghị định\n\n" + body)))
    [e] = [e for e in x.events if e.kind == "law_in_force"]
    return e


def test_events_a_bare_kind_taking_effect_is_the_articles_document_of_that_kind():
    """"Nghị định có hiệu lực từ ngày 1/7/2025, thay thế Nghị định số 02/2016/NĐ-CP": the decree taking effect is the
    one the article is about, not the one it replaces (the event was titled "Nghị định có hiệu lực" and linked to
    02/2016/NĐ-CP only)."""
    e = _in_force("Chính phủ vừa ban hành Nghị định số 16/2025/NĐ-CP ngày 4/2/2025 quy định chi tiết một số điều của "
                  "Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp.\n\nNghị định có hiệu lực từ ngày "
                  "1/7/2025, thay thế Nghị định số 02/2016/NĐ-CP.\n", "2025-02-04")
    assert (e.date.start, e.title) == ("2025-07-01", "Nghị định số 16/2025/NĐ-CP có hiệu lực")
    assert e.documents == ("16/2025/NĐ-CP", "02/2016/NĐ-CP")
    # "Hai Nghị định": the two decrees cited most, the new one before the old one on a tie of citations.
    g = _in_force("Chính phủ ban hành Nghị định số 173/2025/NĐ-CP về Quỹ. Nghị định số 173/2025/NĐ-CP gồm 5 chương.\n\n"
                  "Cùng ngày, Chính phủ ban hành Nghị định số 174/2025/NĐ-CP về động viên công nghiệp.\n\nCác dự án "
                  "theo Nghị định số 15/2015/NĐ-CP tiếp tục thực hiện.\n\nHai Nghị định có hiệu lực thi hành từ ngày "
                  "1/7/2025.\n", "2025-06-30")
    assert g.title == "Nghị định số 173/2025/NĐ-CP và Nghị định số 174/2025/NĐ-CP có hiệu lực"
    assert g.documents == ("173/2025/NĐ-CP", "174/2025/NĐ-CP")
    # "Các nghị định này": the decrees its paragraph has just named (dev d08).
    h = _in_force("Nghị định số 02/2016/NĐ-CP hết hiệu lực.\n\nTại hội nghị, đại diện Tổng cục phổ biến Nghị định số "
                  "14/2025/NĐ-CP và Nghị định số 15/2025/NĐ-CP. Các nghị định này cùng có hiệu lực thi hành từ ngày "
                  "1-7-2025.\n", "2025-02-10")
    assert h.title == "Nghị định số 14/2025/NĐ-CP và Nghị định số 15/2025/NĐ-CP có hiệu lực"
    assert h.documents == ("14/2025/NĐ-CP", "15/2025/NĐ-CP")
    # Without a decree cited before it, the bare word stands for nothing: the title stays as written.
    f = _in_force("Nghị định có hiệu lực từ ngày 1/7/2025, thay thế Nghị định số 02/2016/NĐ-CP.\n", "2025-02-04")
    assert f.title != "Nghị định số 02/2016/NĐ-CP có hiệu lực" and f.documents == ("02/2016/NĐ-CP",)


def test_events_a_bare_head_is_the_articles_only_body_with_that_head():
    """"Học viện đã phối hợp với Tập đoàn Viettel tổ chức Hội thảo …": after the article has named Học viện Kỹ thuật
    Quân sự, the bare "Học viện" is it, and the event is the academy's too (a filter by the academy missed it).
    Not when two bodies share the head, not inside a title ("Giám đốc Học viện") or a party body ("Đảng ủy Tổng cục")."""
    body = ("Học viện Kỹ thuật Quân sự tổng kết năm học\n\nSáng 20-9, Học viện Kỹ thuật Quân sự tổ chức Hội nghị tổng "
            "kết năm học.\n\nTừ ngày 10 đến 12-9-2024, Học viện đã phối hợp với Tập đoàn Viettel tổ chức Hội thảo "
            "quốc tế về trí tuệ nhân tạo.\n\nNgày 15-10-2024, Giám đốc Học viện dự hội nghị của Đảng ủy Tổng "
            "cục.\n")
    x = extract(Article(path="t", published="2024-09-20", text=normalise_text(body)))
    by_day = {e.date.start: e.organisations for e in x.events}
    assert by_day["2024-09-10"] == ("Học viện Kỹ thuật Quân sự", "Tập đoàn Công nghiệp - Viễn thông Quân đội")
    assert "Học viện Kỹ thuật Quân sự" not in by_day["2024-10-15"]
    # The party committee of the department is another body.
    z = extract(Article(path="t", published="2024-09-20", text=normalise_text(
        "Tổng cục Kỹ thuật\n\nSáng 20-9, Tổng cục Kỹ thuật tổ chức Hội nghị tổng kết.\n\nNgày 15-10-2024, Đảng ủy "
        "Tổng cục tổ chức hội nghị quán triệt nghị quyết.\n")))
    assert {e.date.start: e.organisations for e in z.events}["2024-10-15"] == ()
    # Two academies: "Học viện" could be either, so it is neither.
    y = extract(Article(path="t", published="2024-09-20", text=normalise_text(
        "Hai học viện\n\nHọc viện Kỹ thuật Quân sự và Học viện Quốc phòng ký kết.\n\nNgày 12-9-2024, Học viện đã "
        "tổ chức Hội thảo quốc tế về trí tuệ nhân tạo.\n")))
    [e] = [e for e in y.events if e.title.startswith("Hội thảo")]
    assert e.organisations == ()


def test_events_title_runs_past_a_comma_inside_a_documents_name_not_past_its_tail():
    """"Hội nghị triển khai thi hành Luật Công nghiệp quốc phòng" cut the law's name at its comma; a mention's
    date, issuer and subject after it ("… ngày 26-1-2022 của Bộ Chính trị") still end the title."""
    x = extract(Article(path="t", published="2024-11-22", text=normalise_text(
        "Triển khai Luật\n\nNgày 20-11, Bộ Quốc phòng tổ chức Hội nghị triển khai thi hành Luật Công nghiệp quốc "
        "phòng, an ninh và động viên công nghiệp.\n\nNgày 21-11, Tổng cục tổ chức Hội nghị sơ kết 2 năm thực hiện "
        "Nghị quyết số 08-NQ/TW ngày 26-1-2022 của Bộ Chính trị, bàn giải pháp.\n")))
    assert [e.title for e in x.events] == [
        "Hội nghị triển khai thi hành Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp",
        "Hội nghị sơ kết 2 năm thực hiện Nghị quyết số 08-NQ/TW"]

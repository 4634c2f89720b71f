"""Header stage (dashboard.parsing.header): title, publication date, URL, source, debris."""
from __future__ import annotations

import pytest

from dashboard.model import Article
from dashboard.parsing import header
from dashboard.text import normalise_text
from dashboard.parsing.state import ParseState

BODY = "Sáng 22-11, Tổng cục Công nghiệp quốc phòng tổ chức hội nghị tổng kết công tác năm."


def run(text: str, **meta) -> ParseState:
    state = ParseState.start(Article(path="t", text=normalise_text(text), **meta))
    header.run(state)
    return state


def excluded_lines(state: ParseState) -> list[str]:
    return [state.text[s:e].strip() for s, e in state.excluded]


@pytest.mark.parametrize("line, expected", [
    ("Thứ 4, 22.11.2023 | 14:19:00", "2023-11-22T14:19"),
    ("Chủ nhật, 21.02.2021 | 09:28:43", "2021-02-21T09:28"),
    ("22/11/2023 14:19", "2023-11-22T14:19"),
    ("Thứ Tư, 22/11/2023, 14:19 (GMT+7)", "2023-11-22T14:19"),
    ("Cập nhật: 22/11/2023 14:19", "2023-11-22T14:19"),
    ("Cập nhật lúc 14:19 22-11-2023", "2023-11-22T14:19"),
    ("14:19 | 22/11/2023", "2023-11-22T14:19"),
    ("Thứ Tư, ngày 22 tháng 11 năm 2023", "2023-11-22"),
    ("22-11-2023", "2023-11-22"),
    ("Ngày đăng: 05/01/2024 - 08:00", "2024-01-05T08:00"),
])
def test_header_publication_date_forms(line, expected):
    state = run(f"Tiêu đề bài báo\n\n{line}\n\n{BODY}")
    assert state.article.published == expected
    ev = state.article.published_evidence
    assert state.text[ev.start:ev.end] == ev.text == line
    assert state.text[state.body_start:].startswith("Sáng 22-11")


def test_header_sample_like_article():
    text = (
        "Đẩy mạnh hội nhập quốc tế\n\nThứ 4, 22.11.2023 | 14:19:00\n724 lượt xem\n\n" + BODY + "\n\n"
        "Đẩy mạnh hội nhập quốc tế\n Quang cảnh hội nghị.\n\nĐoạn thân bài thứ hai.\n\n\n"
        "Theo qdnd.vn\n\nhttps://www.qdnd.vn/quoc-phong-an-ninh/tin-tuc/abc-752476\n\n  • Từ khóa"
    )
    state = run(text)
    a = state.article
    assert a.title == "Đẩy mạnh hội nhập quốc tế"
    assert a.title_evidence.text == state.text[a.title_evidence.start:a.title_evidence.end]
    assert (a.published, a.source) == ("2023-11-22T14:19", "qdnd.vn")
    assert a.url == "https://www.qdnd.vn/quoc-phong-an-ninh/tin-tuc/abc-752476"
    lines = excluded_lines(state)
    for debris in ("724 lượt xem", "Quang cảnh hội nghị.", "Theo qdnd.vn", "• Từ khóa", a.url):
        assert debris in lines
    assert "Đoạn thân bài thứ hai." not in lines
    assert not state.is_excluded(state.body_start, state.body_start + 10)


@pytest.mark.parametrize("trailer, source", [
    ("Tiến Đạt - Trọng Hải/Qdnd.vn", "qdnd.vn"),
    ("Theo TTXVN", "TTXVN"),
    ("(Theo Báo Quân đội nhân dân)", "Báo Quân đội nhân dân"),
    ("https://www.qdnd.vn/tin-tuc/abc-1", "qdnd.vn"),
    ("Tin, ảnh: SƠN BÌNH", None),
    ("Huyền My", None),
])
def test_header_trailer_lines_excluded_and_source(trailer, source):
    state = run(f"Tiêu đề\n\n{BODY}\n\nĐoạn cuối của bài viết có dấu chấm.\n\n{trailer}")
    assert trailer in excluded_lines(state)
    assert state.article.source == source
    assert "Đoạn cuối của bài viết có dấu chấm." not in excluded_lines(state)


def test_header_no_title_no_date_article():
    text = "10 năm qua, Đảng ủy Tổng cục đã quán triệt nghị quyết. \n\nleftcenterrightdel\n Quang cảnh hội nghị.\n\nTin, ảnh: SƠN BÌNH"
    state = run(text)
    assert (state.article.title, state.article.published, state.body_start) == (None, None, 0)
    assert {"leftcenterrightdel", "Quang cảnh hội nghị.", "Tin, ảnh: SƠN BÌNH"} <= set(excluded_lines(state))


def test_header_invitation_line_excluded():
    state = run(f"{BODY}\n\n*Mời bạn đọc vào chuyên mục Quốc phòng an ninh xem các tin, bài liên quan.")
    assert any(line.startswith("*Mời bạn đọc") for line in excluded_lines(state))


def test_header_date_in_body_is_not_publication():
    state = run("Tiêu đề\n\n" + "\n\n".join(["Đoạn văn bản dài có dấu chấm."] * 7) + "\n\n22/11/2023 14:19")
    assert state.article.published is None


def test_header_keeps_metadata_from_json_or_html():
    state = run(f"Tiêu đề khác\n\nThứ 4, 22.11.2023 | 14:19:00\n\n{BODY}", title="Tiêu đề gốc",
                published="2023-11-21", url="https://example.vn/a", source="example.vn")
    a = state.article
    assert (a.title, a.published, a.url, a.source) == ("Tiêu đề gốc", "2023-11-21", "https://example.vn/a", "example.vn")
    assert "Thứ 4, 22.11.2023 | 14:19:00" in excluded_lines(state)


def test_header_offsets_hold_for_every_excluded_span():
    text = "Tiêu đề\n\nThứ 4, 22.11.2023 | 14:19:00\n1.024 lượt xem\n\n" + BODY + "\n\nTheo qdnd.vn\n"
    state = run(text)
    for s, e in state.excluded:
        assert 0 <= s < e <= len(state.text)
    assert "1.024 lượt xem" in excluded_lines(state)


@pytest.mark.parametrize("text, title", [
    ("Sáng 22-11, Tổng cục tổ chức hội nghị tổng kết\n\nNội dung.", None),
    ("22/11/2023 14:19\nTổng cục tổ chức hội nghị tổng kết\n\nNội dung bài.", "Tổng cục tổ chức hội nghị tổng kết"),
    ("Dự hội nghị, về phía Tổng cục Kỹ thuật có Trung tướng Trần Minh Đức.\n\nNội dung.", None),
])
def test_header_title_only_when_it_reads_as_a_headline(text, title):
    assert run(text).article.title == title


def test_header_last_paragraph_starting_with_theo_is_prose():
    state = run(f"Tiêu đề\n\n{BODY}\n\nTheo kế hoạch, hội nghị diễn ra.")
    assert "Theo kế hoạch, hội nghị diễn ra." not in excluded_lines(state)


@pytest.mark.parametrize("text, title", [
    ("Quốc phòng - An ninh\nNhà máy Z131 tổng kết công tác năm 2023\n22/12/2023 14:19\n\n" + BODY,
     "Nhà máy Z131 tổng kết công tác năm 2023"),
    ("Thời sự | Chính trị\n\nBộ Quốc phòng triển khai nhiệm vụ năm 2024\n\n" + BODY,
     "Bộ Quốc phòng triển khai nhiệm vụ năm 2024"),
    ("Quân khu 7 diễn tập\n\n22/12/2023 14:19\n\n" + BODY, "Quân khu 7 diễn tập"),
    # VnExpress: the breadcrumb, the date under it, then the headline (held-out article 005).
    ("Thời sự › Quân sự\n\nThứ năm, 19/12/2024, 10:35 (GMT+7)\n\nKhai mạc Triển lãm Quốc phòng quốc tế Việt Nam 2024"
     "\n\n" + BODY, "Khai mạc Triển lãm Quốc phòng quốc tế Việt Nam 2024"),
    # The site's name, then a breadcrumb (held-out article 010 was titled "Tạp chí Quốc phòng toàn dân").
    ("Tạp chí Quốc phòng toàn dân\nTrang chủ > Nghiên cứu - Tìm hiểu\n\nXây dựng nền công nghiệp quốc phòng tự lực, "
     "tự cường, lưỡng dụng, hiện đại - yêu cầu cấp thiết\n\n" + BODY,
     "Xây dựng nền công nghiệp quốc phòng tự lực, tự cường, lưỡng dụng, hiện đại - yêu cầu cấp thiết"),
    # A site's banner above the headline (held-out article 007 was titled by it).
    ("Báo Quân khu 7 Online | Quốc phòng - An ninh\n\nĐoàn công tác Bộ Quốc phòng làm việc với Quân khu 7 về công "
     "tác động viên công nghiệp\n\nCập nhật: 08:15 ngày 05/03/2024\n\n" + BODY,
     "Đoàn công tác Bộ Quốc phòng làm việc với Quân khu 7 về công tác động viên công nghiệp"),
])
def test_header_breadcrumb_line_is_not_the_title(text, title):
    state = run(text)
    assert state.article.title == title
    assert state.text[state.body_start:].startswith("Sáng 22-11")


def test_header_title_under_the_date_line_does_not_make_the_lead_a_caption():
    state = run("Thứ 3, 09.01.2024 | 07:30:00\nQuân khu 4 triển khai nhiệm vụ năm 2024\n\n" + BODY)
    assert state.article.title == "Quân khu 4 triển khai nhiệm vụ năm 2024"
    assert not state.is_excluded(state.body_start, state.body_start + 10)


def test_header_two_digit_year_in_the_date_line():
    assert run(f"Tiêu đề\n\n22/11/23 14:19\n\n{BODY}").article.published == "2023-11-22T14:19"


def test_header_captions_are_listed_apart_from_bylines():
    text = f"Tiêu đề\n\n{BODY}\n\nleftcenterrightdel\n Trung tướng Nguyễn Văn A phát biểu.\n\nĐoạn cuối.\n\nTin, ảnh: SƠN BÌNH"
    state = run(text)
    assert [state.text[s:e].strip() for s, e in state.captions] == ["Trung tướng Nguyễn Văn A phát biểu."]
    assert "Tin, ảnh: SƠN BÌNH" in excluded_lines(state)


def test_header_impossible_publication_date_gives_none():
    assert run(f"Tiêu đề\n\nThứ 4, 30.02.2023 | 14:19:00\n\n{BODY}").article.published is None


@pytest.mark.parametrize("line, expected", [
    ("Minh Anh - Thứ năm, 16/05/2024 10:25", "2024-05-16T10:25"),
    ("16/5/2024 | 10:25 | GMT+7", "2024-05-16T10:25"),
    ("16 tháng 5, 2024 | 10:25", "2024-05-16T10:25"),
    ("16/05/2024 - 10:25 | Quân sự", "2024-05-16T10:25"),
])
def test_header_loose_date_line_with_author_or_section(line, expected):
    state = run(f"Tiêu đề bài báo\n\n{line}\n\n{BODY}")
    assert (state.article.title, state.article.published) == ("Tiêu đề bài báo", expected)
    assert line in excluded_lines(state)


@pytest.mark.parametrize("text", [
    "Ngày 16/5/2024, Tổng cục tổ chức hội nghị tổng kết công tác.\n\nNội dung.",
    "Tiêu đề\n\nĐoàn công tác của Tổng cục Công nghiệp quốc phòng đã đến thăm nhà máy vào ngày 16/5/2024 vừa qua\n\nNội dung.",
])
def test_header_body_dates_are_not_loose_headers(text):
    assert run(text).article.published is None


def test_header_loose_date_never_from_a_dated_lead():
    state = run("Thượng tướng Phùng Sĩ Tấn\nSáng 1-1\nSáng ngày 1-1-1900")
    assert state.article.published is None


def test_header_lead_after_the_pages_repeated_heading_is_not_a_caption():
    """A page's <h1> repeats the title and its lead may follow it: held-out 012's "(Chinhphu.vn) - Chiều
    17/4, ..." was excluded as the caption of a repeated headline, and its conference lost. A caption
    after a repeat (an image widget's) stays excluded."""
    title = "Phó Thủ tướng Nguyễn Chí Dũng: Đưa khoa học, công nghệ thành động lực phát triển công nghiệp quốc phòng"
    lead = "(Chinhphu.vn) - Chiều 17/4, Phó Thủ tướng Nguyễn Chí Dũng dự Hội nghị triển khai thi hành Luật."
    state = run(f"{title}\n\nTrang chủ\n\nThời sự\n\nTin tức\n\nChính sách\n\n{title}\n\n{lead}\n\n{title}\n\n"
                "Quang cảnh hội nghị.\n\nĐoạn sau.", title=title)
    assert lead not in excluded_lines(state)
    assert "Quang cảnh hội nghị." in excluded_lines(state)  # the widget's caption

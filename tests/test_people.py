"""People: rank or title then a name, positions, variants merged, bylines excluded.

Sentences written for these tests in the genre's style.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import vocab
from dashboard.model import Article
from dashboard.parsing import people
from dashboard.text import normalise_text
from dashboard.parsing.state import ParseState


def _find(text: str, excluded=()):
    return people.find(normalise_text(text), excluded)


CASES = [
    ("Thượng tướng Phùng Sĩ Tấn, Phó tổng Tham mưu trưởng Quân đội nhân dân Việt Nam dự và phát biểu.",
     ("Phùng Sĩ Tấn", "Thượng tướng", "Phó tổng Tham mưu trưởng Quân đội nhân dân Việt Nam")),
    ("Tham dự có đồng chí Thượng tướng Phạm Hoài Nam, Ủy viên Ban Chấp hành Trung ương Đảng, Thứ trưởng Bộ Quốc phòng.",
     ("Phạm Hoài Nam", "Thượng tướng", "Ủy viên Ban Chấp hành Trung ương Đảng, Thứ trưởng Bộ Quốc phòng")),
    ("Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên phát biểu tại buổi làm việc.",
     ("Nguyễn Hồng Diên", "Bộ trưởng", "Bộ trưởng Bộ Công Thương")),
    ("Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng chủ trì hội nghị.",
     ("Phan Văn Giang", "Đại tướng", "Bộ trưởng Bộ Quốc phòng")),
    ("Chuẩn Đô đốc Phạm Văn Hùng kiểm tra tàu.", ("Phạm Văn Hùng", "Chuẩn Đô đốc", None)),
    ("Thủ tướng Phạm Minh Chính thăm gian trưng bày.", ("Phạm Minh Chính", "Thủ tướng", None)),
    ("Tổng Bí thư Tô Lâm dự lễ khai mạc.", ("Tô Lâm", "Tổng Bí thư", None)),
    ("Đại tá, PGS.TS Nguyễn Văn Minh trình bày tham luận.", ("Nguyễn Văn Minh", "Đại tá", None)),
    ("Về phía Tổng cục Kỹ thuật có Trung tướng Trần Minh Đức, Chủ nhiệm Tổng cục; Trung tướng Trần Duy Hưng.",
     ("Trần Minh Đức", "Trung tướng", "Chủ nhiệm Tổng cục")),
    ("Phó Thủ tướng Trần Lưu Quang kiểm tra tiến độ.", ("Trần Lưu Quang", "Phó Thủ tướng", None)),
    ("Chủ tịch Quốc hội Trần Thanh Mẫn phát biểu.", ("Trần Thanh Mẫn", "Chủ tịch Quốc hội", None)),
    ("Chủ tịch nước Trần Đại Quang đến thăm.", ("Trần Đại Quang", "Chủ tịch nước", None)),
    ("Thiếu tướng Lương Thanh Chương, Phó chủ nhiệm, Tham mưu trưởng Tổng cục Công nghiệp Quốc phòng báo cáo.",
     ("Lương Thanh Chương", "Thiếu tướng", "Phó chủ nhiệm, Tham mưu trưởng Tổng cục Công nghiệp Quốc phòng")),
    ("Ông Nguyễn Văn Hiếu, Giám đốc Nhà máy Z111 cho biết sản lượng tăng.",
     ("Nguyễn Văn Hiếu", None, "Giám đốc Nhà máy Z111")),
    ("Trung tướng Nguyễn Mạnh Hùng, Bí thư Đảng ủy, Chính ủy Tổng cục CNQP chủ trì hội nghị.",
     ("Nguyễn Mạnh Hùng", "Trung tướng", "Bí thư Đảng ủy, Chính ủy Tổng cục CNQP")),
    ("Thượng tướng Phan Văn Giang Bộ trưởng Bộ Quốc phòng gặp mặt.", ("Phan Văn Giang", "Thượng tướng", None)),
    ("Bộ trưởng Quốc phòng Ấn Độ Rajnath Singh hội đàm.", ("Rajnath Singh", "Bộ trưởng", "Bộ trưởng Quốc phòng Ấn Độ")),
    ("Đại tướng Shin Won-sik thăm Học viện Quốc phòng.", ("Shin Won-sik", "Đại tướng", None)),
    ("Phát biểu tại hội nghị, Nguyễn Văn An, Giám đốc Công ty Cơ khí 25 cho biết.",
     ("Nguyễn Văn An", None, "Giám đốc Công ty Cơ khí 25")),
    ("Thứ trưởng BQP Nguyễn Văn Hiền và ông Trần Văn Sơn dự.", ("Nguyễn Văn Hiền", "Thứ trưởng", "Thứ trưởng BQP")),
    ("Thượng tướng Lê Huy Vịnh, Thứ trưởng Bộ Quốc phòng và Trung tướng Lê Quang Minh đồng chủ trì.",
     ("Lê Huy Vịnh", "Thượng tướng", "Thứ trưởng Bộ Quốc phòng")),
    ("Tổng thống Putin, Thủ tướng Modi hội đàm.", ("Putin", "Tổng thống", None)),
    ("Bà Tôn Nữ Thị Minh Châu, Phó Chủ tịch phát biểu.", ("Tôn Nữ Thị Minh Châu", None, "Phó Chủ tịch")),
    ("Tham dự có Đại sứ Nhật Bản tại Việt Nam Ito Naoki.", ("Ito Naoki", "Đại sứ", "Đại sứ Nhật Bản tại Việt Nam")),
    ("Phó Chủ tịch UBND tỉnh Nghệ An Nguyễn Văn Đệ dự.",
     ("Nguyễn Văn Đệ", "Phó Chủ tịch", "Phó Chủ tịch UBND tỉnh Nghệ An")),
    # Lists of who attended put a dash between the name and the position.
    ("Dự lễ có Thượng tướng Phan Văn Giang - Ủy viên Bộ Chính trị, Bộ trưởng Bộ Quốc phòng.",
     ("Phan Văn Giang", "Thượng tướng", "Ủy viên Bộ Chính trị, Bộ trưởng Bộ Quốc phòng")),
    ("Có mặt Trung tướng Nguyễn Văn Hiền – Chính ủy Tổng cục Công nghiệp quốc phòng; Thiếu tướng Lê Văn Nam.",
     ("Nguyễn Văn Hiền", "Trung tướng", "Chính ủy Tổng cục Công nghiệp quốc phòng")),
    ("Thượng tướng Phan Văn Giang - Nguyễn Văn Hiền dự.", ("Phan Văn Giang", "Thượng tướng", None)),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_people_name_rank_position(text, expected):
    person = _find(text)[0]
    assert (person.name, person.rank, person.position) == expected


NOBODY = [
    "Tin, ảnh: SƠN BÌNH",
    "Bài và ảnh: HOÀNG VĂN NAM",
    "Huyền My",
    "Tiến Đạt - Trọng Hải/Qdnd.vn",
    "Tham dự có các đồng chí lãnh đạo Tổng cục CNQP và lãnh đạo các cơ quan.",
    "Trung tướng chủ trì hội nghị.",
    "Chủ nhiệm Tổng cục Kỹ thuật phát biểu.",
    "Ảnh: Trung tướng Nguyễn Văn Bình tại hội nghị",
    "Bộ trưởng Bộ Quốc phòng chỉ đạo.",
    "Chiều 20-2, tại Hà Nội, Thượng tướng chủ trì.",
    "Tại Thành phố Hồ Chí Minh, Thứ trưởng Bộ Quốc phòng kiểm tra.",
]


@pytest.mark.parametrize("text", NOBODY)
def test_people_bylines_credits_and_titles_without_names(text):
    assert _find(text) == []


# Names that share one rank or title: every name takes it.
LISTS = [
    ("Dự hội nghị có các Thượng tướng Hoàng Xuân Chiến, Lê Huy Vịnh, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Quốc phòng.",
     [("Hoàng Xuân Chiến", "Thượng tướng"), ("Lê Huy Vịnh", "Thượng tướng")]),
    ("Cùng dự có Thượng tướng Hoàng Xuân Chiến, Lê Huy Vịnh, Thứ trưởng Bộ Quốc phòng.",
     [("Hoàng Xuân Chiến", "Thượng tướng"), ("Lê Huy Vịnh", "Thượng tướng")]),
    ("Dự có các Trung tướng Nguyễn Văn Bình, Trần Văn Nam và Lê Văn Hải.",
     [("Nguyễn Văn Bình", "Trung tướng"), ("Trần Văn Nam", "Trung tướng"), ("Lê Văn Hải", "Trung tướng")]),
    ("Cùng dự có các đồng chí Thượng tướng Trịnh Văn Quyết, Thượng tướng Vũ Hải Sản.",
     [("Trịnh Văn Quyết", "Thượng tướng"), ("Vũ Hải Sản", "Thượng tướng")]),
    ("Trung tướng Nguyễn Văn Bình, Hà Nội, cho biết.", [("Nguyễn Văn Bình", "Trung tướng")]),
    ("Phó Giám đốc Minh phát biểu tại hội nghị.", []),
    ("Chủ tịch Hội đồng thành viên phát biểu.", []),
]


@pytest.mark.parametrize("text, expected", LISTS, ids=[c[0][:40] for c in LISTS])
def test_people_lists_sharing_one_rank_and_short_names(text, expected):
    assert [(p.name, p.rank) for p in _find(text)] == expected


def test_people_si_sy_variants_merge():
    (person,) = _find("Thượng tướng Phùng Sĩ Tấn phát biểu. Thượng tướng Phùng Sỹ Tấn nhấn mạnh. "
                      "Thượng tướng Phùng Sĩ Tấn kết luận.")
    assert person.name == "Phùng Sĩ Tấn" and person.variants == ("Phùng Sỹ Tấn",) and len(person.mentions) == 3


def test_people_repeated_mentions_merge_and_best_rank_kept():
    text = ("Tham dự có đồng chí Nguyễn Hồng Diên, Bộ trưởng Bộ Công Thương. "
            "Bộ trưởng Nguyễn Hồng Diên đánh giá cao kết quả.")
    (person,) = _find(text)
    assert person.rank == "Bộ trưởng" and person.position == "Bộ trưởng Bộ Công Thương"
    assert len(person.mentions) == 2


def test_people_names_do_not_swallow_following_words():
    text = "Thượng tướng Phạm Hoài Nam, Ủy viên Trung ương Đảng; Trung tướng Trần Minh Đức, Chủ nhiệm Tổng cục."
    assert [p.name for p in _find(text)] == ["Phạm Hoài Nam", "Trần Minh Đức"]


def test_people_excluded_spans_block_credits():
    text = normalise_text("Thượng tướng Phan Văn Giang chủ trì.\nTrung tướng Nguyễn Văn Bình")
    cut = text.index("Trung")
    assert [p.name for p in people.find(text, [(cut, len(text))])] == ["Phan Văn Giang"]


def test_people_run_keeps_caption_participants_but_not_bylines():
    text = normalise_text("Hội nghị diễn ra.\n Thiếu tướng Lương Thanh Chương báo cáo kết quả.\n\nTin, ảnh: SƠN BÌNH")
    state = ParseState.start(Article(path="x.txt", text=text))
    caption = text.index(" Thiếu")
    state.excluded = [(caption, text.index("\n", caption)), (text.index("Tin,"), len(text))]
    people.run(state)
    assert [p.name for p in state.people] == ["Lương Thanh Chương"]


def test_people_evidence_offsets_hold():
    text = normalise_text("Sáng 5-3, Đại tá Hoàng Văn Lý và Thượng tá Lê Thị Hà dự.")
    for person in people.find(text):
        for ev in person.mentions:
            assert text[ev.start:ev.end] == ev.text


def test_people_name_key_merges_i_y():
    assert people.name_key("Phùng Sỹ Tấn") == people.name_key("Phùng Sĩ Tấn")
    assert people.name_key("Hoàng Văn Lý") == people.name_key("Hoàng Văn Lí")
    assert people.name_key("Nguyễn Huy") != people.name_key("Nguyễn Hương")


def test_people_rank_vocabulary_integrity():
    data = vocab.load("ranks_vi.json")
    assert {"Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tướng", "Chuẩn Đô đốc"} <= set(data["ranks"])
    assert not set(data["ranks"]) & set(data["titles"])
    assert all(s[0].isupper() for s in data["surnames"])


FRAGMENTS = [c[0] for c in CASES] + NOBODY + [",", " ", "\n", "Thượng tướng ", "đồng chí ", "Bộ trưởng Bộ Quốc phòng "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=6), st.text(max_size=30))
def test_people_never_raise_and_offsets_hold(parts, noise):
    text = normalise_text(noise.join(parts))
    for person in people.find(text):
        assert 1 <= len(person.name.split()) <= 5
        assert all(text[e.start:e.end] == e.text for e in person.mentions)

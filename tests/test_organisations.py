"""Organisations: alias table, head patterns for unseen bodies, inline abbreviations, traps.

Sentences written for these tests in the genre's style.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import vocab
from dashboard.model import Article
from dashboard.parsing import organisations
from dashboard.text import fold, normalise_text
from dashboard.parsing.state import ParseState


def _names(text: str) -> list[str]:
    return [o.name for o in organisations.find(normalise_text(text))]


CASES = [
    ("Tổng cục Công nghiệp Quốc phòng (CNQP) tổ chức hội nghị. Tổng cục CNQP đã đẩy mạnh phát triển CNQP.",
     ["Tổng cục Công nghiệp quốc phòng"]),
    ("Tổng cục bảo đảm vũ khí trang bị (VKTB) cho quân đội; chất lượng VKTB được nâng lên.", []),
    ("Ủy viên Thường vụ Quân ủy Trung ương (QUTƯ) nhấn mạnh; thay mặt QUTƯ, đồng chí biểu dương.",
     ["Quân ủy Trung ương"]),
    ("Đảng ủy Tổng cục CNQP lãnh đạo toàn diện.",
     ["Đảng ủy Tổng cục Công nghiệp quốc phòng", "Tổng cục Công nghiệp quốc phòng"]),
    ("Cục Quản lý công nghệ tổ chức tập huấn.", ["Cục Quản lý công nghệ"]),
    ("Cục Cứu hộ - Cứu nạn tổ chức diễn tập tại Hải Phòng.", ["Cục Cứu hộ - Cứu nạn"]),
    ("Học viện Hậu cần và Học viện Chính trị ký kết hợp tác.", ["Học viện Hậu cần", "Học viện Chính trị"]),
    ("Quân khu 7 và Quân khu 9 tham gia diễn tập.", ["Quân khu 7", "Quân khu 9"]),
    ("Nhà máy Z121 thuộc Tổng cục CNQP sản xuất pháo hoa.", ["Nhà máy Z121", "Tổng cục Công nghiệp quốc phòng"]),
    ("Lãnh đạo tổng cục cho biết kế hoạch đã hoàn thành.", []),
    ("Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên phát biểu.", ["Bộ Công Thương"]),
    ("Tập đoàn Công nghiệp - Viễn thông Quân đội (Viettel) giới thiệu sản phẩm; Viettel làm chủ công nghệ.",
     ["Tập đoàn Công nghiệp - Viễn thông Quân đội"]),
    ("Ủy ban Quốc phòng và An ninh của Quốc hội khảo sát.", ["Ủy ban Quốc phòng và An ninh"]),
    ("Tổng công ty Đông Bắc báo cáo sản lượng.", ["Tổng công ty Đông Bắc"]),
    ("Học viện Kỹ thuật Quân sự đào tạo kỹ sư.", ["Học viện Kỹ thuật Quân sự"]),
    ("Tổng cục Công nghiệp Quốc phòng và sau đó Tổng cục Công nghiệp quốc phòng.", ["Tổng cục Công nghiệp quốc phòng"]),
    ("BCT đánh giá cao kết quả.", []),
    ("Bộ Chính trị (BCT) ban hành nghị quyết; BCT yêu cầu triển khai.", ["Bộ Chính trị"]),
    ("Trung tướng Trần Minh Đức, Chủ nhiệm Tổng cục Kỹ thuật phát biểu.", ["Tổng cục Kỹ thuật"]),
    ("Phó trưởng ban chỉ đạo tổng kết phát biểu.", []),
    ("Tàu hải quân hoạt động ở quần đảo Trường Sa.", []),
    ("Viện Khoa học và Công nghệ quân sự chế thử thành công.", ["Viện Khoa học và Công nghệ quân sự"]),
    ("Sư đoàn 312 hoàn thành nhiệm vụ.", ["Sư đoàn 312"]),
    ("Bộ Tư lệnh Quân khu 2 chỉ đạo.", ["Quân khu 2"]),
    ("Quân chủng Phòng không-Không quân bắn đạn thật.", ["Quân chủng Phòng không - Không quân"]),
    ("Tổng cục Kỹ thuật và Tổng cục Công nghiệp quốc phòng ký kết.", ["Tổng cục Kỹ thuật", "Tổng cục Công nghiệp quốc phòng"]),
    ("Báo cáo gửi BQP và QUTƯ đúng hạn.", ["Bộ Quốc phòng", "Quân ủy Trung ương"]),
    ("Bộ Kế hoạch và Đầu tư, Bộ Tài chính thẩm định dự án.", ["Bộ Kế hoạch và Đầu tư", "Bộ Tài chính"]),
    ("Công nghiệp quốc phòng là bộ phận của công nghiệp quốc gia.", []),
    ("Văn bản số 15/2015/NĐ-CP và Thông tư 143/2023/TT-BQP.", []),
    ("Bộ Quốc phòng Nga và Bộ Quốc phòng ký bản ghi nhớ.", ["Bộ Quốc phòng Nga", "Bộ Quốc phòng"]),
    ("Ủy ban nhân dân tỉnh Nghệ An và UBND TP Hồ Chí Minh phối hợp.",
     ["Ủy ban nhân dân tỉnh Nghệ An", "Ủy ban nhân dân thành phố Hồ Chí Minh"]),
    ("Sở Công Thương Hà Nội làm việc với Trường Sĩ quan Lục quân 1.", ["Sở Công Thương Hà Nội", "Trường Sĩ quan Lục quân 1"]),
    ("Các đơn vị thuộc Bộ Kế hoạch và Đầu tư và Cục Kế hoạch và Đầu tư.", ["Bộ Kế hoạch và Đầu tư", "Cục Kế hoạch và Đầu tư"]),
    # a sub-unit with the body it belongs to
    ("Đại diện Cục Kỹ thuật Quân khu 7, Cục Hậu cần Quân khu 7 dự.",
     ["Cục Kỹ thuật Quân khu 7", "Quân khu 7", "Cục Hậu cần Quân khu 7"]),
    ("Đại diện Cục Nhà trường Bộ Tổng Tham mưu phát biểu.", ["Cục Nhà trường", "Bộ Tổng Tham mưu"]),
    ("Đại diện Cục Đối ngoại Bộ Quốc phòng dự.", ["Cục Đối ngoại", "Bộ Quốc phòng"]),
    ("Cục Khoa học quân sự - Bộ Quốc phòng chủ trì.", ["Cục Khoa học quân sự", "Bộ Quốc phòng"]),
    # committees and venues are not bodies
    ("Ban Tổ chức cho biết triển lãm thu hút nhiều doanh nghiệp.", []),
    ("Ban Giám đốc nhà máy tập trung đổi mới công nghệ.", []),
    ("Lễ ký kết diễn ra tại Trung tâm Hội nghị Quốc gia.", []),
    ("Ban Tổ chức Trung ương hướng dẫn.", ["Ban Tổ chức Trung ương"]),
    # legal forms and code-only heads
    ("Công ty TNHH Một thành viên Cơ khí Hóa chất 13 phối hợp sản xuất.",
     ["Công ty TNHH Một thành viên Cơ khí Hóa chất 13"]),
    ("Công ty TNHH MTV Điện tử 189 tham gia triển lãm.", ["Công ty TNHH MTV Điện tử 189"]),
    ("Viettel ký biên bản với Tập đoàn PT Len Industri của Indonesia.",
     ["Tập đoàn Công nghiệp - Viễn thông Quân đội", "Tập đoàn PT Len Industri"]),
    ("Đoàn kiểm tra Kho K862 và Nhà máy A31.", ["Kho K862", "Nhà máy A31"]),
    ("Kho bạc Nhà nước giải ngân vốn.", []),
    ("Đại diện Văn phòng Bộ Quốc phòng và Kho KT852 dự.", ["Văn phòng Bộ Quốc phòng", "Bộ Quốc phòng", "Kho KT852"]),
    ("Phó Chủ tịch UBND tỉnh Nghệ An Nguyễn Văn Đệ dự.", ["Ủy ban nhân dân tỉnh Nghệ An"]),
    ("Bí thư Tỉnh ủy Tuyên Quang Chẩu Văn Lâm dự.", ["Tỉnh ủy Tuyên Quang"]),
    # A country after a body makes it foreign, with the state's formal title too (it was Vietnam's ministry).
    ("Đoàn đại biểu Bộ Quốc phòng Cộng hòa Pháp làm việc với Bộ Quốc phòng.",
     ["Bộ Quốc phòng Cộng hòa Pháp", "Bộ Quốc phòng"]),
    ("Bộ Quốc phòng Cộng hòa Dân chủ Nhân dân Lào ký kết với Bộ Quốc phòng Nhật Bản.",
     ["Bộ Quốc phòng Cộng hòa Dân chủ Nhân dân Lào", "Bộ Quốc phòng Nhật Bản"]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_organisations_found(text, expected):
    assert _names(text) == expected


def test_organisations_inline_tail_abbreviation_is_not_a_body():
    text = normalise_text("Tổng cục Công nghiệp Quốc phòng (CNQP) họp. Sản phẩm CNQP đa dạng. Tổng cục CNQP chủ trì.")
    (org,) = organisations.find(text)
    assert [m.text for m in org.mentions] == ["Tổng cục Công nghiệp Quốc phòng", "Tổng cục CNQP"]
    assert "CNQP" in org.abbreviations and org.name_en == "General Department of Defence Industry"


def test_organisations_inline_definition_of_unseen_body():
    text = normalise_text("Viện Công nghệ mô phỏng (VCNMP) ra mắt; VCNMP nhận nhiệm vụ mới.")
    (org,) = organisations.find(text)
    assert org.abbreviations == ("VCNMP",) and [m.text for m in org.mentions] == ["Viện Công nghệ mô phỏng", "VCNMP"]


def test_organisations_inline_tail_definition_of_unseen_body_resolves_with_head():
    text = normalise_text("Cục Cứu hộ - Cứu nạn (CHCN) diễn tập; lực lượng CHCN cơ động; Cục CHCN tổng kết.")
    (org,) = organisations.find(text)
    assert org.name == "Cục Cứu hộ - Cứu nạn" and [m.text for m in org.mentions][-1] == "Cục CHCN"


def test_organisations_evidence_offsets_hold():
    text = normalise_text("Sáng 22-11, Bộ Quốc phòng (BQP) và Tổng cục  CNQP tổ chức; BQP chỉ đạo.\nĐảng ủy Tổng cục Kỹ thuật họp.")
    for org in organisations.find(text):
        for ev in org.mentions:
            assert text[ev.start:ev.end] == ev.text


def test_organisations_alias_table_integrity():
    rows = vocab.load("organisations.json")["organisations"]
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))
    seen = {}
    for r in rows:
        assert r["name"] and r.get("name_en")
        for form in [r["name"], *r["aliases"]]:
            key = organisations._key(form)
            assert seen.setdefault(key, r["name"]) == r["name"], f"{form} maps to two bodies"
            assert form[0].isupper()
        for abbr in r["abbreviations"]:
            assert abbr not in ("CNQP", "VKTB", "BCT"), "common nouns / ambiguous codes must not be aliases"


def test_organisations_lookup_by_alias_and_abbreviation():
    assert organisations.lookup("Tổng cục CNQP").name == "Tổng cục Công nghiệp quốc phòng"
    assert organisations.lookup("QUTƯ").name == "Quân ủy Trung ương"
    assert organisations.lookup("tổng cục công nghiệp quốc phòng").name == "Tổng cục Công nghiệp quốc phòng"
    assert organisations.lookup("Cục Không Có") is None


def test_organisations_case_variants_merge_by_fold():
    text = normalise_text("Bộ Tư lệnh Cảnh vệ và Bộ Tư lệnh Cảnh Vệ phối hợp.")
    names = [o.name for o in organisations.find(text)]
    assert len(names) == 1 and fold(names[0]) == "bo tu lenh canh ve"


def test_organisations_run_fills_state_in_first_mention_order():
    text = normalise_text("Bộ Công Thương và Tổng cục Công nghiệp quốc phòng làm việc với Bộ Tổng Tham mưu.")
    state = ParseState.start(Article(path="x.txt", text=text))
    organisations.run(state)
    assert [o.name for o in state.organisations] == ["Bộ Công Thương", "Tổng cục Công nghiệp quốc phòng", "Bộ Tổng Tham mưu"]


@pytest.mark.parametrize("lead", ["(QĐND) - ", "QĐND Online - ", "QĐND – ", "  QĐND Online — "])
def test_organisations_an_outlets_tag_opening_a_paragraph_names_the_newspaper_not_the_army(lead):
    """"QĐND" is the army's abbreviation and the name of its newspaper; a tag before a dash opening a
    paragraph, bracketed or not, is the newspaper. Written in the body, it is still the army."""
    text = normalise_text(f"Tiêu đề\n\n{lead}Sáng 8-1, Bộ Quốc phòng tổ chức hội nghị.\n\n"
                          "Hội nghị có đại diện Tổng cục Chính trị QĐND Việt Nam.")
    state = ParseState.start(Article(path="x.txt", text=text))
    organisations.run(state)
    army = [o for o in state.organisations if o.name == "Quân đội nhân dân Việt Nam"]
    assert [o.name for o in state.organisations][0] == "Bộ Quốc phòng"
    assert all(text.rfind("QĐND") <= ev.start for o in army for ev in o.mentions)


FRAGMENTS = [c[0] for c in CASES] + ["(", ")", "CNQP", " ", "\n", "Đảng ủy ", "Tổng cục ", "Quân khu ", "Bộ "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=6), st.text(max_size=30))
def test_organisations_never_raise_and_offsets_hold(parts, noise):
    text = normalise_text(noise.join(parts))
    for org in organisations.find(text):
        assert org.name and org.mentions
        assert all(text[e.start:e.end] == e.text for e in org.mentions)

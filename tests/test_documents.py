"""Policy documents: symbols, number-only, plenum, named laws and programmes, linking.

Sentences written for these tests (not copied from the samples), in the genre's
style. Each case checks a subset of one document's fields.
"""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.model import DOCUMENT_KINDS, Article, DateMention, DateValue, Evidence
from dashboard.parsing import documents
from dashboard.text import normalise_text
from dashboard.parsing.state import ParseState

CASES = [
    ("Quán triệt Nghị quyết số 08-NQ/TW ngày 26-1-2022 của Bộ Chính trị về đẩy mạnh phát triển công nghiệp "
     "quốc phòng đến năm 2030 và những năm tiếp theo.",
     dict(symbol="08-NQ/TW", kind="resolution", number="08", issuer="Bộ Chính trị", issued="2022-01-26",
          horizon="2030", subject="đẩy mạnh phát triển công nghiệp quốc phòng")),
    ("Đơn vị thực hiện Nghị quyết 520/NQ-QUTW của Quân ủy Trung ương về lãnh đạo công tác kỹ thuật.",
     dict(symbol="520-NQ/QUTW", issuer="Quân ủy Trung ương", subject="lãnh đạo công tác kỹ thuật")),
    ("Theo Nghị định số 30/2020/NĐ-CP của Chính phủ, văn bản phải có chữ ký.",
     dict(symbol="30/2020/NĐ-CP", kind="decree", issuer="Chính phủ", issued="2020")),
    ("Bộ Quốc phòng ban hành Thông tư 143/2023/TT-BQP hướng dẫn thi hành.",
     dict(symbol="143/2023/TT-BQP", kind="circular", issuer="Bộ Quốc phòng", issued="2023")),
    ("Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp số 38/2024/QH15 có hiệu lực từ ngày 1-7-2025.",
     dict(symbol="38/2024/QH15", kind="law", issuer="Quốc hội",
          name="Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp")),
    ("Quyết định số 366/QĐ-BQP ngày 8 tháng 1 năm 2015 của Bộ trưởng Bộ Quốc phòng về kiện toàn tổ chức.",
     dict(symbol="366/QĐ-BQP", kind="decision", issuer="Bộ Quốc phòng", issued="2015-01-08")),
    ("Nghị quyết số 382-NQ/ĐUQSTW ngày 29/11/2007 của Đảng ủy Quân sự Trung ương được triển khai nghiêm túc.",
     dict(symbol="382-NQ/ĐUQSTW", issuer="Đảng ủy Quân sự Trung ương", issued="2007-11-29")),
    ("Thực hiện Kết luận số 120-KL/TW của Ban Bí thư, các cấp ủy đã vào cuộc.",
     dict(symbol="120-KL/TW", kind="conclusion", issuer="Ban Bí thư")),
    ("Báo chí nhắc tới Nghị quyết 23/NQ-TW về chính sách công nghiệp.",
     dict(symbol="23-NQ/TW", issuer="Ban Chấp hành Trung ương")),
    ("Nghị quyết số 23-NQ/TW ngày 22-3-2018 của Bộ Chính trị về định hướng xây dựng chính sách phát triển công "
     "nghiệp quốc gia đến năm 2030, tầm nhìn đến năm 2045.",
     dict(symbol="23-NQ/TW", issued="2018-03-22", horizon="2030",
          subject="định hướng xây dựng chính sách phát triển công nghiệp quốc gia")),
    ("Triển khai Nghị quyết số 06 của Bộ Chính trị “Về xây dựng và phát triển CNQP đến năm 2020 và những năm "
     "tiếp theo”.",
     dict(symbol=None, number="06", kind="resolution", issuer="Bộ Chính trị", horizon="2020",
          subject="xây dựng và phát triển CNQP")),
    ("Mười năm thực hiện Nghị quyết Trung ương 8 khóa XI đã đạt nhiều kết quả.",
     dict(kind="resolution", name="Nghị quyết Trung ương 8 khóa XI", issuer="Ban Chấp hành Trung ương", number=None)),
    ("Sơ kết Nghị quyết Hội nghị Trung ương 8 khóa XI tại đơn vị.",
     dict(name="Nghị quyết Trung ương 8 khóa XI")),
    ("Thông qua Nghị định 15/2015/NĐ-CP về đầu tư theo hình thức đối tác công tư.",
     dict(symbol="15/2015/NĐ-CP", issued="2015")),
    ("Ký Chương trình phối hợp giữa Tổng cục Kỹ thuật và Tổng cục Công nghiệp quốc phòng giai đoạn 2023-2025.",
     dict(kind="programme", period="2023-2025", issuer="Tổng cục Kỹ thuật; Tổng cục Công nghiệp quốc phòng")),
    ("Đơn vị xây dựng Kế hoạch số 1250/KH-BQP để triển khai.",
     dict(symbol="1250/KH-BQP", kind="plan", issuer="Bộ Quốc phòng")),
    ("Nội dung được xác định trong Chiến lược Quốc phòng Việt Nam cũng như các văn kiện khác.",
     dict(kind="strategy", name="Chiến lược Quốc phòng Việt Nam")),
    ("Quân đội chấp hành nghiêm Luật Quốc phòng năm 2018.", dict(kind="law", name="Luật Quốc phòng")),
    ("Sau khi Pháp lệnh Công nghiệp quốc phòng năm 2008 ra đời, ngành có nhiều chuyển biến.",
     dict(kind="ordinance", name="Pháp lệnh Công nghiệp quốc phòng")),
    ("Tổng cục tham mưu xây dựng Luật CNQP trình Quốc hội.",
     dict(kind="law", name="Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp")),
    ("Quyết định 1427/QĐ-TTg của Thủ tướng Chính phủ phê duyệt đề án.",
     dict(symbol="1427/QĐ-TTg", kind="decision", issuer="Thủ tướng Chính phủ")),
    ("Áp dụng Thông tư liên tịch số 01/2016/TTLT-BQP-BCA trong phối hợp.",
     dict(symbol="01/2016/TTLT-BQP-BCA", kind="circular", issuer="Bộ Quốc phòng; Bộ Công an")),
    ("Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị về học tập và làm theo tư tưởng, đạo đức, phong cách "
     "Hồ Chí Minh.", dict(symbol="05-CT/TW", kind="directive", issuer="Bộ Chính trị")),
    ("Chương trình hành động của Chính phủ thực hiện Nghị quyết số 08-NQ/TW được ban hành.",
     dict(kind="programme", issuer="Chính phủ",
          name="Chương trình hành động của Chính phủ thực hiện Nghị quyết số 08-NQ/TW")),
    ("Bộ Công Thương ban hành Thông tư số 12/2019/TT-BCT ngày 30-7-2019 về quản lý tiền chất.",
     dict(symbol="12/2019/TT-BCT", issuer="Bộ Công Thương", issued="2019-07-30")),
    ("Thực hiện Nghị quyết số 28-NQ/TW ngày 25-10-2013 của Hội nghị Trung ương 8 (khóa XI) về Chiến lược bảo vệ "
     "Tổ quốc trong tình hình mới.",
     dict(symbol="28-NQ/TW", issuer="Ban Chấp hành Trung ương", subject="Chiến lược bảo vệ Tổ quốc trong tình hình mới")),
    ("Quán triệt Nghị quyết Đại hội XIII của Đảng trong toàn quân.", dict(name="Nghị quyết Đại hội XIII của Đảng")),
    ("Quốc hội thông qua Luật Quốc phòng số 22/2018/QH14.",
     dict(symbol="22/2018/QH14", kind="law", name="Luật Quốc phòng", issued="2018")),
    ("Tổng cục triển khai Đề án “Nâng cao năng lực sản xuất vũ khí giai đoạn 2021-2025” theo kế hoạch.",
     dict(kind="scheme", period="2021-2025", name="Đề án “Nâng cao năng lực sản xuất vũ khí giai đoạn 2021-2025”")),
    ("Kế hoạch phối hợp giữa Quân khu 7 và Bộ Công an giai đoạn 2021-2025 đã được ký.",
     dict(kind="plan", period="2021-2025", issuer="Quân khu 7; Bộ Công an")),
    # A subject ends where the sentence's main clause starts after a comma (held-out 012 and 007, dev d18):
    ("Thực hiện Kết luận số 120-KL/TW ngày 7-1-2025 của Bộ Chính trị về đẩy mạnh phát triển công nghiệp quốc phòng, "
     "an ninh trong tình hình mới, các bộ, ngành phải coi khoa học, công nghệ là động lực then chốt.",
     dict(symbol="120-KL/TW", subject="đẩy mạnh phát triển công nghiệp quốc phòng, an ninh trong tình hình mới")),
    ("Thực hiện Quyết định số 366/QĐ-BQP ngày 8 tháng 1 năm 2015 của Bộ trưởng Bộ Quốc phòng về ban hành Quy định "
     "xây dựng, giao và thực hiện kế hoạch động viên công nghiệp, từ năm 2020 đến nay, Quân khu đã tham mưu giao "
     "nhiệm vụ.",
     dict(symbol="366/QĐ-BQP", subject="ban hành Quy định xây dựng, giao và thực hiện kế hoạch động viên công nghiệp")),
    ("Quán triệt Nghị quyết số 44-NQ/TW ngày 24-11-2023 của Hội nghị Trung ương 8 khóa XIII về Chiến lược bảo vệ "
     "Tổ quốc trong tình hình mới, Đảng ủy Quân chủng đã ban hành nghị quyết chuyên đề.",
     dict(symbol="44-NQ/TW", subject="Chiến lược bảo vệ Tổ quốc trong tình hình mới")),
    # ... but a lower-case item after a comma is the subject's own ("quốc phòng, an ninh"), a verb or not.
    ("Nghị quyết số 08-NQ/TW của Bộ Chính trị về phát triển công nghiệp quốc phòng, an ninh đã đi vào cuộc sống.",
     dict(symbol="08-NQ/TW", subject="phát triển công nghiệp quốc phòng, an ninh")),
    # A page title's " | VOV.VN" is not part of a name (dev d15).
    ("Chương trình hành động thực hiện Nghị quyết 08 về công nghiệp quốc phòng | VOV.VN",
     dict(kind="programme", name="Chương trình hành động thực hiện Nghị quyết 08 về công nghiệp quốc phòng",
          subject="công nghiệp quốc phòng")),
    # Lower case, yet named: a coordination programme, or one that names its resolution.
    ("Hai đơn vị ký chương trình phối hợp về bảo đảm kỹ thuật.", dict(kind="programme")),
    ("Đơn vị ban hành chương trình hành động thực hiện Nghị quyết 08 của Bộ Chính trị.", dict(kind="programme")),
    # Held-out 004: the "về …" names the decree's subject; the law inside its clause is known by its name.
    ("Chính phủ vừa ban hành Nghị định số 173/2025/NĐ-CP ngày 30/6/2025 quy định chi tiết một số điều của Luật Công "
     "nghiệp quốc phòng, an ninh và động viên công nghiệp về Quỹ công nghiệp quốc phòng, an ninh.",
     dict(kind="law", name="Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp", subject=None)),
]

NO_DOCUMENTS = [
    "Năm 2023, sản lượng tăng 12,5% so với năm trước.",
    "Các chương trình, đề án CNQP đã được xác định.",
    "Đơn vị xây dựng kế hoạch sản xuất, kinh doanh năm 2024.",
    "Thứ 4, 22.11.2023 | 14:19:00\n724 lượt xem",
    "Sau 10 năm, việc bảo đảm vũ khí đã chuyển biến rõ nét.",
    "Luật pháp về CNQP được hoàn thiện.",
    # dev d04: a kind of document to be written, not a named one
    "Trung tướng yêu cầu cấp ủy các cấp xây dựng chương trình hành động thực hiện nghị quyết sát với thực tiễn đơn vị.",
]


def _find(text: str, dates=()):
    return documents.find(normalise_text(text), dates)


@pytest.mark.parametrize("text,expected", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_documents_fields(text, expected):
    docs = _find(text)
    assert docs, text
    doc = next((d for d in docs if d.kind == expected.get("kind", d.kind)
                and d.symbol == expected.get("symbol", d.symbol)), docs[0])
    got = {k: getattr(doc, k) for k in expected}
    assert got == expected


@pytest.mark.parametrize("text", NO_DOCUMENTS)
def test_documents_none_in_plain_sentences(text):
    assert _find(text) == []


def test_documents_invalid_issue_date_is_dropped_not_guessed():
    (doc,) = _find("Nghị quyết số 12-NQ/TW ngày 31-02-2023 của Bộ Chính trị về công tác cán bộ.")
    assert doc.symbol == "12-NQ/TW" and doc.issued is None


def test_documents_symbol_digits_are_not_a_date_and_year_comes_from_symbol():
    (doc,) = _find("Nghị định 15/2015/NĐ-CP quy định chi tiết.")
    assert doc.issued == "2015" and doc.evidence.text == "Nghị định 15/2015/NĐ-CP"


def test_documents_later_short_mentions_link_to_the_first_full_one():
    text = ("Hội nghị tổng kết Nghị quyết số 806-NQ/QUTW ngày 31-12-2013 của Quân ủy Trung ương về hội nhập quốc tế. "
            "Báo cáo kết quả thực hiện Nghị quyết số 806-NQ/QUTW được thông qua. Nghị quyết 806 đi vào cuộc sống.")
    (doc,) = _find(text)
    assert len(doc.mentions) == 3
    assert doc.evidence == doc.mentions[0] and doc.evidence.text.startswith("Nghị quyết số 806-NQ/QUTW ngày")


def test_documents_number_only_links_to_symbol():
    text = ("Nghị quyết số 08-NQ/TW ngày 26-1-2022 của Bộ Chính trị có ý nghĩa lớn. "
            "Nghị quyết 08 được quán triệt sâu rộng.")
    (doc,) = _find(text)
    assert doc.symbol == "08-NQ/TW" and len(doc.mentions) == 2


def test_documents_coordination_programme_mentions_merge():
    text = ("Ký kết chương trình phối hợp giữa Tổng cục Kỹ thuật và Tổng cục Công nghiệp quốc phòng.\n"
            "Chương trình phối hợp giữa hai tổng cục về công tác kỹ thuật giai đoạn 2023-2025 nhằm thúc đẩy hợp tác.\n"
            "Để thực hiện tốt chương trình phối hợp, hai bên thống nhất.")
    (doc,) = _find(text)
    assert doc.period == "2023-2025" and doc.issuer == "Tổng cục Kỹ thuật; Tổng cục Công nghiệp quốc phòng"
    assert len(doc.mentions) == 3


def test_documents_issue_date_taken_from_dates_stage():
    text = normalise_text("Nghị quyết số 08-NQ/TW ngày 26-1-2022 của Bộ Chính trị.")
    start = text.index("ngày")
    mention = DateMention(Evidence(start, start + 14, text[start:start + 14]),
                          DateValue("2022-01-27", precision="day"), role="issue")
    (doc,) = documents.find(text, [mention])
    assert doc.issued == "2022-01-27"  # the dates stage wins over the fallback reader


def test_documents_named_law_links_to_its_symbol_mention():
    text = ("Bộ Quốc phòng triển khai Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp.\n"
            "Hội nghị quán triệt Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp số 38/2024/QH15.")
    (doc,) = _find(text)
    assert (doc.symbol, doc.kind, doc.issuer) == ("38/2024/QH15", "law", "Quốc hội") and len(doc.mentions) == 2


def test_documents_implausible_years_are_dropped_not_the_symbol():
    (doc,) = documents.find(normalise_text("Nghị định số 15/2090/NĐ-CP giai đoạn 2070-2080 của Chính phủ."),
                            published=dt.date(2023, 11, 22))
    assert (doc.symbol, doc.issued, doc.period) == ("15/2090/NĐ-CP", None, None)


def test_documents_bracketed_issue_date_then_issuer():
    (doc,) = _find("Thực hiện Nghị quyết 08-NQ/TW (ngày 26-1-2022) của Bộ Chính trị về đẩy mạnh phát triển "
                   "công nghiệp quốc phòng đến năm 2030.")
    assert (doc.issuer, doc.issued, doc.horizon) == ("Bộ Chính trị", "2022-01-26", "2030")


def test_documents_run_appends_to_state():
    text = normalise_text("Thực hiện Nghị quyết số 806-NQ/QUTW của Quân ủy Trung ương.")
    state = ParseState.start(Article(path="x.txt", text=text))
    documents.run(state)
    assert [d.symbol for d in state.documents] == ["806-NQ/QUTW"]


FRAGMENTS = [case[0] for case in CASES] + NO_DOCUMENTS + ["(", "”", "số", " ", "\n", "Nghị quyết", "15/2015/", "-NQ/"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=6), st.text(max_size=40))
def test_documents_never_raise_and_offsets_hold(parts, noise):
    text = normalise_text(noise.join(parts))
    for doc in documents.find(text):
        assert doc.kind in DOCUMENT_KINDS
        for ev in doc.mentions:
            assert 0 <= ev.start <= ev.end <= len(text) and text[ev.start:ev.end] == ev.text


# "Ngày X, <body> ban hành <document>": the day at the head of a sentence whose verb issues the document.
ISSUED_BY_SENTENCE = [
    ("Ngày 26-1-2022, Bộ Chính trị ban hành Nghị quyết số 08-NQ/TW về công nghiệp quốc phòng.",
     "08-NQ/TW", "Bộ Chính trị", "2022-01-26"),
    ("Trước đó, vào ngày 5/3/2024, Bộ Quốc phòng đã ban hành Quyết định số 1234/QĐ-BQP về việc phê duyệt đề án.",
     "1234/QĐ-BQP", "Bộ Quốc phòng", "2024-03-05"),
    ("Ngày 7.3.2024, tại Hà Nội, Bộ Quốc phòng ký ban hành Chỉ thị số 12/CT-BQP về công tác huấn luyện.",
     "12/CT-BQP", "Bộ Quốc phòng", "2024-03-07"),
    ("Ngày 20 tháng 7 năm 2023, Thủ tướng Chính phủ phê duyệt Đề án nâng cao năng lực sản xuất vũ khí.",
     "Đề án nâng cao năng lực sản xuất vũ khí", "Thủ tướng Chính phủ", "2023-07-20"),
    ("Ngày 15-12-2024, Thủ tướng Chính phủ đã ký Quyết định số 1526/QĐ-TTg về kế hoạch thi hành Luật.",
     "1526/QĐ-TTg", "Thủ tướng Chính phủ", "2024-12-15"),
    # A state symbol gives the year; the sentence gives the day, in that year.
    ("Ngày 4/2/2025, Chính phủ cũng ban hành Nghị định số 16/2025/NĐ-CP về cơ chế tài chính.",
     "16/2025/NĐ-CP", "Chính phủ", "2025-02-04"),
]


def _extracted(text: str, published: str | None = "2024-03-14"):
    from dashboard.parsing import extract

    return extract(Article(path="x.txt", text=normalise_text("Tiêu đề\n\n" + text), published=published))


@pytest.mark.parametrize("text, label, issuer, issued", ISSUED_BY_SENTENCE, ids=[c[1] for c in ISSUED_BY_SENTENCE])
def test_documents_issue_day_at_the_head_of_the_issuing_sentence(text, label, issuer, issued):
    x = _extracted(text)
    (doc,) = [d for d in x.documents if label in (d.symbol, d.name)]
    assert (doc.issuer, doc.issued) == (issuer, issued)
    assert not x.events  # the day is the document's, not a happening's


@pytest.mark.parametrize("text, symbol", [
    # No issuing verb: the day is the conference's.
    ("Ngày 5/3/2024, Bộ Quốc phòng tổ chức hội nghị quán triệt Nghị quyết số 08-NQ/TW.", "08-NQ/TW"),
    # The verb belongs to the decision named before it; the scheme was approved on another day.
    ("Sáng 5/3/2024, Bộ Quốc phòng công bố Quyết định số 1234/QĐ-TTg phê duyệt Chiến lược phát triển công "
     "nghiệp quốc phòng đến năm 2030.", "Chiến lược"),
    ("Sáng 5/3/2024, Bộ Quốc phòng công bố Quyết định số 1234/QĐ-TTg về việc ban hành Kế hoạch số 15/KH-BQP.",
     "15/KH-BQP"),
    # A programme that is signed has its signing as an event; "ký" issues numbered documents only.
    ("Ngày 8-4-2023, Tổng cục Kỹ thuật và Tổng cục Công nghiệp quốc phòng ký Chương trình phối hợp về đào tạo "
     "giai đoạn 2023-2025.", "Chương trình phối hợp"),
    # A sentence break between the day and the verb.
    ("Ngày 5/3/2024, Bộ Quốc phòng họp. Bộ Chính trị ban hành Nghị quyết số 08-NQ/TW.", "08-NQ/TW"),
])
def test_documents_no_issue_day_from_a_sentence_that_does_not_issue_it(text, symbol):
    docs = [d for d in _extracted(text).documents if symbol in (d.symbol or d.name or "")]
    assert docs and all(d.issued is None for d in docs)


def test_documents_sentence_day_outside_the_symbols_year_or_counted_from_another_day_is_not_taken():
    # The day is not in 2025: the symbol's year stands.
    (doc,) = _extracted("Ngày 4/2/2024, Chính phủ ban hành Nghị định số 16/2025/NĐ-CP về cơ chế tài chính.").documents
    assert doc.issued == "2025"
    # "Cùng ngày" counts from the text's previous day, here another story's (held-out 004).
    x = _extracted("Luật được Quốc hội thông qua ngày 27/6/2024.\n\nCùng ngày, Bộ Quốc phòng ban hành Quyết định "
                   "số 1234/QĐ-BQP về công tác kỹ thuật.")
    assert [d.issued for d in x.documents if d.symbol == "1234/QĐ-BQP"] == [None]


def test_documents_issue_day_after_the_symbol_wins_over_the_sentence_day():
    (doc,) = _extracted("Ngày 5/3/2024, Bộ Quốc phòng ban hành Nghị quyết số 08-NQ/TW ngày 26-1-2022 "
                        "của Bộ Chính trị.").documents
    assert (doc.issuer, doc.issued) == ("Bộ Chính trị", "2022-01-26")

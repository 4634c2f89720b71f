"""Reading users' files: every kind of bad input gives a record or an error, never an exception."""
from __future__ import annotations

import codecs
import json
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT

from dashboard.decode import decode_bytes, DecodeFailure
from dashboard.sources import iter_input_files, normalise_published, read_path, skipped_note

VN = ("Sáng 22-11, Tổng cục Công nghiệp Quốc phòng tổ chức Hội nghị tổng kết 10 năm thực hiện "
      "Nghị quyết số 806-NQ/QUTW. Thượng tướng Phùng Sĩ Tấn phát biểu chỉ đạo về hòa bình, thủy lợi.\n")
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: precomposed base letters, combining tones."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
            out += (base + "".join(c for c in nfd if c in _TONES)).encode("cp1258")
    return out


def one(path):
    records = read_path(path)
    assert len(records) == 1
    return records[0]


# (file name, bytes, expected encoding, a warning that must appear or None)
GOOD = [
    ("plain.txt", VN.encode(), "utf-8", None),
    ("bom.txt", codecs.BOM_UTF8 + VN.encode(), "utf-8-sig", None),
    ("utf16_bom.txt", VN.encode("utf-16"), "utf-16-le", None),
    ("utf16le_nobom.txt", VN.encode("utf-16-le"), "utf-16-le", "byte pattern"),
    ("utf16be_nobom.txt", VN.encode("utf-16-be"), "utf-16-be", "byte pattern"),
    ("cp1258.txt", to_cp1258(VN), "cp1258", "cp1258"),
    ("nfd.txt", unicodedata.normalize("NFD", VN).encode(), "utf-8", "NFD"),
    ("few_bad_bytes.txt", VN.encode() * 30 + b"\xff tail", "utf-8", "replaced"),
    ("crlf.md", VN.replace("\n", "\r\n").encode(), "utf-8", None),
]


@pytest.mark.parametrize("name,data,encoding,warning", GOOD, ids=[g[0] for g in GOOD])
def test_sources_decodes_every_encoding_to_the_same_nfc_text(tmp_path, name, data, encoding, warning):
    path = tmp_path / name
    path.write_bytes(data)
    rec = one(path)
    assert rec.error is None and rec.encoding == encoding
    assert rec.article.text.startswith(VN.strip()[:60])
    assert rec.article.text == unicodedata.normalize("NFC", rec.article.text)
    assert "\r" not in rec.article.text
    if warning:
        assert any(warning in w for w in rec.warnings), rec.warnings
    assert len(rec.content_hash) == 64


BAD = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n\t ", "empty"),
    ("nul.txt", b"abc\x00def" * 50, "binary"),
    ("controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 50 + b"text", "binary"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
    ("pdf.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
    ("random_high.txt", bytes(0x80 + (i * 37) % 120 for i in range(3000)), "undecodable"),
]


@pytest.mark.parametrize("name,data,reason", BAD, ids=[b[0] for b in BAD])
def test_sources_quarantines_bad_files_with_a_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    rec = one(path)
    assert rec.article is None
    assert rec.error[0] == reason and rec.error[1]


def test_sources_oversize_file_is_quarantined_without_reading_it_whole(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(VN.encode() * 100)
    assert one(path).error is None
    small_limit = read_path(path, max_bytes=1000)[0]
    assert small_limit.error[0] == "too_large" and str(path.stat().st_size) in small_limit.error[1]
    assert "--max-bytes" in small_limit.error[1]  # the way out, in the quarantine reason
    assert len(small_limit.content_hash) == 64  # still hashed, so an unchanged big file is skipped next time


def test_sources_missing_and_folder_paths_are_errors_not_exceptions(tmp_path):
    assert one(tmp_path / "nope.txt").error[0] == "not_found"
    assert one(tmp_path).error[0] == "unreadable"


def test_sources_html_drops_scripts_and_navigation_and_reads_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Tiêu đề bài báo</title>"
        '<meta property="article:published_time" content="2023-11-22T14:19:00+07:00">'
        '<meta property="og:url" content="https://www.qdnd.vn/bai-bao">'
        '<meta property="og:site_name" content="qdnd.vn">'
        "<script>var tracking = 1;</script><style>p{color:red}</style></head><body>"
        "<nav>Trang chủ | Quốc phòng</nav><div><p>Sáng 22-11, hội nghị&nbsp;tổng kết.</p>"
        "<p>Đoạn <b>thứ</b> hai.<br>Dòng mới.</p></div><footer>Bản quyền</footer></body></html>",
        encoding="utf-8")
    a = one(path).article
    assert a.title == "Tiêu đề bài báo" and a.text.startswith("Tiêu đề bài báo\n\n")
    assert a.title_evidence.text == a.text[a.title_evidence.start:a.title_evidence.end]
    assert a.published == "2023-11-22T14:19" and a.url == "https://www.qdnd.vn/bai-bao" and a.source == "qdnd.vn"
    assert "Sáng 22-11, hội nghị tổng kết." in a.text and "Đoạn thứ hai.\nDòng mới." in a.text
    for junk in ("tracking", "color", "Trang chủ", "Bản quyền"):
        assert junk not in a.text


@pytest.mark.parametrize("page_title, title", [
    # dev d15, held-out 006: the site's name after the headline
    ("Thủ tướng chủ trì Hội nghị triển khai Chương trình hành động thực hiện Nghị quyết 08 về công nghiệp quốc phòng"
     " | VOV.VN",
     "Thủ tướng chủ trì Hội nghị triển khai Chương trình hành động thực hiện Nghị quyết 08 về công nghiệp quốc phòng"),
    ("Bộ Quốc phòng và Bộ Công an ký kết Quy chế phối hợp | Báo Quân đội Nhân dân",
     "Bộ Quốc phòng và Bộ Công an ký kết Quy chế phối hợp"),
    ("QĐND Online | Quốc hội thông qua Luật Quốc phòng", "Quốc hội thông qua Luật Quốc phòng"),  # or before it
    ("Quốc phòng | An ninh", "Quốc phòng | An ninh"),  # no part reads as a headline: kept
    ("Hội nghị tổng kết - Báo Quân đội", "Hội nghị tổng kết - Báo Quân đội"),  # " - " is a headline's own dash
])
def test_sources_html_title_without_the_sites_name(tmp_path, page_title, title):
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>{page_title}</title></head><body><p>Sáng 22-11, hội nghị tổng kết.</p>"
                    "</body></html>", encoding="utf-8")
    a = one(path).article
    assert a.title == title and a.text.startswith(title + "\n\n")


def test_sources_html_title_is_the_pages_heading_when_the_title_adds_the_site(tmp_path):
    """Held-out 002: "<heading> - Cổng TTĐT Bộ Quốc phòng"; with its <h1> the heading alone. A " - " inside a
    headline stays when the heading says so too."""
    heading = "Quân ủy Trung ương, Bộ Quốc phòng quán triệt Nghị quyết về đẩy mạnh phát triển công nghiệp quốc phòng"
    for page_title, h1, title in [(f"{heading} - Cổng TTĐT Bộ Quốc phòng", heading, heading),
                                  ("Việt Nam - Belarus thúc đẩy hợp tác", "Việt Nam - Belarus thúc đẩy hợp tác",
                                   "Việt Nam - Belarus thúc đẩy hợp tác"),
                                  (f"{heading} - Cổng TTĐT Bộ Quốc phòng", None, f"{heading} - Cổng TTĐT Bộ Quốc phòng")]:
        path = tmp_path / "page.html"
        body = f"<h1 class='title'>{h1}</h1>" if h1 else ""
        path.write_text(f"<html><head><title>{page_title}</title></head><body>{body}<p>Sáng 22-11, hội nghị.</p>"
                        "</body></html>", encoding="utf-8")
        assert one(path).article.title == title


def test_sources_html_in_legacy_encoding_uses_its_declared_charset(tmp_path):
    path = tmp_path / "old.htm"
    path.write_bytes(b'<html><head><meta charset="windows-1258"><title>T</title></head><body><p>'
                     + to_cp1258(VN) + b"</p></body></html>")
    rec = one(path)
    assert rec.error is None and "Phùng Sĩ Tấn" in rec.article.text


def test_sources_json_record_with_missing_fields_warns(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"content": VN}), encoding="utf-8")
    rec = one(path)
    assert rec.error is None and rec.article.text == VN.strip()
    assert {"missing field: title", "missing field: url", "missing field: published"} <= set(rec.warnings)


def test_sources_json_without_text_is_an_error(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": "Chỉ có tiêu đề", "url": "https://x"}), encoding="utf-8")
    assert one(path).error[0] == "no_text"
    path.write_text("{not json", encoding="utf-8")
    assert one(path).error[0] == "invalid_json"


def test_sources_json_list_gives_one_record_each_with_title_first(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([
        {"title": "Bài một", "body": VN, "url": "https://a", "published": "22/11/2023 14:19"},
        {"title": "Bài hai", "text": "<p>Đoạn một</p><p>Đoạn hai</p>", "published": "2023-11-23"},
    ]), encoding="utf-8")
    first, second = read_path(path)
    assert first.path.endswith("list.json#1") and second.path.endswith("list.json#2")
    assert first.article.text.startswith("Bài một\n\nSáng 22-11") and first.article.published == "2023-11-22T14:19"
    assert second.article.text == "Bài hai\n\nĐoạn một\n\nĐoạn hai"
    assert first.content_hash != second.content_hash


def test_sources_jsonl_bad_lines_do_not_hide_good_ones(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"title": "A", "text": VN, "url": "u", "published": "2023-11-22"}), "",
             "{broken", json.dumps(["not", "an", "object"]), json.dumps({"title": "no body"})]
    path.write_text("\n".join(lines), encoding="utf-8")
    recs = read_path(path)
    assert [r.path.rsplit("#", 1)[1] for r in recs] == ["1", "3", "4", "5"]
    assert [r.error and r.error[0] for r in recs] == [None, "invalid_json", "not_an_object", "no_text"]


def test_sources_jsonl_lone_surrogate_costs_one_character_not_the_file(tmp_path):
    """JSON may escape half a UTF-16 pair ("\\ud800"); that record is kept with U+FFFD, and the others too.

    Before, the whole file was quarantined as an internal error (UTF-8 hashing refused the surrogate).
    """
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([
        '{"title": "Lỗi \\udc00 mã", "text": "Sáng 22-11, Bộ Quốc phòng họp \\ud800 tổng kết."}',
        '{"title": "Biểu tượng \\ud83d\\ude00", "text": "Ngày 5/3/2024, Tổng cục Kỹ thuật họp."}',  # a whole pair
        json.dumps({"title": "Bình thường", "text": VN}),
    ]), encoding="utf-8")
    broken, paired, plain = read_path(path)
    assert broken.error is None and broken.article.title == "Lỗi \ufffd mã"
    assert "Bộ Quốc phòng họp \ufffd tổng kết." in broken.article.text
    assert "lone UTF-16 surrogate escape in the JSON replaced by U+FFFD" in broken.warnings
    assert paired.article.title == "Biểu tượng \U0001F600" and not any("surrogate" in w for w in paired.warnings)
    assert plain.error is None and not any("surrogate" in w for w in plain.warnings)
    listed = tmp_path / "list.json"
    listed.write_text('[{"text": "Hội nghị \\udfff."}, {"text": "Ngày 5/3/2024 họp."}]', encoding="utf-8")
    assert [r.error for r in read_path(listed)] == [None, None]


def test_sources_json_metadata_that_is_not_text_is_ignored_with_a_warning(tmp_path):
    """A list or object as title, url or source must not become its Python repr ("['x']") nor lose the article."""
    path = tmp_path / "list.json"
    path.write_text(json.dumps([
        {"text": VN, "title": ["Bài", "một"], "url": {"href": "https://a"}, "source": ["qdnd"]},
        {"text": VN, "title": 2023, "url": "https://b"},
    ]), encoding="utf-8")
    odd, number = read_path(path)
    assert odd.error is None and (odd.article.title, odd.article.url, odd.article.source) == (None, None, None)
    assert {"title field is a list, not text: ignored", "url field is a dict, not text: ignored",
            "source field is a list, not text: ignored"} <= set(odd.warnings)
    assert number.article.title == "2023" and number.article.url == "https://b"


def test_sources_iter_input_files_expands_folders_sorted_and_keeps_missing(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/z.txt", "a.html", "b/c.jsonl", "skip.pdf", ".hidden.txt", "m.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    files = iter_input_files([tmp_path, tmp_path / "a.html", tmp_path / "missing.txt"])
    rel = [p.relative_to(tmp_path).as_posix() for p in files]
    assert rel == ["a.html", "b/c.jsonl", "b/z.txt", "m.md", "missing.txt"]


def test_sources_a_folder_marked_not_articles_is_skipped_and_named_unless_named_itself(tmp_path):
    for name in ("news/a.txt", "news/gold/a.json", "news/gold/deep/b.txt", "news/other/c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "news/gold/.not-articles").write_text("gold annotations", encoding="utf-8")
    skipped: list = []
    files = iter_input_files([tmp_path / "news"], skipped)
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["news/a.txt", "news/other/c.txt"]
    assert skipped == [tmp_path / "news/gold"]
    assert "news/gold" in skipped_note(skipped) and skipped_note([]) == ""
    # Named itself, the folder is read: the user asked for it.
    named = iter_input_files([tmp_path / "news/gold"], skipped := [])
    assert [p.name for p in named] == ["a.json", "b.txt"] and skipped == []


def test_sources_ingest_of_the_repos_data_folder_reads_the_samples_only(tmp_path):
    """data/ holds the sample articles and, in marked folders, the gold annotations and evaluation sets:
    `ingest data` read their JSON and READMEs as news (45 quarantined, 2 READMEs stored as articles)."""
    from dashboard.store.ingest import ingest

    summary = ingest([str(ROOT / "data")], str(tmp_path / "s.duckdb"), workers=1)
    assert (summary.added, summary.quarantined, summary.files) == (5, 0, 5)
    assert sorted(Path(p).name for p in summary.skipped) == ["eval", "gold"]
    assert "Not read: " in summary.paragraph() and ".not-articles" in summary.paragraph()


@pytest.mark.parametrize("value,expected", [
    ("2023-11-22", "2023-11-22"), ("2023-11-22T14:19:00+07:00", "2023-11-22T14:19"),
    ("22/11/2023", "2023-11-22"), ("22.11.2023 | 14:19", "2023-11-22T14:19"), ("31-02-2023", None),
    ("hôm qua", None),
    # RSS pubDate (RFC 2822) and other English forms: the time as written, no zone shift.
    ("Wed, 22 Nov 2023 08:00:00 +0700", "2023-11-22T08:00"), ("Wed, 22 Nov 2023 23:10:00 GMT", "2023-11-22T23:10"),
    ("22 Nov 2023", "2023-11-22"), ("Nov 22, 2023", "2023-11-22"), ("November 22, 2023 8:05 PM", "2023-11-22T20:05"),
    ("December 1st, 2023, 12:30 AM", "2023-12-01T00:30"), ("Sept 3, 2023", "2023-09-03"),
    ("22 Sep. 2023", "2023-09-22"), ("Mon, 31 Feb 2023 10:00:00 +0000", None), ("Maybe 5 2023", None),
    # Vietnamese words, NFD too.
    ("Thứ Tư, ngày 22 tháng 11 năm 2023 - 08:05", "2023-11-22T08:05"), ("22 Tháng 11, 2023", "2023-11-22"),
    (unicodedata.normalize("NFD", "22 tháng 11 năm 2023"), "2023-11-22"), ("tháng 11 năm 2023", None),
    ("2023-11-22T14:99", "2023-11-22"),
])
def test_sources_normalise_published(value, expected):
    assert normalise_published(value) == expected


def test_sources_rss_publication_date_anchors_the_articles_day_month_dates(tmp_path):
    """A feed made from RSS carries RFC 2822 dates; without them "Sáng 20-11" had no year."""
    from dashboard.parsing import extract

    path = tmp_path / "rss.jsonl"
    path.write_text(json.dumps({"title": "Hội nghị", "published": "Wed, 22 Nov 2023 08:00:00 +0700",
                                "text": "Sáng 20-11, Tổng cục Công nghiệp quốc phòng tổ chức hội nghị tổng kết."},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    [record] = read_path(path)
    assert record.article.published == "2023-11-22T08:00"
    assert not any("publication date" in w for w in record.warnings)
    assert [e.date.start for e in extract(record.article).events] == ["2023-11-20"]


def test_sources_decode_never_raises_anything_but_decode_failure():
    import random

    rng = random.Random(7)
    for _ in range(300):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 200)))
        try:
            decoded = decode_bytes(data)
        except DecodeFailure as exc:
            assert exc.reason in {"empty", "binary", "undecodable"}
        else:
            assert decoded.text.strip()


def test_sources_fast_normalisation_equals_normalise_text(samples_dir):
    """``sources.normalised`` skips work only when ``normalise_text`` would change nothing."""
    import random

    from dashboard.text import normalise_text
    from dashboard.sources import normalised

    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir.iterdir())]
    alphabet = list("aăâeêioôơuưyAOUYđ qQ\r\n\t\u00a0\u200b\u00ad\ufeff,.-") + list(_TONES) + list(
        "àáảãạèéẻẽẹỳýỷỹỵÀÉỲoaueyhòaĐuỷ")
    rng = random.Random(3)
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40))) for _ in range(3000)]
    texts += ["hoà bình", "thuỷ lợi", "khoẻ", "Hoà", "quý", "hoàng", "HOÀ", "tàu thuỷ"]
    for t in texts:
        assert normalised(t) == normalise_text(t), repr(t)

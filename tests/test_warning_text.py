"""Warnings are stored in English and shown in Vietnamese: every form the readers and the parser write.

The warnings come from the real producers (decoding, JSON records, the parser,
the undated-article inference, the worker's publication-date check), through a
real ingest; the test reads them back from the store, as the pages do.
"""
from __future__ import annotations

import json
import re
import unicodedata

import duckdb
import pytest

from dashboard.store.ingest import ingest
from dashboard.warning_text import shown
from test_sources import VN, to_cp1258

#: Words of the English forms: none may be left in a Vietnamese warning (quoted article text aside).
ENGLISH = re.compile(r"\b(?:date|dropped|unresolved|publication|event|undated|inferred|signing|review|document|"
                     r"decoded|byte-order|undecodable|replaced|decomposed|field|missing|markup|ignored|"
                     r"published|latest|explicit|after|read|surrogate|extraction|failed)\b")


def _unquoted(text: str) -> str:
    """``text`` without the article's own words, quoted in single quotes."""
    return re.sub(r"'[^']*'", "''", text)


@pytest.fixture(scope="module")
def stored_warnings(tmp_path_factory) -> list[str]:
    d = tmp_path_factory.mktemp("warn") / "in"
    d.mkdir()
    (d / "undated.txt").write_text(
        "Sáng 22-11, Tổng cục Kỹ thuật tổ chức Hội nghị tổng kết 10 năm thực hiện Nghị quyết số 806-NQ/QUTW "
        "ngày 31-12-2013 của Quân ủy Trung ương.\nNgày 32-13-2023, Bộ Quốc phòng họp.\n"
        "Tổng cục Kỹ thuật và Tổng cục Công nghiệp quốc phòng ký kết Chương trình phối hợp giai đoạn 2023-2025.\n",
        encoding="utf-8")
    (d / "relative.txt").write_text("Sáng nay, Tổng cục Kỹ thuật họp bàn công tác.\n", encoding="utf-8")
    (d / "dayafter.txt").write_text("Hôm sau, Tổng cục Kỹ thuật tổ chức hội nghị tổng kết.\n", encoding="utf-8")
    (d / "legacy.txt").write_bytes(to_cp1258(VN + " Bản cũ."))
    (d / "utf16.txt").write_bytes((VN + " Bản UTF-16.").encode("utf-16-le"))
    (d / "bad_byte.txt").write_bytes((VN + " Hỏng ").encode() + b"\xff")
    (d / "nfd.txt").write_text(unicodedata.normalize("NFD", VN + " Bản tổ hợp."), encoding="utf-8")
    (d / "fields.json").write_text(json.dumps({"title": ["a"], "text": f"<p>{VN} Bản JSON.</p>",
                                               "published": "sometime"}, ensure_ascii=False), encoding="utf-8")
    (d / "future.json").write_text('{"title": "x \\ud800 y", "url": "u", "published": "2032-11-22", "text": %s}'
                                   % json.dumps(VN + " Ngày mai."), encoding="utf-8")
    db = d.parent / "s.duckdb"
    summary = ingest([d], db, workers=1)
    assert summary.quarantined == 0 and summary.duplicates == 0, summary.paragraph()
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT warnings, inferred_reason FROM articles").fetchall()
    finally:
        con.close()
    return [w for raw, reason in rows for w in json.loads(raw) + ([reason] if reason else [])]


#: One phrase of each form the fixture's inputs must produce (else the test would prove nothing about it).
PRODUCED = ("no year and no publication date", "relative day and no publication date", "dropped (month 13)",
            "no earlier dated day to count from",
            "left undated", "inferred:", "review of 10 years", "signing of a document", "published on or after",
            "not UTF-8", "no byte-order mark", "undecodable byte", "decomposed (NFD)", "missing field: url",
            "title field is a list", "HTML markup", "unreadable publication date", "surrogate",
            "is after the day the article was read")


def test_warning_text_every_stored_warning_reads_in_vietnamese(stored_warnings):
    for phrase in PRODUCED:
        assert any(phrase in w for w in stored_warnings), (phrase, stored_warnings)
    for w in stored_warnings:
        vi = shown(w, "vi")
        assert vi != w, f"not translated: {w}"
        assert not ENGLISH.search(_unquoted(vi)), (w, vi)
        assert shown(w, "en") == w  # English shows the stored sentence


def test_warning_text_keeps_the_article_words_and_numbers():
    w = "events: event on 'Sáng 22-11' left undated: unresolved date 'Sáng 22-11': no year and no publication date"
    assert shown(w, "vi") == ("sự kiện ở 'Sáng 22-11' chưa có ngày: chưa xác định được ngày 'Sáng 22-11': "
                              "không ghi năm và bài không có ngày đăng")
    w = "publication date 2032-11-22 is after the day the article was read (2026-11-22)"
    assert shown(w, "vi") == "ngày đăng 2032-11-22 muộn hơn ngày đọc bài (2026-11-22)"
    assert shown("title field is a dict, not text: ignored", "vi") == "trường title là đối tượng, không phải văn bản: bỏ qua"


def test_warning_text_an_unknown_form_is_shown_as_stored():
    for w in ("something new the parser says", "", "dates: unresolved date without quotes",
              "utf-16-le byte-order mark but invalid utf-16-le data: a reason no codec gave before",
              "Expecting a miracle: line 1 column 2 (char 1)"):
        assert shown(w, "vi") == w


def test_warning_text_quarantine_reasons_every_code_the_readme_lists():
    from pathlib import Path

    from dashboard.warning_text import reason

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"Short machine-readable reason: ([a-z_, ]+)", readme).group(1).strip().split(", ")
    assert len(listed) >= 10
    for code in listed:
        vi = reason(code, "vi")
        assert vi.endswith(f"({code})") and len(vi) > len(code) + 3, (code, vi)
        assert reason(code, "en") == code
    assert reason("something_new", "vi") == "something_new" and reason(None, "vi") == ""


def test_warning_text_quarantine_details_read_in_vietnamese(tmp_path):
    """Every detail our readers write for a quarantined file, the JSON decoder's and the codecs' messages too."""
    d = tmp_path / "in"
    d.mkdir()
    files = {"empty.txt": b"", "blank.txt": b"  \n\t\n", "scan.pdf.txt": b"%PDF-1.7 ...", "nul.txt": b"abc\x00def",
             "controls.txt": bytes(range(1, 9)) * 50, "latin.txt": bytes(range(0xc0, 0xff)) * 20,
             "list.json": b"[1]", "string.json": b'"a string"', "notext.json": b'{"title": "x"}', "emptylist.json": b"[]",
             "blank.jsonl": b"\n\n", "big.txt": VN.encode() * 400, "broken.json": b'{"text": ',
             # the JSON decoder's messages, one file each
             "colon.json": b'{"text" "x"}', "comma.json": b'{"text": "x" "y": 1}', "name.json": b"{text: 1}",
             "unterminated.json": b'{"text": "abc', "control.json": ('{"text": "%s\x01"}' % VN).encode(),
             "escape.json": b'{"text": "\\q"}', "uescape.json": b'{"text": "\\u12"}', "extra.json": b'{"text": "a"} x',
             # a byte-order mark over data its codec cannot read
             "bom16.txt": b"\xff\xfe\x00\xd8", "bom16odd.txt": b"\xff\xfe" + "Tin".encode("utf-16-le") + b"\x00",
             "bom8.txt": b"\xef\xbb\xbf" + VN.encode() + b"\xff",
             "bom32.txt": b"\xff\xfe\x00\x00" + b"\x00\x00\x11\x00"}
    for name, data in files.items():
        (d / name).write_bytes(data)
    db = tmp_path / "s.duckdb"
    summary = ingest([d, tmp_path / "missing.txt"], db, workers=1, max_bytes=50_000)
    details = {p.rsplit("/", 1)[-1]: (r, detail) for p, r, detail in summary.errors}
    assert len(details) == len(files) + 1, details  # each bad file (and the missing one) quarantined once
    assert {details[n][0] for n in files if n.endswith(".json") and n not in (
        "list.json", "string.json", "notext.json", "emptylist.json")} == {"invalid_json"}
    assert {details[n][0] for n in files if n.startswith("bom")} == {"undecodable"}
    for name, (code, detail) in details.items():
        vi = shown(detail, "vi")
        assert vi != detail, f"not translated: {name}: {detail}"
        assert not ENGLISH.search(_unquoted(vi).replace("--max-bytes", "")), (detail, vi)

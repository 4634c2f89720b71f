"""The app's pure helpers: upload rules and escaped highlighting (no Streamlit needed)."""
from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.app import uploads
from dashboard.app.highlight import Span, highlight_html


@pytest.mark.parametrize(
    "name, expected",
    [
        ("bài viết.txt", "bai_viet.txt"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\x.json", "x.json"),
        ("C:\\Users\\a\\Đổi mới.HTML", "Doi_moi.html"),
        ("....", "upload"),
        (".hidden.txt", "hidden.txt"),
        ("a/b/../c.jsonl", "c.jsonl"),
        ("x" * 500 + ".txt", "x" * 80 + ".txt"),
        ("<script>.txt", "script.txt"),
    ],
)
def test_uploads_safe_name_keeps_basename_and_whitelist(name, expected):
    assert uploads.safe_name(name) == expected


def test_uploads_check_refuses_type_size_and_empty():
    assert uploads.check("a.txt", 10).ok
    assert uploads.check("a.exe", 10).reason == "upload_bad_type"
    assert uploads.check("a.txt", uploads.MAX_BYTES + 1).reason == "upload_too_large"
    assert uploads.check("a.txt", 0).reason == "upload_empty"
    assert uploads.check("../a.pdf", 10).reason == "upload_bad_type"


def test_uploads_save_never_leaves_the_folder(tmp_path: Path):
    folder = tmp_path / "uploads"
    for name in ("../../escape.txt", "/abs/path.txt", "..\\x.txt", "ok.txt"):
        path = uploads.save(folder, name, b"hello")
        assert path.parent == folder.resolve()
    assert not (tmp_path / "escape.txt").exists()


def test_highlight_escapes_everything_but_its_own_marks():
    text = 'Ngày 22-11 <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>'
    out = highlight_html(text, [Span(0, 10, "date"), Span(11, 19, "organisation"), Span(5, 8, "person")])
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "[x](javascript:alert(2))" in out
    assert out.count("<mark") == 2  # the overlapping shorter span is dropped, not nested


def test_highlight_ignores_out_of_range_spans():
    out = highlight_html("abc", [Span(2, 10, "date"), Span(-1, 1, "date"), Span(0, 1, "nope")])
    assert "<mark" not in out and "abc" in out


def test_app_labels_have_both_languages_and_fall_back_to_i18n():
    from dashboard.app.labels import APP_LABELS, tr

    assert all(set(entry) == {"vi", "en"} and all(entry.values()) for entry in APP_LABELS.values())
    assert tr("page_timeline", "en") == "Timeline"  # an i18n key
    assert tr("no such key", "vi") == "no such key"


@pytest.mark.parametrize("symbol,name,expected", [
    ("38/2024/QH15", "Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp",
     "Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp"),
    ("08-NQ/TW", "Nghị quyết số 08-NQ/TW", ""),  # repeats the symbol
    (None, "Chiến lược Quốc phòng Việt Nam", ""),  # known by its name already: the label is the name
    ("22/2018/QH14", None, ""),
    (float("nan"), float("nan"), ""),  # pandas' missing values
])
def test_document_own_name_only_when_it_says_more_than_the_symbol(symbol, name, expected):
    from dashboard.query import own_name

    assert own_name(symbol, name) == expected

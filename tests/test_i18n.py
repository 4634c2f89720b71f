"""Labels: every key in both languages, every code of the model labelled."""
from __future__ import annotations

import string

import pytest

from dashboard import i18n
from dashboard.model import DOCUMENT_KINDS, EVENT_KINDS


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.LABELS))
def test_i18n_every_key_has_both_languages(key):
    entry = i18n.LABELS[key]
    assert set(entry) == set(i18n.LANGS)
    assert all(entry[lang].strip() for lang in i18n.LANGS)
    assert placeholders(entry["vi"]) == placeholders(entry["en"])


@pytest.mark.parametrize("table, codes", [(i18n.EVENT_KIND_LABELS, EVENT_KINDS),
                                          (i18n.DOCUMENT_KIND_LABELS, DOCUMENT_KINDS)])
def test_i18n_every_model_code_is_labelled(table, codes):
    assert set(table) == set(codes)
    for labels in table.values():
        assert set(labels) == set(i18n.LANGS) and all(labels.values())


def test_i18n_vietnamese_is_the_default_and_unknowns_never_raise():
    assert i18n.t("page_timeline") == "Dòng thời gian"
    assert i18n.t("page_timeline", "en") == "Timeline"
    assert i18n.t("page_timeline", "xx") == "Dòng thời gian"
    assert i18n.t("no_such_key", "en") == "no_such_key"
    assert i18n.kind_label("review_conference") == "Hội nghị tổng kết/sơ kết"
    assert i18n.kind_label("review_conference", "en") == "Review conference"
    assert i18n.kind_label("bogus", "en") == "bogus"
    assert i18n.doc_kind_label("decree", "vi") == "Nghị định" and i18n.doc_kind_label("?", "en") == "?"


def test_i18n_org_label_falls_back():
    assert i18n.org_label("Tổng cục Kỹ thuật", None, "en") == "General Department of Technology"
    assert i18n.org_label("Tổng cục Kỹ thuật", "GDT", "en") == "GDT"
    assert i18n.org_label("Tổng cục Kỹ thuật", "GDT", "vi") == "Tổng cục Kỹ thuật"
    assert i18n.org_label("Nhà máy Z999", None, "en") == "Nhà máy Z999"  # known nowhere: stays Vietnamese
    # in the reviewed vocabulary (not in the short table): its English name
    assert i18n.org_label("Nhà máy Z111", None, "en") == "Factory Z111"
    assert i18n.org_label("Quốc hội", None, "en") == "National Assembly"


def test_i18n_count_label_in_both_languages():
    assert i18n.count_label(12, 1234, "vi") == "12 / 1.234 sự kiện"
    assert i18n.count_label(12, 1234, "en") == "12 / 1,234 events"


def test_i18n_known_organisations_have_english_names():
    assert {"Tổng cục Công nghiệp quốc phòng", "Tổng cục Kỹ thuật", "Bộ Quốc phòng"} <= set(i18n.ORG_EN)


@pytest.mark.parametrize("module", ["dashboard/i18n.py", "dashboard/app/labels.py", "dashboard/warning_text.py"])
def test_label_tables_have_no_repeated_key(module):
    """A key written twice in a dict literal silently keeps the last value (a new "col_people" once
    hid behind an old one): every key of the label tables is written once."""
    import ast
    from collections import Counter
    from pathlib import Path

    tree = ast.parse((Path(__file__).resolve().parent.parent / module).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = Counter(k.value for k in node.keys if isinstance(k, ast.Constant))
            assert [k for k, n in keys.items() if n > 1] == [], module

"""normalise_text against its definition on decomposed text, and fold's search key.

The production code applies the old-style tone rule to NFC text directly (cheaper);
``reference_normalise`` below is the rule as first written, on NFD text. Hypothesis
feeds both strings built from the characters the rule cares about, so any
disagreement on a boundary (next letter, stacked marks, "qu") fails here.
"""
from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings, strategies as st

from dashboard.text import fold, normalise_text

_TONES = "\u0300\u0301\u0309\u0303\u0323"
_NOT_LETTER = r"(?![a-zA-Z\u0111\u0110\u0300-\u036f])"
_OLD = re.compile(
    r"([oO])([aAeE])([" + _TONES + r"])" + _NOT_LETTER
    + r"|(?<![qQ])([uU])([yY])([" + _TONES + r"])" + _NOT_LETTER
)


def _move(m: re.Match) -> str:
    if m.group(1):
        return m.group(1) + m.group(3) + m.group(2)
    return m.group(4) + m.group(6) + m.group(5)


def reference_normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u200b-\u200d\u2060\ufeff\u00ad]", "", text)
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]", " ", text)
    return unicodedata.normalize("NFC", _OLD.sub(_move, unicodedata.normalize("NFD", text)))


_PIECES = ["o", "O", "u", "U", "q", "Q", "a", "e", "y", "Y", "A", "E", "n", "g", "h", " ", ".", "đ", "ơ", "ư",
           "à", "á", "ả", "ã", "ạ", "è", "é", "ẻ", "ẽ", "ẹ", "ỳ", "ý", "ỷ", "ỹ", "ỵ", "Ỳ", "Ý", "ặ", "ậ", "ệ",
           "ấ", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323", "\u0302", "\u0306", "\u031b",
           "\u200b", "\u00ad", "\u00a0", "\r\n", "\r", "\t", "1", "é", "ñ", "α"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_normalise_matches_the_decomposed_definition(pieces):
    text = "".join(pieces)
    for form in (text, unicodedata.normalize("NFD", text), unicodedata.normalize("NFC", text)):
        assert normalise_text(form) == reference_normalise(form), ascii(form)


def test_old_style_tones_move_only_at_the_end_of_a_syllable():
    assert normalise_text("hoà bình, khoẻ, thuỷ quân, Hoà") == "hòa bình, khỏe, thủy quân, Hòa"
    assert normalise_text("hoàng, khuya, quý, hoạch, tuỳ") == "hoàng, khuya, quý, hoạch, tùy"
    assert normalise_text(unicodedata.normalize("NFD", "Hoà Bình")) == "Hòa Bình"


def test_spaces_and_invisible_characters():
    assert normalise_text("Bộ\u00a0Quốc\u200bphòng\r\nngày\t1") == "Bộ Quốcphòng\nngày 1"


def test_fold_is_the_diacritic_free_lower_case_key():
    assert fold("Tổng cục Kỹ thuật") == "tong cuc ky thuat"
    assert fold("ĐẢNG ỦY") == "dang uy"


def reference_fold(text: str) -> str:
    nfd = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in nfd if not unicodedata.combining(ch)).replace("đ", "d")


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["Đ", "Ổ", "ỹ", "\u0483", "\u1dc0", "\u20d0", "ç", "Ω", "\u034f"]), max_size=12))
def test_fold_matches_its_definition(pieces):
    # combining marks outside U+0300-U+036F (U+0483, U+1DC0, U+20D0) must take the slow path;
    # the grapheme joiner U+034F is not combining and stays
    text = "".join(pieces)
    assert fold(text) == reference_fold(text), ascii(text)

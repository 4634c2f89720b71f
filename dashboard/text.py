"""Text normalisation applied once, before any offset is taken.

- Unicode NFC (decomposed NFD text from some CMSs and Windows-1258 files becomes
  composed).
- Old-style tone-mark placement ("hoà", "thuỷ", "khoẻ") becomes the new style
  used by most outlets ("hòa", "thủy", "khỏe"), so that the same word always has
  the same code points. The swap keeps the string length.
- Non-breaking and other exotic spaces become plain spaces; zero-width
  characters and soft hyphens are removed; CRLF/CR become LF.

All offsets in an ``Extraction`` index into the output of ``normalise_text``.
``fold`` gives the diacritic-insensitive lower-case key used for search.

It lives outside ``dashboard.parsing`` because the query layer, the store and the
app need ``fold`` too: importing it from the parsing package loaded every stage
and compiled all of its patterns on the app's start.
"""
from __future__ import annotations

import re
import unicodedata

# Tone marks as combining characters (NFD): grave, acute, hook above, tilde, dot below.
_TONES = "\u0300\u0301\u0309\u0303\u0323"
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# Old style puts the tone on the second vowel of a final "oa", "oe", "uy"
# ("hoà", "khoẻ", "thuỷ"); in NFD the tone follows that vowel. New style moves it
# to the first vowel ("hòa", "khỏe", "thủy"). Only at the end of a syllable:
# "hoàng" and "khuya" are already canonical; "quý" keeps its tone on y.
_NOT_LETTER = r"(?![a-zA-Z\u0111\u0110\u0300-\u036f])"
_OLD_STYLE = re.compile(
    r"([oO])([aAeE])([" + _TONES + r"])" + _NOT_LETTER
    + r"|(?<![qQ])([uU])([yY])([" + _TONES + r"])" + _NOT_LETTER
)


def _move_tone(match: re.Match) -> str:
    if match.group(1):
        return match.group(1) + match.group(3) + match.group(2)
    return match.group(4) + match.group(6) + match.group(5)


def normalise_text(text: str) -> str:
    """Return the canonical form of ``text`` used for every offset."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    nfd = unicodedata.normalize("NFD", text)
    nfd = _OLD_STYLE.sub(_move_tone, nfd)
    return unicodedata.normalize("NFC", nfd)


def fold(text: str) -> str:
    """Lower-case, diacritic-free key: "Tổng cục Kỹ thuật" -> "tong cuc ky thuat"."""
    nfd = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in nfd if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")

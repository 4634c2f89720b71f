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
# ("hoà", "khoẻ", "thuỷ"). New style moves it to the first vowel ("hòa", "khỏe",
# "thủy"). Only at the end of a syllable: "hoàng" and "khuya" are already
# canonical; "quý" keeps its tone on y. The rule is defined on decomposed text
# (the tone is a combining mark after the vowel, and the next character must not
# be a letter or another mark), but applying it to NFC text directly is ~10x
# cheaper than decomposing every article (NFD + regex + NFC was ~0.4 ms of the
# ~0.5 ms read path): in NFC the toned vowel is one precomposed character, and the
# "not a letter" test looks at the decomposition of the next character.
_TONED = {unicodedata.normalize("NFC", v + t): (v, t) for v in "aeAEyY" for t in _TONES}
# One flat character-class pair, no groups or lookbehind at the top: sre then scans
# with its fast set prefix (7 us per article instead of 140 us); _move_tone checks
# the pairing (o+a/e, u+y but not qu+y) and the next character.
_OLD_STYLE = re.compile("[oOuU][" + "".join(_TONED) + "](?![a-zA-Z])")
_LETTER = re.compile(r"[a-zA-Z\u0111\u0110\u0300-\u036f]")


def _move_tone(match: re.Match) -> str:
    first, toned = match.group(0)
    vowel, tone = _TONED[toned]
    start, end = match.span()
    text = match.string
    if (first in "oO") != (vowel in "aeAE") or (first in "uU" and start and text[start - 1] in "qQ"):
        return match.group(0)
    following = text[end:end + 1]
    if following and _LETTER.match(unicodedata.normalize("NFD", following)):
        return match.group(0)  # mid-syllable ("hoàng"): already canonical
    return unicodedata.normalize("NFC", first + tone) + vowel


def normalise_text(text: str) -> str:
    """Return the canonical form of ``text`` used for every offset."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    return _OLD_STYLE.sub(_move_tone, unicodedata.normalize("NFC", text))


#: The combining marks of Vietnamese letters once decomposed (NFD): U+0300-U+036F but the grapheme joiner.
_MARKS = re.compile("[" + "".join(c for c in map(chr, range(0x300, 0x370)) if unicodedata.combining(c)) + "]")


def fold_sql(expr: str) -> str:
    """SQL twin of ``fold`` for DuckDB: its strip_accents keeps "đ", so that is replaced too.

    Exact but slow (~5 µs per 100 characters): fine for names and titles, too slow for
    100k evidence sentences (the query layer folds those at ingest, ``event_search``).
    """
    return f"replace(strip_accents(lower({expr})), 'đ', 'd')"


def fold(text: str) -> str:
    """Lower-case, diacritic-free key: "Tổng cục Kỹ thuật" -> "tong cuc ky thuat"."""
    nfd = unicodedata.normalize("NFD", text.lower())
    # Fast path: the usual marks go in one regex pass (about twice as fast as testing each
    # character); when anything but ASCII is left, other combining marks may remain too.
    out = _MARKS.sub("", nfd).replace("đ", "d")
    if out.isascii():
        return out
    return "".join(ch for ch in nfd if not unicodedata.combining(ch)).replace("đ", "d")

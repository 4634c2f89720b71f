"""The reviewed organisation alias table and the patterns built from it.

Loaded once from ``dashboard/vocab/organisations.json`` (and the surname and
country lists of ``ranks_vi.json``) and compiled into regexes that the
organisation, people and document stages share: ``lookup`` (written form or
abbreviation to table entry), ``HEAD_RE`` (words that open an organisation
name), ``COUNTRY_RE`` (a foreign country after a body or title), and
``lookahead`` (a fast-start prefix for patterns that begin with a look-behind),
``LOCAL_RE``/``local_at`` for provincial bodies ("UBND tỉnh Nghệ An") and
``not_a_body`` for head-pattern matches that are committees or venues.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import vocab
from ..text import fold

HYPHEN = r"\s?[-–]\s?"

#: Words that open an organisation name (longest first so "Tổng cục" beats "Cục").
HEADS = (
    "Bộ Tư lệnh", "Tổng công ty", "Tổng cục", "Cục", "Bộ", "Ủy ban", "Ban", "Đảng ủy",
    "Đảng bộ", "Học viện", "Tập đoàn", "Công ty", "Nhà máy", "Viện", "Trường Đại học",
    "Trường Cao đẳng", "Trường Sĩ quan", "Trường Quân sự", "Đại học", "Quân khu",
    "Quân đoàn", "Quân chủng", "Binh chủng", "Binh đoàn", "Sư đoàn", "Lữ đoàn",
    "Trung đoàn", "Vụ", "Sở", "Trung tâm", "Hội đồng", "Văn phòng", "Bệnh viện",
    "Xí nghiệp", "Kho", "Vùng Cảnh sát biển",
)


def lookahead(words, any_case: bool = False) -> str:
    """``(?=[…])`` of the words' first letters: lets ``re`` skip most positions fast.

    A pattern that opens with a look-behind is tried at every offset (~10x slower
    on a 5,000-character article); a leading character class is not.
    """
    chars = {w[0] for w in words}
    if any_case:
        chars |= {c.swapcase() for c in chars}
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


HEAD_RE = re.compile(lookahead(HEADS) + r"(?<!\w)(?:" + "|".join(map(re.escape, HEADS)) + r")(?= )")
SURNAMES = frozenset(vocab.load("ranks_vi.json")["surnames"])
_COUNTRIES = sorted(vocab.load("ranks_vi.json")["countries"], key=len, reverse=True)
#: a country right after a body makes it a foreign one: "Bộ Quốc phòng Nga" is not Bộ Quốc phòng
COUNTRY_RE = re.compile(" (?:" + "|".join(map(re.escape, _COUNTRIES)) + r")(?!\w)(?! hùng)")


def _form_pattern(form: str) -> str:
    """Regex for a written form: any hyphen spacing, single spaces (never a newline)."""
    out = []
    for tok in re.split(r"(\s*[-–]\s*| +)", form):
        if tok.strip() in ("-", "–"):
            out.append(HYPHEN)
        elif tok:
            out.append(" " if tok.isspace() else re.escape(tok))
    return "".join(out)


@lru_cache(maxsize=4096)  # the same few names recur in every mention: fold once per name
def key(name: str) -> str:
    """Merge key: folded, one space, one kind of hyphen ("Quốc phòng" = "quốc phòng")."""
    return re.sub(r"\s*[-–]\s*", "-", re.sub(r"\s+", " ", fold(name))).strip()


@dataclass(frozen=True)
class Entry:
    name: str
    abbreviations: tuple[str, ...]
    name_en: str | None


@lru_cache(maxsize=1)
def table():
    """(entries by key, alias regex, abbreviation regex, abbreviation -> entry)."""
    by_key: dict[str, Entry] = {}
    forms: list[str] = []
    by_abbr: dict[str, Entry] = {}
    for row in vocab.load("organisations.json")["organisations"]:
        entry = Entry(row["name"], tuple(row.get("abbreviations", ())), row.get("name_en"))
        for form in [row["name"], *row.get("aliases", ())]:
            by_key[key(form)] = entry
            forms.append(form)
        for abbr in entry.abbreviations:
            by_abbr[abbr] = entry
    parts = [re.escape(f[0]) + "(?i:" + _form_pattern(f[1:]) + ")" for f in sorted(set(forms), key=len, reverse=True)]
    alias_re = re.compile(lookahead(forms) + r"(?<!\w)(?:" + "|".join(parts) + r")(?![\w])")
    abbr_re = re.compile(lookahead(by_abbr) + r"(?<![\w/\-])(?:" + "|".join(map(re.escape, sorted(by_abbr, key=len, reverse=True)))
                         + r")(?![\w/\-])")
    return by_key, alias_re, abbr_re, by_abbr


def lookup(name: str) -> Entry | None:
    """Table entry for a written form or abbreviation ("Tổng cục CNQP", "BQP"), else None."""
    by_key, _a, _b, by_abbr = table()
    return by_abbr.get(name) or by_key.get(key(name))


#: Provincial bodies: "Ủy ban nhân dân tỉnh Nghệ An", "UBND TP Hồ Chí Minh", "Tỉnh ủy Quảng Ninh".
LOCAL_RE = re.compile(
    r"(?=[ỦUHTBĐ])(?<!\w)(Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND|Tỉnh ủy|Thành ủy|Bộ Chỉ huy Quân sự|"
    r"Bộ Chỉ huy Bộ đội Biên phòng)( (?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã))? ((?:[A-ZĐ][^\W\d_]*)"
    r"(?: [A-ZĐ][^\W\d_]*){0,3})")
_LOCAL_EXPAND = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}


def local_at(text: str, pos: int) -> tuple[int, int, str] | None:
    """(start, end, canonical name) of a provincial body at ``pos``, else None."""
    m = LOCAL_RE.match(text, pos)
    if not m:
        return None
    level = (m.group(2) or "").strip().replace("TP.", "thành phố").replace("TP", "thành phố")
    body = _LOCAL_EXPAND.get(m.group(1), m.group(1))
    place, end = m.group(3), m.end()
    words = place.split(" ")
    # "UBND tỉnh Nghệ An Nguyễn Văn Đệ": a surname after the place starts a person's name
    # (a place may itself open with one: "Hồ Chí Minh", "Hà Nội").
    cut = next((i for i in range(1, len(words) - 1) if words[i] in SURNAMES or words[i + 1] in ("Văn", "Thị")), None)
    if cut is not None:
        place = " ".join(words[:cut])
        end = m.start(3) + len(place)
    return pos, end, " ".join(x for x in (body, level, place) if x)


_NOT_BODIES = frozenset(vocab.load("organisations.json")["not_organisations"]["names"])
_NOT_BODY_PREFIXES = tuple(vocab.load("organisations.json")["not_organisations"]["prefixes"])


def not_a_body(name: str) -> bool:
    """Committees of an event or a unit's own board ("Ban Tổ chức", "Ban Giám đốc") and
    venues ("Trung tâm Hội nghị Quốc gia") match the head patterns but are not bodies."""
    if name in _NOT_BODIES or name.startswith(_NOT_BODY_PREFIXES):
        return True
    words = name.split()  # "Ban Giám đốc nhà máy": the board, then a common noun
    return any(" ".join(words[:n]) in _NOT_BODIES and words[n][0].islower() for n in range(2, len(words)))

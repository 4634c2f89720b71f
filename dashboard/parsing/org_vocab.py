"""The reviewed organisation alias table and the patterns built from it.

Loaded once from ``dashboard/vocab/organisations.json`` (and the surname and
country lists of ``ranks_vi.json``) and compiled into regexes that the
organisation, people and document stages share: ``lookup`` (written form or
abbreviation to table entry), ``HEAD_RE`` (words that open an organisation
name), ``COUNTRY_RE`` (a foreign country after a body or title), and
``lookahead`` (a first-letter test for patterns that begin with a look-behind),
``LOCAL_RE``/``local_at`` for provincial bodies ("UBND tỉnh Nghệ An"),
``not_a_body`` for head-pattern matches that are committees or venues, and
``openings``: where in a text any of these patterns starts, from one scan.

The word lists are compiled so that ``re`` can skip to their first letters
(``scan.first_letter_alternation``), the aliases as a tree of shared beginnings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import vocab
from ..text import fold
from .scan import case_safe, first_letter_alternation, literal_alternation

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
    """``(?=[…])`` of the words' first letters, to put before a look-behind.

    ``re`` still tries such a pattern at every offset, but most offsets then fail
    on one letter test instead of the look-behind (~10x faster). A pattern that
    opens with the letters themselves lets ``re`` skip to them: see
    ``scan.first_letter_alternation``.
    """
    chars = {w[0] for w in words}
    if any_case:
        chars |= {c.swapcase() for c in chars}
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


HEAD_RE = re.compile(literal_alternation(HEADS, [r"\w"]) + r"(?= )")
SURNAMES = frozenset(vocab.load("ranks_vi.json")["surnames"])
_COUNTRIES = sorted(vocab.load("ranks_vi.json")["countries"], key=len, reverse=True)
#: a country right after a body makes it a foreign one: "Bộ Quốc phòng Nga" is not Bộ Quốc phòng
#: (with the state's formal title before it: "Bộ Quốc phòng Cộng hòa Pháp", "… Cộng hòa Dân chủ Nhân dân Lào")
COUNTRY_RE = re.compile(" (?:(?:Cộng hòa|Vương quốc|Hợp chúng quốc)(?: Liên bang| Nhân dân| Dân chủ Nhân dân"
                        r"| Hồi giáo| Xã hội chủ nghĩa)? )?" + literal_alternation(_COUNTRIES) + r"(?!\w)(?! hùng)")


def _form_tokens(form: str) -> list[str]:
    """A written form as regex pieces, one per letter (lower-cased) or separator: any hyphen
    spacing, single spaces (never a newline)."""
    out = []
    for tok in re.split(r"(\s*[-–]\s*| +)", form):
        if tok.strip() in ("-", "–"):
            out.append(HYPHEN)
        elif tok:
            out += [" "] if tok.isspace() else [re.escape(c) for c in tok.lower()]
    return out


def _trie_pattern(forms: list[str]) -> str:
    """Case-insensitive regex matching what ``(?i:form1|form2|…)`` matches, forms longest first.

    Forms that share a beginning share its test ("ộ Quốc phòng", "ộ Tư lệnh …" read "ộ " once):
    ``re`` otherwise retries every form of a first letter from the start. Where one form
    continues another, the longer is tried first, as in the longest-first alternation
    (two forms can match at one offset only when one begins the other: letters, a space
    and a hyphen never match the same text).
    """
    trie: dict = {}
    for form in forms:
        node = trie
        for tok in _form_tokens(form):
            node = node.setdefault(tok, {})
        node[""] = {}  # the form may end here

    def emit(node: dict) -> str:
        alts = [tok + emit(child) for tok, child in node.items() if tok] + ([""] if "" in node else [])
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return "(?i:" + emit(trie) + ")"


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
    # Longest first: "Tổng cục Công nghiệp quốc phòng" before "Tổng cục"; case-insensitive after a capital.
    by_first: dict[str, list[str]] = {}
    for f in sorted(set(forms), key=len, reverse=True):
        by_first.setdefault(f[0], []).append(f[1:])
    parts = [(c, _trie_pattern(tails)) for c, tails in by_first.items()]
    alias_re = re.compile(first_letter_alternation(parts, [r"\w"]) + r"(?![\w])")
    abbr_re = re.compile(literal_alternation(sorted(by_abbr, key=len, reverse=True), [r"[\w/\-]"]) + r"(?![\w/\-])")
    return by_key, alias_re, abbr_re, by_abbr


_FIRST_WORD = re.compile(r"\w+")
#: A written form's second word and what separates it from the first (as ``_form_tokens`` reads it).
_SECOND_WORD = re.compile(r"(\s*[-–]\s*| +)(\w+)")


@lru_cache(maxsize=1)
def _openers() -> tuple[re.Pattern, dict[str, tuple]]:
    """(pattern of every word that opens an alias, a head, a provincial body or an abbreviation;
    {word with its tail lower-cased: ((index of the pattern, the word as written or None for any case), ...)}).

    Patterns: 0 aliases (case-insensitive after a capital), 1 abbreviations, 2 ``HEAD_RE``, 3 ``LOCAL_RE``.
    A word that only opens longer names is taken only before one of their second words
    ("Công ty", not "Công nghiệp"); the second word is looked at, not consumed.
    """
    rows = vocab.load("organisations.json")["organisations"]
    forms = [f for row in rows for f in [row["name"], *row.get("aliases", ())]]
    opens: dict[str, set] = {}
    nexts: dict[str, set] = {}  # what may follow the word: separator and second word, or None for anything
    for i, words in enumerate((forms, table()[3], HEADS, _LOCAL_BODIES)):
        for w in words:
            first = _FIRST_WORD.match(w).group()
            key = first[0] + first[1:].lower()
            opens.setdefault(key, set()).add((i, None if i == 0 else first))
            second = _SECOND_WORD.match(w, len(first))
            sep = second and (HYPHEN if second.group(1).strip() else " ")
            nexts.setdefault(key, set()).add(None if second is None else sep + re.escape(second.group(2).lower()))
    alternatives = []
    for w in sorted(opens, key=len, reverse=True):
        after = r"(?!\w)" if None in nexts[w] else "(?=(?i:" + "|".join(sorted(nexts[w])) + "))"
        alternatives.append((w[0], "(?i:" + re.escape(w[1:]) + ")" + after))
    opener_re = re.compile(first_letter_alternation(alternatives, [r"\w"]))
    return opener_re, {w: tuple(sorted(v, key=lambda iv: (iv[0], iv[1] or ""))) for w, v in opens.items()}


def openings(text: str) -> tuple[list[int], list[re.Match], dict[int, list]]:
    """Where ``organisations.find`` tries a body: the starts of the alias, ``HEAD_RE`` and
    ``LOCAL_RE`` matches (each as its own ``finditer`` finds them, merged and sorted);
    the abbreviation matches (``finditer``); and at the offsets where a word opens one of
    them, the [alias, abbreviation, head, provincial body] matches there (None: no match).

    One scan finds the words that can open any of the four patterns (four scans cost
    nearly four times one); each pattern is tried only where its words are.
    """
    _k, alias_re, abbr_re, _b = table()
    rxs = (alias_re, abbr_re, HEAD_RE, LOCAL_RE)
    found: list[list[re.Match]] = [[], [], [], []]
    known: dict[int, list] = {}
    if not case_safe(text):  # the lower-cased word may not be what IGNORECASE compares
        found = [list(rx.finditer(text)) for rx in rxs]
    else:
        opener_re, opens = _openers()
        ends = [0, 0, 0, 0]
        for w in opener_re.finditer(text):
            pos, word = w.start(), w.group()
            at = known[pos] = [None, None, None, None]
            for i, exact in opens[word[0] + word[1:].lower()]:
                if (exact is None or exact == word) and (m := rxs[i].match(text, pos)) is not None:
                    at[i] = m
                    if pos >= ends[i]:
                        found[i].append(m)
                        ends[i] = m.end()
    return sorted({m.start() for i in (0, 2, 3) for m in found[i]}), found[1], known


def lookup(name: str) -> Entry | None:
    """Table entry for a written form or abbreviation ("Tổng cục CNQP", "BQP"), else None."""
    by_key, _a, _b, by_abbr = table()
    return by_abbr.get(name) or by_key.get(key(name))


#: Provincial bodies: "Ủy ban nhân dân tỉnh Nghệ An", "UBND TP Hồ Chí Minh", "Tỉnh ủy Quảng Ninh".
_LOCAL_BODIES = ("Ủy ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND", "Tỉnh ủy", "Thành ủy", "Bộ Chỉ huy Quân sự",
                 "Bộ Chỉ huy Bộ đội Biên phòng")
LOCAL_RE = re.compile(
    "(" + literal_alternation(_LOCAL_BODIES, [r"\w"]) + ")"
    r"( (?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã))? ((?:[A-ZĐ][^\W\d_]*)(?: [A-ZĐ][^\W\d_]*){0,3})")
_LOCAL_EXPAND = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}


def local_at(text: str, pos: int, m: re.Match | None = None) -> tuple[int, int, str] | None:
    """(start, end, canonical name) of a provincial body at ``pos`` (``m``: its ``LOCAL_RE`` match), else None."""
    m = m or LOCAL_RE.match(text, pos)
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


@lru_cache(maxsize=4096)  # asked for every mention; the same names recur
def not_a_body(name: str) -> bool:
    """Committees of an event or a unit's own board ("Ban Tổ chức", "Ban Giám đốc") and
    venues ("Trung tâm Hội nghị Quốc gia") match the head patterns but are not bodies."""
    if name in _NOT_BODIES or name.startswith(_NOT_BODY_PREFIXES):
        return True
    words = name.split()  # "Ban Giám đốc nhà máy": the board, then a common noun
    return any(" ".join(words[:n]) in _NOT_BODIES and words[n][0].islower() for n in range(2, len(words)))

"""Stable colours: the same organisation or event kind has the same colour in
every chart, every session and every report.

Organisations: a fixed table for the main bodies, else a hash of the canonical name (md5, not Python's salted
``hash``) picks a slot in a fixed qualitative palette, so a colour does not
change when other organisations appear or disappear under a filter. Event
kinds: a fixed table in ``model.EVENT_KINDS`` order.
"""
from __future__ import annotations

import hashlib

from dashboard.model import EVENT_KINDS

# Qualitative colours readable on white, no two near-identical shades.
PALETTE = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#9c755f", "#76b7b2", "#edc948",
    "#ff9da7", "#1b9e77", "#7570b3", "#d95f02", "#e7298a", "#66a61e", "#a6761d", "#17becf",
)
# The bodies that dominate the corpus get hand-picked colours that stay apart for readers with
# red-green colour blindness too (tests/test_colour_vision.py simulates protanopia, deuteranopia
# and tritanopia) and show on white (contrast >= 2:1); a hash could give two of them neighbouring shades.
FIXED_ORG_COLOURS = {
    "Tổng cục Công nghiệp quốc phòng": "#332288",
    "Tổng cục Kỹ thuật": "#e69f00",
    "Bộ Quốc phòng": "#009e73",
    "Quân ủy Trung ương": "#d62728",
    "Bộ Chính trị": "#882255",
    "Bộ Công Thương": "#5c8ddb",
    "Bộ Tổng Tham mưu": "#17becf",
    "Chính phủ": "#8c564b",
    "Đảng ủy Tổng cục Công nghiệp quốc phòng": "#aa4499",
    "Ban Chấp hành Trung ương": "#b07aa1",
    "Đảng ủy Quân sự Trung ương": "#e6550d",
    "Quân đội nhân dân Việt Nam": "#59a14f",
}
OTHER = "#b0b0b0"  # "other organisations", no organisation
DOCUMENT = "#333333"  # document milestones
PERIOD = "#546e7a"  # programme periods (Gantt): slate, apart from the organisation colours
HORIZON = "#cfd8dc"  # horizons: paler and hatched, the document only points towards them

# Colour says the kind when lanes are organisations (the default view). The four kinds news
# reports most (review conference, working session, signing, conference) are far apart for every
# reader; all eleven stay distinguishable with red-green colour blindness (see FIXED_ORG_COLOURS).
KIND_COLOURS = dict(zip(EVENT_KINDS, (
    "#c51b1b",  # review_conference: red
    "#0072b2",  # working_session: blue
    "#e69f00",  # signing: orange
    "#59a14f",  # dissemination: green
    "#33bbee",  # visit: sky blue
    "#76b7b2",  # exhibition: teal
    "#393b79",  # anniversary: indigo
    "#8c564b",  # law_passed: brown
    "#d55e00",  # law_in_force: vermilion
    "#882255",  # conference: wine
    "#7f7f7f",  # other: grey
)))


def _slot(text: str, n: int) -> int:
    return int.from_bytes(hashlib.md5(text.encode("utf-8")).digest()[:4], "big") % n


def org_colour(name: str | None) -> str:
    """Colour of an organisation, from its canonical Vietnamese name."""
    if not name:
        return OTHER
    return FIXED_ORG_COLOURS.get(name) or PALETTE[_slot(name, len(PALETTE))]


def org_colours(names: list[str]) -> dict[str, str]:
    """Colours for the organisations a figure names, all different (see ``distinct``)."""
    return distinct(names, org_colour)


def doc_colours(labels: list[str]) -> dict[str, str]:
    """Colours for the documents a figure names, all different (see ``distinct``)."""
    return distinct(labels, doc_colour)


def distinct(names: list[str], colour_of) -> dict[str, str]:
    """Each name's ``colour_of`` unless a name before it already has that colour in this figure.

    Two hashes can meet (or meet a fixed colour); the later name then takes the first
    palette colour not yet used, and only when the palette is used up do colours repeat.
    Callers pass the busiest first, so those keep the colour they have in every other chart.
    """
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        colour = colour_of(name)
        if colour in used:
            colour = next((c for c in PALETTE if c not in used), colour)
        out[name] = colour
        used.add(colour)
    return out


def kind_colour(kind: str | None) -> str:
    """Colour of an event kind; unknown kinds share the "other" colour."""
    return KIND_COLOURS.get(kind or "other", KIND_COLOURS["other"])


def doc_colour(label: str | None) -> str:
    """Colour of a document in per-document charts (same hashing as organisations)."""
    return PALETTE[_slot("doc:" + (label or ""), len(PALETTE))]


def rgba(hex_colour: str, alpha: float) -> str:
    """``#rrggbb`` with transparency, for fills that must not hide what is behind."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"

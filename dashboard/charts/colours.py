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
# The bodies that dominate the corpus get hand-picked, clearly different colours;
# a hash could give two of them neighbouring shades.
FIXED_ORG_COLOURS = {
    "Tổng cục Công nghiệp quốc phòng": "#1f4e9c",
    "Tổng cục Kỹ thuật": "#e6550d",
    "Bộ Quốc phòng": "#2ca02c",
    "Quân ủy Trung ương": "#c51b1b",
    "Bộ Chính trị": "#8e44ad",
    "Bộ Công Thương": "#b8860b",
    "Bộ Tổng Tham mưu": "#00838f",
    "Chính phủ": "#6d4c41",
    "Đảng ủy Tổng cục Công nghiệp quốc phòng": "#5c8ddb",
    "Ban Chấp hành Trung ương": "#d63384",
    "Đảng ủy Quân sự Trung ương": "#e377c2",
    "Quân đội nhân dân Việt Nam": "#556b2f",
}
OTHER = "#b0b0b0"  # "other organisations", no organisation
DOCUMENT = "#333333"  # document milestones
PERIOD = "#546e7a"  # programme periods (Gantt): slate, apart from the organisation colours
HORIZON = "#cfd8dc"  # horizons: paler and hatched, the document only points towards them

KIND_COLOURS = dict(zip(EVENT_KINDS, (
    "#d62728",  # review_conference
    "#1f77b4",  # working_session
    "#2ca02c",  # signing
    "#9467bd",  # dissemination
    "#ff7f0e",  # visit
    "#17becf",  # exhibition
    "#e377c2",  # anniversary
    "#8c564b",  # law_passed
    "#bcbd22",  # law_in_force
    "#393b79",  # conference
    "#7f7f7f",  # other
)))


def _slot(text: str, n: int) -> int:
    return int.from_bytes(hashlib.md5(text.encode("utf-8")).digest()[:4], "big") % n


def org_colour(name: str | None) -> str:
    """Colour of an organisation, from its canonical Vietnamese name."""
    if not name:
        return OTHER
    return FIXED_ORG_COLOURS.get(name) or PALETTE[_slot(name, len(PALETTE))]


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

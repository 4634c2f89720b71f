"""Colours that say something stay apart for readers with colour-vision deficiencies.

About one man in twelve has red-green colour blindness; staff officers and analysts
are no exception. Each colour is simulated as a reader with protanopia, deuteranopia
or tritanopia sees it (Machado, Oliveira & Fernandes 2009, severity 1.0, applied in
linear RGB) and pairs are compared by their CIELAB distance (ΔE*ab, D65). A ΔE
around 2 is just noticeable; below ~10 two legend swatches are easily confused.
"""
from __future__ import annotations

import itertools

from dashboard.charts import colours

#: Machado et al. (2009), Table 1, severity 1.0: linear-RGB matrices.
MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
RED_GREEN = ("normal", "protanopia", "deuteranopia")
EVERY_VISION = (*RED_GREEN, "tritanopia")


def _linear(hex_colour: str) -> list[float]:
    h = hex_colour.lstrip("#")
    out = []
    for i in (0, 2, 4):
        c = int(h[i:i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return out


def seen(hex_colour: str, vision: str) -> tuple[float, float, float]:
    """CIELAB of the colour as a reader with ``vision`` sees it."""
    rgb = _linear(hex_colour)
    if vision != "normal":
        rgb = [min(1.0, max(0.0, sum(m * v for m, v in zip(row, rgb)))) for row in MACHADO[vision]]
    x = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]
    y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    z = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x / 0.95047), f(y), f(z / 1.08883)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: str, b: str, vision: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(seen(a, vision), seen(b, vision))) ** 0.5


def closest(named: dict[str, str], visions: tuple[str, ...]) -> tuple[float, str, str, str]:
    """(ΔE, vision, name, name) of the pair that looks most alike under any of ``visions``."""
    return min((delta_e(a, b, v), v, m, n) for (m, a), (n, b) in itertools.combinations(named.items(), 2)
               for v in visions)


def test_colour_vision_the_simulation_reproduces_known_confusions():
    """The oracle itself: pure red and green collapse for deuteranopes, blue and yellow do not."""
    assert delta_e("#ff0000", "#00ff00", "normal") > 100
    assert delta_e("#d62728", "#2ca02c", "deuteranopia") < 10  # the old review-conference / signing pair
    assert delta_e("#0072b2", "#e69f00", "deuteranopia") > 50  # Okabe-Ito blue and orange
    assert delta_e("#777777", "#777777", "tritanopia") == 0


def test_colour_vision_event_kinds_stay_apart():
    gap = closest(colours.KIND_COLOURS, RED_GREEN)
    assert gap[0] >= 15, gap
    assert closest(colours.KIND_COLOURS, ("tritanopia",))[0] >= 8
    common = {k: colours.KIND_COLOURS[k] for k in ("review_conference", "working_session", "signing", "conference")}
    gap = closest(common, EVERY_VISION)
    assert gap[0] >= 25, gap


def test_colour_vision_the_main_organisations_stay_apart():
    # Twelve colours and the grey of "other organisations": 14 is about the best a search over
    # Okabe-Ito, Tol and Tableau colours with 2:1 contrast on white finds (the old table: 3.0).
    named = {**colours.FIXED_ORG_COLOURS, "other organisations": colours.OTHER}
    gap = closest(named, RED_GREEN)
    assert gap[0] >= 14, gap


def test_colour_vision_every_colour_shows_on_white():
    """A marker must stand out from the white plot: contrast ratio of at least 2:1 (WCAG's formula)."""
    def contrast(hex_colour: str) -> float:
        r, g, b = _linear(hex_colour)
        return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)

    faint = {c: round(contrast(c), 2) for c in (*colours.KIND_COLOURS.values(), *colours.FIXED_ORG_COLOURS.values())
             if contrast(c) < 2.0}
    assert faint == {}

"""Helpers shared by the report tests: run the CLI, read a PDF back, judge an image,
open a page in Chromium with the network blocked."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "dashboard", "report", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)


def pdf_pages(pdf: Path, out_dir: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(out_dir / "page")], check=True)
    return sorted(out_dir.glob("page-*.png"))


def pdf_text(pdf: Path, layout: bool = True) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def assert_drawn_image(data: bytes | Path, min_ink: float = 0.005):
    """Not blank: several colours and a share of non-white pixels."""
    from PIL import Image, ImageStat

    img = Image.open(data if isinstance(data, Path) else io.BytesIO(data)).convert("RGB")
    gray = img.convert("L")
    assert ImageStat.Stat(gray).stddev[0] > 5, "image is (nearly) one colour"
    ink = sum(n for level, n in enumerate(gray.histogram()) if level < 240) / (img.width * img.height)
    assert ink > min_ink, f"only {ink:.1%} of the image is drawn"
    return img


def assert_pdf_report(pdf: Path, tmp_path: Path, expected: dict, names: tuple[str, ...]):
    assert pdf.read_bytes()[:5] == b"%PDF-"
    pages = pdf_pages(pdf, tmp_path)
    if expected["dates"]:
        assert len(pages) >= 2, "charts and the events table span several A4 pages"
    assert_drawn_image(pages[0])
    for page in pages[1:]:
        assert_drawn_image(page)
    text = " ".join(pdf_text(pdf).split())
    assert expected["sentence"] in text
    assert [n for n in names if n not in text] == []
    missing = [d for d in expected["dates"] if d not in text]
    assert missing == []
    unquoted = [e for e in expected.get("evidence", ()) if e not in text]
    assert unquoted == [], "the events table must quote each event's source sentence"


def open_offline(chromium, html_path: Path):
    """Open the file with every non-local request aborted; returns (context, page, blocked URLs)."""
    context = chromium.new_context(viewport={"width": 1100, "height": 900})
    blocked: list[str] = []

    def handler(route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", handler)
    page = context.new_page()
    page.goto(html_path.as_uri())
    return context, page, blocked


def assert_html_draws(chromium, html_path: Path) -> None:
    context, page, blocked = open_offline(chromium, html_path)
    try:
        page.wait_for_function(
            "() => { const d = [...document.querySelectorAll('.js-plotly-plot')];"
            " return d.length > 0 && d.length == Number(document.body.dataset.figures) &&"
            " d.every(p => p.querySelector('.main-svg')); }", timeout=120_000)
        # Each figure with traces drew them: paths in the plot area (bars, markers, lines),
        # a heatmap's image or a WebGL canvas. [traces, drawn shapes] per figure:
        drawn = page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot')].map(p => [p.data.length,"
            " p.querySelectorAll('.overplot path[d], .overplot image, .gl-container canvas').length])")
        assert all(shapes > 0 for traces, shapes in drawn if traces), drawn
        assert blocked == [], f"the report asked the network for {blocked}"
        return drawn
    finally:
        context.close()

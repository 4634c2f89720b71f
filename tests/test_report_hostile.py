"""A hostile article (script tags, event handlers, javascript: URLs in its title, text and
URL) goes through ingest and comes out of every report format as literal text."""
from __future__ import annotations

import pytest

from dashboard.query import Filter
from dashboard.report import build_report

from reportkit import open_offline, pdf_text

pytestmark = pytest.mark.browser

HOSTILE_ARTICLE = """<script>window.__pwned=1</script>Hội nghị <img src=x onerror="window.__pwned=2"> ký kết

Thứ 4, 22.11.2023 | 14:19:00

Sáng 22-11, tại Hà Nội, Tổng cục Kỹ thuật và Tổng cục Công nghiệp quốc phòng tổ chức hội nghị ký kết \
chương trình phối hợp <b onmouseover="window.__pwned=3">giai đoạn 2023-2025</b>.

https://www.qdnd.vn/x"><script>window.__pwned=4</script>
"""


def test_report_hostile_article_shows_literally_in_html_and_pdf(tmp_path, chromium):
    from dashboard.store.db import connect
    from dashboard.store.ingest import ingest

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    ingest([tmp_path / "in"], tmp_path / "h.duckdb")
    con = connect(tmp_path / "h.duckdb", read_only=True)
    try:
        html_path = tmp_path / "h.html"
        html_path.write_bytes(build_report(con, Filter(), "vi", "html"))
        pdf_path = tmp_path / "h.pdf"
        pdf_path.write_bytes(build_report(con, Filter(), "vi", "pdf"))
    finally:
        con.close()
    assert "<script>window.__pwned" not in html_path.read_text(encoding="utf-8")
    # Reading order, whitespace dropped: the title wraps inside its table cell.
    assert "<script>window.__pwned=1</script>Hộinghị<imgsrc=x" in "".join(pdf_text(pdf_path, False).split())
    context, page, blocked = open_offline(chromium, html_path)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.wait_for_selector(".js-plotly-plot .main-svg")
        for point in page.locator(".overplot path.point").all()[:5]:
            point.hover(force=True, timeout=5_000)  # hover labels carry titles too
        cells = " ".join(page.locator("table.events td").all_inner_texts())
        assert '<img src=x onerror="window.__pwned=2">' in cells
        assert page.evaluate("() => window.__pwned") is None and dialogs == []
        assert page.locator("img, a[href^='javascript'], b[onmouseover]").count() == 0
        assert blocked == []
    finally:
        context.close()

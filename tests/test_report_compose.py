"""The report page without a store: date formatting, escaping of hostile article text,
offline self-containment, and the renderer's thread and network rules."""
from __future__ import annotations

import re

import threading

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.report import compose, format_for, report_filename, shell
from dashboard.report.compose import ReportMeta
from dashboard.query import Filter

HOSTILE_TITLE = "<script>window.__pwned = 1</script>Hội nghị"
HOSTILE_SOURCE = '<img src=x onerror="window.__pwned = 2">Tổng cục Kỹ thuật'
META = ReportMeta(generated="2026-01-02 03:04 UTC", snapshot="0123abcd", shown=1, total=3)


@pytest.mark.parametrize("name, fmt", [("a.pdf", "pdf"), ("A.PNG", "png"), ("x/y.html", "html"),
                                       ("r.htm", "html")])
def test_report_format_for_suffix(name, fmt):
    assert format_for(name) == fmt


@pytest.mark.parametrize("name", ["a.docx", "a", "a.pdf.txt"])
def test_report_format_for_rejects_other_suffixes(name):
    with pytest.raises(ValueError, match="unsupported output suffix"):
        format_for(name)


def test_report_filename_names_the_years():
    assert report_filename(Filter(year_from=2023, year_to=2025), "pdf") == "bao-cao-2023-2025.pdf"
    assert report_filename(Filter(), "png", "en") == "report.png"


def hostile_page() -> str:
    frame = pd.DataFrame([{
        "date": "2023-11-22", "date_end": None, "precision": "day", "kind": "<b>signing</b>",
        "title": HOSTILE_TITLE, "organisations": ["<i>Tổng cục Kỹ thuật</i>"], "organisations_en": [None],
        "documents": ["08-NQ/TW<script>x</script>"], "article_title": HOSTILE_SOURCE,
        "article_url": "javascript:window.__pwned=3",
    }])
    fig = go.Figure(go.Scatter(x=[1, 2], y=[1, 2], text=[HOSTILE_TITLE, HOSTILE_SOURCE]))
    return compose.compose({"timeline": fig}, frame, 'Sự kiện chứa “<script>alert(1)</script>”', META, "vi")


def test_report_compose_escapes_article_text():
    page = hostile_page()
    body = page[page.index("<body"):]
    assert "<script>window.__pwned" not in body and "<img src=x" not in body
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;Hội nghị" in body
    assert "&lt;img src=x onerror=&quot;window.__pwned = 2&quot;&gt;" in body
    assert 'href="javascript:' not in body
    assert "<script>alert(1)</script>" not in page
    assert '<td class="date">22/11/2023</td>' in body  # the app's date style (charts.base.date_label)


def test_report_compose_is_self_contained():
    page = hostile_page()
    # plotly.js once, inline, plus the error hook; every other script draws a figure
    assert page.count("<script") - page.count("Plotly.newPlot(") == 2
    assert page.count(shell.plotly_js()) == 1
    own = page.replace(shell.plotly_js(), "")  # plotly.js itself names its CDN in a default
    assert "cdn.plot.ly" not in own and "<script src" not in own and "src=\"http" not in own
    assert '"width":1000' in page.replace(" ", "")  # fixed figure size
    assert "@page { size: A4; margin: 12mm; }" in page and "DejaVu Sans" in page


@pytest.mark.browser
def test_report_hostile_text_shows_literally_in_chromium(chromium, tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(hostile_page(), encoding="utf-8")
    context = chromium.new_context()
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(path.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        cells = page.locator("table.events td").all_inner_texts()
        assert HOSTILE_TITLE in cells and any(HOSTILE_SOURCE in c for c in cells)
        assert page.evaluate("() => window.__pwned") is None and dialogs == []
        assert page.locator("table.events img, table.events a[href^=javascript]").count() == 0
    finally:
        context.close()


@pytest.mark.browser
def test_report_renderer_serves_any_thread_and_blocks_network(tmp_path):
    from dashboard.report.render import Renderer

    fig = go.Figure(go.Bar(x=["2023", "2024"], y=[1, 2]))
    body = compose.figure_html("t", fig) + '<img id="remote" src="http://example.invalid/x.png">'
    page = shell.page("t", body, 1)
    renderer = Renderer(scale_factor=1)
    try:
        results: list[bytes] = []
        threads = [threading.Thread(target=lambda: results.append(renderer.png(page, width=1048)))
                   for _ in range(2)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(60)
        assert len(results) == 2 and all(r[:8] == b"\x89PNG\r\n\x1a\n" for r in results)
        broken = renderer.run(lambda s: s.show(page, 1048).evaluate(
            "() => document.getElementById('remote').naturalWidth"))
        assert broken == 0  # the remote image was never fetched
    finally:
        renderer.close()
    assert not renderer.started


@pytest.mark.browser
def test_report_renderer_reports_a_figure_that_fails_at_once():
    import time

    from dashboard.report.render import Renderer, RenderError

    broken = shell.page("t", '<div class="plotly-graph-div"></div><script>Plotly.newPlot(null)</script>', 1)
    renderer = Renderer(scale_factor=1)
    try:
        t0 = time.perf_counter()
        with pytest.raises(RenderError, match="failed to draw"):
            renderer.pdf(broken, width=1048)
        assert time.perf_counter() - t0 < 20
        ok = shell.page("ok", compose.figure_html("t", go.Figure(go.Bar(y=[1]))), 1)
        assert renderer.pdf(ok, width=1048)[:5] == b"%PDF-"  # the next job is served normally
    finally:
        renderer.close()


def test_report_table_takes_pandas_nulls():
    # DataFrames from DuckDB carry NULLs as None, NaN or NA depending on the column's dtype.
    frame = pd.DataFrame([
        {"date": "2023-11-22", "date_end": float("nan"), "precision": "day", "day_part": pd.NA,
         "kind": None, "title": float("nan"), "organisations": ["Bộ Quốc phòng"], "organisations_en": [None],
         "documents": [], "article_title": None, "article_url": float("nan")},
        {"date": "2023", "date_end": "2025", "precision": "period", "day_part": "chiều", "kind": "signing",
         "title": "Ký kết", "organisations": [], "organisations_en": [], "documents": ["08-NQ/TW"],
         "article_title": "Bài", "article_url": "https://qdnd.vn/a"},
    ])
    table = compose.events_table(frame, "vi")
    assert "22/11/2023" in table and "Bộ Quốc phòng" in table and "nan" not in table.lower()
    assert '<a href="https://qdnd.vn/a">' in table and "Ký kết" in table
    assert "Ministry of National Defence" in compose.events_table(frame, "en")


def test_report_table_says_when_it_lists_only_the_first_events():
    frame = pd.DataFrame([{"date": "2023", "precision": "year", "kind": "other", "title": "x",
                           "organisations": [], "documents": []}])
    assert "1 / 1.500 sự kiện" in compose.events_table(frame, "vi", total=1500)
    assert "/ 1" not in compose.events_table(frame, "vi", total=1)


def test_report_table_quotes_each_events_source_sentence_escaped_and_cut_at_a_word():
    long = "Sáng 22-11, " + "Tổng cục Kỹ thuật tổ chức hội nghị " * 30 + "<script>x</script>"
    frame = pd.DataFrame([
        {"date": "2023-11-22", "precision": "day", "kind": "conference", "title": "Hội nghị",
         "evidence": "Sáng 22-11, Tổng cục <b>Kỹ thuật</b>\n tổ chức hội nghị.", "organisations": [], "documents": []},
        {"date": "2023", "precision": "year", "kind": "signing", "title": "Ký kết", "evidence": long,
         "organisations": [], "documents": []},
        {"date": "2022", "date_end": "2023", "precision": "period", "kind": "signing", "title": "Suy đoán",
         "evidence": float("nan"), "organisations": [], "documents": []},
    ])
    table = compose.events_table(frame, "vi")
    quotes = re.findall(r'<div class="evidence">“(.*?)”</div>', table)
    assert len(quotes) == 2  # the inferred event (no sentence of its own) gets no empty quote
    assert quotes[0] == "Sáng 22-11, Tổng cục &lt;b&gt;Kỹ thuật&lt;/b&gt; tổ chức hội nghị."  # escaped, one line
    assert quotes[1].endswith("…") and len(quotes[1]) <= compose.EVIDENCE_CHARS + 1
    assert long.startswith(quotes[1][:-1]) and long[len(quotes[1]) - 1] == " "  # cut between words
    assert "<script>" not in table and "nan" not in table.lower()


def test_report_table_names_an_untitled_article_by_its_file():
    frame = pd.DataFrame([{"date": "2023", "precision": "year", "kind": "signing", "title": "Ký kết",
                           "organisations": [], "documents": [], "article_title": None, "article_source": None,
                           "article_url": None, "article_path": "/data/articles/004_e5a83a1e94446f99.txt"}])
    table = compose.events_table(frame, "vi")
    assert '<td class="source">004_e5a83a1e94446f99.txt</td>' in table

"""The dashboard in a real browser: Debian's Chromium driven by Playwright.

Starts ``streamlit run streamlit_app.py`` on loopback over a store built from
data/articles, opens a filtered link, checks the count and that plotly really
drew, then uses the sidebar and checks the URL follows. Never skipped: the
``chromium`` fixture fails when the browser is missing.

Waiting (DESIGN.md section 5): the app is connected, the script is not running,
and after every interaction the *new* content itself (a changed count, a changed
URL) is awaited before anything is measured. Screenshots go to artifacts/ (and
the README's to docs/); the viewport is first grown to the content height
because Streamlit scrolls inside its main block.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from apprunner import streamlit_app

ROOT = Path(__file__).resolve().parent.parent
TCKT = "Tổng cục Kỹ thuật"
TIMEOUT = 120_000  # ms: the machine is slow and shared
PAGES = ("", "documents", "charts", "articles", "quality", "upload")

pytestmark = pytest.mark.browser
# An article written to attack the page: each payload would set window.__pwned if it ran.
HOSTILE = ("Tin <script>window.__pwned=1</script> [bấm vào](javascript:window.__pwned=2)\n\n"
           "Thứ 5, 23.11.2023 | 08:00:00\n\n"
           '<img src=x onerror="window.__pwned=3"> **đậm** `mã` ' + "dòng rất dài " * 400 + "\n")

# Every chart the app placed (its containers carry the widget key "chart_...", present
# before plotly's lazily loaded component mounts) has drawn its SVG and at least one
# trace (paths, points, a heatmap image) or a WebGL canvas; "no events" notes count.
DRAWN_JS = """() => {
  const boxes = [...document.querySelectorAll('[class*="st-key-chart_"]')];
  return boxes.every(b => {
    const p = b.querySelector('.js-plotly-plot');
    return p && p.querySelector('.main-svg') && (
      p.querySelector('.scatterlayer .trace, .barlayer .trace, .heatmaplayer image, canvas') ||
      p.querySelector('.annotation-text'));
  });
}"""
POINTS_JS = """() => {
  const p = document.querySelector('.js-plotly-plot');
  return p ? p.querySelectorAll('.scatterlayer .point, .barlayer .point').length : 0;
}"""


#: The running server's log, so a failing test can show what the app said.
SERVER_LOG: list[Path] = []


def _server_log_tail(lines: int = 40) -> str:
    if not SERVER_LOG or not SERVER_LOG[-1].exists():
        return "(no server log)"
    return "\n".join(SERVER_LOG[-1].read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, samples_dir):
    """A streamlit server on a free loopback port over a fresh store; stopped after."""
    from dashboard.store.ingest import ingest

    tmp = tmp_path_factory.mktemp("browser")
    corpus = tmp / "articles"
    shutil.copytree(samples_dir, corpus)
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = tmp / "dashboard.duckdb"
    ingest([str(corpus)], str(db), workers=1)
    SERVER_LOG.append(tmp / "server.log")
    with streamlit_app(db, tmp) as url:
        yield url


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1500, "height": 1000}, locale="vi-VN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors
    yield pg
    context.close()


#: The app is connected and no script run is in progress or requested (state and connection
#: sit on the same stApp element, so one selector checks both at one instant).
IDLE = "[data-testid=stApp][data-test-connection-state=CONNECTED][data-test-script-state=notRunning]"


def idle(pg) -> None:
    """Connected and no run in progress: wait for this before every click on a widget.

    A click while a rerun is running acts on elements about to be replaced (for a
    download button with lazy ``data``: on the previous run's deferred file id).
    """
    pg.wait_for_selector(IDLE, timeout=TIMEOUT)


def settle(pg) -> None:
    """Connected, the page's own content is there, the script finished, charts drew."""
    pg.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=TIMEOUT)
    pg.wait_for_selector("[data-testid=event-count]", timeout=TIMEOUT)
    idle(pg)
    pg.wait_for_function(DRAWN_JS, timeout=TIMEOUT)
    assert not pg.locator("[data-testid=stException]").count(), pg.inner_text("[data-testid=stException]")


def counts(pg) -> tuple[int, int]:
    text = pg.inner_text("[data-testid=event-count]")
    shown, total = (int("".join(ch for ch in part if ch.isdigit())) for part in text.split("/")[:2])
    return shown, total


def wait_count_change(pg, old_text: str) -> None:
    pg.wait_for_function(
        "old => { const el = document.querySelector('[data-testid=event-count]');"
        " return el && el.innerText !== old; }", arg=old_text, timeout=TIMEOUT)
    pg.wait_for_selector("[data-test-script-state=notRunning]", timeout=TIMEOUT)
    pg.wait_for_function(DRAWN_JS, timeout=TIMEOUT)


def pick_in_sidebar(pg, which: int, typed: str, option: str) -> None:
    """Type ``typed`` into the sidebar's ``which``-th multiselect, pick the option matching the regex
    ``option``, close the list and wait for the count to change."""
    idle(pg)
    before = pg.inner_text("[data-testid=event-count]")
    combo = pg.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").nth(which)
    combo.locator("input").click()
    combo.locator("input").fill(typed)
    choice = pg.get_by_role("option", name=re.compile(option))
    choice.wait_for(timeout=TIMEOUT)
    choice.click()
    pg.keyboard.press("Escape")
    wait_count_change(pg, before)


def screenshot(pg, *paths: Path) -> None:
    """Full-page screenshot: grow the viewport to the content first (the app scrolls inside)."""
    height = pg.evaluate("""() => Math.max(...[...document.querySelectorAll(
        '[data-testid=stMain], [data-testid=stMainBlockContainer], [data-testid=stSidebarContent]')]
        .map(e => e.scrollHeight), 800)""")
    pg.evaluate("() => document.activeElement && document.activeElement.blur()")  # no focus ring in pictures
    pg.set_viewport_size({"width": 1500, "height": min(int(height) + 60, 8000)})
    pg.wait_for_function(DRAWN_JS, timeout=TIMEOUT)
    pg.wait_for_timeout(500)  # plotly relayouts to the new width
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(path), full_page=True)
    pg.set_viewport_size({"width": 1500, "height": 1000})


def test_browser_filter_link_and_sidebar(app_url, page, artifacts_dir):
    page.goto(app_url + "/", timeout=TIMEOUT)
    settle(page)
    _, total = counts(page)
    assert total > 0

    page.goto(app_url + "/?" + urllib.parse.urlencode({"org": TCKT}), timeout=TIMEOUT)
    settle(page)
    shown, total_again = counts(page)
    assert total_again == total and shown < total, "the organisation link did not narrow the view"
    page.wait_for_function(f"() => ({POINTS_JS})() > 0", timeout=TIMEOUT)  # milestones and events drew
    assert TCKT in page.locator("[data-testid=stSidebar]").inner_text()
    screenshot(page, artifacts_dir / "browser-org-link.png")

    # Another organisation, found by its abbreviation in the sidebar's search.
    pick_in_sidebar(page, 0, "CNQP", r"^Tổng cục Công nghiệp quốc phòng")
    page.wait_for_function("() => new URLSearchParams(location.search).getAll('org').length === 2", timeout=TIMEOUT)
    assert counts(page)[0] > shown
    screenshot(page, artifacts_dir / "browser-two-organisations.png", ROOT / "docs" / "screenshot-dashboard.png")

    # A year range: move the slider's upper handle one year to the left with the keyboard.
    url_before = page.url
    handles = page.locator("[data-testid=stSidebar] [data-testid=stSlider] input[type=range]")
    idle(page)
    handles.last.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => new URLSearchParams(location.search).has('to')", timeout=TIMEOUT)
    page.wait_for_selector("[data-test-script-state=notRunning]", timeout=TIMEOUT)
    page.wait_for_function(DRAWN_JS, timeout=TIMEOUT)
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert page.url != url_before and len(query["org"]) == 2 and TCKT in query["org"] and "to" in query
    assert page.js_errors == []
    screenshot(page, artifacts_dir / "browser-sidebar-filters.png")

    # English: labels change, the filter stays (the browser keeps selections by label).
    filtered = counts(page)
    idle(page)
    page.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).click()
    page.wait_for_function("() => document.querySelector('[data-testid=event-count]').innerText.includes('events')",
                           timeout=TIMEOUT)
    idle(page)
    page.get_by_role("link", name="Charts").click()
    page.wait_for_url(re.compile(r"/charts\?"), timeout=TIMEOUT)
    settle(page)
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert len(query["org"]) == 2 and query["lang"] == ["en"] and "to" in query
    assert counts(page) == filtered
    assert "General Department of Technology" in page.locator("[data-testid=stSidebar]").inner_text()
    screenshot(page, artifacts_dir / "browser-english-charts.png")


@pytest.mark.parametrize("path", PAGES)
def test_browser_page_draws(app_url, page, artifacts_dir, path):
    t0 = time.perf_counter()
    page.goto(f"{app_url}/{path}", timeout=TIMEOUT)
    settle(page)
    seconds = time.perf_counter() - t0
    assert counts(page)[1] > 0
    if path in ("", "charts"):
        assert page.locator('[class*="st-key-chart_"] .js-plotly-plot').count() == (1 if path == "" else 4)
    assert page.js_errors == []
    screenshot(page, artifacts_dir / f"browser-page-{path or 'timeline'}.png")
    print(f"page {path or 'timeline'}: {seconds:.1f} s to settle")


def test_browser_timeline_answers_at_its_own_path(app_url, page):
    """A typed or shared ".../timeline?org=…" showed Streamlit's "Page not found" dialog over the page
    (the default page lives at "/"); it is the timeline, filtered, and the menu still leads away from it."""
    page.goto(f"{app_url}/timeline?org=" + urllib.parse.quote("Tổng cục Kỹ thuật"), timeout=TIMEOUT)
    settle(page)
    assert page.get_by_text("Page not found").count() == 0 and page.get_by_role("dialog").count() == 0
    assert page.locator('[class*="st-key-chart_"] .js-plotly-plot').count() == 1
    shown, total = counts(page)
    assert 0 < shown < total  # the filter of the link holds
    page.get_by_role("link", name="Biểu đồ").click()
    page.wait_for_function("() => location.pathname.endsWith('/charts')", timeout=TIMEOUT)
    settle(page)
    assert page.locator('[class*="st-key-chart_"] .js-plotly-plot').count() == 4 and counts(page) == (shown, total)
    assert page.js_errors == []


#: The browser itself gives up on a lazy (server-rendered) download after 180 s (Streamlit
#: 1.67's BackendOperationClient deferred-file timeout); the test waits as long as a user would.
DOWNLOAD_TIMEOUT = 180_000
#: Records every error line a download button shows (Streamlit clears it after 5 s), so a
#: missing download says where it stopped (with the websocket messages the page sent).
DOWNLOAD_PROBE_JS = """() => {
  if (window.__dl) return;
  window.__dl = {errors: []};
  new MutationObserver(() => document.querySelectorAll('[data-testid=stDownloadButtonError]')
      .forEach(e => { const t = e.innerText.trim(); if (t && !window.__dl.errors.includes(t)) window.__dl.errors.push(t); })
  ).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def open_expander(pg, title: str):
    """Open the sidebar expander ``title`` and return its content once it is interactive.

    Collapsed content is ``inert`` (clicks on it do nothing); it is open when that goes.
    """
    box = pg.locator("[data-testid=stSidebar] [data-testid=stExpander]").filter(
        has=pg.get_by_text(title, exact=True))
    content = box.locator("[data-testid=stExpanderDetails]")
    idle(pg)
    if content.get_attribute("inert") is not None:
        box.locator("summary").click()
    box.locator("[data-testid=stExpanderDetails]:not([inert])").wait_for(state="visible", timeout=TIMEOUT)
    return content


def click_download(pg, scope, label: str):
    """Click the download button ``label`` and return the download.

    Clicked only when the app is idle and the button visible and enabled: a lazy
    download button's deferred file id is replaced by every run, so the click must
    carry the current one. A timeout reports whether the click reached the server.
    """
    from playwright.sync_api import expect

    button = scope.locator("[data-testid=stDownloadButton] button").filter(has_text=label)
    idle(pg)
    expect(button).to_be_visible(timeout=TIMEOUT)
    expect(button).to_be_enabled(timeout=TIMEOUT)
    pg.evaluate(DOWNLOAD_PROBE_JS)
    sent: list[int] = []
    pg.context.ws_frames = sent
    t0 = time.monotonic()
    try:
        with pg.expect_download(timeout=DOWNLOAD_TIMEOUT) as info:
            button.click()
        return info.value
    except Exception as exc:  # the bytes are made by the server on click: say where it stopped
        probe = pg.evaluate("() => window.__dl")
        raise AssertionError(
            f"{label}: {exc}\n{time.monotonic() - t0:.0f} s after the click; websocket messages sent since:"
            f" {len(sent)}; button errors: {probe and probe['errors']}\n--- server log ---\n{_server_log_tail()}"
        ) from exc


def test_browser_report_control_downloads_the_filtered_view(app_url, chromium, artifacts_dir):
    context = chromium.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    try:
        pg = context.new_page()
        context.ws_frames = []
        pg.on("websocket", lambda ws: ws.on("framesent", lambda payload: context.ws_frames.append(len(payload))))
        pg.goto(app_url + "/?" + urllib.parse.urlencode({"org": "Bộ Quốc phòng", "lang": "en"}), timeout=TIMEOUT)
        settle(pg)
        sentence = pg.inner_text("[data-testid=filter-sentence]")
        report = open_expander(pg, "Report")
        for label, suffix in (("Download HTML (offline)", ".html"), ("Download PDF", ".pdf")):
            download = click_download(pg, report, label)
            path = artifacts_dir / f"app-report{suffix}"
            download.save_as(path)
            assert download.failure() is None, f"{label}: {download.failure()}"
            assert download.suggested_filename.endswith(suffix) and path.stat().st_size > 10_000
        assert sentence in (artifacts_dir / "app-report.html").read_text(encoding="utf-8")
        # Every event of the view as CSV: Bộ Quốc phòng took part in 002's working session only.
        download = click_download(pg, report, "Download CSV (every event)")
        assert download.failure() is None and download.suggested_filename == "report.csv"
        lines = list(csv.reader(io.StringIO(Path(download.path()).read_bytes().decode("utf-8-sig"), newline="")))
        assert lines[0][:2] == ["Date", "First day"] and [r[1] for r in lines[1:]] == ["2023-04-17"]
        assert pg.evaluate("() => window.__dl.errors") == []
    finally:
        context.close()


def test_browser_hostile_article_is_shown_literally(app_url, page, artifacts_dir):
    page.goto(app_url + "/articles", timeout=TIMEOUT)
    settle(page)
    idle(page)
    page.locator("[data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name=re.compile("window.__pwned")).click()
    page.wait_for_function("() => [...document.querySelectorAll('.article-text')]"
                           ".some(el => el.innerText.includes('<script>window.__pwned=1</script>'))", timeout=TIMEOUT)
    page.wait_for_selector("[data-test-script-state=notRunning]", timeout=TIMEOUT)
    text = page.inner_text(".article-text")
    assert "[bấm vào](javascript:window.__pwned=2)" in text and '<img src=x onerror="window.__pwned=3">' in text
    assert "**đậm**" in text
    screenshot(page, artifacts_dir / "browser-hostile-article.png")
    for path in PAGES:
        page.goto(f"{app_url}/{path}", timeout=TIMEOUT)
        settle(page)
        assert page.evaluate("() => window.__pwned") is None, f"hostile text ran on /{path}"
    assert page.js_errors == []


def test_browser_chart_code_is_prefetched_into_the_page(app_url, page):
    """app/prefetch.py adds Streamlit's plotly chunk to the page's head from a hidden frame
    (a frame that cannot reach the page, e.g. st.iframe's, silently loses the head start)."""
    page.goto(app_url, timeout=TIMEOUT)
    settle(page)
    srcs = page.evaluate("[...document.head.querySelectorAll('script[type=module]')].map(s => s.src)")
    assert any("/static/js/PlotlyChart." in s for s in srcs), srcs
    # the frame takes no room on the page
    frames = page.locator(".st-key-dashboard_prefetch")
    assert frames.count() == 1 and frames.first.bounding_box() is None
    assert page.js_errors == []


def test_browser_charts_summary_lists_what_each_organisation_did(app_url, page, artifacts_dir):
    """The Charts page's organisation x year table, as the samples tell it, in both languages and filtered."""
    page.goto(f"{app_url}/charts", timeout=TIMEOUT)
    settle(page)
    text = page.locator("[data-testid=org-year-summary]").inner_text()
    # 000 (806-NQ/QUTW of 31-12-2013, reviewed on 22-11-2023), 003 (08-NQ/TW), 004 (the signing).
    for line in ("31/12/2013 · Nghị quyết 806-NQ/QUTW", "26/1/2022 · Nghị quyết 08-NQ/TW",
                 "22/11/2023 · Hội nghị tổng kết 10 năm thực hiện Nghị quyết số 806-NQ/QUTW",
                 "2022–2023 · Ký kết Chương trình phối hợp", "Buổi làm việc: 1"):
        assert line in text, line
    assert "Quân ủy Trung ương" in text and "Tổng cục Kỹ thuật" in text
    # Hovering a listed event shows the sentence it was read from.
    review = page.locator("[data-testid=org-year-summary] div[title]").filter(has_text="22/11/2023 · Hội nghị")
    assert review.first.get_attribute("title").startswith("Sáng 22-11, Tổng cục Công nghiệp Quốc phòng (CNQP)")
    page.locator("[data-testid=org-year-summary]").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "browser-charts-summary.png"))
    # The table as CSV, as a spreadsheet would read it.
    download = click_download(page, page.locator("[data-testid=stMain]"), "Tải bảng (CSV)")
    assert download.suggested_filename == "co-quan-theo-nam.csv"
    csv_text = Path(download.path()).read_bytes().decode("utf-8-sig")
    assert "Quân ủy Trung ương,2013,31/12/2013 · Nghị quyết 806-NQ/QUTW" in csv_text
    # An issuer the store has no organisation for (Quốc hội, of the 2022 law) is not a link: no view can name it.
    links = page.locator("[data-testid=org-year-summary] a")
    hrefs = [urllib.parse.unquote(links.nth(i).get_attribute("href")) for i in range(links.count())]
    assert hrefs and not any("Quốc hội" in h for h in hrefs)
    # A year leads to the timeline of that organisation in that year: 000's review conference, 002's
    # working session, and 004's signing dated 2022–2023 (the filter keeps events overlapping the year;
    # the table counts that one in 2022, its first year).
    target = [i for i in range(links.count()) if links.nth(i).inner_text() == "2023"
              and "org=Tổng cục Công nghiệp quốc phòng" in hrefs[i] and "to=2023" in hrefs[i]]
    assert len(target) == 1, hrefs
    links.nth(target[0]).click()
    page.wait_for_url(re.compile(r"/\?org=.*from=2023"), timeout=TIMEOUT)
    settle(page)
    assert counts(page)[0] == 3
    sentence = page.inner_text("[data-testid=filter-sentence]")
    assert "Tổng cục Công nghiệp quốc phòng" in sentence and "2023" in sentence

    page.goto(f"{app_url}/charts?lang=en&org=T%E1%BB%95ng%20c%E1%BB%A5c%20K%E1%BB%B9%20thu%E1%BA%ADt", timeout=TIMEOUT)
    settle(page)
    text = page.locator("[data-testid=org-year-summary]").inner_text()
    assert "General Department of Technology" in text and "Signed" in text
    assert "2022–2023 · Ký kết Chương trình phối hợp" in text  # the event's title stays as the article wrote it
    # Only the organisation asked for: the signing's other party and the issuers are left out.
    assert "General Department of Defence Industry" not in text and "Central Military Commission" not in text
    assert page.js_errors == []


def test_browser_person_filter_from_a_link_and_the_sidebar(app_url, page, artifacts_dir):
    """A hand-typed ``?person=`` without diacritics reads as the stored name; picking a second person in
    the sidebar adds their events (001's working session of Phan Văn Giang, 000's review conference that
    Nguyễn Mạnh Hùng chaired), and the events table names who took part."""
    page.goto(f"{app_url}/?person=phan%20van%20giang", timeout=TIMEOUT)
    settle(page)
    assert counts(page)[0] == 1
    assert page.inner_text("[data-testid=filter-sentence]") == "Sự kiện có Phan Văn Giang tham gia"
    page.wait_for_function("() => new URLSearchParams(location.search).get('person') === 'Phan Văn Giang'",
                           timeout=TIMEOUT)
    assert "Phan Văn Giang (Thượng tướng)" in page.locator("[data-testid=stSidebar]").inner_text()

    pick_in_sidebar(page, 1, "nguyen manh", r"^Nguyễn Mạnh Hùng \(Trung tướng\)")
    page.wait_for_function("() => new URLSearchParams(location.search).getAll('person').length === 2",
                           timeout=TIMEOUT)
    assert counts(page)[0] == 2
    table = page.locator("[data-testid=stDataFrame]").first
    table.wait_for(timeout=TIMEOUT)
    header = page.evaluate("() => [...document.querySelectorAll('[data-testid=stDataFrame] [role=columnheader]')]"
                           ".map(e => e.innerText)")
    assert "Người tham gia" in header, header
    screenshot(page, artifacts_dir / "browser-person-filter.png")
    assert page.js_errors == []

"""One long-lived headless Chromium that turns a report's HTML into PDF or PNG.

Why a dedicated thread: Playwright's sync API objects belong to the thread that
created them, and Streamlit runs every script run in a thread of its own. So a
single daemon worker thread starts Debian's Chromium once, owns it, and runs
render jobs from a queue; callers on any thread wait for their job's result.
Starting Chromium costs about a second; later exports reuse it.

Pages get no network: every request that is not file:, data:, blob: or about:
is aborted, so a report can only draw with what it embeds.
"""
from __future__ import annotations

import atexit
import os
import queue
import shutil
import tempfile
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Callable

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic",
)
#: Schemes a report page may load; everything else (http, https, ws...) is aborted.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
#: Device pixels per CSS px of screenshots: 2 keeps PNG text sharp in slides and print
#: (PDF output is vector and does not depend on it).
SCALE_FACTOR = 2
#: Milliseconds a page may take to load and draw its figures.
TIMEOUT_MS = 60_000

# Every `.plotly-graph-div` of the page has drawn its SVG layers, the page says
# how many figures it expects (compose.py sets data-figures) and fonts are ready.
# Plotly's own promise sets data-drawn per figure (see compose.figure_html); a
# script error ends the wait early (compose.ERROR_HOOK).
DRAWN_JS = """() => {
  if (document.documentElement.dataset.reportError) return true;
  const want = Number(document.body.dataset.figures || 0);
  const divs = [...document.querySelectorAll('.plotly-graph-div')];
  return document.fonts.status === 'loaded' && divs.length === want &&
    divs.every(d => d.dataset.drawn === '1' && d.querySelector('.main-svg'));
}"""


class RenderError(RuntimeError):
    """Chromium could not be started or could not render the page (one-line message)."""


class Renderer:
    """A Chromium owned by one worker thread; `pdf`/`png` may be called from any thread."""

    def __init__(self, executable: str = CHROMIUM, args: tuple[str, ...] = CHROMIUM_ARGS,
                 scale_factor: float = SCALE_FACTOR):
        self.executable = executable
        self.args = list(args)
        self.scale_factor = scale_factor
        self._jobs: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._closed = False

    # -- public API ---------------------------------------------------------------
    def pdf(self, html: str, *, width: int, scale: float = 1.0, footer: str | None = None) -> bytes:
        """A4 PDF of `html` (backgrounds printed, CSS @page honoured), after the figures drew.

        `footer` is a Chromium footer template (HTML with pageNumber/totalPages spans).
        """
        def job(session: "_Session") -> bytes:
            page = session.show(html, width)
            return page.pdf(format="A4", print_background=True, prefer_css_page_size=True, scale=scale,
                            display_header_footer=bool(footer), header_template="<span></span>",
                            footer_template=footer or "<span></span>")
        return self.run(job)

    def png(self, html: str, *, width: int) -> bytes:
        """Full-page PNG of `html` laid out `width` CSS px wide (times `scale_factor` pixels)."""
        def job(session: "_Session") -> bytes:
            page = session.show(html, width)
            return page.screenshot(full_page=True, type="png", animations="disabled")
        return self.run(job)

    def warm(self, wait: bool = True) -> None:
        """Start Chromium and compile plotly.js now, so the first export is fast.

        With ``wait=False`` this returns at once: the CLI and the app call it before
        building their figures, so the browser starts on the other core meanwhile.
        Failures are left for the real export to report.
        """
        from .shell import warmup_html

        html = warmup_html()
        fut = self.submit(lambda session: session.show(html, 800) and None)
        if wait:
            fut.exception()

    def run(self, job: Callable):
        """Run `job(session)` on the worker thread and return (or raise) its result."""
        return self.submit(job).result()

    def submit(self, job: Callable) -> Future:
        """Queue `job(session)` for the worker thread; jobs run one at a time, in order."""
        if self._closed:
            raise RenderError("the report renderer has been closed")
        self._ensure_thread()
        fut: Future = Future()
        self._jobs.put((job, fut))
        return fut

    def close(self, timeout: float = 10.0) -> None:
        """Close Chromium and stop the worker (idempotent)."""
        self._closed = True
        if self._thread and self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join(timeout)

    @property
    def started(self) -> bool:
        return bool(self._thread and self._thread.is_alive())

    # -- worker thread ------------------------------------------------------------
    def _ensure_thread(self) -> None:
        with self._start_lock:
            if self._thread is None or not self._thread.is_alive():
                # Daemon: a forgotten renderer never keeps the interpreter alive;
                # atexit closes the browser cleanly before daemon threads are killed.
                self._thread = threading.Thread(target=self._loop, name="report-chromium", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        session = _Session(self)
        try:
            while True:
                item = self._jobs.get()
                if item is None:
                    return
                job, fut = item
                if not fut.set_running_or_notify_cancel():
                    continue
                try:
                    fut.set_result(job(session))
                except BaseException as exc:  # handed to the caller's thread
                    # A page that timed out may be half-drawn: start the next job afresh.
                    session.reset_page()
                    fut.set_exception(_as_render_error(exc))
        finally:
            session.close()


class _Session:
    """Worker-thread state: Playwright, the browser, one context and one page, reused.

    Why one page at one fixed file path: Chromium keeps the compiled plotly.js
    (~4.8 MB) of a renderer process for a script at the same URL with the same
    source, so the second report loads in ~0.25 s instead of ~1.2 s.
    """

    def __init__(self, renderer: Renderer):
        self.renderer = renderer
        self.pw = self.browser = self.context = self.page = None
        self.workdir = Path(tempfile.mkdtemp(prefix="dashboard-report-"))
        self.path = self.workdir / "report.html"

    def show(self, html: str, width: int):
        """The page showing `html` at `width` CSS px, once every figure has drawn."""
        page = self._page()
        page.set_viewport_size({"width": width, "height": 900})
        self.path.write_text(html, encoding="utf-8")
        page.goto(self.path.as_uri(), wait_until="load")
        page.wait_for_function(DRAWN_JS, timeout=TIMEOUT_MS)
        error = page.evaluate("() => document.documentElement.dataset.reportError")
        if error:
            raise RenderError(f"a figure failed to draw: {error}")
        return page

    def _page(self):
        if self.browser is None or not self.browser.is_connected():
            # (Re)start lazily: the first job pays for the launch, and a crashed
            # Chromium is replaced instead of failing every later export.
            self.reset_page()
            _quietly(self.browser and self.browser.close)
            self.browser = self._launch()
        if self.page is None or self.page.is_closed():
            self.reset_page()
            self.context = self.browser.new_context(
                viewport={"width": 1000, "height": 900},
                device_scale_factor=self.renderer.scale_factor,
            )
            self.context.route("**/*", block_network)
            self.page = self.context.new_page()
            self.page.set_default_timeout(TIMEOUT_MS)
        return self.page

    def _launch(self):
        r = self.renderer
        if not Path(r.executable).exists():
            raise RenderError(f"Chromium not found at {r.executable}: run scripts/install.sh")
        from playwright.sync_api import sync_playwright

        if self.pw is None:
            self.pw = sync_playwright().start()
        return self.pw.chromium.launch(executable_path=r.executable, args=r.args, headless=True)

    def reset_page(self) -> None:
        _quietly(self.context and self.context.close)
        self.context = self.page = None

    def close(self) -> None:
        self.reset_page()
        _quietly(self.browser and self.browser.close)
        _quietly(self.pw and self.pw.stop)
        self.browser = self.pw = None
        shutil.rmtree(self.workdir, ignore_errors=True)


def _as_render_error(exc: BaseException) -> BaseException:
    if isinstance(exc, (RenderError, KeyboardInterrupt, SystemExit)):
        return exc
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    err = RenderError(f"report rendering failed: {first}")
    err.__cause__ = exc
    return err


def _quietly(fn) -> None:
    try:
        if fn:
            fn()
    except Exception:  # the browser may already be gone at exit; nothing to report
        pass


def block_network(route) -> None:
    """Playwright route handler: local resources pass, everything else is aborted."""
    if route.request.url.startswith(LOCAL_SCHEMES):
        route.continue_()
    else:
        route.abort()


_RENDERER: Renderer | None = None
_RENDERER_LOCK = threading.Lock()


def get_renderer() -> Renderer:
    """The process-wide renderer (created on first use, closed at exit)."""
    global _RENDERER
    with _RENDERER_LOCK:
        if _RENDERER is None or _RENDERER._closed:
            _RENDERER = Renderer()
            atexit.register(_RENDERER.close)
        return _RENDERER


def shutdown() -> None:
    """Close the process-wide renderer now (tests and benchmarks measuring a cold start)."""
    global _RENDERER
    with _RENDERER_LOCK:
        if _RENDERER is not None:
            _RENDERER.close()
            _RENDERER = None

"""Section 4: time to the first drawn chart in Chromium, cold, for the samples and ~100k events.

Cold means a fresh Streamlit server (empty caches) and a fresh Chromium for every run. The
server is started on a free loopback port against a prepared store (env ``DASHBOARD_DB``)
and timed separately until its health endpoint answers; the clock for "first chart" starts
at ``page.goto`` and stops when a ``.js-plotly-plot`` has its ``.main-svg`` plus trace paths
or a WebGL canvas (DESIGN.md section 5). "All charts" also waits for the script to finish
and every plot on the page to have drawn. Debian's /usr/bin/chromium; Playwright's own
browser download is never used.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .measure import fmt, summary

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic"]
# Resolves when the chart(s) drew, or with the text of an exception the app shows instead
# (so a broken page fails in seconds, not at the timeout).
_DRAWN = """(all) => {
  const err = document.querySelector('[data-testid=stException]');
  if (err) return 'exception: ' + err.innerText.slice(0, 300);
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const drawn = p => p.querySelector('.main-svg') &&
      (p.querySelector('.main-svg .trace path, .main-svg g.trace, canvas') !== null);
  return (all ? plots.length > 0 && plots.every(drawn) : plots.some(drawn)) ? 'drawn' : false;
}"""


def _wait_drawn(page, all_: bool, timeout_ms: int) -> None:
    result = page.wait_for_function(_DRAWN, arg=all_, timeout=timeout_ms, polling=50).json_value()
    if result != "drawn":
        raise RuntimeError(f"the app shows an exception instead of a chart: {' '.join(result.split())[:300]}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: The environment variable the app reads for its store (dashboard/app/connection.py).
DB_ENV = "DASHBOARD_DB"


def _start_server(db: Path, env_name: str, log: Path) -> tuple[subprocess.Popen, str, float]:
    port = _free_port()
    env = dict(os.environ, **{env_name: str(db)})
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
           "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    while time.perf_counter() - t0 < 90:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}: see {log}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return proc, url, time.perf_counter() - t0
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("streamlit did not answer /_stcore/health within 90 s")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def measure_once(pw, db: Path, env_name: str, log: Path, timeout_ms: int) -> dict:
    proc, url, server_s = _start_server(db, env_name, log)
    try:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            t0 = time.perf_counter()
            page.goto(url, wait_until="commit")
            page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]",
                                   timeout=timeout_ms)
            connected = time.perf_counter() - t0
            _wait_drawn(page, False, timeout_ms)
            first = time.perf_counter() - t0
            page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout_ms)
            _wait_drawn(page, True, timeout_ms)
            all_ = time.perf_counter() - t0
            n_plots = page.evaluate("document.querySelectorAll('.js-plotly-plot').length")
            # Warm: same server (caches filled) and browser (bundle cached), page reloaded.
            t0 = time.perf_counter()
            page.reload(wait_until="commit")
            _wait_drawn(page, False, timeout_ms)
            warm = time.perf_counter() - t0
        finally:
            browser.close()
    finally:
        _stop(proc)
    return {"server": server_s, "connected": connected, "first": first, "all": all_, "warm": warm,
            "plots": n_plots}


def run(cfg, ctx) -> tuple[list[str], list[tuple]]:
    if not (ROOT / "streamlit_app.py").exists():
        raise LookupError("streamlit_app.py does not exist yet")
    if not Path(CHROMIUM).exists():
        raise LookupError(f"{CHROMIUM} is missing (scripts/install.sh installs it)")
    env_name = DB_ENV
    from playwright.sync_api import sync_playwright

    stores = [("samples", ctx.samples_db(), 60_000), ("large", ctx.large_db(), 120_000)]
    lines = [f"Fresh server and browser per run; store passed as `{env_name}` (a copy: the app may rebuild "
             f"a store it finds stale); {cfg.browser_repeats} runs each. Times from `page.goto`; server start "
             "(until /_stcore/health answers) is not included. Warm = the same page reloaded afterwards.",
             "", "| store | events | server start | websocket connected | first chart drawn | all charts drawn "
             "| warm reload, first chart | plots |", "|---|---:|---|---|---|---|---|---:|"]
    targets, problems = [], []
    with sync_playwright() as pw:
        for label, db, timeout_ms in stores:
            runs, n = [], _events(db)
            for r in range(cfg.browser_repeats):
                if r and len(runs) < r:
                    break  # the first run failed or timed out: repeating would only take as long again
                copy = ctx.work / f"app-{label}.duckdb"
                _copy_store(db, copy)
                try:
                    runs.append(measure_once(pw, copy, env_name, ctx.work / f"streamlit-{label}-{r}.log", timeout_ms))
                except Exception as exc:  # a timeout on one store must not hide the other
                    problems.append(f"{label} run {r}: {type(exc).__name__}: {str(exc).splitlines()[0][:400]}")
                if _events(copy) != n:
                    problems.append(f"{label} run {r}: the app rebuilt the store ({n:,} → {_events(copy):,} events)")
            if not runs:
                lines.append(f"| {label} | {n:,} | not measured | | | | | |")
                continue
            f = summary([x["first"] for x in runs])
            cells = [fmt(summary([x[k] for x in runs]), "s", 1, 2) for k in ("server", "connected", "first", "all",
                                                                             "warm")]
            lines.append(f"| {label} | {n:,} | " + " | ".join(cells) + f" | {runs[-1]['plots']} |")
            if label == "samples":
                targets.append(("First chart drawn, samples (cold)", "≤ 3 s", f"{f['median']:.2f} s", f["median"] <= 3))
            else:
                targets.append((f"First chart drawn, {n:,} events (cold)", "(none)", f"{f['median']:.2f} s", None))
    if problems:
        lines += ["", "Problems: " + "; ".join(problems)]
    if cfg.profile:
        lines += ["", "Server side of the cold first run, samples store, profiled (`python -m bench.app_probe`):", ""]
        lines += _app_probe(ctx.samples_db(), env_name, ctx.work)
    return lines, targets


def _copy_store(db: Path, copy: Path) -> None:
    """Copy a store with its write-ahead log, if it has one, and never a stale log of an earlier copy.

    A store whose ingest was stopped keeps its last batches in ``.wal``: copying the main
    file alone loses them, and a leftover ``.wal`` beside the copy makes DuckDB refuse to
    open it ("WAL mismatch").
    """
    wal, copy_wal = Path(f"{db}.wal"), Path(f"{copy}.wal")
    copy_wal.unlink(missing_ok=True)
    shutil.copyfile(db, copy)
    if wal.exists():
        shutil.copyfile(wal, copy_wal)


def _app_probe(db: Path, env_name: str, work: Path) -> list[str]:
    copy = work / "app-probe.duckdb"
    _copy_store(db, copy)
    env = dict(os.environ, **{env_name: str(copy)}, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-m", "bench.app_probe", "12"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=600)
    if out.returncode != 0:
        return [f"not measured: app_probe exited with {out.returncode}: {out.stderr.strip()[-300:]}"]
    return out.stdout.strip().splitlines()


def _events(db: Path) -> int:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM events").fetchone()[0]
    finally:
        con.close()

"""Section 5: report generation time, cold and warm.

Cold: a fresh ``python -m dashboard report --org "Tổng cục Kỹ thuật" --from 2023 --to 2025``
process per run (interpreter start, imports, store open, figure building, Chromium start,
rendering, writing), as a user runs it. Warm: ``dashboard.report.build_report`` called again
in one process after a first call, so imports and the renderer's Chromium are already up
(what the app's download button costs after its first use).
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from .measure import budget, fmt, summary

ROOT = Path(__file__).resolve().parent.parent
ORG, YEAR_FROM, YEAR_TO = "Tổng cục Kỹ thuật", 2023, 2025
LIMIT = 180  # seconds per report before it counts as failed


def _cold(db: Path, out: Path, log: Path) -> float:
    """One CLI run in a fresh process; raises on failure or after LIMIT seconds."""
    cmd = [sys.executable, "-m", "dashboard", "report", "--db", str(db), "--org", ORG,
           "--from", str(YEAR_FROM), "--to", str(YEAR_TO), "--out", str(out)]
    if out.exists():
        out.unlink()
    t0 = time.perf_counter()
    with open(log, "wb") as fh:
        rc = subprocess.run(cmd, cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, timeout=LIMIT,
                            env=dict(os.environ, PYTHONPATH=str(ROOT))).returncode
    took = time.perf_counter() - t0
    if rc != 0 or not out.exists():
        tail = " | ".join(log.read_text(errors="replace").strip().splitlines()[-2:])[-300:]
        raise RuntimeError(f"report exited with {rc}: {tail}")
    return took


def _warm(db: Path, fmt_: str, repeats: int, limit: float) -> tuple[float, list[float], int]:
    from dashboard.query import Filter
    from dashboard.report import build_report, shutdown
    from dashboard.store.db import connect

    f = Filter(orgs=(ORG,), year_from=YEAR_FROM, year_to=YEAR_TO)
    con = connect(db, read_only=True)
    try:
        t0 = time.perf_counter()
        with budget(limit):
            data = build_report(con, f, "vi", fmt_)
        first = time.perf_counter() - t0
        warm = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            with budget(limit):
                data = build_report(con, f, "vi", fmt_)
            warm.append(time.perf_counter() - t0)
    finally:
        con.close()
        if fmt_ != "html":
            shutdown()
    return first, warm, len(data)


def run(cfg, ctx) -> tuple[list[str], list[tuple]]:
    import importlib.util

    if importlib.util.find_spec("dashboard.report.report") is None:
        raise LookupError("dashboard/report does not exist yet")
    stores = [("samples", ctx.samples_db()), ("large", ctx.large_db())]
    lines = [f"Filter: `--org \"{ORG}\" --from {YEAR_FROM} --to {YEAR_TO}`; cold = new process per run "
             f"({cfg.report_repeats} runs), warm = repeated `build_report` in one process after a first call.",
             "", "| store | format | cold (CLI process) | first call in process | warm | size |",
             "|---|---|---|---|---|---:|"]
    targets, problems = [], []
    for label, db in stores:
        for fmt_ in ("pdf", "png", "html"):
            out = ctx.work / f"report-{label}.{fmt_}"
            try:
                cold = [_cold(db, out, ctx.work / f"report-{label}-{fmt_}.log") for _ in range(cfg.report_repeats)]
                first, warm, size = _warm(db, fmt_, cfg.report_repeats, LIMIT)
            except Exception as exc:  # one format failing must not hide the others
                problems.append(f"{label}/{fmt_}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
                continue
            c = summary(cold)
            lines.append(f"| {label} | {fmt_} | {fmt(c, 's', 1, 2)} | {first:.2f} s | "
                         f"{fmt(summary(warm), 's', 1, 2)} | {size / 1024:,.0f} KB |")
            if fmt_ == "pdf":
                targets.append((f"Report PDF cold, {label} store", "< 10 s", f"{c['median']:.1f} s", c["median"] < 10))
    if problems:
        lines += ["", "Problems: " + "; ".join(problems)]
    return lines, targets

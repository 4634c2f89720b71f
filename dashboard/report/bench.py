"""Timing of reports: cold (a fresh ``python -m dashboard report`` process) and warm
(``build_report`` again in a process whose Chromium is already running).

``python -m dashboard.report.bench [--db FILE]`` prints one line per format; the
benchmark script can call ``bench_report`` and keep the dict.
``python -m dashboard.report.bench --page1 docs/report-page1.png [report flags]``
regenerates the README's picture (default flags: the reference view).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: The issue's reference view.
MAIN_ARGS = ("--org", "Tổng cục Kỹ thuật", "--from", "2023", "--to", "2025")


def bench_report(db: str | Path, formats=("pdf", "png", "html"), warm_runs: int = 3) -> dict:
    """{fmt: {"cold": s, "warm": s (median), "bytes": n}} for the reference view."""
    from dashboard.query import Filter
    from dashboard.report import build_report
    from dashboard.store.db import connect

    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in formats:
            target = Path(tmp) / f"report.{fmt}"
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "dashboard", "report", "--db", str(db), *MAIN_ARGS,
                            "--out", str(target)], check=True, capture_output=True)
            out[fmt] = {"cold": time.perf_counter() - t0, "bytes": target.stat().st_size}
    f = Filter(orgs=(MAIN_ARGS[1],), year_from=2023, year_to=2025)
    con = connect(db, read_only=True)
    try:
        for fmt in formats:
            build_report(con, f, "vi", fmt)  # the first one in this process starts Chromium
            times = []
            for _ in range(warm_runs):
                t0 = time.perf_counter()
                build_report(con, f, "vi", fmt)
                times.append(time.perf_counter() - t0)
            out[fmt]["warm"] = sorted(times)[len(times) // 2]
    finally:
        con.close()
    return out


def save_page1(db: str | Path, out_png: str | Path, args=MAIN_ARGS, dpi: int = 110) -> Path:
    """The README's picture: page 1 of the PDF report of ``args``, via pdftoppm."""
    out_png = Path(out_png)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        subprocess.run([sys.executable, "-m", "dashboard", "report", "--db", str(db), *args, "--out", str(pdf)],
                       check=True, capture_output=True)
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(Path(tmp) / "page1")], check=True)
        out_png.parent.mkdir(parents=True, exist_ok=True)
        out_png.write_bytes((Path(tmp) / "page1.png").read_bytes())
    return out_png


def main(argv: list[str] | None = None) -> int:
    from dashboard.store.db import DEFAULT_DB

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEFAULT_DB))
    parser.add_argument("--page1", metavar="PNG", help="only save page 1 of the reference report here")
    args, report_args = parser.parse_known_args(argv)
    if args.page1:
        print(save_page1(args.db, args.page1, tuple(report_args) or MAIN_ARGS))
        return 0
    for fmt, r in bench_report(args.db).items():
        print(f"{fmt:5s} cold {r['cold']:5.2f} s  warm {r['warm']:5.2f} s  {r['bytes']:>10,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

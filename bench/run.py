"""Run every benchmark and write the results as Markdown.

    python -m bench.run            # full mode → bench/RESULTS.md (10k and 100k ingest: minutes)
    python -m bench.run --quick    # smoke run, small sizes → bench/RESULTS-quick.md
    python -m bench.run --only extract,dashboard   # re-run some sections, keep the others

Sections: extract (vs dateparser.search_dates), ingest, dashboard (server-side filter
change), browser (first chart in Chromium), report (cold and warm). A section whose
component is missing or broken says "not measured: <reason>" instead of stopping the run.
Generated corpora and databases live under --work (default /tmp/bench-work), never in the
repository. Bench-only tool: ``pip install pyinstrument`` for the profiles (cProfile otherwise).
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from . import generate, measure, sec_browser, sec_dashboard, sec_extract, sec_ingest, sec_report

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = (
    ("extract", "1. Extraction vs `dateparser.search_dates`", sec_extract.run),
    ("ingest", "2. Ingest (all cores)", sec_ingest.run),
    ("dashboard", "3. Dashboard: server-side cost of a filter change", sec_dashboard.run),
    ("browser", "4. First drawn chart in Chromium (cold)", sec_browser.run),
    ("report", "5. Report generation", sec_report.run),
)

RUN_ORDER = ("ingest", "dashboard", "extract", "browser", "report")


@dataclass
class Config:
    quick: bool
    seed: int = 1
    samples: Path = ROOT / "data" / "articles"
    profile: bool = True

    def __post_init__(self):
        q = self.quick
        self.extract_n = 100 if q else 1000
        self.extract_repeats = 2 if q else 1  # full: 1,005 articles, per-article spread; search_dates is slow
        self.ingest_sizes = (300, 3000) if q else (10_000, 100_000)
        self.ingest_repeats = (2, 1) if q else (1, 1)  # 100k takes many minutes on 2 shared cores
        self.ingest_timeout = 900.0  # seconds; a slower run is stopped, its rate reported (--ingest-timeout)
        self.ingest_profile_n = 200 if q else 1000
        self.dash_repeats = 3 if q else 5
        # Articles ingested for the dashboard's target store: ~2 events each, so ~100k events
        # (the size); the largest ingest (~200k events) is measured too, for information.
        self.dash_articles = 1_000 if q else 50_000
        self.dash_budget = 20  # seconds per call before it is stopped (200 ms is the target)
        self.browser_repeats = 1 if q else 3
        self.report_repeats = 2


@dataclass
class Context:
    """What sections share: the work folder, corpora, databases, row counts, appendix."""

    cfg: Config
    work: Path
    dbs: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    appendix: list = field(default_factory=list)

    def corpus(self, n: int) -> Path:
        """Folder of ``n`` generated articles, written once per (seed, n) and reused."""
        folder = self.work / f"corpus-s{self.cfg.seed}-n{n}"
        done = self.work / f"corpus-s{self.cfg.seed}-n{n}.done"
        # The marker names the generator's source hash: an edited generator regenerates.
        src = b"".join((ROOT / "bench" / f).read_bytes() for f in ("generate.py", "vocab.py"))
        stamp = f"{n} articles, seed {self.cfg.seed}, generator {hashlib.sha256(src).hexdigest()[:12]}\n"
        if not done.exists() or done.read_text() != stamp:
            shutil.rmtree(folder, ignore_errors=True)
            generate.write_corpus(n, self.cfg.seed, folder)
            done.write_text(stamp)
        return folder

    def large_db(self) -> Path:
        """The largest ingested store (from the ingest section, else ingested now)."""
        _need_ingest()
        if "large" not in self.dbs:
            n = self.cfg.ingest_sizes[1]
            db = self.work / f"ingest-{n}.duckdb"
            folder = self.corpus(n)
            if not (sec_ingest.reusable(db, folder) or Path(f"{db}.partial").exists()):  # reuse an earlier store
                sec_ingest.ingest_once(folder, db, self.work / f"ingest-{n}-prep.log")
            self.dbs["large"] = db
        return self.dbs["large"]

    def events_db(self) -> Path:
        """A store of the first ``cfg.dash_articles`` generated articles (~100k events in full mode)."""
        _need_ingest()
        n = self.cfg.dash_articles
        if f"ingest-{n}" not in self.dbs:
            db = self.work / f"ingest-{n}.duckdb"
            folder = self.corpus(n)
            if not sec_ingest.reusable(db, folder):
                sec_ingest.ingest_once(folder, db, self.work / f"ingest-{n}-prep.log")
            self.dbs[f"ingest-{n}"] = db
        return self.dbs[f"ingest-{n}"]

    def samples_db(self) -> Path:
        _need_ingest()
        if "samples" not in self.dbs:
            db = self.work / "samples.duckdb"  # always fresh: five articles take seconds
            sec_ingest.ingest_once(self.cfg.samples, db, self.work / "ingest-samples.log")
            self.dbs["samples"] = db
        return self.dbs["samples"]


def _need_ingest() -> None:
    import importlib.util

    if importlib.util.find_spec("dashboard.store.ingest") is None:
        raise LookupError("needs a store, and dashboard/store/ingest.py does not exist yet")


def _run_section(key: str, fn, cfg: Config, ctx: Context) -> dict:
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())  # the machine is shared: say how busy it was
    t0 = time.perf_counter()
    try:
        lines, targets = fn(cfg, ctx)
    except Exception as exc:  # each section degrades alone: say why, keep going
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).resolve().relative_to(ROOT) if frame.filename.startswith(str(ROOT)) else frame.filename}:{frame.lineno}"
        reason = str(exc) if isinstance(exc, LookupError) else f"{type(exc).__name__}: {exc} (at {where})"
        lines, targets = [f"not measured: {reason}"], []
        print(f"[bench] {key}: not measured: {reason}", file=sys.stderr)
    took = time.perf_counter() - t0
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return {"lines": lines, "targets": [list(t) for t in targets], "took": took, "stamp": stamp, "load": load}


def record_history(path: Path, mode: str, results: dict) -> list[dict]:
    """Append this run's target figures to bench/history.jsonl; return this mode's runs.

    The file is the before/after record: each optimisation shows up as a new row.
    """
    row = {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "mode": mode,
           "values": {t[0]: t[2] for key, *_ in SECTIONS for t in results.get(key, {}).get("targets", [])}}
    runs = [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []
    if row["values"]:
        runs.append(row)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return [r for r in runs if r["mode"] == mode]


def history_lines(runs: list[dict], last: int = 8) -> list[str]:
    runs = runs[-last:]
    names = list(dict.fromkeys(n for r in runs for n in r["values"]))
    if not runs or not names:
        return []
    out = ["", "## History (before/after)", "", f"The last {len(runs)} runs of this mode, oldest first "
           "(bench/history.jsonl). Sizes in a name are those of the run.", "",
           "| run | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for r in runs:
        out.append(f"| {r['date']} | " + " | ".join(r["values"].get(n, "–") for n in names) + " |")
    return out


def render(cfg: Config, results: dict, appendix: list, header: list[str], history: list[str] = ()) -> str:
    mode = "quick (smoke run, small sizes)" if cfg.quick else "full"
    out = ["# Benchmark results", "",
           f"Written by `python -m bench.run{' --quick' if cfg.quick else ''}` ({mode} mode). "
           "Medians with min–max over repeated runs. Regenerate with the same command; see bench/run.py.",
           "", "## Machine", "", *header, "", "## Targets", "",
           "| measure | target | measured | met |", "|---|---|---|:---:|"]
    for key, _title, _fn in SECTIONS:
        for name, target, value, met in results.get(key, {}).get("targets", []):
            mark = "–" if met is None else "yes" if met else "**no**"
            out.append(f"| {name} | {target} | {value} | {mark} |")
    for key, title, _fn in SECTIONS:
        r = results.get(key)
        out += ["", f"## {title}", ""]
        if r is None:
            out.append("not measured: not run (see --only)")
            continue
        out += r["lines"]
        out += ["", f"_Section run {r['stamp']}, took {r['took']:.0f} s; load average at its start "
                f"{r.get('load', '?')} on {os.cpu_count()} cores._"]
    out += list(history)
    if appendix:
        out += ["", "## Appendix: call trees", ""]
        for title, text in appendix:
            out += [f"<details><summary>{title}</summary>", "", "```", text, "```", "", "</details>", ""]
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, one or two repeats (smoke run)")
    ap.add_argument("--only", default="", help="comma-separated sections: " + ",".join(k for k, *_ in SECTIONS))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--ingest-timeout", type=float, default=None, help="seconds before an ingest run is stopped")
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench-work"))
    ap.add_argument("--out", type=Path, default=None, help="default bench/RESULTS.md (quick: RESULTS-quick.md)")
    args = ap.parse_args(argv)
    cfg = Config(quick=args.quick, seed=args.seed, profile=not args.no_profile)
    if args.ingest_timeout:
        cfg.ingest_timeout = args.ingest_timeout
    mode = "quick" if cfg.quick else "full"
    out = args.out or ROOT / "bench" / ("RESULTS-quick.md" if cfg.quick else "RESULTS.md")
    args.work.mkdir(parents=True, exist_ok=True)
    ctx = Context(cfg, args.work)
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    # Sections not re-run keep their last results (sidecar JSON in the work folder).
    sidecar = args.work / f"sections-{mode}.json"
    saved = json.loads(sidecar.read_text()) if only and sidecar.exists() else {}
    results, appendix = dict(saved.get("results", {})), [tuple(a) for a in saved.get("appendix", [])]
    header = measure.machine()
    # Run order: the 100k ingest first (the other sections reuse its store), the cheap ones last.
    for key, _title, fn in sorted(SECTIONS, key=lambda s: RUN_ORDER.index(s[0])):
        if only and key not in only:
            continue
        print(f"[bench] {key} ...", file=sys.stderr)
        before = len(ctx.appendix)
        results[key] = _run_section(key, fn, cfg, ctx)
        appendix = [a for a in appendix if not a[0].startswith(key + ":")]
        appendix += [(f"{key}: {t}", text) for t, text in ctx.appendix[before:]]
        print(f"[bench] {key} done in {results[key]['took']:.0f} s", file=sys.stderr)
        # Written after every section: a run stopped part-way still leaves what it measured,
        # and `--only` can finish the rest.
        sidecar.write_text(json.dumps({"results": results, "appendix": appendix}, ensure_ascii=False))
        out.write_text(render(cfg, results, appendix, header), encoding="utf-8")
    runs = record_history(ROOT / "bench" / "history.jsonl", mode, results)
    out.write_text(render(cfg, results, appendix, header, history_lines(runs)), encoding="utf-8")
    print(f"[bench] wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Section 2: ingest of generated corpora with all cores: time, throughput, memory, store size.

Each run is a fresh child process (``python -c`` calling
``dashboard.store.ingest.ingest([folder], db, workers=None)``) into a fresh database, so the
memory sampler (``measure.run_tree``) sees the whole process tree and nothing else. The
child reports the in-process ingest time; the wall time adds interpreter start and imports.
Linearity compares in-process medians: t(large) / t(small) for 10× the articles.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
from pathlib import Path

from .measure import dir_size, fmt, run_tree, summary
from .profiling import profile

CHILD = (
    "import json, sys, time\n"
    "from dashboard.store.ingest import ingest\n"
    "t = time.perf_counter()\n"
    "r = ingest([sys.argv[1]], sys.argv[2], workers=None)\n"
    "print('BENCH_RESULT ' + json.dumps({'seconds': time.perf_counter() - t, 'result': repr(r)[:300]}))\n"
)
TABLES = ("articles", "events", "documents", "document_mentions", "organisations", "people", "ingest_errors")


def _remove_db(db: Path) -> None:
    for p in (db, Path(f"{db}.wal")):
        if p.exists():
            p.unlink()


def _counts(db: Path) -> dict[str, int]:
    import duckdb

    out = {}
    con = duckdb.connect(str(db), read_only=True)
    try:
        for t in TABLES:
            try:
                out[t] = con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            except duckdb.Error:
                pass
    finally:
        con.close()
    return out


def ingest_once(folder: Path, db: Path, log: Path, fresh: bool = True, timeout: float = 3600) -> dict:
    """One measured ingest in a child process; raises RuntimeError if it failed.

    A run stopped at ``timeout`` is not an error: ``timed_out`` is set and ``partial`` holds the
    articles its committed batches stored by then, so a rate can still be reported.
    """
    if fresh:
        _remove_db(db)
        for marker in (".ok", ".partial"):
            Path(f"{db}{marker}").unlink(missing_ok=True)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    res = run_tree([sys.executable, "-c", CHILD, str(folder), str(db)], log, env=env, timeout=timeout)
    res["store_mb"] = (dir_size(db) if db.exists() else 0) / 2**20 + (
        dir_size(Path(f"{db}.wal")) / 2**20 if Path(f"{db}.wal").exists() else 0)
    if res["timed_out"]:
        try:
            res["partial"] = _counts(db).get("articles", 0)
        except Exception:  # a store killed mid-write may not open: then nothing is known
            res["partial"] = 0
        res["seconds"] = res["wall"]
        Path(f"{db}.partial").write_text(f"stopped after {res['wall']:.0f} s, {res['partial']} articles\n")
        return res
    text = log.read_text(errors="replace")
    marker = [line for line in text.splitlines() if line.startswith("BENCH_RESULT ")]
    if res["rc"] != 0 or not marker:
        tail = " | ".join(text.strip().splitlines()[-3:])[-400:]
        raise RuntimeError(f"ingest exited with {res['rc']}: {tail}")
    res.update(json.loads(marker[-1].split(" ", 1)[1]))
    Path(f"{db}.ok").write_text(ok_stamp(folder))  # lets --only runs reuse this store
    return res


def ok_stamp(folder: Path) -> str:
    """What ``<db>.ok`` says: the corpus and the store's schema (a store of another schema is not reused)."""
    from dashboard.store.db import schema_fingerprint

    return f"ingested from {folder}, schema {schema_fingerprint()}\n"


def reusable(db: Path, folder: Path) -> bool:
    """An earlier run left a complete store of this corpus under the current schema."""
    ok = Path(f"{db}.ok")
    return ok.exists() and ok.read_text() == ok_stamp(folder)


def run(cfg, ctx) -> tuple[list[str], list[tuple]]:
    import importlib.util

    if importlib.util.find_spec("dashboard.store.ingest") is None:
        raise LookupError("dashboard/store/ingest.py does not exist yet")
    small, large = cfg.ingest_sizes
    results: dict[int, list[dict]] = {}
    for n, reps in ((small, cfg.ingest_repeats[0]), (large, cfg.ingest_repeats[1])):
        folder = ctx.corpus(n)
        for r in range(reps):
            db = ctx.work / f"ingest-{n}.duckdb"
            res = ingest_once(folder, db, ctx.work / f"ingest-{n}-{r}.log", timeout=cfg.ingest_timeout)
            results.setdefault(n, []).append(res)
            if res["timed_out"]:
                break
        ctx.dbs[f"ingest-{n}"] = ctx.work / f"ingest-{n}.duckdb"
    ctx.dbs["large"] = ctx.dbs[f"ingest-{large}"]
    # Re-ingesting unchanged files should be cheap (content hashes): measure it once.
    again = ingest_once(ctx.corpus(small), ctx.dbs[f"ingest-{small}"], ctx.work / "reingest.log", fresh=False,
                        timeout=cfg.ingest_timeout)

    lines = [f"Generated corpora (seed {cfg.seed}), fresh database per run, workers=None (all "
             f"{os.cpu_count()} cores). In-process time = inside `ingest()`; wall = whole child process. A run "
             f"still going after {cfg.ingest_timeout:.0f} s is stopped; its rate is computed from the articles "
             "its committed batches had stored.", "",
             "| articles | in-process time | wall time | articles/s (median) | CPU of tree per article | "
             "peak RSS of tree | peak PSS of tree | store on disk | rows |", "|---:|---|---|---:|---:|---:|---:|---:|---|"]
    med, rate, notes = {}, {}, []
    for n, rs in results.items():
        done = [r for r in rs if not r["timed_out"]]
        counts = _counts(ctx.dbs[f"ingest-{n}"])
        ctx.counts[f"ingest-{n}"] = counts
        rows = ", ".join(f"{k} {v:,}" for k, v in counts.items())
        mem = f"{max(r['peak_rss_mb'] for r in rs):,.0f} MB | {max(r['peak_pss_mb'] for r in rs):,.0f} MB"
        if done:
            secs = [r["seconds"] for r in done]
            med[n], rate[n] = statistics.median(secs), n / statistics.median(secs)
            cell = fmt(summary(secs), "s", 1, 1)
            wall = fmt(summary([r["wall"] for r in done]), "s", 1, 1)
        else:
            stopped = rs[-1]
            rate[n] = stopped["partial"] / stopped["wall"] if stopped["partial"] else 0.0
            med[n] = n / rate[n] if rate[n] else float("inf")
            cell = wall = f"stopped at {stopped['wall']:.0f} s"
            if rate[n]:
                notes.append(f"- The {n:,} run was stopped after {stopped['wall']:.0f} s with {stopped['partial']:,} "
                             f"articles stored: {rate[n]:.0f} articles/s, so about {med[n]:,.0f} s for all {n:,} "
                             "(estimated; rows below are the partial store).")
            else:
                med[n] = stopped["wall"]  # a lower bound only
                notes.append(f"- The {n:,} run was stopped after {stopped['wall']:.0f} s before its first batch "
                             "was committed: no rate can be given; times below are lower bounds.")
        stored = [r.get("partial") if r["timed_out"] else n for r in rs]
        cpu = statistics.median(r["cpu_s"] / k * 1000 for r, k in zip(rs, stored) if k) if any(stored) else 0
        lines.append(f"| {n:,} | {cell} | {wall} | {rate[n]:,.0f} | {cpu:.2f} ms | {mem} | "
                     f"{results[n][-1]['store_mb']:,.1f} MB | {rows} |")
    lin = med[large] / med[small]
    big = results[large]
    caveat = " (quick mode: at these sizes start-up costs dominate, so this says little)" if cfg.quick else ""
    est = " (estimated from the stopped run's rate)" if big[-1]["timed_out"] else ""
    lines += ["", *notes, f"- Linearity: {large // small}× the articles took {lin:.2f}× the time{est} "
              f"(target ≤ 10.5×){caveat}.",
              f"- Peak memory of the {large:,} run: RSS summed over up to {max(r['procs'] for r in big)} "
              f"processes {max(r['peak_rss_mb'] for r in big):,.0f} MB (counts shared pages once per "
              f"process); PSS {max(r['peak_pss_mb'] for r in big):,.0f} MB (shared pages split: the real "
              f"footprint); sum of per-process high-water marks {max(r['sum_hwm_mb'] for r in big):,.0f} MB "
              "(upper bound). Sampled every 0.2 s.",
              "- CPU of tree: user + system time of every process of the child's tree (main, forkserver, "
              f"workers), sampled from /proc, divided by the articles stored. On {os.cpu_count()} cores the wall "
              "time cannot be below CPU / cores; the gap above that is start-up, the serial write and "
              "the consolidation at the end, and load from other processes.",
              f"- Re-ingest of the unchanged {small:,} articles into the same store: {again['seconds']:.1f} s "
              f"({small / again['seconds']:,.0f} articles/s).",
              f"- Child's last summary: `{big[-1].get('result', '(stopped)')[:200]}`"]
    lines += _feed_vs_files(cfg, ctx, small)
    if cfg.profile:
        lines += _profile_ingest(cfg, ctx)
    per100k = med[large] * 100_000 / large
    bound = "> " if big[-1]["timed_out"] and not big[-1]["partial"] else ""
    mem = max(r["peak_pss_mb"] for r in big)
    scaled = "" if large == 100_000 else ", scaled"
    scaled += ", estimated" if big[-1]["timed_out"] else ""
    return lines, [
        (f"Ingest 100k articles (measured {large:,}{scaled})", "≤ 60 s", f"{bound}{per100k:,.0f} s", per100k <= 60),
        (f"Ingest peak memory ({large:,} articles, PSS of tree)", "≤ 1 GB", f"{mem:,.0f} MB", mem <= 1024),
        ("Ingest linearity (10× articles)" + (" (estimated)" if est else ""), "≤ 10.5×", f"{bound}{lin:.2f}×",
         lin <= 10.5),
    ]


def feed_of(folder: Path, feed: Path) -> Path:
    """The articles of ``folder`` as one feed (``{"text": ...}`` per article: the same article texts).

    ``.jsonl``: one object per line; ``.json``: an array, one element per line (a scraper's export).
    """
    done = Path(f"{feed}.done")
    if done.exists() and done.read_text() == str(folder):
        return feed
    items = (json.dumps({"text": path.read_text(encoding="utf-8")}, ensure_ascii=False)
             for path in sorted(folder.iterdir()))
    with open(feed, "w", encoding="utf-8") as out:
        if feed.suffix == ".json":
            out.write("[\n" + ",\n".join(items) + "\n]\n")
        else:
            out.writelines(item + "\n" for item in items)
    done.write_text(str(folder))
    return feed


def _feed_vs_files(cfg, ctx, n: int, reps: int = 2) -> list[str]:
    """The same ``n`` articles as ``n`` files and as one feed, interleaved: a feed is read in parts by all workers."""
    folder = ctx.corpus(n)
    sources = {"files": folder, "JSON Lines feed": feed_of(folder, ctx.work / f"feed-s{cfg.seed}-n{n}.jsonl"),
               "JSON array": feed_of(folder, ctx.work / f"feed-s{cfg.seed}-n{n}.json")}
    runs: dict[str, list[dict]] = {k: [] for k in sources}
    for r in range(reps):
        for i, (kind, src) in enumerate(sources.items()):
            runs[kind].append(ingest_once(src, ctx.work / f"ingest-feed{i}-{n}.duckdb",
                                          ctx.work / f"ingest-feed{i}-{n}-{r}.log", timeout=cfg.ingest_timeout))
    med = {k: statistics.median(r["seconds"] for r in v) for k, v in runs.items()}
    rss = {k: max(r["peak_rss_mb"] for r in v) for k, v in runs.items()}
    cpu = {k: statistics.median(r["cpu_s"] for r in v) / n * 1000 for k, v in runs.items()}
    size = dir_size(sources["JSON Lines feed"]) / 2**20
    return ["", f"**One feed vs files** ({n:,} articles as {n:,} `.txt` files, as one {size:,.0f} MB JSON Lines feed "
            f"and as one JSON array, {reps} runs each, interleaved; a feed is read in parts by all workers):", "",
            "| input | in-process time (median) | CPU of tree per article | peak RSS of tree |", "|---|---:|---:|---:|",
            *(f"| {k} | {med[k]:.1f} s | {cpu[k]:.2f} ms | {rss[k]:,.0f} MB |" for k in runs),
            "", "- Feed / files time: " + ", ".join(f"{k} {med[k] / med['files']:.2f}×" for k in runs if k != "files")
            + "."]


def _profile_ingest(cfg, ctx) -> list[str]:
    """Profile ingest in-process with workers=1 so the sampler sees the parsing too."""
    from dashboard.store.ingest import ingest

    n = cfg.ingest_profile_n
    db = ctx.work / "profile-ingest.duckdb"
    _remove_db(db)
    folder = ctx.corpus(n)
    tool, table, tree = profile(lambda: ingest([str(folder)], str(db), workers=1), n)
    ctx.appendix.append((f"Call tree of ingest() of {n:,} articles, workers=1", tree))
    return ["", f"Profile of `ingest(workers=1)` over {n:,} generated articles in-process ({tool}), by self "
            "time (the parallel run splits the parsing share across cores):", ""] + table

"""Section 1: extraction per article vs ``dateparser.search_dates`` alone, side by side.

Both run on the same ``Article.text`` in the same loop, interleaved article by article, so
that load from other processes on the shared machine hits both alike. The extractor's time
is ``dashboard.parsing.extract(article)`` on an already read and normalised article (reading
and normalising are reported separately); search_dates gets exactly the call a user would
write, ``search_dates(text, languages=['vi'])``. Both are warmed up once first (vocabulary
and language data loading are reported as cold times).
"""
from __future__ import annotations

import statistics
import time
from pathlib import Path

from .measure import fmt, summary, timed
from .profiling import profile


def load_articles(paths: list[Path]) -> tuple[list, float]:
    """Read files through ``dashboard.sources`` (the ingest path); returns (articles, s/article)."""
    from dashboard.sources import read_path

    arts, t0 = [], time.perf_counter()
    for p in paths:
        for rec in read_path(p):
            if rec.article is not None:
                arts.append(rec.article)
    return arts, (time.perf_counter() - t0) / max(len(paths), 1)


def stage_breakdown(articles) -> list[str]:
    """Time each stage of ``dashboard.parsing.PIPELINE`` separately (ms/article)."""
    from dashboard.parsing import PIPELINE
    from dashboard.parsing.state import ParseState

    totals = {name: 0.0 for name, *_ in PIPELINE}
    for art in articles:
        state = ParseState.start(art)
        for name, stage, *_ in PIPELINE:
            t0 = time.perf_counter()
            stage(state)
            totals[name] += time.perf_counter() - t0
    n = max(len(articles), 1)
    out = ["| stage | ms/article | share |", "|---|---:|---:|"]
    whole = sum(totals.values()) or 1.0
    for name, t in totals.items():
        out.append(f"| {name} | {t / n * 1000:.3f} | {t / whole * 100:.0f}% |")
    return out


#: Sizes of the one-file articles of ``long_articles`` (the ingest's size limit is 5 MB).
LONG_SIZES = (500_000, 1_500_000, 4_900_000)


def long_articles(articles, sizes=LONG_SIZES) -> list[str]:
    """Extraction of one very long article (generated ones pasted into one text): does the
    cost per megabyte stay flat? A stage testing every mention against every other did not
    (a 4.9 MB file took 41 s before the parser's look-ups went by offset)."""
    from dashboard.model import Article
    from dashboard.parsing import extract

    pasted = "\n\n".join(a.text for a in articles)
    while len(pasted) < max(sizes):
        pasted += "\n\n" + pasted
    rows = ["| text | `extract()` | per MB | events found |", "|---|---:|---:|---:|"]
    per_mb = []
    for size in sizes:
        art = Article(f"long-{size}.txt", pasted[:size])
        t0 = time.perf_counter()
        res = extract(art)
        took = time.perf_counter() - t0
        per_mb.append(took / (size / 1e6))
        rows.append(f"| {size / 1e6:.1f} MB | {took:.2f} s | {per_mb[-1]:.2f} s | {len(res.events):,} |")
    rows += ["", f"- Cost per MB, largest vs smallest text: {per_mb[-1] / per_mb[0]:.2f}× "
                 f"({max(sizes) / min(sizes):.1f}× the size; 1.0× would be linear). One run each."]
    return rows


def run(cfg, ctx) -> tuple[list[str], list[tuple]]:
    """Returns (markdown lines, target rows)."""
    from dateparser.search import search_dates
    from dashboard.parsing import extract

    samples = sorted(p for p in Path(cfg.samples).iterdir() if p.is_file())
    gen_dir = ctx.corpus(cfg.extract_n)
    generated = sorted(gen_dir.iterdir())
    sample_arts, read_s = load_articles(samples)
    gen_arts, read_g = load_articles(generated)
    arts = [("sample", a) for a in sample_arts] + [("generated", a) for a in gen_arts]
    cold_ex, _ = timed(extract, sample_arts[0])
    cold_sd, _ = timed(search_dates, sample_arts[0].text, languages=["vi"])

    ex: dict[str, list[float]] = {"sample": [], "generated": []}
    sd: dict[str, list[float]] = {"sample": [], "generated": []}
    rep_ratio, failures, counts = [], [], {"events": 0, "documents": 0, "warned": 0, "no_event": 0}
    for rep in range(cfg.extract_repeats):
        rep_ex, rep_sd = [], []
        for group, art in arts:
            t0 = time.perf_counter()
            try:
                res = extract(art)
            except Exception as exc:  # a crash is a finding, not a reason to stop measuring
                res = None
                if len(failures) < 5:
                    failures.append(f"{art.path}: {type(exc).__name__}: {exc}")
            t1 = time.perf_counter()
            search_dates(art.text, languages=["vi"])
            t2 = time.perf_counter()
            ex[group].append(t1 - t0)
            sd[group].append(t2 - t1)
            rep_ex.append(t1 - t0)
            rep_sd.append(t2 - t1)
            if rep == 0 and res is not None:
                counts["events"] += len(res.events)
                counts["documents"] += len(res.documents)
                counts["warned"] += bool(res.warnings)
                counts["no_event"] += not res.events
        rep_ratio.append(statistics.median(rep_sd) / statistics.median(rep_ex))

    all_ex, all_sd = ex["sample"] + ex["generated"], sd["sample"] + sd["generated"]
    ratio = statistics.median(all_sd) / statistics.median(all_ex)
    rr = summary(rep_ratio)
    n = len(arts)
    lines = [
        f"{len(sample_arts)} samples + {len(gen_arts)} generated articles (seed {cfg.seed}), "
        f"{cfg.extract_repeats} repeats, interleaved; times per article.",
        "",
        "| articles | `extract()` | `search_dates(text, languages=['vi'])` | ratio of medians |",
        "|---|---|---|---:|",
    ]
    for group in ("sample", "generated"):
        if ex[group]:
            r = statistics.median(sd[group]) / statistics.median(ex[group])
            lines.append(f"| {group} | {fmt(summary(ex[group]))} | {fmt(summary(sd[group]))} | {r:.1f}× |")
    lines += [
        f"| **all** | {fmt(summary(all_ex))} | {fmt(summary(all_sd))} | **{ratio:.1f}×** |",
        "",
        f"- Ratio of medians per repeat: {rr['median']:.1f}× (min {rr['min']:.1f}× – max {rr['max']:.1f}×).",
        f"- Cold first call: extract {cold_ex * 1000:.0f} ms (vocabulary loading), "
        f"search_dates {cold_sd * 1000:.0f} ms (language data loading).",
        f"- Reading + normalising through `dashboard.sources.read_path`: {read_s * 1000:.2f} ms/sample, "
        f"{read_g * 1000:.2f} ms/generated article (not included above).",
        f"- What the extractor found (first repeat): {counts['events'] / n:.2f} events and "
        f"{counts['documents'] / n:.2f} documents per article; {counts['no_event']} articles without an "
        f"event; {counts['warned']} with warnings; {len(failures)} crashed"
        + (": " + "; ".join(failures) if failures else "."),
    ]
    lines += ["", "One very long article (generated articles pasted into one text):", ""]
    try:
        lines += long_articles(gen_arts, LONG_SIZES if not cfg.quick else (100_000, 500_000))
    except Exception as exc:
        lines.append(f"not measured: {type(exc).__name__}: {exc}")
    if cfg.profile:
        lines += ["", "Per pipeline stage (generated articles, one pass):", ""]
        try:
            lines += stage_breakdown(gen_arts)
        except Exception as exc:
            lines.append(f"not measured: {type(exc).__name__}: {exc}")
        tool, table, tree = profile(lambda: [extract(a) for a in gen_arts], len(gen_arts))
        lines += ["", f"Profile of `extract()` over the generated articles ({tool}), by self time:", ""]
        lines += table
        ctx.appendix.append(("Call tree of extract()", tree))
    met = ratio >= 20
    return lines, [("Extraction vs search_dates (ratio of medians)", "≥ 20×", f"{ratio:.1f}×", met)]

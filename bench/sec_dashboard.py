"""Section 3: server-side cost of a filter change at ~100k events, per dashboard page.

Calls ``dashboard.query`` and ``dashboard.charts.figures.build_figures`` directly on one
read-only connection (the app keeps one per process with ``cache_resource``), warmed with
the empty filter first, then cycles through a list of filter changes. A page's cost is the
sum of the query and figure functions that page runs (``PAGES``); the slowest page is what a
user waits for after changing a filter. Streamlit's own serialisation and the browser's
drawing are not included (section 4 measures the browser).
"""
from __future__ import annotations

import time
from pathlib import Path

from .measure import OverBudget, budget, fmt, summary
from .profiling import duckdb_operators, profile

#: page -> functions it runs on a filter change (names of the ``_calls`` entries), as read in
#: streamlit_app.py and dashboard/app/pages/: the router's header counts events on every page,
#: the timeline page shows the first ``layout.TABLE_ROWS`` events in its table and the charts
#: page the figures of ``CHART_KEYS`` and the organisation x year table (``query.summary``). "events_all" (every row, as an export reads them) and
#: "figures_all" (the timeline too) are measured for information and belong to no page.
PAGES = {
    "timeline": ("event_counts", "timeline", "events"),
    "charts": ("event_counts", "figures", "summary"),
    "documents": ("event_counts", "documents"),
}


def _where(exc: BaseException) -> str:
    """file:line of the innermost frame, so the report points at the code to fix."""
    tb = exc.__traceback__
    while tb and tb.tb_next:
        tb = tb.tb_next
    return f"{tb.tb_frame.f_code.co_filename.split('/work/main/')[-1]}:{tb.tb_lineno}" if tb else "?"


def _filters(con):
    from dashboard.query import Filter

    sym = None
    try:
        row = con.execute("SELECT symbol FROM documents WHERE symbol IS NOT NULL "
                          "ORDER BY n_mentions DESC NULLS LAST LIMIT 1").fetchone()
        sym = row[0] if row else None
    except Exception:
        pass
    out = [
        ("organisation = Tổng cục Kỹ thuật", Filter(orgs=("Tổng cục Kỹ thuật",))),
        ("years 2023–2025", Filter(year_from=2023, year_to=2025)),
        ("TC CNQP, signing or review conference", Filter(orgs=("Tổng cục Công nghiệp quốc phòng",),
                                                          kinds=("signing", "review_conference"))),
        ("text search 'nghị quyết'", Filter(q="nghị quyết")),
        ("everything (filter cleared)", Filter()),
    ]
    if sym:
        out.insert(3, (f"document = {sym}", Filter(docs=(sym,))))
    return out


def _calls(lang: str, fig_times: dict):
    """name -> fn(con, f): each piece of server-side work a page may do."""
    from dashboard import query

    from dashboard.app.layout import TABLE_ROWS

    calls = {
        "event_counts": lambda con, f: query.event_counts(con, f),
        "events": lambda con, f: query.events(con, f, limit=TABLE_ROWS),
        "documents": lambda con, f: query.documents(con, f),
        "events_all": lambda con, f: query.events(con, f),
    }
    try:
        from dashboard.query.summary import org_year_summary

        calls["summary"] = lambda con, f: org_year_summary(con, f)
    except ImportError:  # an older tree (the bench also measures past revisions)
        pass
    try:
        from dashboard.charts.figures import CHART_KEYS, FIGURE_KEYS, build_figures, build_timeline
    except ImportError as exc:
        return calls, f"figures not measured: {exc}"

    def figures(con, f, keys=CHART_KEYS):
        timings: dict = {}
        out = build_figures(con, f, lang, timings=timings, keys=keys)
        for k, v in timings.items():
            fig_times.setdefault(k, []).append(v)
        return out

    calls["timeline"] = lambda con, f: build_timeline(con, f, lang)
    calls["figures"] = figures
    calls["figures_all"] = lambda con, f: figures(con, f, keys=FIGURE_KEYS)
    return calls, None


def run(cfg, ctx) -> tuple[list[str], list[tuple]]:
    """The target store (~100k events) with profiles, then the largest store for information."""
    lines, targets = _measure(cfg, ctx, ctx.events_db(), cfg.profile)
    large = ctx.large_db()
    if large != ctx.events_db():
        more, info = _measure(cfg, ctx, large, False)
        lines += ["", "### The largest store, for information", "", *more]
        targets += [(label, "(none)", value, None) for label, _target, value, _met in info]
    return lines, targets


def _measure(cfg, ctx, db: Path, profile_it: bool) -> tuple[list[str], list[tuple]]:
    import importlib.util

    if importlib.util.find_spec("dashboard.query") is None:
        raise LookupError("dashboard/query does not exist yet")
    from dashboard.query import Filter
    from dashboard.store.db import connect

    con = connect(db, read_only=True)
    n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    fig_times: dict[str, list[float]] = {}
    calls, note = _calls("vi", fig_times)
    broken = []
    warm = Filter(orgs=("Tổng cục Kỹ thuật",))  # a small view: warms the connection, imports, templates
    for c, fn in list(calls.items()):
        try:
            with budget(cfg.dash_budget):
                fn(con, warm)
        except OverBudget:
            pass  # slow but working: the loop below reports it
        except Exception as exc:  # measure the rest; name the broken function and where it broke
            broken.append(f"`{c}` raises {type(exc).__name__}: {exc} ({_where(exc)})")
            del calls[c]
    if not calls:
        raise RuntimeError("; ".join(broken))
    filters = _filters(con)
    # times[filter][call]: seconds, or None for a call that ran past the budget (not retried)
    times: dict[str, dict[str, list]] = {name: {c: [] for c in calls} for name, _ in filters}
    for _ in range(cfg.dash_repeats):
        for name, f in filters:
            for c, fn in calls.items():
                if None in times[name][c]:
                    continue
                t0 = time.perf_counter()
                try:
                    with budget(cfg.dash_budget):
                        fn(con, f)
                    times[name][c].append(time.perf_counter() - t0)
                except OverBudget:
                    times[name][c].append(None)

    def med(name: str, c: str) -> float:  # over budget counts as the budget (a lower bound)
        vals = times[name][c]
        return cfg.dash_budget if None in vals else summary(vals)["median"]

    partial = " (partial: that ingest was stopped at its time limit)" if Path(f"{db}.partial").exists() else ""
    lines = [f"Store: {db.name}{partial} with {n_events:,} events; {cfg.dash_repeats} repeats per filter change, "
             f"warm connection; a call running past {cfg.dash_budget} s is stopped and not repeated.", ""]
    for problem in ([note] if note else []) + broken:
        lines += [f"- not measured: {problem}"]
    lines += [""] if note or broken else []
    head = [c for c in calls]
    lines += ["| filter change | " + " | ".join(f"`{c}`" for c in head) + " | events shown |",
              "|---|" + "---:|" * len(head) + "---:|"]
    for name, f in filters:
        rows = calls["event_counts"](con, f)[0] if "event_counts" in calls else 0
        cells = [f"> {cfg.dash_budget} s" if None in times[name][c] else f"{med(name, c) * 1000:.0f} ms"
                 for c in head]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {rows:,} |")
    lines += ["", "Per page (sum of the functions it runs; median and min–max over all filter changes; a "
              "stopped call counts as the budget, so those figures are lower bounds):", ""]
    page_worst = 0.0
    for page, parts in PAGES.items():
        have = [p for p in parts if p in calls]
        per_change = [sum(med(name, p) for p in have) for name, _ in filters]
        stopped = sum(any(None in times[name][p] for p in have) for name, _ in filters)
        s = summary(per_change)
        page_worst = max(page_worst, s["median"])
        lines.append(f"- **{page}** ({' + '.join(have)}): {fmt(s, 'ms', 1000, 0)} over {len(filters)} "
                     f"filter changes" + (f"; {stopped} of them hit the budget" if stopped else ""))
    if fig_times:
        lines += ["", "Inside `build_figures`, per figure (median and min–max over the completed calls): "
                  + "; ".join(f"{k} {fmt(summary(v), 'ms', 1000, 0)}" for k, v in fig_times.items()) + "."]
    if profile_it:
        slow = max(filters, key=lambda nf: sum(med(nf[0], c) for c in calls))

        def work():
            try:
                with budget(cfg.dash_budget):
                    for fn in calls.values():
                        fn(con, slow[1])
            except OverBudget:
                pass  # the profile up to the budget already shows where the time goes

        tool, table, tree = profile(work, 1)
        lines += ["", f"Profile of the slowest filter change ({slow[0]}), all functions once, at most "
                  f"{cfg.dash_budget} s ({tool}):", ""]
        lines += table
        for c in ("documents", "event_counts", "events"):
            if c in calls:
                lines += ["", f"`{c}` on that filter, inside DuckDB:", ""]
                lines += duckdb_operators(con, lambda rec: calls[c](rec, slow[1]), ctx.work / "duckdb-profile.json")
        ctx.appendix.append((f"Call tree of the filter change '{slow[0]}'", tree))
    con.close()
    worst = f"{page_worst * 1000:.0f} ms" if page_worst < cfg.dash_budget else f"≥ {cfg.dash_budget} s"
    return lines, [(f"Filter change at {n_events:,} events (slowest page, median)", "≤ 200 ms",
                    worst, page_worst <= 0.2)]

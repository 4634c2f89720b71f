"""Profiling helpers for ``bench.run``: pyinstrument (sampling) if installed, else cProfile.

Both give a flat table of the functions with the most *self* time, in ms per unit of work
(per article, per filter change), plus pyinstrument's call tree for the RESULTS.md appendix.
pyinstrument is a bench-only tool (``pip install pyinstrument``), not a project dependency.
"""
from __future__ import annotations

import cProfile
import pstats


def profile(fn, units: int, top: int = 15, tree_lines: int = 70) -> tuple[str, list[str], str]:
    """Run ``fn()`` under a profiler; return (tool name, markdown table lines, call-tree text)."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        return _cprofile(fn, units, top)
    prof = Profiler(interval=0.0005)
    prof.start()
    try:
        fn()
    finally:
        prof.stop()
    root = prof.last_session.root_frame()
    selfs: dict[tuple, float] = {}
    total = root.time if root else 0.0

    def walk(frame):
        if frame.is_synthetic:
            return
        child_time = sum(c.time for c in frame.children if not c.is_synthetic)
        key = (frame.function, frame.file_path_short, frame.line_no)
        selfs[key] = selfs.get(key, 0.0) + frame.time - child_time
        for c in frame.children:
            walk(c)

    if root:
        walk(root)
    tree = prof.output_text(unicode=False, color=False, show_all=False)
    lines = tree.splitlines()
    tree = "\n".join(lines[:tree_lines] + (["... (truncated)"] if len(lines) > tree_lines else []))
    return "pyinstrument (sampling, 0.5 ms)", _table(selfs, total, units, top), tree


def _cprofile(fn, units: int, top: int):
    prof = cProfile.Profile()
    prof.enable()
    try:
        fn()
    finally:
        prof.disable()
    stats = pstats.Stats(prof)
    selfs = {(name, f"{file}", line): tt for (file, line, name), (_cc, _nc, tt, _ct, _callers)
             in stats.stats.items()}
    return "cProfile (deterministic; adds overhead)", _table(selfs, stats.total_tt, units, top), ""


def _table(selfs: dict, total: float, units: int, top: int) -> list[str]:
    rows = sorted(selfs.items(), key=lambda kv: -kv[1])[:top]
    out = [f"Total profiled: {total:.2f} s over {units} units ({total / max(units, 1) * 1000:.2f} ms/unit).",
           "", "| function | where | self ms/unit | share |", "|---|---|---:|---:|"]
    for (func, path, line), t in rows:
        share = t / total * 100 if total else 0
        out.append(f"| `{func}` | `{path}:{line}` | {t / max(units, 1) * 1000:.3f} | {share:.1f}% |")
    return out


class _Recorder:
    """Stands in for a DuckDB connection and remembers every statement run through it."""

    def __init__(self, con):
        self._con, self.statements = con, []

    def execute(self, sql, params=None):
        self.statements.append((sql, params))
        return self._con.execute(sql, params) if params is not None else self._con.execute(sql)

    def __getattr__(self, name):
        return getattr(self._con, name)


def duckdb_operators(con, fn, path, top: int = 6) -> list[str]:
    """The slowest DuckDB operators of the statements ``fn(con)`` runs.

    Python profilers see a query as one opaque call; this says which operator (scan,
    filter expression, join) it spends its time in. The statements are recorded, then
    re-run to completion under DuckDB's JSON profiler (it writes its file only when a
    result is fully consumed).
    """
    import json

    rec = _Recorder(con)
    fn(rec)
    out = []
    for sql, params in rec.statements:
        con.execute("PRAGMA enable_profiling='json'")
        con.execute(f"PRAGMA profiling_output='{path}'")
        try:
            con.execute(sql, params).fetchall() if params is not None else con.execute(sql).fetchall()
        finally:
            con.execute("PRAGMA disable_profiling")
        out += _operators(json.loads(open(path, encoding="utf-8").read()), top)
    return out


def _operators(data: dict, top: int) -> list[str]:
    ops: list[tuple[float, str, str, int]] = []

    def walk(node):
        info = node.get("extra_info") or {}
        detail = "; ".join(f"{k}: {v}" for k, v in info.items() if k in ("Expression", "Filters", "Table",
                                                                          "Join Type", "Conditions", "Aggregates"))
        ops.append((node.get("timing", 0.0), node.get("type", "?"), detail, node.get("intermediate_rows", 0)))
        for child in node.get("children", ()):
            walk(child)

    for root in data.get("operator", ()):
        walk(root)
    q = data.get("query", {})
    out = [f"DuckDB: query CPU time {q.get('cpu_time', 0) * 1000:.0f} ms (all threads); slowest operators:", "",
           "| operator | ms | rows out | detail |", "|---|---:|---:|---|"]
    for t, typ, detail, rows in sorted(ops, key=lambda o: -o[0])[:top]:
        detail = detail.replace("|", "\\|").replace("\n", " ")
        out.append(f"| {typ} | {t * 1000:.1f} | {rows:,} | {detail[:160]}{'…' if len(detail) > 160 else ''} |")
    return out + [""]

"""Measurement helpers for ``bench.run``: machine description, summaries, process-tree memory.

Memory of a process tree is sampled from /proc (psutil is not a project dependency, and
this kernel has no /proc/<pid>/task/*/children, so descendants are found through the
parent pid in /proc/*/stat). Two figures are kept: the peak over samples of the summed RSS
(what ``top`` would add up; counts pages shared by forked workers once per process) and the
peak summed PSS (shared pages split between sharers: the tree's real footprint).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import importlib.metadata
import os
import platform
import signal
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PACKAGES = ("dateparser", "duckdb", "pandas", "pyarrow", "plotly", "streamlit", "kaleido",
            "playwright", "pyinstrument", "psutil")


def machine() -> list[str]:
    """Markdown bullet lines describing the machine and software."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    versions = []
    for p in PACKAGES:
        try:
            versions.append(f"{p} {importlib.metadata.version(p)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{p} (not installed)")
    commit = _git_head()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"- Date: {dt.datetime.now().strftime('%Y-%m-%d %H:%M %Z').strip()} (UTC unless stated)",
        f"- CPU: {cpu}, {os.cpu_count()} logical cores; RAM {mem}; load average at start {load}",
        f"- OS: {platform.platform()}; Python {platform.python_version()}",
        f"- Packages: {', '.join(versions)}",
        f"- Code: git HEAD {commit} plus the working tree at the time of the run",
    ]


def _git_head() -> str:
    try:  # read-only query
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                             cwd=Path(__file__).resolve().parent.parent, timeout=5)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def summary(values: list[float]) -> dict:
    """median / min / max / n of ``values`` (empty → NaNs)."""
    if not values:
        return {"median": float("nan"), "min": float("nan"), "max": float("nan"), "n": 0}
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def fmt(s: dict, unit: str = "ms", scale: float = 1000.0, digits: int = 2) -> str:
    """"median (min–max, n=N) unit" from seconds ``s`` scaled to ``unit``."""
    f = f"{{:.{digits}f}}"
    return (f"{f.format(s['median'] * scale)} {unit} (min {f.format(s['min'] * scale)} – "
            f"max {f.format(s['max'] * scale)}, n={s['n']})")


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - t0, result


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: split after the last ')'.
        ppid = int(stat[stat.rfind(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    kids, out, todo = _children_map(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, ()))
    return out


def _kb(path: str, key: str) -> int:
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _ticks(pid: int) -> int:
    """utime + stime of one process, in clock ticks (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # fields 14 and 15 of proc(5), after pid and comm
    except (OSError, ValueError, IndexError):
        return 0


@dataclass
class TreeMemory:
    """Samples a process tree's memory and CPU time in a background thread until ``stop()``."""

    pid: int
    interval: float = 0.1
    peak_rss_kb: int = 0
    peak_pss_kb: int = 0
    peak_procs: int = 0
    hwm_kb: dict = field(default_factory=dict)  # pid -> VmHWM (per-process high-water mark)
    #: pid -> utime + stime (clock ticks) last seen. Summed it is the CPU the tree used, a
    #: figure that load from other processes barely moves (unlike wall time). Read from
    #: /proc because forkserver workers are reaped by the forkserver, not by us, so
    #: RUSAGE_CHILDREN misses them.
    cpu_ticks: dict = field(default_factory=dict)

    def __post_init__(self):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self):
        while not self._stop.is_set():
            pids = descendants(self.pid)
            rss = sum(_kb(f"/proc/{p}/status", "VmRSS:") for p in pids)
            pss = sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
            for p in pids:
                self.hwm_kb[p] = max(self.hwm_kb.get(p, 0), _kb(f"/proc/{p}/status", "VmHWM:"))
                self.cpu_ticks[p] = max(self.cpu_ticks.get(p, 0), _ticks(p))
            self.peak_rss_kb = max(self.peak_rss_kb, rss)
            self.peak_pss_kb = max(self.peak_pss_kb, pss)
            self.peak_procs = max(self.peak_procs, len(pids))
            self._stop.wait(self.interval)

    def stop(self) -> "TreeMemory":
        self._stop.set()
        self._thread.join()
        return self


def run_tree(cmd: list[str], log: Path, env: dict | None = None, timeout: float = 3600) -> dict:
    """Run ``cmd`` as a child, sampling its tree's memory; returns wall time, rc and memory."""
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env,
                                cwd=Path(__file__).resolve().parent.parent)
        mem = TreeMemory(proc.pid, interval=0.2)  # a /proc scan costs ~6 ms: keep the sampler light
        timed_out = False
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            # Workers would outlive their parent: stop the child's whole tree (ours), leaves first.
            for pid in reversed(descendants(proc.pid)):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            rc = proc.wait()
        wall = time.perf_counter() - t0
        mem.stop()
    return {"wall": wall, "rc": rc, "timed_out": timed_out, "peak_rss_mb": mem.peak_rss_kb / 1024,
            "peak_pss_mb": mem.peak_pss_kb / 1024, "sum_hwm_mb": sum(mem.hwm_kb.values()) / 1024,
            "procs": mem.peak_procs, "cpu_s": sum(mem.cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")}


def dir_size(path: Path) -> int:
    """Bytes of a file, or of every file under a folder."""
    p = Path(path)
    if p.is_file():
        return p.stat().st_size
    return sum(f.stat().st_size for f in p.rglob("*") if f.is_file())


class OverBudget(Exception):
    """A measured call ran past its time budget (raised inside it by SIGALRM)."""


@contextlib.contextmanager
def budget(seconds: float):
    """Interrupt the block after ``seconds`` (main thread only) with ``OverBudget``.

    Some costs grow quadratically with the data; one such call at 100k rows can run for
    hours, and a benchmark must report that instead of hanging. Python-level loops are
    interrupted promptly; a long C call (one DuckDB query) is interrupted when it returns.
    """
    def _raise(_signum, _frame):
        raise OverBudget(f"over the {seconds:g} s budget")

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

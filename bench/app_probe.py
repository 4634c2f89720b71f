"""Profile the app's first (cold) script run server-side, in a fresh process.

    DASHBOARD_DB=store.duckdb python -m bench.app_probe [N]

Runs streamlit_app.py once with ``streamlit.testing.v1.AppTest`` (no browser) and prints
Markdown: the run's wall time, then the functions with the most cumulative and self time
in the script thread. AppTest runs the script in its own thread, which sampling profilers
attached to the main thread never see; ``threading.setprofile`` installs a hook in new
threads that switches each one to its own cProfile profiler on its first event.
"""
from __future__ import annotations

import cProfile
import pstats
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_profilers: list[cProfile.Profile] = []


def _hook(*_args):
    sys.setprofile(None)
    prof = cProfile.Profile()
    _profilers.append(prof)
    prof.enable()


def _short(file: str) -> str:
    for marker in ("site-packages/", "/work/main/", "lib/python3.11/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def main() -> int:
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    t0 = time.perf_counter()
    from streamlit.testing.v1 import AppTest

    t_import = time.perf_counter() - t0
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=300)
    threading.setprofile(_hook)
    t1 = time.perf_counter()
    at.run()
    t_run = time.perf_counter() - t1
    threading.setprofile(None)
    for prof in _profilers:
        prof.disable()
    errors = [str(e.value)[:200] for e in at.exception]
    print(f"Cold script run (AppTest, no browser): {t_run:.2f} s, after {t_import:.2f} s importing streamlit"
          f"{'; exceptions: ' + '; '.join(errors) if errors else ''}.")
    stats = None
    for prof in _profilers:  # one per thread; threads that did nothing have no stats
        prof.create_stats()
        if prof.stats:
            stats = pstats.Stats(prof) if stats is None else stats.add(prof)
    if stats is None:
        print("\n(no profile recorded: the script thread was not seen)")
        return 0
    rows = [(ct, tt, f"{name}", f"{_short(file)}:{line}")
            for (file, line, name), (_cc, _nc, tt, ct, _callers) in stats.stats.items()]
    ours = [r for r in rows if "dashboard/" in r[3] or "streamlit_app" in r[3]]
    print("\nOur functions by cumulative time (cProfile in the script thread; includes imports they trigger):\n")
    print("| function | where | cumulative s | self s |\n|---|---|---:|---:|")
    for ct, tt, name, where in sorted(ours, key=lambda r: -r[0])[:top]:
        print(f"| `{name}` | `{where}` | {ct:.3f} | {tt:.3f} |")
    print("\nAll functions by self time:\n")
    print("| function | where | self s | cumulative s |\n|---|---|---:|---:|")
    for ct, tt, name, where in sorted(rows, key=lambda r: -r[1])[:top]:
        print(f"| `{name}` | `{where}` | {tt:.3f} | {ct:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

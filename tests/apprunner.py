"""Start the real Streamlit app on a free loopback port for the browser tests.

One place for the command line and the health-check wait, shared by
tests/test_browser.py and tests/test_hostile_browser.py.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_app(db: Path, workdir: Path):
    """``streamlit run streamlit_app.py`` over ``db`` (uploads under ``workdir``); yields the
    base URL once /_stcore/health answers; the log is ``workdir/server.log``; stopped after."""
    port = free_port()
    env = {**os.environ, "DASHBOARD_DB": str(db), "DASHBOARD_UPLOADS": str(workdir / "uploads")}
    log_path = workdir / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                        break
                except OSError:
                    pass
                assert proc.poll() is None, log_path.read_text(errors="replace")
                assert time.monotonic() < deadline, "streamlit did not start in 90 s"
                time.sleep(0.5)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()

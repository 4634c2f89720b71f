"""Shared fixtures: paths to the sample corpus and a real Debian Chromium driven by Playwright.

The browser is Debian's /usr/bin/chromium, installed by scripts/install.sh; Playwright's
own browser download is never used (it would fetch from the network). Browser tests fail (not skip) when it is missing, so CI cannot pass
without having drawn anything.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "articles"
ARTIFACTS = ROOT / "artifacts"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic",
]


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def samples_store(tmp_path_factory, samples_dir):
    """A read-only connection to the store the real ingest builds from data/articles (one per session:
    the tests that use it only read)."""
    import duckdb

    from dashboard.store.ingest import ingest

    path = tmp_path_factory.mktemp("samples-store") / "real.duckdb"
    ingest([str(samples_dir)], str(path), workers=1)
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def hand_built_store(tmp_path_factory):
    """A read-only connection to the hand-annotated sample store (``dashboard.sample_store``: coarse
    and inferred dates, a Tổng cục Kỹ thuật event, data-quality cases). Built once per session."""
    import duckdb

    from dashboard.sample_store import build_sample_db

    path = build_sample_db(tmp_path_factory.mktemp("hand-built") / "sample.duckdb")
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def synthetic_3000(tmp_path_factory):
    """A read-only connection to 3,000 synthetic events (``dashboard.synthetic_store``): crowded cells,
    more organisations than a table keeps, more events than a report lists. Built once per session."""
    import duckdb

    from dashboard.synthetic_store import build_synthetic_db

    path = build_synthetic_db(tmp_path_factory.mktemp("synthetic-3000") / "s.duckdb", 3000)
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the whole session (Playwright sync API)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} missing: run scripts/install.sh"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()

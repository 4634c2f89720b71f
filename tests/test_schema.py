"""The one schema declaration: DDL, README markdown and the store agree."""
from __future__ import annotations

import subprocess
import sys

import duckdb

from dashboard.store import schema
from dashboard.store.db import connect
from test_store import ROOT


def test_schema_markdown_is_printed_by_the_module_and_covers_every_column():
    out = subprocess.run([sys.executable, "-m", "dashboard.store.schema"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    assert out.strip() == schema.markdown().strip()
    for t in schema.TABLES:
        assert f"#### `{t.name}`" in out
        for c in t.columns:
            assert f"`{c.name}`" in out and c.description


def test_schema_store_tables_match_the_declaration(tmp_path):
    con = connect(tmp_path / "s.duckdb")
    try:
        for t in schema.TABLES:
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [t.name]).fetchall()]
            assert cols == t.column_names, t.name
    finally:
        con.close()


def test_schema_change_recreates_a_derived_store(tmp_path):
    db = tmp_path / "s.duckdb"
    raw = duckdb.connect(str(db))
    raw.execute("CREATE TABLE articles (article_id VARCHAR)")  # a store from an older schema
    raw.close()
    con = connect(db)
    try:
        cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                          "WHERE table_name = 'articles'").fetchall()]
        assert cols == schema.ARTICLES.column_names
    finally:
        con.close()


def test_schema_readme_section_matches_the_declaration():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(schema.README_START, 1)[1].split(schema.README_END, 1)[0]
    assert section.strip() == schema.markdown().strip(), "run: python -m dashboard.store.schema --readme README.md"

"""Architecture rules that keep the layers pointing one way."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORT_STREAMLIT = re.compile(r"^\s*(import streamlit|from streamlit)", re.M)


def test_layers_streamlit_imported_only_in_app_package():
    offenders = []
    for path in (ROOT / "dashboard").rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("dashboard/app/"):
            continue
        if IMPORT_STREAMLIT.search(path.read_text(encoding="utf-8")):
            offenders.append(rel)
    assert offenders == []


def test_layers_parsing_does_no_io_and_reads_no_clock():
    banned = re.compile(r"\b(open\(|Path\(|datetime\.now|date\.today|time\.time\(|os\.environ|requests)")
    offenders = []
    for path in (ROOT / "dashboard" / "parsing").rglob("*.py"):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if banned.search(line) and "# io-ok" not in line:
                offenders.append(f"{path.name}:{i}: {line.strip()}")
    assert offenders == []


def test_layers_every_module_has_a_docstring():
    import ast

    missing = []
    for path in (ROOT / "dashboard").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not ast.get_docstring(tree) and path.stat().st_size > 0:
            missing.append(path.relative_to(ROOT).as_posix())
    assert missing == []

"""Output files: the format a name asks for, and whether it can be written.

Light on purpose (no pandas, no plotly): the CLI checks its ``--out`` before it
imports the report machinery or starts Chromium, so a typo fails at once.
"""
from __future__ import annotations

import os
from pathlib import Path

FORMATS = ("png", "pdf", "html", "csv")
MIME_TYPES = {"png": "image/png", "pdf": "application/pdf", "html": "text/html", "csv": "text/csv"}


def format_for(path: str | os.PathLike) -> str:
    """'pdf', 'png', 'html' or 'csv' from the file name's suffix (.htm counts as html)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    suffix = "html" if suffix == "htm" else suffix
    if suffix not in FORMATS:
        raise ValueError(f"unsupported output suffix {Path(path).suffix or '(none)'!r}: "
                         f"use .pdf, .png, .html or .csv")
    return suffix


def check_writable(path: str | os.PathLike) -> Path:
    """Fail before rendering when the output cannot be written (missing or read-only folder)."""
    out = Path(path)
    folder = out.parent if str(out.parent) else Path(".")
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(20, "cannot write: not a folder", str(folder))
    if not folder.is_dir():
        raise FileNotFoundError(2, "folder does not exist", str(folder))
    if out.is_dir():
        raise IsADirectoryError(21, "is a directory", str(out))
    if out.exists() and not os.access(out, os.W_OK):
        raise PermissionError(13, "cannot write", str(out))
    # os.access says yes to root everywhere; creating the file is the real test.
    probe = part_path(out)
    try:
        probe.write_bytes(b"")
    except OSError as exc:
        raise PermissionError(exc.errno or 13, "cannot write in this folder", str(folder)) from None
    probe.unlink(missing_ok=True)
    return out


def part_path(out: Path) -> Path:
    """The file a report is written to before it is renamed to ``out``."""
    return out.with_name(f".{out.name}.part")

"""Upload rules: which files are accepted and where they are written.

Pure functions (no Streamlit) so the rules are tested directly. A browser sends
a file name it chose itself: it is untrusted. ``safe_name`` keeps only the last
path component and a whitelist of characters, so "../../etc/passwd" or
"C:\\x\\y.txt" can never leave the upload folder; ``target_path`` checks that
once more on the resolved path before anything is written.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024
MAX_MB = MAX_BYTES // (1024 * 1024)
ALLOWED_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME = 80


@dataclass(frozen=True)
class Verdict:
    """Whether one uploaded file may be written, and why not."""

    ok: bool
    name: str
    reason: str | None = None  # i18n key of the refusal: "upload_too_large", ...


def safe_name(name: str) -> str:
    """A file name made only of ASCII letters, digits, '.', '_' and '-'.

    Vietnamese letters are folded to ASCII first ("bài viết.txt" ->
    "bai_viet.txt") so names stay readable. Leading dots are removed so the
    result is never hidden, "." or "..".
    """
    # Both separators: a Windows browser may send "C:\\Users\\a\\b.txt".
    base = os.path.basename(str(name).replace("\\", "/"))
    folded = unicodedata.normalize("NFD", base.replace("đ", "d").replace("Đ", "D"))
    ascii_ = "".join(ch for ch in folded if not unicodedata.combining(ch))
    cleaned = _UNSAFE.sub("_", ascii_).lstrip(".")
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot:
        stem, suffix = cleaned, ""
    stem = stem.strip("._-")[: _MAX_NAME] or "upload"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def check(name: str, size: int) -> Verdict:
    """Accept or refuse a file by name and size, before reading its bytes."""
    clean = safe_name(name)
    suffix = Path(clean).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        return Verdict(False, clean, "upload_bad_type")
    if size > MAX_BYTES:
        return Verdict(False, clean, "upload_too_large")
    if size == 0:
        return Verdict(False, clean, "upload_empty")
    return Verdict(True, clean)


def target_path(folder: Path, clean_name: str, data: bytes) -> Path:
    """Where an accepted file is written: inside ``folder``, never elsewhere.

    The content hash prefix keeps two different files with the same name apart,
    and makes a re-upload of the same bytes land on the same path (the store
    then skips it as unchanged).
    """
    digest = hashlib.sha256(data).hexdigest()[:10]
    root = folder.resolve()
    path = (root / f"{digest}_{safe_name(clean_name)}").resolve()
    if path.parent != root:  # belt and braces: safe_name already removed separators
        raise ValueError(f"refusing to write outside {root}: {clean_name!r}")
    return path


def save(folder: Path, clean_name: str, data: bytes) -> Path:
    """Write ``data`` under ``folder`` and return the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = target_path(folder, clean_name, data)
    path.write_bytes(data)
    return path

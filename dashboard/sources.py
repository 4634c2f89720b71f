"""Reading users' input files into ``Article``s: never raises on a user's file.

- ``iter_input_files(paths)``: files and folders (recursively, supported
  extensions only, sorted) in argument order, duplicates removed. Paths that do
  not exist or cannot be listed are kept in the list so that ``read_path``
  reports them as errors instead of dropping them silently. A folder found inside
  one named holds no articles when it has a ``.not-articles`` file (data/eval: the
  evaluation's gold JSON and READMEs); it is skipped, and named to the caller so
  the skip is reported, not silent. A folder named itself is always read.
- ``read_path(path)``: one file to a list of ``SourceRecord``; a text or HTML
  file gives one record, a JSON file one per object, a JSONL file one per line
  (``path#n``, 1-based). Every record holds either an ``Article`` (text already
  normalised, so offsets are final) or an ``error`` (reason, detail).

When metadata supplies a title (HTML ``<title>``, a JSON "title" field) the
article text starts with that title and a blank line: ``Article.text`` must
hold everything evidence offsets point at, and it then looks like the plain
text samples (title line first).
"""
from __future__ import annotations

import stat

import hashlib
import os
import re
from pathlib import Path

from .decode import DecodeFailure, decode_bytes
from .htmltext import html_to_text
from .records import (SourceRecord, error_record, json_records, jsonl_records, make_article,
                      normalise_published, normalised, sha256)

__all__ = ["SUPPORTED", "MAX_BYTES", "SourceRecord", "display_name", "iter_input_files", "read_path", "read_raw",
           "records_from_bytes", "normalised", "normalise_published", "sha256"]

SUPPORTED = (".txt", ".html", ".htm", ".json", ".jsonl", ".md")
#: A folder holding this file is not read when a walk of a folder above it finds it.
NOT_ARTICLES = ".not-articles"
#: Files larger than this are quarantined ("too_large") without being read whole.
MAX_BYTES = 5 * 1024 * 1024
_HTML_SNIFF = re.compile(r"\s*(<!doctype html|<html\b)", re.I)


def iter_input_files(paths, skipped: list[Path] | None = None) -> list[Path]:
    """Expand files and folders to the list of files to read, in argument order; the folders
    skipped for their ``NOT_ARTICLES`` file are appended to ``skipped``."""
    out: list[Path] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.abspath(p)
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found, unreadable = _walk(p, skipped if skipped is not None else [])
            for f in found:
                add(f)
            for d in unreadable:
                add(d)  # read_path reports it as "unreadable"
        else:
            add(p)  # explicit files are read whatever their extension; missing ones become errors
    return out


def skipped_note(skipped) -> str:
    """" Not read: a, b (…)." for the folders ``iter_input_files`` skipped, or ""."""
    if not skipped:
        return ""
    one = len(skipped) == 1
    return (f" Not read: {', '.join(display_name(p) for p in skipped)} ({'it holds' if one else 'they hold'} "
            f"a {NOT_ARTICLES} file; name {'it' if one else 'one'} to read it).")


def no_articles(paths, skipped) -> str:
    """What a command says when ``paths`` hold no file to read, naming the folders it skipped."""
    where = ", ".join(map(str, paths)) + ("." if skipped else "")
    return f"no articles ({' '.join(SUPPORTED)}) in {where}" + skipped_note(skipped)


def _walk(root: Path, skipped: list[Path]) -> tuple[list[Path], list[Path]]:
    found, unreadable = [], []

    def onerror(exc: OSError) -> None:
        unreadable.append(Path(exc.filename))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        if dirpath != str(root) and NOT_ARTICLES in filenames:
            skipped.append(Path(dirpath))
            dirnames[:] = []
            continue
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if not name.startswith(".") and name.lower().endswith(SUPPORTED):
                found.append(Path(dirpath) / name)
    return sorted(found), sorted(unreadable)


def display_name(path) -> str:
    """``str(path)`` as the store and the screen can hold it.

    A file name whose bytes are not UTF-8 (an old Windows-1258 archive copied to
    Linux) reaches Python with surrogate escapes, which no UTF-8 column, JSON or
    terminal accepts; its undecodable bytes are written as ``\\xNN`` instead.
    The file itself is still opened by its real name.
    """
    name = str(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name


def read_raw(path: Path, max_bytes: int = MAX_BYTES) -> tuple[bytes | None, str | None, SourceRecord | None]:
    """(bytes, sha256, None) or (None, hash-or-None, error record) for one path."""
    name = display_name(path)
    try:
        st = path.stat()
        size = st.st_size
        if path.is_dir():
            return None, None, error_record(name, None, "unreadable", "is a folder that could not be listed")
        if not stat.S_ISREG(st.st_mode):
            # A FIFO or device named *.txt would block read_bytes() forever.
            return None, None, error_record(name, None, "unreadable", "not a regular file")
        if size > max_bytes:
            return None, _hash_file(path), error_record(
                name, None, "too_large", f"{size} bytes, over the {max_bytes}-byte limit "
                "(`ingest --max-bytes` raises it)")
        data = path.read_bytes()
    except FileNotFoundError:
        return None, None, error_record(name, None, "not_found", "no such file")
    except OSError as exc:
        return None, None, error_record(name, None, "unreadable", exc.strerror or str(exc))
    return data, sha256(data), None


def read_path(path, max_bytes: int = MAX_BYTES) -> list[SourceRecord]:
    """Read one input file into records; errors are records too, never exceptions."""
    path = Path(path)
    data, digest, err = read_raw(path, max_bytes)
    if err is not None:
        return [SourceRecord(err.path, None, digest, error=err.error)]
    return records_from_bytes(display_name(path), data, digest)


def records_from_bytes(name: str, data: bytes, digest: str | None = None) -> list[SourceRecord]:
    """Decode and split the raw bytes of one file (``name`` decides the format)."""
    digest = digest or sha256(data)
    ext = os.path.splitext(name)[1].lower()
    try:
        decoded = decode_bytes(data, html=ext in (".html", ".htm"))
    except DecodeFailure as exc:
        return [error_record(name, digest, exc.reason, exc.detail)]
    warnings = decoded.warnings
    try:
        if ext == ".jsonl":
            return jsonl_records(name, decoded.text, decoded.encoding, warnings, digest)
        if ext == ".json":
            return json_records(name, decoded.text, decoded.encoding, warnings, digest)
        if ext in (".html", ".htm") or _HTML_SNIFF.match(decoded.text[:200]):
            page = html_to_text(decoded.text)
            meta = {"title": page.title, "published": page.published, "url": page.url, "source": page.source}
            return [make_article(name, page.text, meta, digest, decoded.encoding, warnings + tuple(page.warnings))]
        return [make_article(name, decoded.text, {}, digest, decoded.encoding, warnings)]
    except Exception as exc:  # a bug must not kill an ingest: quarantine with the reason
        return [error_record(name, digest, "internal_error", f"{type(exc).__name__}: {exc}")]


def _hash_file(path: Path) -> str | None:
    h = hashlib.sha256()
    try:
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()



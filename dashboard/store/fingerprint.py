"""The extractor's version: a hash of the code and vocabulary that turn a file into rows.

Stored per input file in the ledger; ingest re-parses files an older version parsed,
and the app's start-up check (``build.ensure_store``) counts them. It lives apart
from ``ingest`` so that check imports nothing but hashlib: importing the ingest
module pulled in the readers, decoders and row builders on every app start.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
#: Modules outside dashboard/parsing whose behaviour changes what is stored.
_ALSO = ("model.py", "text.py", "spans.py", "sources.py", "records.py", "published.py", "decode.py", "htmltext.py",
         "store/rows.py")


@functools.lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """16 hex digits; the same for the same files (cached: the files do not change while we run)."""
    h = hashlib.sha256()
    parts = [*sorted((_PACKAGE / "parsing").glob("*.py")), *sorted((_PACKAGE / "vocab").rglob("*")),
             *(_PACKAGE / n for n in _ALSO)]
    for p in parts:
        if p.is_file():
            h.update(p.relative_to(_PACKAGE).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]

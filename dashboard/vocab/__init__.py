"""Vocabulary data files shipped with the package (JSON/TSV under ``dashboard/vocab``).

Parsing stays pure (no I/O in ``dashboard.parsing``): parsers call ``load(name)``
here, which reads a data file once through importlib.resources and caches it for
the life of the process.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str):
    """Return the parsed content of ``dashboard/vocab/<name>`` (.json or .tsv).

    JSON files give their object; TSV files give a tuple of row tuples (blank
    lines and lines starting with "#" skipped). The result is cached: callers
    must not mutate it.
    """
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    if name.endswith(".json"):
        return json.loads(text)
    if name.endswith(".tsv"):
        rows = (line.split("\t") for line in text.splitlines())
        return tuple(tuple(r) for r in rows if r and r[0] and not r[0].startswith("#"))
    raise ValueError(f"unknown vocabulary format: {name}")

"""People for the person filter: the picker's options and a forgiving name search.

A person is filtered by ``people.name`` (the spelling most often written). Users
type names without diacritics ("phan van giang") or with the other i/y spelling
("Phùng Sỹ Tấn"), so the search compares ``store.rows.person_key`` forms, the key
the store merged the spellings by.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.query import convert
from dashboard.query.filter import MAX_VALUE_LEN
from dashboard.store.rows import person_key


def person_options(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """People for the picker: name, rank, position, variants (list), n_articles, n_events;
    those in the most events first, then the most mentioned."""
    df = convert.df(con, """
        SELECT p.name, p.rank, p.position, p.variants, p.n_articles, coalesce(n.n, 0) AS n_events
        FROM people p
        LEFT JOIN (SELECT person_id, count(*) AS n FROM event_people GROUP BY 1) n ON n.person_id = p.person_id
        ORDER BY n_events DESC, p.n_articles DESC, p.name""")
    df["variants"] = [list(v) if v is not None else [] for v in df["variants"]]
    return df


def search_people(con: duckdb.DuckDBPyConnection, text: str, limit: int = 20) -> list[str]:
    """Names whose key (folded, i/y merged) or a variant's contains every word of ``text``.
    An exact name ranks first, then the people in most events and articles."""
    return match_people(person_options(con), text, limit)


def resolve_person(options: pd.DataFrame, text: str) -> str | None:
    """The stored name a typed one means: itself when stored, else the only match, or the match
    whose key is the typed name's ("Phùng Sỹ Tấn" for "Phùng Sĩ Tấn"); None when it is not clear."""
    if text in set(options["name"]):
        return text
    found = match_people(options, text, limit=2)
    if len(found) == 1 or (found and person_key(found[0]) == person_key(text)):
        return found[0]
    return None


def match_people(options: pd.DataFrame, text: str, limit: int = 20) -> list[str]:
    """``search_people`` over an already read ``person_options`` frame (the app caches it)."""
    key = person_key(str(text)[:MAX_VALUE_LEN])
    terms = key.split()[:10]
    if not terms:
        return []
    exact, partial = [], []
    for name, variants in zip(options["name"], options["variants"]):
        keys = [person_key(n) for n in (name, *(variants or []))]
        if key in keys:
            exact.append(name)
        elif any(all(t in k for t in terms) for k in keys):
            partial.append(name)
    return (exact + partial)[:limit]

"""Several articles reporting one event: counted once, with every report kept.

News outlets cover the same conference, signing or vote on the same day: five
articles gave five points and five counts for one event. At consolidation
(``undo``, then ``document_aliases.resolve``, then ``regroup``) the reports of one
event are grouped, the report of the earliest published article stays in
``events``, and the others move to ``event_reports`` (with ``primary_id``). The event in ``events`` then holds the documents and people
of all its reports (the reports' rows in ``event_documents`` / ``event_people`` move
to it, listed in ``event_link_moves`` so they can move back; ``consolidate`` maps
organisations the same way, and text search maps each report's sentence to its
event), so filters and charts find an event through any report without knowing
about reports, and every link row names an event in ``events``.

Two events are reports of one event when they come from different articles, both
are dated to the day (not inferred), have the same date, end date and kind, their
parts of the day do not differ ("sáng" and no part agree), and

- they have the same title (folded) and it names something: a capitalised word
  after the first, or a number ("Triển lãm Quốc phòng quốc tế Việt Nam 2024", not
  "Luật có hiệu lực thi hành"), or
- for kinds that one person or document rarely has twice in a day (``LINKED_KINDS``:
  reviews, working sessions, signings...), a person or a document in common. Not
  for laws passed or taking effect, conferences and other events: the National
  Assembly passes several laws on one day under one chairman, and decrees citing
  a law take effect with it.

Reports group transitively.

Everything is undone and redone at each rebuild, so the result does not depend on
the order articles were ingested in.
"""
from __future__ import annotations

import pyarrow as pa

from ..text import fold_sql
from . import schema
from .db import registered

EVENT_COLUMNS = ", ".join(f'"{c.name}"' for c in schema.EVENTS.columns)
_E_COLUMNS = ", ".join(f'e."{c.name}"' for c in schema.EVENTS.columns)
#: (link name in event_link_moves, table, its value column, the table's other columns: kept in event_link_moves
#: under the same names)
LINKS = (("document", "event_documents", "document_id", ("doc_key",)),
         ("person", "event_people", "person_id", ("position",)))


#: Kinds whose reports may be matched by a person or a document in common (see the module docstring).
LINKED_KINDS = ("review_conference", "working_session", "signing", "dissemination", "visit", "exhibition",
                "anniversary")


#: A title that names something: a capitalised word after the first, or a digit.
_SPECIFIC = r"regexp_matches(title, '\s\p{Lu}|\d')"
_CANDIDATES = f"""
WITH d AS MATERIALIZED (
    SELECT e.event_id, e.article_id, e.date, e.date_end, e.kind, e.day_part,
           CASE WHEN {_SPECIFIC} THEN {fold_sql('title')} END AS ft
    FROM events e WHERE e.precision = 'day' AND e.date_basis <> 'inferred'),
pairs AS (
    SELECT a.event_id AS x, b.event_id AS y, a.ft = b.ft AS same_title, a.kind IN {LINKED_KINDS} AS linked
    FROM d a JOIN d b ON a.date = b.date AND a.kind = b.kind AND a.date_end IS NOT DISTINCT FROM b.date_end
        AND a.event_id < b.event_id AND a.article_id <> b.article_id
        AND (a.day_part IS NULL OR b.day_part IS NULL OR a.day_part = b.day_part)),
linked AS (SELECT x, y FROM pairs WHERE linked),
shared AS (
    SELECT p.x, p.y FROM linked p JOIN event_people u ON u.event_id = p.x
        JOIN event_people v ON v.event_id = p.y AND v.person_id = u.person_id
    UNION
    SELECT p.x, p.y FROM linked p JOIN event_documents u ON u.event_id = p.x
        JOIN event_documents v ON v.event_id = p.y AND v.document_id = u.document_id)
SELECT x, y FROM pairs WHERE same_title
UNION
SELECT x, y FROM shared
"""


def _cols(table_name: str, column: str, extra: tuple[str, ...]) -> str:
    """The link table's columns, in the order ``_from_moves`` gives them."""
    return f"{table_name} (event_id, {column}{''.join(', ' + c for c in extra)})"


def _from_moves(event: str, extra: tuple[str, ...]) -> str:
    """A move as a row of its link table (``event``: event_id or primary_id)."""
    return f"{event}, value{''.join(', ' + c for c in extra)}"


def regroup(con) -> int:
    """Group the reports of ``events`` (after ``undo``); returns how many moved to ``event_reports``.
    Runs inside the caller's transaction, before the organisations are consolidated (they map through
    ``event_reports``)."""
    moved = group(con, con.execute(_CANDIDATES).fetchall())
    if not moved:
        return 0
    table = pa.table({"event_id": list(moved), "primary_id": list(moved.values())})
    with registered(con, "_moved", table):
        con.execute(f"""INSERT INTO event_reports SELECT {_E_COLUMNS}, m.primary_id
                        FROM events e JOIN _moved m ON m.event_id = e.event_id""")
    con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM event_reports)")
    for link, table_name, column, extra in LINKS:
        # A link is added to the event once, by the first report holding it, unless the event had it.
        columns = ", ".join(["event_id", "link", "value", "primary_id", "added", *extra])
        con.execute(f"""INSERT INTO event_link_moves ({columns})
            SELECT x.event_id, '{link}', x.{column}, r.primary_id,
                   row_number() OVER (PARTITION BY r.primary_id, x.{column} ORDER BY x.event_id) = 1
                   AND NOT EXISTS (SELECT 1 FROM {table_name} y WHERE y.event_id = r.primary_id
                                   AND y.{column} = x.{column}),
                   {', '.join('x.' + c for c in extra)}
            FROM {table_name} x JOIN event_reports r ON r.event_id = x.event_id""")
        con.execute(f"DELETE FROM {table_name} WHERE event_id IN (SELECT event_id FROM event_reports)")
        con.execute(f"""INSERT INTO {_cols(table_name, column, extra)}
            SELECT {_from_moves('primary_id', extra)} FROM event_link_moves WHERE link = '{link}' AND added""")
    return len(moved)


def undo(con) -> None:
    """Every report back in ``events`` with its own documents and people; the events keep only theirs."""
    for link, table_name, column, extra in LINKS:
        con.execute(f"""DELETE FROM {table_name} USING event_link_moves m
            WHERE m.link = '{link}' AND m.added AND {table_name}.event_id = m.primary_id
              AND {table_name}.{column} = m.value""")
        con.execute(f"""INSERT INTO {_cols(table_name, column, extra)}
            SELECT {_from_moves('event_id', extra)} FROM event_link_moves WHERE link = '{link}'""")
    con.execute("DELETE FROM event_link_moves")
    con.execute(f"INSERT INTO events SELECT {EVENT_COLUMNS} FROM event_reports")
    con.execute("DELETE FROM event_reports")


def forget(con, ids: str) -> None:
    """Before the events selected by ``ids`` (SQL) are deleted, inside the same transaction.

    A deleted report takes away the links it gave its event. A deleted event's other
    reports stand alone again, with their own links, until the next rebuild regroups
    them: an ingest killed before that rebuild leaves no report pointing at nothing.
    """
    for link, table_name, column, _extra in LINKS:
        con.execute(f"""DELETE FROM {table_name} USING event_link_moves m
            WHERE m.event_id IN ({ids}) AND m.link = '{link}' AND m.added
              AND {table_name}.event_id = m.primary_id AND {table_name}.{column} = m.value""")
    con.execute(f"DELETE FROM event_link_moves WHERE event_id IN ({ids})")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _alone AS SELECT event_id FROM event_reports
                    WHERE primary_id IN ({ids}) AND event_id NOT IN ({ids})""")
    try:
        alone = "SELECT event_id FROM _alone"
        for link, table_name, column, extra in LINKS:
            con.execute(f"""INSERT INTO {_cols(table_name, column, extra)} SELECT {_from_moves('event_id', extra)}
                            FROM event_link_moves WHERE link = '{link}' AND event_id IN ({alone})""")
        con.execute(f"DELETE FROM event_link_moves WHERE event_id IN ({alone})")
        con.execute(f"INSERT INTO events SELECT {EVENT_COLUMNS} FROM event_reports WHERE event_id IN ({alone})")
        # Their organisations, as the batch's provisional rows get them (the rebuild redoes these).
        con.execute(f"""INSERT INTO event_organisations SELECT DISTINCT n.event_id, k.org_id FROM event_org_names n
                        JOIN (SELECT org_key, min(org_id) AS org_id FROM org_mentions GROUP BY 1) k USING (org_key)
                        WHERE n.event_id IN ({alone})""")
        con.execute(f"DELETE FROM event_reports WHERE event_id IN ({alone})")
    finally:
        con.execute("DROP TABLE IF EXISTS _alone")


def group(con, pairs: list[tuple[str, str]]) -> dict[str, str]:
    """event_id -> primary event_id for every report that is not its group's first.

    First: the report of the earliest published article (undated articles last), then
    the smallest event id, so a group's event does not depend on the order of ingest.
    """
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        root = a
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(a, a) != root:  # path compression: chains stay short
            parent[a], a = root, parent[a]
        return root

    for x, y in pairs:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    members = list(parent)
    if not members:
        return {}
    order = dict(con.execute("""
        SELECT e.event_id, row_number() OVER (ORDER BY a.published NULLS LAST, e.event_id)
        FROM events e JOIN articles a ON a.article_id = e.article_id
        WHERE e.event_id IN (SELECT unnest(?::VARCHAR[]))""", [sorted(set(members) | set(parent.values()))]).fetchall())
    groups: dict[str, list[str]] = {}
    for m in set(members) | set(parent.values()):
        groups.setdefault(find(m), []).append(m)
    moved = {}
    for items in groups.values():
        items.sort(key=lambda e: order.get(e, 1 << 62))
        for other in items[1:]:
            moved[other] = items[0]
    return moved

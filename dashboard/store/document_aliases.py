"""A document named in one article and numbered in another is one document.

"Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp" without its number
gets the parser's name key (kind, issuer, period, name); the article that writes
"... số 38/2024/QH15" gets the symbol. Each article's own mentions are linked by the
parser, but across articles the law was two documents: two diamonds on one day, two
entries in the documents page, its citations split between them.

At consolidation (``resolve``), a name-keyed document becomes the numbered one when
exactly one numbered document has the same kind and name (folded), and neither the
issuer nor the period disagree. ``document_mentions`` and ``event_documents`` keep
the key their article gave (``doc_key``), and ``document_id`` is recomputed from it
at every rebuild, so the result does not depend on the order of ingest and an alias
goes away when the numbered document does.
"""
from __future__ import annotations

import pyarrow as pa

from ..text import fold_sql
from .db import registered

#: A name folded with its runs of spaces made one.
_NAME = f"trim(regexp_replace({fold_sql('name')}, '\\s+', ' ', 'g'))"

_ALIASES = f"""
WITH m AS (SELECT doc_key, symbol, kind, {_NAME} AS fn, issuer, period
           FROM document_mentions WHERE doc_key IS NOT NULL),
named AS (SELECT doc_key, min(kind) AS kind, min(fn) AS fn, min(issuer) AS issuer, min(period) AS period
          FROM m GROUP BY doc_key
          HAVING count(symbol) = 0 AND count(DISTINCT kind) = 1 AND count(DISTINCT fn) = 1
             AND count(DISTINCT issuer) <= 1 AND count(DISTINCT period) <= 1),
numbered AS (SELECT doc_key, kind, fn, list(DISTINCT issuer) FILTER (WHERE issuer IS NOT NULL) AS issuers,
                    list(DISTINCT period) FILTER (WHERE period IS NOT NULL) AS periods
             FROM m WHERE symbol IS NOT NULL AND fn IS NOT NULL AND fn <> '' GROUP BY doc_key, kind, fn),
candidates AS (
    SELECT n.doc_key AS alias, list(DISTINCT u.doc_key) AS targets FROM named n JOIN numbered u
        ON u.kind = n.kind AND u.fn = n.fn
       AND (n.issuer IS NULL OR coalesce(len(u.issuers), 0) = 0 OR list_contains(u.issuers, n.issuer))
       AND (n.period IS NULL OR coalesce(len(u.periods), 0) = 0 OR list_contains(u.periods, n.period))
    GROUP BY n.doc_key)
SELECT alias, targets[1] FROM candidates WHERE len(targets) = 1 ORDER BY alias
"""


def resolve(con) -> int:
    """Recompute ``document_id`` from ``doc_key`` with the aliases of today's mentions; returns
    how many name keys became a numbered document. Runs inside the caller's transaction."""
    con.execute("UPDATE document_mentions SET document_id = doc_key WHERE doc_key IS NOT NULL AND document_id <> doc_key")
    con.execute("UPDATE event_documents SET document_id = doc_key WHERE doc_key IS NOT NULL AND document_id <> doc_key")
    aliases = con.execute(_ALIASES).fetchall()
    if not aliases:
        return 0
    table = pa.table({"alias": [a for a, _t in aliases], "target": [t for _a, t in aliases]})
    with registered(con, "_doc_alias", table):
        con.execute("""UPDATE document_mentions SET document_id = a.target FROM _doc_alias a
                       WHERE document_mentions.doc_key = a.alias""")
        con.execute("""UPDATE event_documents SET document_id = a.target FROM _doc_alias a
                       WHERE event_documents.doc_key = a.alias""")
    # An event that cited both forms keeps one link (the one its article numbered, if any).
    con.execute("""DELETE FROM event_documents WHERE rowid IN (
        SELECT rowid FROM (SELECT rowid, row_number() OVER (
            PARTITION BY event_id, document_id ORDER BY (doc_key = document_id) DESC, doc_key) AS rn
            FROM event_documents) WHERE rn > 1)""")
    return len(aliases)

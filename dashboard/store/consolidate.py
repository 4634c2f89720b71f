"""Cross-article consolidation: one row per document, organisation and person.

Rebuilt from the mention tables at the end of every ingest that changed
something (``rebuild``), so the result never depends on ingest order:

- documents: grouped by document key; each field takes the most common value,
  issue date and horizon the most explicit one first (a day beats a year); values
  that disagree are listed in ``conflicts`` (JSON) instead of being hidden.
- organisations: grouped by fold(name); a name that is only an abbreviation of
  another organisation ("CNQP", "TCCNQP", "Tổng cục CNQP" next to "Tổng cục
  Công nghiệp Quốc phòng") is merged into it when exactly one candidate fits.
- people: grouped by ``rows.person_key`` (Sĩ = Sỹ); rank and position from the
  latest article.
- documents named in one article and numbered in another become one
  (``document_aliases``);
- events: several articles' reports of one event become one event
  (``event_reports``).
"""
from __future__ import annotations

from collections import Counter, defaultdict

import pyarrow as pa

from ..text import fold, fold_sql
from . import document_aliases, event_reports
from .db import get_meta, registered, set_meta, transaction
from .rows import org_id_for_key

_DOC_FIELDS = ("symbol", "kind", "number", "issuer", "issued", "subject", "horizon", "period", "name")


def needs_rebuild(con) -> bool:
    return get_meta(con, "consolidated") != "yes"


def rebuild(con) -> None:
    """Recompute documents, organisations, people, event reports and event_organisations in one transaction."""
    with transaction(con):
        event_reports.undo(con)  # every event and link as its article gave it
        document_aliases.resolve(con)  # then a document named here and numbered there is one
        event_reports.regroup(con)  # before the organisations: their event links map through it
        _documents(con)
        _organisations(con)
        _people(con)
        _article_paths(con)
        set_meta(con, "consolidated", "yes")


def provisional(con, new_ids: str, org_links: str) -> None:
    """Rows for the documents, organisations and people a batch just introduced.

    Runs inside each batch's transaction (``new_ids`` names a registered table
    of the batch's article ids, ``org_links`` one of (org_key, org_id): the id
    each of the batch's organisation keys links to, see ``org_links``) so that
    every committed state is free of dangling links even if the ingest is
    killed before ``rebuild``. Values are rough (any mention's); counts, best
    values and alias merges come from ``rebuild`` at the end of the run.
    """
    batch = f"article_id IN (SELECT article_id FROM {new_ids})"
    con.execute(f"""INSERT INTO documents
        SELECT document_id, min(symbol), coalesce(min(kind), 'other'), min(number), min(issuer), max(issued),
               NULL, min(subject), min(horizon), NULL, min(period), NULL, NULL, min(name), count(*),
               count(DISTINCT article_id), NULL
        FROM document_mentions WHERE {batch} AND document_id NOT IN (SELECT document_id FROM documents)
        GROUP BY document_id""")
    con.execute(f"""INSERT INTO organisations
        SELECT org_id, min(name), min(name_en), list_sort(list_distinct(flatten(list(abbreviations)))),
               {fold_sql('min(name)')}, count(DISTINCT article_id)
        FROM org_mentions WHERE {batch} AND org_id NOT IN (SELECT org_id FROM organisations) GROUP BY org_id""")
    con.execute(f"""INSERT INTO event_organisations
        SELECT DISTINCT n.event_id, k.org_id FROM event_org_names n
        JOIN events e ON e.event_id = n.event_id AND e.{batch}
        JOIN {org_links} k USING (org_key)""")
    con.execute(f"""INSERT INTO people
        SELECT person_id, min(name), min(rank), min(position), [], count(DISTINCT article_id)
        FROM person_mentions WHERE {batch} AND person_id NOT IN (SELECT person_id FROM people)
        GROUP BY person_id""")


def known_org_ids(con) -> dict[str, str]:
    """org_key -> the smallest org_id its stored mentions carry (the start of ``org_links``)."""
    return dict(con.execute("SELECT org_key, min(org_id) FROM org_mentions GROUP BY org_key").fetchall())


def org_links(batch_keys: dict[str, str], known: dict[str, str]) -> dict[str, str]:
    """The org_id each of a batch's keys links to; ``known`` is updated in place.

    ``batch_keys`` maps each key to the id the batch's mentions carry (their own,
    ``org_id_for_key``). A key stored before links where its older mentions do
    (after a rebuild, the organisation an alias was merged into), a new key to its
    own id. Kept in memory for the run: looking it up in org_mentions took a scan
    of the whole table per batch, a cost that grew with the store.
    """
    links = {k: known.get(k, own) for k, own in batch_keys.items()}
    for k, own in batch_keys.items():
        known[k] = min(known.get(k, own), own)
    return links


def _pick(field: str, source: str, extra_order: str = "") -> str:
    """CTE choosing, per document, the most common non-null value of ``field`` (ties: smallest)."""
    return f"""p_{field} AS (
        SELECT document_id, v FROM (
            SELECT document_id, {field} AS v, row_number() OVER (
                PARTITION BY document_id ORDER BY {extra_order} count(*) DESC, {field}) AS rn
            FROM {source} WHERE {field} IS NOT NULL GROUP BY document_id, {field})
        WHERE rn = 1)"""


def _documents(con) -> None:
    con.execute("DELETE FROM documents")
    # Issue date and horizon: the most explicit (longest) value first: a day beats a year,
    # "2030; tầm nhìn 2045" beats "2030". Other fields: the most common value.
    picks = [_pick(f, "m", f"length({f}) DESC," if f in ("issued", "horizon") else "") for f in _DOC_FIELDS]
    joins = "\n".join(f"LEFT JOIN p_{f} USING (document_id)" for f in _DOC_FIELDS)
    cols = ", ".join(f"p_{f}.v AS {f}" for f in _DOC_FIELDS)
    con.execute(f"""
    INSERT INTO documents
    WITH m AS MATERIALIZED (SELECT * FROM document_mentions),
    counts AS (
        SELECT document_id, count(*) AS n_mentions, count(DISTINCT article_id) AS n_articles,
               list_sort(list(DISTINCT issued) FILTER (WHERE issued IS NOT NULL)) AS all_issued,
               list_sort(list(DISTINCT horizon) FILTER (WHERE horizon IS NOT NULL)) AS all_horizon,
               list_sort(list(DISTINCT issuer) FILTER (WHERE issuer IS NOT NULL)) AS all_issuer
        FROM m GROUP BY document_id),
    {", ".join(picks)},
    merged AS (SELECT counts.*, {cols} FROM counts {joins}),
    flagged AS (SELECT *, [
            -- a year is compatible with a day in that year: only different dates conflict
            {{'field': 'issued', 'values': all_issued,
              'bad': len(list_filter(all_issued, lambda x: NOT starts_with(issued, x))) > 0}},
            {{'field': 'horizon', 'values': all_horizon,
              'bad': len(list_filter(all_horizon, lambda x: NOT contains(horizon, x))) > 0}},
            {{'field': 'issuer', 'values': all_issuer, 'bad': len(all_issuer) > 1}}
        ] AS checks FROM merged)
    SELECT document_id, symbol, coalesce(kind, 'other'), number, issuer, issued,
           TRY_CAST(CASE length(issued) WHEN 4 THEN issued || '-01-01' WHEN 7 THEN issued || '-01'
                    ELSE issued END AS DATE),
           subject, horizon, TRY_CAST(list_max(regexp_extract_all(horizon, '\\d{{4}}')) AS INTEGER),
           period, TRY_CAST(regexp_extract(period, '^(\\d{{4}})', 1) AS INTEGER),
           TRY_CAST(regexp_extract(period, '(\\d{{4}})$', 1) AS INTEGER),
           name, n_mentions, n_articles,
           CASE WHEN len(list_filter(checks, lambda c: c.bad)) > 0 THEN to_json(list_transform(
               list_filter(checks, lambda c: c.bad), lambda c: {{'field': c.field, 'values': c.values}}))
           END
    FROM flagged""")


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w)


def resolve_org_keys(groups: dict[str, dict]) -> dict[str, str]:
    """org_key -> canonical org_key; abbreviation-only names merge into their unique expansion."""
    alias: dict[str, set[str]] = defaultdict(set)
    for key, g in groups.items():
        for abbr in g["abbrs"]:
            alias[" ".join(fold(abbr).split())].add(key)

    def expansion(key: str) -> str | None:
        others = alias.get(key, set()) - {key}
        if len(others) == 1:
            return next(iter(others))
        name = groups[key]["names"].most_common(1)[0][0]
        tokens = name.split()
        last = tokens[-1] if tokens else ""
        if not (len(last) >= 2 and last.isupper() and last.isalpha()):
            return None
        prefix = key.split()[:-1]
        # "Tổng cục CNQP" -> a "Tổng cục ..." whose remaining words have the initials c-n-q-p
        cands = {k for k in groups if k != key and k.split()[:len(prefix)] == prefix
                 and len(k.split()) > len(prefix) + 1 and _initials(k.split()[len(prefix):]) == fold(last)}
        return next(iter(cands)) if len(cands) == 1 else None

    resolved = {}
    for key in groups:
        target, hops = key, 0
        while hops < 3:
            nxt = expansion(target)
            if nxt is None or nxt == key:
                break
            target, hops = nxt, hops + 1
        resolved[key] = target
    for key, target in list(resolved.items()):
        if resolved.get(target) == key != target:  # two names claiming each other: keep one, deterministically
            resolved[key] = resolved[target] = min(key, target)
    return resolved


def _organisations(con) -> None:
    groups: dict[str, dict] = {}
    for key, name, abbrs, name_en, n in con.execute(
            "SELECT org_key, name, abbreviations, name_en, count(*) FROM org_mentions GROUP BY ALL").fetchall():
        g = groups.setdefault(key, {"names": Counter(), "abbrs": set(), "en": Counter()})
        g["names"][name] += n
        g["abbrs"].update(abbrs or ())
        if name_en:
            g["en"][name_en] += n
    resolved = resolve_org_keys(groups)
    merged: dict[str, dict] = {}
    for key, target in resolved.items():
        m = merged.setdefault(target, {"abbrs": set(), "en": Counter()})
        m["abbrs"] |= groups[key]["abbrs"]
        m["en"].update(groups[key]["en"])
        if key != target:
            m["abbrs"].update(groups[key]["names"])  # "CNQP", "Tổng cục CNQP" become aliases
    info = {"org_id": [], "name": [], "name_en": [], "abbreviations": [], "search_key": []}
    for target, m in sorted(merged.items()):
        name = _most_common(groups[target]["names"])
        abbrs = sorted(a for a in m["abbrs"] if a != name)
        info["org_id"].append(org_id_for_key(target))
        info["name"].append(name)
        info["name_en"].append(_most_common(m["en"]))
        info["abbreviations"].append(abbrs)
        info["search_key"].append(" ".join(dict.fromkeys(fold(x) for x in [name, *abbrs, *m["en"]])))
    org_map = pa.table({"org_key": list(resolved), "org_id": [org_id_for_key(t) for t in resolved.values()]})
    org_info = pa.table(info, schema=pa.schema([
        ("org_id", pa.string()), ("name", pa.string()), ("name_en", pa.string()),
        ("abbreviations", pa.list_(pa.string())), ("search_key", pa.string())]))
    with registered(con, "_org_map", org_map), registered(con, "_org_info", org_info):
        con.execute("""UPDATE org_mentions SET org_id = m.org_id FROM _org_map m
                       WHERE org_mentions.org_key = m.org_key AND org_mentions.org_id <> m.org_id""")
        con.execute("DELETE FROM organisations")
        con.execute("""INSERT INTO organisations
            SELECT i.org_id, i.name, i.name_en, i.abbreviations, i.search_key, count(DISTINCT o.article_id)
            FROM _org_info i JOIN org_mentions o USING (org_id) GROUP BY ALL""")
        con.execute("DELETE FROM event_organisations")
        # An event holds the organisations of all its reports (``event_reports``).
        con.execute("""INSERT INTO event_organisations
            SELECT DISTINCT coalesce(r.primary_id, n.event_id), m.org_id FROM event_org_names n
            JOIN _org_map m USING (org_key) LEFT JOIN event_reports r ON r.event_id = n.event_id""")


def _most_common(counter: Counter) -> str | None:
    if not counter:
        return None
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _people(con) -> None:
    con.execute("DELETE FROM people")
    con.execute("""
    INSERT INTO people
    WITH pm AS MATERIALIZED (SELECT * FROM person_mentions),
    spell AS (
        SELECT person_id, name, row_number() OVER (PARTITION BY person_id ORDER BY count(*) DESC, name) AS rn
        FROM pm GROUP BY person_id, name),
    agg AS (
        SELECT m.person_id,
               first(m.rank ORDER BY a.published_date DESC NULLS LAST, a.article_id)
                   FILTER (WHERE m.rank IS NOT NULL) AS rank,
               first(m.position ORDER BY a.published_date DESC NULLS LAST, a.article_id)
                   FILTER (WHERE m.position IS NOT NULL) AS position,
               list_sort(list(DISTINCT m.name)) AS names,
               count(DISTINCT m.article_id) AS n_articles
        FROM pm m JOIN articles a USING (article_id) GROUP BY m.person_id)
    SELECT agg.person_id, spell.name, rank, position,
           list_filter(names, lambda x: x <> spell.name), n_articles
    FROM agg JOIN spell ON spell.person_id = agg.person_id AND spell.rn = 1""")


def _article_paths(con) -> None:
    # A duplicate's article keeps a path that still holds it when the first file changed.
    con.execute("""
    UPDATE articles SET path = f.path FROM (
        SELECT article_id, min(path) AS path FROM input_files WHERE article_id IS NOT NULL GROUP BY 1) f
    WHERE articles.article_id = f.article_id AND NOT EXISTS (
        SELECT 1 FROM input_files i WHERE i.path = articles.path AND i.article_id = articles.article_id)""")

"""A large synthetic store for responsiveness tests of the query and chart layers.

``build_synthetic_db(path, n_events)`` fills every table of ``store.schema``
with deterministic pseudo-random rows generated inside DuckDB (``range()`` and
``hash()``, no Python loop), so 100k events take a few seconds. Values are
plausible, not meaningful: real organisation names, all precisions and bases,
Vietnamese titles with diacritics, documents with periods and horizons.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from dashboard.model import EVENT_KINDS
from dashboard.text import fold
from dashboard.sample_store import ORGS
from dashboard.query.textmatch import fold_sql
from dashboard.store.schema import create_statements

EXTRA_ORGS = [f"Nhà máy Z{n}" for n in range(111, 131)]  # factories: many small organisations
TITLE_WORDS = ["Hội nghị tổng kết", "Buổi làm việc", "Ký kết chương trình phối hợp", "Quán triệt nghị quyết",
               "Thăm và kiểm tra", "Triển lãm quốc phòng", "Kỷ niệm ngày thành lập", "Đại hội thi đua"]
# precision, share out of 100: most events have a day, some only a month/quarter/year/period
PRECISION_CUTS = "CASE WHEN r < 80 THEN 'day' WHEN r < 88 THEN 'month' WHEN r < 92 THEN 'quarter' " \
                 "WHEN r < 94 THEN 'half' WHEN r < 98 THEN 'year' ELSE 'period' END"


def build_synthetic_db(path: str | Path, n_events: int = 100_000, events_per_article: int = 4) -> Path:
    """Write the synthetic store to ``path`` (overwritten) and return it."""
    path = Path(path)
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    for stmt in create_statements():
        con.execute(stmt)
    n_articles = max(1, n_events // events_per_article)
    orgs = [(name, en, forms) for name, (en, forms) in ORGS.items()] + [(o, None, []) for o in EXTRA_ORGS]
    con.execute("CREATE TEMP TABLE o AS SELECT * FROM (VALUES " + ", ".join(
        f"({i}, ?, ?, ?, ?)" for i in range(len(orgs))) + ") t(i, name, name_en, abbreviations, search_key)",
        [v for name, en, forms in orgs for v in (name, en, forms, " ".join(fold(x) for x in [name, *forms]))])
    con.execute("INSERT INTO organisations SELECT md5(name)[:16], name, name_en, abbreviations::VARCHAR[], "
                "search_key, 0 FROM o")
    con.execute(f"""
        INSERT INTO articles (article_id, path, content_hash, title, published, published_date, url, source,
                              text, undated, encoding, warnings, ingested_at)
        SELECT md5('a' || i)[:16], 'synthetic/' || i || '.txt', md5('raw' || i),
               'Bài báo số ' || i || ' về công nghiệp quốc phòng', d::VARCHAR, d,
               'https://example.invalid/' || i, 'example.invalid',
               'Sáng ' || day(d) || '-' || month(d) || ', Tổng cục Công nghiệp quốc phòng tổ chức hội nghị.',
               FALSE, 'utf-8', '[]', TIMESTAMP '2026-01-01'
        FROM (SELECT i, DATE '2005-01-01' + CAST(hash(i, 'd') % 7700 AS INTEGER) AS d FROM range({n_articles}) t(i))""")
    kinds = ", ".join(f"'{k}'" for k in EVENT_KINDS)
    titles = ", ".join(f"'{t}'" for t in TITLE_WORDS)
    con.execute(f"""
        CREATE TEMP TABLE ev AS
        SELECT i, md5('e' || i)[:16] AS event_id, md5('a' || (i % {n_articles}))[:16] AS article_id,
               DATE '2005-01-01' + CAST(hash(i, 'day') % 7700 AS INTEGER) AS d,
               {PRECISION_CUTS} AS precision,
               CASE WHEN hash(i, 'b') % 100 < 10 THEN 'inferred' WHEN hash(i, 'b') % 100 < 40 THEN 'resolved'
                    ELSE 'explicit' END AS basis,
               [{kinds}][1 + CAST(hash(i, 'k') % {len(EVENT_KINDS)} AS INTEGER)] AS kind,
               [{titles}][1 + CAST(hash(i, 't') % {len(TITLE_WORDS)} AS INTEGER)] || ' lần ' || i AS title
        FROM (SELECT i, CAST(hash(i, 'p') % 100 AS INTEGER) AS r FROM range({n_events}) t(i))""")
    con.execute("""
        INSERT INTO events
        SELECT event_id, article_id,
               CASE precision WHEN 'day' THEN strftime(d, '%Y-%m-%d') WHEN 'year' THEN strftime(d, '%Y')
                    WHEN 'period' THEN strftime(d, '%Y') ELSE strftime(d, '%Y-%m') END,
               CASE precision WHEN 'quarter' THEN strftime(date_trunc('quarter', d) + INTERVAL 2 MONTH, '%Y-%m')
                    WHEN 'half' THEN strftime(date_trunc('month', d) + INTERVAL 5 MONTH, '%Y-%m')
                    WHEN 'period' THEN strftime(d + INTERVAL 2 YEAR, '%Y') END,
               CASE precision WHEN 'day' THEN d WHEN 'year' THEN date_trunc('year', d)
                    WHEN 'period' THEN date_trunc('year', d) WHEN 'quarter' THEN date_trunc('quarter', d)
                    ELSE date_trunc('month', d) END,
               CASE precision WHEN 'day' THEN d WHEN 'month' THEN last_day(d)
                    WHEN 'quarter' THEN last_day(date_trunc('quarter', d) + INTERVAL 2 MONTH)
                    WHEN 'half' THEN last_day(date_trunc('month', d) + INTERVAL 5 MONTH)
                    WHEN 'year' THEN make_date(year(d), 12, 31) ELSE make_date(year(d) + 2, 12, 31) END,
               precision, basis, CASE WHEN precision = 'day' THEN 'sáng' END, kind, title,
               0, 40, 'Sáng nay, ' || title || ' được tổ chức tại Hà Nội với sự tham dự của đại biểu.'
        FROM ev""")
    n_orgs = len(orgs)
    # 1-3 organisations per event, skewed towards the first (real) ones.
    con.execute(f"""
        INSERT INTO event_organisations
        SELECT DISTINCT ev.event_id, md5(o.name)[:16]
        FROM ev, range(1 + CAST(hash(ev.i, 'n') % 3 AS INTEGER)) r(j)
        JOIN o ON o.i = CAST(least(hash(ev.i, j, 'o') % {n_orgs}, hash(ev.i, j, 'o2') % {n_orgs}) AS INTEGER)""")
    con.execute("""
        INSERT INTO org_mentions (mention_id, org_id, article_id, name, org_key, ev_start, ev_end, evidence)
        SELECT md5(x.event_id || x.org_id)[:16], x.org_id, e.article_id, o.name, o.search_key, 0, 10, o.name
        FROM event_organisations x JOIN events e USING (event_id) JOIN organisations o USING (org_id)""")
    # The SQL fold equals text.fold on this generated Vietnamese (ingest folds in Python).
    con.execute(f"""INSERT INTO event_search SELECT event_id,
        {fold_sql('title')} || chr(10) || {fold_sql("coalesce(evidence, '')")} FROM events""")
    _documents(con, n_events)
    con.execute("""UPDATE organisations SET n_articles = c.n FROM (SELECT org_id, count(DISTINCT article_id) n
                   FROM org_mentions GROUP BY 1) c WHERE c.org_id = organisations.org_id""")
    con.close()
    return path


def _documents(con: duckdb.DuckDBPyConnection, n_events: int) -> None:
    con.execute("""
        INSERT INTO documents
        SELECT CASE WHEN i < 30 THEN (100 + i) || '-NQ/TW' ELSE 'programme|||' || (2005 + i % 18) || '-'
                    || (2007 + i % 18) || '|Chương trình ' || i END,
               CASE WHEN i < 30 THEN (100 + i) || '-NQ/TW' END,
               CASE WHEN i < 30 THEN 'resolution' ELSE 'programme' END, (100 + i)::VARCHAR, 'Bộ Chính trị',
               strftime(DATE '2004-01-15' + CAST(i * 190 AS INTEGER), '%Y-%m-%d'), DATE '2004-01-15' + CAST(i * 190 AS INTEGER),
               'về phát triển công nghiệp quốc phòng', CASE WHEN i < 30 THEN '2030' END,
               CASE WHEN i < 30 THEN year(DATE '2004-01-15' + CAST(i * 190 AS INTEGER)) + 8 END,
               CASE WHEN i >= 30 THEN (2005 + i % 18) || '-' || (2007 + i % 18) END,
               CASE WHEN i >= 30 THEN 2005 + i % 18 END, CASE WHEN i >= 30 THEN 2007 + i % 18 END,
               CASE WHEN i < 30 THEN 'Nghị quyết số ' || (100 + i) || '-NQ/TW' ELSE 'Chương trình ' || i END,
               0, 0, '[]'
        FROM range(40) t(i)""")
    con.execute("""
        INSERT INTO event_documents
        SELECT ev.event_id, d.document_id, d.document_id FROM ev
        JOIN (SELECT document_id, row_number() OVER (ORDER BY document_id) - 1 AS k FROM documents) d
          ON d.k = hash(ev.i, 'doc') % 40
        WHERE hash(ev.i, 'hasdoc') % 100 < 30""")
    con.execute("""
        INSERT INTO document_mentions (mention_id, document_id, article_id, kind, is_first, ev_start, ev_end, evidence)
        SELECT md5(x.event_id || x.document_id)[:16], x.document_id, e.article_id, d.kind, TRUE, 0, 10, d.name
        FROM event_documents x JOIN events e USING (event_id) JOIN documents d USING (document_id)""")
    con.execute("""UPDATE documents SET n_mentions = c.n, n_articles = c.a FROM (
                   SELECT document_id, count(*) n, count(DISTINCT article_id) a FROM document_mentions GROUP BY 1) c
                   WHERE c.document_id = documents.document_id""")

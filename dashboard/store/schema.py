"""The store's tables, declared once.

Each table is a ``Table`` of ``Column``s with a description per field. The DDL
(``create_statements``), the README's schema section (``markdown``) and the
export all come from this declaration, so they cannot drift apart.

Keys: ``primary_key`` documents each table's identity; the DDL does not emit
PRIMARY KEY constraints because DuckDB's key indexes make bulk inserts slow and
memory-hungry, and ingest guarantees uniqueness itself (tests check it).

Mention tables keep what each article said (names as extracted, per-article
document fields); the consolidated tables (documents, organisations, people,
event_organisations) are rebuilt from them at the end of every ingest.

Dates: ``*_start``/``*_end`` DATE columns hold the first and last calendar day a
value covers (for filtering and drawing spans); the ``date``/``issued`` text
columns keep the value at its true precision ("2022", "2024-07", "2023-11-22").
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    nullable: bool = True
    #: Storage compression forced for this column (DuckDB picks one when None).
    compression: str | None = None


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    #: Bookkeeping tables: not exported, marked as such in the README.
    internal: bool = False

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def C(name: str, type_: str, description: str, nullable: bool = True, compression: str | None = None) -> Column:
    return Column(name, type_, description, nullable, compression)


EVIDENCE = (
    C("ev_start", "INTEGER", "Start offset of the evidence in articles.text"),
    C("ev_end", "INTEGER", "End offset (exclusive) of the evidence in articles.text"),
    C("evidence", "VARCHAR", "The evidence text: articles.text[ev_start:ev_end]"),
)

ARTICLES = Table(
    "articles",
    "One row per ingested input file (or JSON record).",
    (
        C("article_id", "VARCHAR", "Hash of the normalised text, title, publication date and URL (16 hex)", False),
        C("path", "VARCHAR", "Absolute path of the input file (#n suffix for JSON records); the first"
          " of several paths with identical content", False),
        C("content_hash", "VARCHAR", "SHA-256 of the raw bytes (of the record for JSON)", False),
        C("title", "VARCHAR", "Title line or metadata title"),
        C("published", "VARCHAR", "Publication date 'YYYY-MM-DD[THH:MM]' from the article's own header"),
        C("published_date", "DATE", "Publication day (NULL when undated)"),
        C("url", "VARCHAR", "Source URL found in the text or metadata"),
        C("source", "VARCHAR", "Outlet, e.g. 'qdnd.vn'"),
        # zstd, not DuckDB's default FSST: measured on 50k generated articles, checkpoints spent
        # 1.4 s of CPU compressing the texts instead of 6.0 s, for 24 MB on disk instead of 150 MB,
        # and a full scan of the column took the same time (bench/PERF_NOTES.md, "Pass 3").
        C("text", "VARCHAR", "NFC-normalised full text; every offset points into it", False, "zstd"),
        C("undated", "BOOLEAN", "True when no publication date was found", False),
        C("inferred_start", "DATE", "Estimated earliest publication day for undated articles"),
        C("inferred_end", "DATE", "Estimated latest publication day for undated articles"),
        C("inferred_reason", "VARCHAR", "Why the estimate holds (e.g. latest explicit date in the text)"),
        C("encoding", "VARCHAR", "Encoding the file was decoded with"),
        C("warnings", "VARCHAR", "JSON list of warnings from reading and parsing"),
        C("ingested_at", "TIMESTAMP", "When this version was ingested"),
    ),
    ("article_id",),
)

EVENTS = Table(
    "events",
    "Dated events: conferences, working sessions, signings, visits, laws passed...",
    (
        C("event_id", "VARCHAR", "Hash of article_id, offsets and date", False),
        C("article_id", "VARCHAR", "Article the event was read from", False),
        C("date", "VARCHAR", "Date at its precision: 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'", False),
        C("date_end", "VARCHAR", "End of a span at its precision, else NULL"),
        C("date_start_day", "DATE", "First calendar day covered", False),
        C("date_end_day", "DATE", "Last calendar day covered", False),
        C("precision", "VARCHAR", "day, month, quarter, half, year or period", False),
        C("date_basis", "VARCHAR", "explicit, resolved (day-month + publication year) or inferred", False),
        C("day_part", "VARCHAR", "sáng, chiều, tối... when the text gives it"),
        C("kind", "VARCHAR", "Event kind code (see dashboard.model.EVENT_KINDS)", False),
        C("title", "VARCHAR", "Short title of the event", False),
        *EVIDENCE,
    ),
    ("event_id",),
)

DOCUMENTS = Table(
    "documents",
    "One row per policy document across the whole corpus (milestones).",
    (
        C("document_id", "VARCHAR", "Document key: canonical symbol, or kind|number|issuer|period|name", False),
        C("symbol", "VARCHAR", "Canonical symbol, e.g. '08-NQ/TW', '30/2020/NĐ-CP'"),
        C("kind", "VARCHAR", "resolution, law, decree, programme... (see model.DOCUMENT_KINDS)", False),
        C("number", "VARCHAR", "Document number as written ('08', '806')"),
        C("issuer", "VARCHAR", "Canonical Vietnamese name of the issuing body"),
        C("issued", "VARCHAR", "Issue date at its precision, from the most explicit mention"),
        C("issued_day", "DATE", "First day of the issue date (for drawing)"),
        C("subject", "VARCHAR", "Subject ('về ...')"),
        C("horizon", "VARCHAR", "Horizon as written ('2030', '2030; tầm nhìn 2045', 'những năm tiếp theo')"),
        C("horizon_year", "INTEGER", "Last year of the horizon when numeric"),
        C("period", "VARCHAR", "Period 'YYYY-YYYY' for programmes and plans"),
        C("period_start", "INTEGER", "First year of the period"),
        C("period_end", "INTEGER", "Last year of the period"),
        C("name", "VARCHAR", "Human label of the document"),
        C("n_mentions", "INTEGER", "How many mentions across the corpus", False),
        C("n_articles", "INTEGER", "How many articles cite it", False),
        C("conflicts", "VARCHAR", "JSON list of conflicting values seen across mentions"),
    ),
    ("document_id",),
)

DOCUMENT_MENTIONS = Table(
    "document_mentions",
    "Every mention of a document in an article, with what that mention said.",
    (
        C("mention_id", "VARCHAR", "Hash of article_id and offsets", False),
        C("document_id", "VARCHAR", "The document mentioned (after consolidation: the numbered document a "
          "name-only mention was recognised as, see doc_key)", False),
        C("article_id", "VARCHAR", "Article containing the mention", False),
        C("symbol", "VARCHAR", "Canonical symbol as extracted from this article"),
        C("kind", "VARCHAR", "Document kind as extracted from this article", False),
        C("number", "VARCHAR", "Number as extracted from this article"),
        C("period", "VARCHAR", "Period 'YYYY-YYYY' as extracted from this article"),
        C("name", "VARCHAR", "Human label as extracted from this article"),
        C("issued", "VARCHAR", "Issue date given by this mention"),
        C("issuer", "VARCHAR", "Issuer given by this mention"),
        C("subject", "VARCHAR", "Subject given by this mention"),
        C("horizon", "VARCHAR", "Horizon given by this mention"),
        C("is_first", "BOOLEAN", "True for the article's first, fullest mention; the article's"
          " values for the document (issued, issuer, subject, horizon) are on this row only", False),
        *EVIDENCE,
        C("doc_key", "VARCHAR", "The document as this article identified it (its symbol, or kind, issuer and name "
          "when it gave no number)"),
    ),
    ("mention_id",),
)

ORGANISATIONS = Table(
    "organisations",
    "Organisations by canonical Vietnamese name; aliases resolve to one row.",
    (
        C("org_id", "VARCHAR", "Hash of the canonical name", False),
        C("name", "VARCHAR", "Canonical Vietnamese name", False),
        C("name_en", "VARCHAR", "English name"),
        C("abbreviations", "VARCHAR[]", "Abbreviations (alias table and inline definitions)"),
        C("search_key", "VARCHAR", "Lower-case, diacritic-free name + abbreviations for search", False),
        C("n_articles", "INTEGER", "How many articles mention it", False),
    ),
    ("org_id",),
)

ORG_MENTIONS = Table(
    "org_mentions",
    "Every mention of an organisation in an article.",
    (
        C("mention_id", "VARCHAR", "Hash of article_id and offsets", False),
        C("org_id", "VARCHAR", "Organisation mentioned (re-resolved at every ingest)", False),
        C("article_id", "VARCHAR", "Article", False),
        C("name", "VARCHAR", "Canonical name as extracted from this article", False),
        C("org_key", "VARCHAR", "fold(name): the key aliases are resolved from", False),
        C("abbreviations", "VARCHAR[]", "Abbreviations seen in this article"),
        C("name_en", "VARCHAR", "English name given by the extractor"),
        *EVIDENCE,
    ),
    ("mention_id",),
)

PEOPLE = Table(
    "people",
    "People taking part, spelling variants (Sĩ/Sỹ) merged.",
    (
        C("person_id", "VARCHAR", "Hash of the name key: fold(name) with syllable-final y read as i (Sĩ = Sỹ)", False),
        C("name", "VARCHAR", "Name as most often written", False),
        C("rank", "VARCHAR", "Rank or title (Thượng tướng, Bộ trưởng...) from the latest article"),
        C("position", "VARCHAR", "Position from the latest article"),
        C("variants", "VARCHAR[]", "Other spellings seen"),
        C("n_articles", "INTEGER", "How many articles mention the person", False),
    ),
    ("person_id",),
)

PERSON_MENTIONS = Table(
    "person_mentions",
    "Every mention of a person in an article.",
    (
        C("mention_id", "VARCHAR", "Hash of article_id and offsets", False),
        C("person_id", "VARCHAR", "Person mentioned", False),
        C("article_id", "VARCHAR", "Article", False),
        C("name", "VARCHAR", "Name as written in this article", False),
        C("rank", "VARCHAR", "Rank or title in this article"),
        C("position", "VARCHAR", "Position in this article"),
        *EVIDENCE,
    ),
    ("mention_id",),
)

EVENT_ORGANISATIONS = Table(
    "event_organisations", "Organisations involved in an event (rebuilt from event_org_names).",
    (C("event_id", "VARCHAR", "Event", False), C("org_id", "VARCHAR", "Organisation", False)),
    ("event_id", "org_id"),
)
EVENT_DOCUMENTS = Table(
    "event_documents", "Documents an event reviews, implements or announces.",
    (C("event_id", "VARCHAR", "Event", False), C("document_id", "VARCHAR", "Document", False),
     C("doc_key", "VARCHAR", "The document as the event's article identified it (see document_mentions.doc_key)")),
    ("event_id", "document_id"),
)
EVENT_ORG_NAMES = Table(
    "event_org_names", "Organisation names of each event as extracted, before alias resolution.",
    (C("event_id", "VARCHAR", "Event", False),
     C("org_key", "VARCHAR", "fold(name) of the organisation", False),
     C("name", "VARCHAR", "Canonical name as extracted", False)),
    ("event_id", "org_key"), internal=True,
)
EVENT_SEARCH = Table(
    "event_search", "What text search looks in, per event: its title and its evidence sentence, folded.",
    (C("event_id", "VARCHAR", "Event", False),
     C("text", "VARCHAR", "fold(title), a newline, fold(evidence): lower case, no diacritics, đ as d", False)),
    ("event_id",), internal=True,
)
EVENT_PEOPLE = Table(
    "event_people", "People taking part in an event.",
    (C("event_id", "VARCHAR", "Event", False), C("person_id", "VARCHAR", "Person", False),
     C("position", "INTEGER", "Order in which the event's article names its people (0 first: the press names "
       "the most senior first)", False)),
    ("event_id", "person_id"),
)
EVENT_REPORTS = Table(
    "event_reports",
    "Other articles' reports of an event in `events`: the same day, kind and part of the day, and the same title "
    "naming something, or (reviews, working sessions, signings, visits...) a person or a document in common "
    "(rules in dashboard/store/event_reports.py). Moved here at consolidation, so each event is counted once; the event in "
    "`events` is the report of the earliest published article, and its organisations, documents and people are "
    "those of all its reports (the reports' own rows in `event_documents` and `event_people` move to it).",
    (
        *(c for c in EVENTS.columns),
        C("primary_id", "VARCHAR", "The event in `events` this one reports", False),
    ),
    ("event_id",),
)
EVENT_LINK_MOVES = Table(
    "event_link_moves",
    "Documents and people of an event's other reports, moved to the event in `events` (undone and redone at "
    "consolidation).",
    (C("event_id", "VARCHAR", "The report (in `event_reports`) the link was read from", False),
     C("link", "VARCHAR", "'document' (event_documents) or 'person' (event_people)", False),
     C("value", "VARCHAR", "document_id or person_id", False),
     C("primary_id", "VARCHAR", "The event in `events` that holds the link now", False),
     C("added", "BOOLEAN", "The move added the row to the event (it did not have it already)", False),
     C("doc_key", "VARCHAR", "For a document: event_documents.doc_key of the moved row"),
     C("position", "INTEGER", "For a person: event_people.position of the moved row")),
    ("event_id", "link", "value"), internal=True,
)

INGEST_ERRORS = Table(
    "ingest_errors",
    "Files that could not be ingested, with the reason; nothing is lost silently.",
    (
        C("path", "VARCHAR", "Input path (#n suffix for a JSON record)", False),
        C("content_hash", "VARCHAR", "SHA-256 of the raw bytes (NULL if unreadable)"),
        C("reason", "VARCHAR", "Short machine-readable reason: not_found, unreadable, empty, binary,"
          " too_large, undecodable, invalid_json, not_an_object, no_text, internal_error", False),
        C("detail", "VARCHAR", "Human-readable explanation"),
        C("at", "TIMESTAMP", "When it was quarantined", False),
    ),
    ("path",),
)

INPUT_FILES = Table(
    "input_files",
    "Ledger of every record read: which file it came from and what it became.",
    (
        C("path", "VARCHAR", "Record path (file path, #n suffix for JSON records)", False),
        C("file_path", "VARCHAR", "Absolute path of the input file", False),
        C("file_hash", "VARCHAR", "SHA-256 of the whole file when read: unchanged files are skipped"),
        C("extractor", "VARCHAR", "Fingerprint of the extractor code that parsed it: a change re-parses the file"),
        C("article_id", "VARCHAR", "Article the record became (NULL when quarantined)"),
        C("status", "VARCHAR", "ingested, duplicate (same content as another path) or quarantined", False),
        C("ingested_at", "TIMESTAMP", "When this version was read", False),
    ),
    ("path",),
)

STORE_META = Table(
    "store_meta",
    "Key/value facts about the store: schema and extractor fingerprints, consolidation state.",
    (C("key", "VARCHAR", "Name", False), C("value", "VARCHAR", "Value")),
    ("key",), internal=True,
)

TABLES: tuple[Table, ...] = (
    ARTICLES, EVENTS, DOCUMENTS, DOCUMENT_MENTIONS, ORGANISATIONS, ORG_MENTIONS,
    PEOPLE, PERSON_MENTIONS, EVENT_ORGANISATIONS, EVENT_DOCUMENTS, EVENT_PEOPLE, EVENT_REPORTS, INGEST_ERRORS,
    INPUT_FILES, EVENT_ORG_NAMES, EVENT_SEARCH, EVENT_LINK_MOVES, STORE_META,
)
TABLES_BY_NAME = {t.name: t for t in TABLES}


def create_statements() -> list[str]:
    """CREATE TABLE IF NOT EXISTS statements for every table."""
    out = []
    for t in TABLES:
        cols = [f'"{c.name}" {c.type}{"" if c.nullable else " NOT NULL"}'
                + (f" USING COMPRESSION {c.compression}" if c.compression else "") for c in t.columns]
        out.append(f"CREATE TABLE IF NOT EXISTS {t.name} (\n  " + ",\n  ".join(cols) + "\n)")
    return out


def markdown() -> str:
    """The README's schema section, generated from the declaration."""
    lines = []
    for t in TABLES:
        note = " *(internal bookkeeping, not exported)*" if t.internal else ""
        lines.append(f"#### `{t.name}`\n\n{t.description}{note}\n")
        lines.append("| column | type | description |\n|---|---|---|")
        for c in t.columns:
            key = " (key)" if c.name in t.primary_key else ""
            lines.append(f"| `{c.name}`{key} | {c.type} | {c.description} |")
        lines.append("")
    return "\n".join(lines)


README_START, README_END = "<!-- schema:start -->", "<!-- schema:end -->"


def update_readme(path) -> bool:
    """Rewrite the README's schema section between its markers; True if it changed."""
    from pathlib import Path

    readme = Path(path)
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(README_START, 1)
    _old, tail = rest.split(README_END, 1)
    new = f"{head}{README_START}\n{markdown()}\n{README_END}{tail}"
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    # `python -m dashboard.store.schema`: print the README's schema section;
    # `python -m dashboard.store.schema --readme README.md`: rewrite it in place.
    import sys

    if sys.argv[1:2] == ["--readme"]:
        print("updated" if update_readme(sys.argv[2]) else "unchanged")
    else:
        print(markdown())

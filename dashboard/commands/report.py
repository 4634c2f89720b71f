"""`python -m dashboard report`: the current filtered view as PDF, PNG or offline HTML.

Same ``Filter``, figure builders and page as the app's download control
(``dashboard.report.build_report``). When the store does not exist yet it is
built from data/articles first, so a fresh checkout can print a report at once.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ARTICLES_DIR = Path("data") / "articles"


def add_arguments(parser) -> None:
    from dashboard.store.db import DEFAULT_DB

    parser.add_argument("--db", default=str(DEFAULT_DB), metavar="FILE",
                        help=f"DuckDB store (default {DEFAULT_DB}; built from data/articles if missing)")
    parser.add_argument("--org", action="append", default=[], metavar="NAME",
                        help="organisation: canonical name, abbreviation (TCKT) or text without diacritics "
                             "(repeat for several)")
    parser.add_argument("--from", dest="year_from", type=year, metavar="YEAR", help="first year")
    parser.add_argument("--to", dest="year_to", type=year, metavar="YEAR", help="last year")
    parser.add_argument("--kind", action="append", default=[], metavar="K",
                        help="event kind code, e.g. signing, review_conference (repeat for several)")
    parser.add_argument("--doc", action="append", default=[], metavar="SYMBOL",
                        help="policy document symbol, e.g. 08-NQ/TW (repeat for several)")
    parser.add_argument("--person", action="append", default=[], metavar="NAME",
                        help="a person who took part, with or without diacritics (repeat for several)")
    parser.add_argument("--q", default="", metavar="TEXT", help="words that must occur (diacritics ignored)")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="report language (default vi)")
    parser.add_argument("--out", required=True, metavar="FILE.pdf|FILE.png|FILE.html|FILE.csv",
                        help="output file; the suffix chooses the format (.csv: every event of the view, for a "
                             "spreadsheet)")


def year(text: str) -> int:
    """An argparse type: a year the store can hold (``--from 99999`` stopped with an internal error)."""
    import argparse

    from dashboard.query.filter import YEAR_MAX, YEAR_MIN

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year") from None
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise argparse.ArgumentTypeError(f"{value} is not a year from {YEAR_MIN} to {YEAR_MAX}")
    return value


def articles_dir() -> Path:
    """data/articles under the working directory, else the checkout's own."""
    if ARTICLES_DIR.is_dir():
        return ARTICLES_DIR
    return Path(__file__).resolve().parents[2] / ARTICLES_DIR


def check_kinds(kinds: list[str]) -> None:
    """Unknown event kinds are an error, not silently ignored."""
    from dashboard.cli import UserError
    from dashboard.model import EVENT_KINDS

    bad = [k for k in kinds if k not in EVENT_KINDS]
    if bad:
        raise UserError(f"unknown event kind {bad[0]!r}: use one of {', '.join(EVENT_KINDS)}")


def build_filter(args):
    """The ``Filter`` the flags describe."""
    from dashboard.query import Filter

    check_kinds(args.kind)
    a, b = args.year_from, args.year_to
    if a is not None and b is not None and a > b:
        a, b = b, a  # the same leniency as the app's URL parameters
    return Filter(orgs=tuple(dict.fromkeys(args.org)), year_from=a, year_to=b,
                  kinds=tuple(dict.fromkeys(args.kind)), docs=tuple(dict.fromkeys(args.doc)), q=args.q.strip(),
                  people=tuple(dict.fromkeys(p.strip() for p in args.person if p.strip())))


def resolve_orgs(con, f):
    """``--org TCKT`` or ``--org "tong cuc ky thuat"`` read as the canonical name, as the app's
    picker does; a name that matches nothing is kept, so the report says "no events"."""
    from dashboard.query import search_organisations

    known = {r[0] for r in con.execute("SELECT name FROM organisations").fetchall()}
    names = []
    for name in f.orgs:
        hits = [] if name in known else search_organisations(con, name, limit=1)
        if hits:
            print(f"--org {name!r} read as {hits[0]!r}", file=sys.stderr)
        elif name not in known:  # a typo gives an empty report: say why
            print(f"note: --org {name!r} matches no organisation in the store; the report shows no events for it",
                  file=sys.stderr)
        names.append(hits[0] if hits else name)
    return f.with_(orgs=tuple(dict.fromkeys(names)))


def resolve_people(con, f):
    """``--person "phan van giang"`` read as the stored name when it matches one person (or one
    whole); a name that matches nobody is kept, and the report says "no events"."""
    from dashboard.query import match_people, person_options, resolve_person

    if not f.people:
        return f
    options = person_options(con)
    names = []
    for name in f.people:
        hit = resolve_person(options, name)
        if hit and hit != name:
            print(f"--person {name!r} read as {hit!r}", file=sys.stderr)
        elif not hit:
            hits = match_people(options, name, limit=2)
            alt = f" (did you mean {' or '.join(repr(h) for h in hits)}?)" if hits else ""
            print(f"note: --person {name!r} matches no single person in the store{alt}; "
                  "the report shows no events for it", file=sys.stderr)
        names.append(hit or name)
    return f.with_(people=tuple(dict.fromkeys(names)))


def open_store(db: Path):
    """A read-only connection to the store, building it from data/articles when missing."""
    from dashboard.cli import UserError
    from dashboard.store.db import connect

    if db.is_dir():
        raise UserError(f"--db {db} is a folder, not a DuckDB file")
    if not db.exists():
        from dashboard.store.ingest import ingest

        source = articles_dir()
        if not source.is_dir():
            raise UserError(f"{db} does not exist and there is no {ARTICLES_DIR} to build it from")
        print(f"building {db} from {source} ...", file=sys.stderr)
        ingest([source], db)
    try:
        return connect(db, read_only=True)
    except Exception as exc:  # duckdb.IOException and friends: not a store, locked...
        raise UserError(f"cannot open {db}: {str(exc).splitlines()[0]}") from None


def run(args) -> int:
    import duckdb

    from dashboard.cli import UserError
    from dashboard.report.output import check_writable, format_for
    from dashboard.report.render import RenderError, get_renderer

    started = time.perf_counter()
    try:
        fmt = format_for(args.out)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    check_writable(args.out)  # OSError -> one line from cli.main, before any work
    check_kinds(args.kind)
    if fmt in ("png", "pdf"):
        # Chromium starts and compiles plotly.js while this thread imports pandas and
        # plotly, opens the store and builds the figures: two cores, half the wait.
        get_renderer().warm(wait=False)
    from dashboard.report import write_report

    f = build_filter(args)
    con = open_store(Path(args.db))
    try:
        out = write_report(con, resolve_people(con, resolve_orgs(con, f)), args.lang, args.out)
    except RenderError as exc:
        raise UserError(str(exc)) from None
    except duckdb.Error as exc:  # a store from an older schema, or not a store at all
        first = str(exc).strip().splitlines()[0]
        raise UserError(f"cannot read the store {args.db} ({first}): rebuild it with "
                        f"'python -m dashboard ingest'") from None
    finally:
        con.close()
    print(f"{out} ({out.stat().st_size:,} bytes, {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0

"""`python -m dashboard export --format csv|parquet|json [--db FILE] [--out DIR]`.

Writes one file per table of the store (sorted by key, with the article's path
and URL next to every extracted row) and prints the files written. A store that
another process is writing is reported in one line (exit status 2).
"""
from __future__ import annotations

from pathlib import Path


def add_arguments(parser) -> None:
    from ..store.db import DEFAULT_DB
    from ..store.export import FORMATS

    parser.add_argument("--format", choices=sorted(FORMATS), default="csv", help="output format (default csv)")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"DuckDB file (default {DEFAULT_DB})")
    parser.add_argument("--out", type=Path, default=Path("export"), help="output folder (default ./export)")


def run(args) -> int:
    import duckdb

    from ..cli import UserError
    from ..store.db import StoreInUse, connect
    from ..store.export import export

    if not args.db.is_file():
        raise UserError(f"no store at {args.db}: run `python -m dashboard ingest` first")
    if args.out.exists() and not args.out.is_dir():
        raise UserError(f"--out {args.out} is a file, not a folder")
    try:
        con = connect(args.db, read_only=True)
    except StoreInUse as exc:  # an ingest is writing it
        raise UserError(str(exc)) from None
    except duckdb.Error as exc:
        raise UserError(f"cannot open {args.db}: {str(exc).splitlines()[0]}") from None
    try:
        for path in export(con, args.out, args.format):
            print(path)
    finally:
        con.close()
    return 0

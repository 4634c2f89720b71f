"""`python -m dashboard ingest PATH... [--db FILE] [--workers N]`: articles into the DuckDB store.

Exit status: 0 when every record was ingested, 1 when at least one file or
record was quarantined (listed in the summary and in the table ingest_errors),
2 when nothing could be done: a usage error (no such path, --db is a folder) or
the store is in use by another process (DuckDB allows one writer and no readers
meanwhile; the dashboard holds the file only while it draws a page, so a short
wait usually outlasts it). A progress bar is drawn on stderr only when stderr
is a terminal.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

#: Parsing is CPU-bound: more workers than this per core only cost memory.
MAX_WORKERS_PER_CORE = 4


def add_arguments(parser) -> None:
    from ..store.db import DEFAULT_DB
    from ..sources import MAX_BYTES

    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (read recursively)")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"DuckDB file (default {DEFAULT_DB})")
    parser.add_argument("--workers", type=int, default=None,
                        help="parser processes (default: one per core; 1 = no subprocesses)")
    parser.add_argument("--max-bytes", type=int, default=MAX_BYTES,
                        help="files larger than this are quarantined as too_large (default 5 MB); a UTF-8 "
                             "JSON Lines feed or JSON list of records is read in parts of any size, and the "
                             "limit applies to each record")
    parser.add_argument("--batch-size", type=int, default=None,
                        help="records (articles) written per transaction (default 2000)")
    parser.add_argument("--force", action="store_true", help="parse every file again, even unchanged ones")
    parser.epilog = ("Exit status: 0 all ingested, 1 something was quarantined, "
                     "2 usage error or the store is in use by another process.")


def run(args) -> int:
    from ..cli import UserError
    from ..store.db import StoreInUse
    from ..store.ingest import BATCH_FILES, ingest

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UserError(f"no such file or folder: {', '.join(missing)}")
    from .. import sources

    skipped: list = []
    if not sources.iter_input_files(args.paths, skipped):
        raise UserError(sources.no_articles(args.paths, skipped))
    if args.db.is_dir():
        raise UserError(f"--db {args.db} is a folder, not a DuckDB file")
    if args.workers is not None and args.workers < 1:
        raise UserError("--workers must be at least 1")
    if args.batch_size is not None and args.batch_size < 1:
        raise UserError("--batch-size must be at least 1")
    if args.max_bytes < 1:
        raise UserError("--max-bytes must be at least 1 (every file would be quarantined as too large)")
    cores = os.cpu_count() or 1
    if args.workers is not None and args.workers > MAX_WORKERS_PER_CORE * cores:
        # Each worker holds the parser (~60 MB): --workers 500 would fill the memory for no speed.
        print(f"note: --workers {args.workers} is more than {MAX_WORKERS_PER_CORE} per core on {cores} core(s); "
              f"using {MAX_WORKERS_PER_CORE * cores}", file=sys.stderr)
        args.workers = MAX_WORKERS_PER_CORE * cores
    try:
        summary = ingest(args.paths, args.db, workers=args.workers, progress=sys.stderr.isatty(),
                         max_bytes=args.max_bytes, batch_files=args.batch_size or BATCH_FILES, force=args.force)
    except StoreInUse as exc:  # raised before anything is parsed or written
        raise UserError(str(exc)) from None
    print(summary.paragraph())
    return 1 if summary.quarantined else 0

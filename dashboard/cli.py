"""Command line: ``python -m dashboard <command>``.

Thin: every command lives in ``dashboard/commands/<name>.py`` with
``add_arguments(parser)`` and ``run(args) -> int``. Errors a user can cause
(bad paths, unwritable folders) are reported in one line with a non-zero exit
status, never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

#: command name -> (module, one-line help)
COMMANDS = {
    "extract": ("extract", "Extract events, documents, organisations and people from articles"),
    "evaluate": ("evaluate", "Score extraction against gold annotations"),
    "ingest": ("ingest", "Parse articles into the DuckDB store"),
    "export": ("export", "Export every table of the store (csv, parquet, json)"),
    "report": ("report", "Write the current filtered view as PDF, PNG or HTML"),
}


class UserError(Exception):
    """An error caused by the user's input: printed as one line, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (module, help_) in COMMANDS.items():
        p = sub.add_parser(name, help=help_, description=help_)
        mod = importlib.import_module(f"dashboard.commands.{module}")
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        # Unreadable paths, read-only output folders, full disks: one line, no traceback.
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug, not the user's fault: still one line (traceback on request)
        if os.environ.get("DASHBOARD_DEBUG"):
            raise
        first = (str(exc).strip().splitlines() or [""])[0][:300]
        if type(exc).__name__ in _IO_ERRORS:  # DuckDB's own I/O errors: a full disk, a path it cannot open
            print(f"error: {first}", file=sys.stderr)
        else:
            print(f"error: internal error ({type(exc).__name__}: {first}); "
                  f"run again with DASHBOARD_DEBUG=1 for the traceback", file=sys.stderr)
        return 1


#: Exceptions of libraries (DuckDB) that report the environment, not a bug: shown as plain errors.
_IO_ERRORS = ("IOException", "PermissionException", "OutOfMemoryException")

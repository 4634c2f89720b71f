"""`python -m dashboard extract` (not implemented yet)."""
from __future__ import annotations


def add_arguments(parser) -> None:
    pass


def run(args) -> int:
    from ..cli import UserError
    raise UserError("'extract' is not implemented yet")

"""Pipeline stage 'events' (placeholder until implemented: adds nothing)."""
from __future__ import annotations

from .state import ParseState


def run(state: ParseState) -> None:
    return None

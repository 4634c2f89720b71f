"""The patterns of the people stage: the rank or title that introduces a person, and what ends a name.

``trigger_vocab`` gives the ranks, titles and honorifics of ``dashboard/vocab/ranks_vi.json``
and the trigger pattern of any of them; ``triggers`` finds the trigger's matches in a text
(the same as its ``finditer``, in fewer steps: see ``scan``); ``other_re`` matches where a
title, rank or organisation starts (a name ends before it); ``body_at`` is
``organisations.match_at`` tried only where a body can start.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import vocab
from . import organisations
from .scan import finditer_at, first_letter_alternation, literal_alternation


@lru_cache(maxsize=1)
def trigger_vocab():
    """(ranks, titles, honorifics, the pattern of any of them at a word start)."""
    data = vocab.load("ranks_vi.json")
    ranks = set(data["ranks"])
    words = sorted(set(data["ranks"]) | set(data["titles"]) | set(data["honorifics"]), key=len, reverse=True)
    trigger = re.compile(literal_alternation(words, [r"[\w.]"]) + r"(?![\w])")
    return ranks, set(data["titles"]), set(data["honorifics"]), trigger


@lru_cache(maxsize=1)
def _trigger_parts() -> tuple[re.Pattern, list[re.Pattern]]:
    """The trigger pattern cut in two for scanning: its capitalised words, and each lower-case
    honorific ("ông", "bà") on its own, as a literal with the look-behind after it."""
    ranks, titles, honorifics, _trigger = trigger_vocab()
    words = sorted(ranks | titles | honorifics, key=len, reverse=True)
    capitalised = [(w[0], re.escape(w[1:])) for w in words if not w[0].islower()]
    caps_re = re.compile(first_letter_alternation(capitalised, [r"[\w.]"]) + r"(?![\w])")
    lower = [re.compile(re.escape(w) + r"(?<![\w.]" + re.escape(w) + r")(?![\w])") for w in words if w[0].islower()]
    return caps_re, lower


def triggers(text: str):
    """``trigger.finditer(text)``, faster: a pattern that may open with a common lower-case letter
    ("b", "n") is tried at most offsets. Capitalised words never hold a lower-case honorific and
    honorifics hold no capital, so the two scans find every start; the trigger decides there."""
    caps_re, lower = _trigger_parts()
    starts = [m.start() for m in caps_re.finditer(text)]
    for rx in lower:
        starts += [m.start() for m in rx.finditer(text)]
    return finditer_at(trigger_vocab()[3], text, starts)


@lru_cache(maxsize=2)
def other_re(with_titles: bool = True) -> re.Pattern:
    """Where a name ends, as one pattern: a title or rank (``with_titles``), an
    organisation's head word, or what else ``organisations.match_at`` takes (an alias, an
    abbreviation, a provincial body). Without titles: where ``match_at`` can find a body."""
    _by_key, alias_re, abbr_re, _by_abbr = organisations.table()
    sources = [organisations.HEAD_RE, alias_re, abbr_re, organisations.LOCAL_RE]
    if with_titles:
        sources.append(trigger_vocab()[3])
    return re.compile("|".join(f"(?:{rx.pattern})" for rx in sources))


def body_at(text: str, pos: int):
    """``organisations.match_at(text, pos)``, skipped where none of its patterns starts."""
    return organisations.match_at(text, pos) if other_re(False).match(text, pos) else None

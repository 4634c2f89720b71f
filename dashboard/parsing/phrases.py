r"""Regex alternations of vocabulary phrases, factored on their shared beginnings.

``alternation(words)`` is the regex of ``"|".join(words, longest first)`` with any run
of spaces between words, written as a trie: "hội nghị", "hội thảo", "hội thi" become
``hội\\s+(?:nghị|th(?:ảo|i))``. The regex engine tries the alternatives of an
alternation one by one at every position it starts a match from, so eighty event cues
cost eighty failed attempts at every word of a sentence; factored, a word that starts
no phrase costs one attempt per distinct first letter.

It matches the same text, and prefers the same phrase: phrases that begin with
different letters (or with a letter and a space) cannot match at the same place, so
their order does not matter; phrases sharing a beginning keep their longest-first
order, a phrase that is a prefix of longer ones coming after them. Phrases must be
lower case without "ı" or "ſ", which case-insensitive matching would confuse with i
and s.

``word_start_alternation(words)`` writes ``(?<!\w)(?:alternation(words))`` under
``re.IGNORECASE`` for a pattern compiled without that flag: one branch per way of
writing each first letter, the look-behind after it, the rest case-insensitive. A
pattern that opens with a look-behind is tried at every offset (~50 ns a character
for the event cues); one that opens with a choice of literal letters lets ``re`` skip
to those letters. The letters are every character that ``re.IGNORECASE`` matches
with the phrase's first one ("k" also matches the Kelvin sign "K", "s" also "ſ").
"""
from __future__ import annotations

import re
from functools import lru_cache

from .scan import first_letter_alternation

_SPACE = r"\s+"
_END = ""


def alternation(words) -> str:
    """Regex (no outer group) matching any of ``words``, the longest first."""
    return _regex(_trie(words))


def word_start_alternation(words) -> str:
    """Regex (one non-capturing group) matching what ``(?<!\\w)(?:alternation(words))`` matches with
    ``re.IGNORECASE``, for a pattern compiled without it, tried only at its first letters."""
    return first_letter_alternation(  # phrases with different first letters never compete
        ((ch, "(?i:" + _regex(child) + ")") for token, child in _trie(words).items()
         for ch in _case_variants(token[-1])), [r"\w"])


@lru_cache(maxsize=None)
def _case_variants(letter: str) -> str:
    """Every character that ``re.IGNORECASE`` matches with ``letter``. Looked for in the
    Basic Multilingual Plane: beyond it only letters of other scripts fold together."""
    return "".join(sorted(set(re.findall(re.escape(letter), _bmp(), re.IGNORECASE))))


@lru_cache(maxsize=1)
def _bmp() -> str:
    return "".join(map(chr, range(0x10000)))


def _trie(words) -> dict:
    trie: dict = {}
    for word in sorted(words, key=len, reverse=True):
        if word != word.lower() or "ı" in word or "ſ" in word:
            raise ValueError(f"phrase must be lower case without ı/ſ: {word!r}")
        node = trie
        for i, part in enumerate(word.split()):
            if i:
                node = node.setdefault(_SPACE, {})
            for ch in part:
                node = node.setdefault(re.escape(ch), {})
        node[_END] = None
    return trie


def _regex(node: dict) -> str:
    alternatives = []
    for token, child in node.items():
        if token == _END:
            alternatives.append("")  # inserted after every longer phrase through this node
        else:
            alternatives.append(token + _regex(child))
    if len(alternatives) == 1:
        return alternatives[0]
    if alternatives[-1] == "" and len(alternatives) == 2:
        return f"(?:{alternatives[0]})?"
    return "(?:" + "|".join(alternatives) + ")"

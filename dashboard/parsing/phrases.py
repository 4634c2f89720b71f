"""Regex alternations of vocabulary phrases, factored on their shared beginnings.

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
"""
from __future__ import annotations

import re

_SPACE = r"\s+"
_END = ""


def alternation(words) -> str:
    """Regex (no outer group) matching any of ``words``, the longest first."""
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
    return _regex(trie)


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

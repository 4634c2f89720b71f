"""Records read from input files: ``SourceRecord``, article building, JSON/JSONL records.

``make_article`` turns a body and its metadata into an ``Article`` whose text is
normalised once here (every later offset points into it), with a metadata
title as its first line. ``json_records``/``jsonl_records`` split JSON input
into records, each an article or an error, never an exception.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass

from .htmltext import html_to_text
from .model import Article, Evidence
from .published import normalise_published
from . import text as _norm
from .text import normalise_text

TEXT_FIELDS = ("text", "content", "body")
#: Keys of a wrapper object holding the list of records, in order of preference.
LIST_KEYS = ("articles", "items", "records", "data")
_HTML_FRAGMENT = re.compile(r"<(p|div|br|html|body|span)\b[^>]*>", re.I)


@dataclass(frozen=True)
class SourceRecord:
    """One article read from an input file, or the reason it could not be read.

    ``path`` is the file path, with ``#n`` for the n-th record of a JSON/JSONL
    file. ``content_hash`` is the SHA-256 of the raw bytes (of the record's
    canonical JSON for JSON records; None when the file could not be read).
    ``error`` is (reason, detail) with reason one of: not_found, unreadable,
    empty, binary, too_large, undecodable, invalid_json, not_an_object, no_text.
    """

    path: str
    article: Article | None
    content_hash: str | None
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    error: tuple[str, str] | None = None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def error_record(name, digest, reason, detail) -> SourceRecord:
    return SourceRecord(name, None, digest, error=(reason, detail))


def normalised(text: str) -> str:
    """``normalise_text(text)``, skipping its Unicode passes when they would change nothing.

    Most files are NFC already; the NFD/NFC round trip with the tone-mark move
    was the most expensive part of reading a file. The cheap steps run as in
    ``normalise_text`` (same order, same patterns); the round trip is skipped
    only when the text is NFC and has no old-style tone candidate ("hoà",
    "thuỷ" at a syllable end). A test checks equality on random strings.
    """
    fast = text.replace("\r\n", "\n").replace("\r", "\n")
    fast = _norm._SPACES.sub(" ", _norm._INVISIBLE.sub("", fast))
    if _OLD_STYLE_NFC.search(fast) is None and unicodedata.is_normalized("NFC", fast):
        return fast
    return normalise_text(text)


def make_article(name, body, meta, digest, encoding, warnings) -> SourceRecord:
    """Build the Article: normalised text with the metadata title as its first line."""
    warnings = list(warnings)
    raw_norm = normalised(body)
    if not unicodedata.is_normalized("NFC", body):
        warnings.append("decomposed (NFD) text composed to NFC")
    title = normalised(_text_field(meta, "title", warnings) or "").strip() or None
    text = raw_norm.strip("\n")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    if not text.strip() or (title and text.strip() == title):
        return SourceRecord(name, None, digest, encoding, tuple(warnings), ("no_text", "no article text found"))
    published = None
    if meta.get("published"):
        published = normalise_published(str(meta["published"]))
        if published is None:
            warnings.append(f"unreadable publication date {meta['published']!r} ignored")
    title_ev = Evidence(0, len(title), title) if title else None
    url, source = (_text_field(meta, key, warnings) for key in ("url", "source"))
    article = Article(name, text, title=title, published=published, url=url or None,
                      source=source or None, title_evidence=title_ev)
    return SourceRecord(name, article, digest, encoding, tuple(warnings))


def _text_field(meta: dict, key: str, warnings: list[str]) -> str | None:
    """A metadata string, stripped; a list or object there (JSON input) is ignored with a warning, not its repr stored."""
    value = meta.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if value is not None and not isinstance(value, str):
        warnings.append(f"{key} field is a {type(value).__name__}, not text: ignored")
        return None
    return (value or "").strip() or None


#: Old-style tone placement candidates as they look in NFC text (see ``normalised``): a superset
#: of what normalise_text moves (it also needs no following letter), cheap to search.
#: (One character class first: ~40x faster in Python's re than an alternation.)
_OLD_STYLE_NFC = re.compile("[àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?<=[oOuU].)(?![a-zA-Z])")


def _record(name, obj, digest, encoding, warnings) -> SourceRecord:
    if not isinstance(obj, dict):
        return SourceRecord(name, None, digest, encoding, warnings,
                            ("not_an_object", f"expected a JSON object, got {type(obj).__name__}"))
    warnings = list(warnings)
    body = next((obj[k] for k in TEXT_FIELDS if isinstance(obj.get(k), str) and obj[k].strip()), None)
    if body is None:
        return SourceRecord(name, None, digest, encoding, tuple(warnings),
                            ("no_text", "no 'text', 'content' or 'body' field with text"))
    meta = {
        "title": obj.get("title"),
        "published": obj.get("published") or obj.get("published_at") or obj.get("date"),
        "url": obj.get("url") or obj.get("link"),
        "source": obj.get("source"),
    }
    for key in ("title", "url", "published"):
        if not meta[key]:
            warnings.append(f"missing field: {key}")
    if _HTML_FRAGMENT.search(body):
        body = html_to_text(body).text
        warnings.append("HTML markup in the text field was converted to text")
    return make_article(name, body, meta, digest, encoding, warnings)


#: A JSON escape of a UTF-16 surrogate ("\\ud800"); paired ones decode to one character,
#: a lone one stays a surrogate, which no UTF-8 text (hash, store, screen) can hold.
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
LONE_SURROGATE_WARNING = "lone UTF-16 surrogate escape in the JSON replaced by U+FFFD"


def _decoded_json(text: str):
    """json.loads(text) with lone surrogates replaced by U+FFFD; (object, warnings)."""
    obj = json.loads(text)
    if _ESCAPED_SURROGATE.search(text) is None:
        return obj, ()
    fixed = _without_surrogates(obj)
    return fixed, ((LONE_SURROGATE_WARNING,) if fixed != obj else ())


def _without_surrogates(obj):
    if isinstance(obj, str):
        return _SURROGATE.sub("\ufffd", obj)
    if isinstance(obj, list):
        return [_without_surrogates(x) for x in obj]
    if isinstance(obj, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in obj.items()}
    return obj


def _canonical_hash(obj) -> str:
    return sha256(json.dumps(obj, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def json_records(name, text, encoding, warnings, digest) -> list[SourceRecord]:
    try:
        obj, fixed = _decoded_json(text)
    except json.JSONDecodeError as exc:
        return [SourceRecord(name, None, digest, encoding, warnings, ("invalid_json", str(exc)))]
    warnings = tuple(warnings) + fixed
    if isinstance(obj, dict):
        for key in LIST_KEYS:
            if isinstance(obj.get(key), list) and not any(k in obj for k in TEXT_FIELDS):
                obj = obj[key]
                break
    if isinstance(obj, dict):
        return [_record(name, obj, digest, encoding, warnings)]
    if not isinstance(obj, list):
        return [SourceRecord(name, None, digest, encoding, warnings,
                             ("not_an_object", f"expected an object or a list, got {type(obj).__name__}"))]
    if not obj:
        return [SourceRecord(name, None, digest, encoding, warnings, ("empty", "empty JSON list"))]
    return [_record(f"{name}#{i}", item, _canonical_hash(item), encoding, warnings)
            for i, item in enumerate(obj, 1)]


def jsonl_records(name, text, encoding, warnings, digest) -> list[SourceRecord]:
    """One record per non-blank line, named ``name#n``; an "empty" record when there is none."""
    return line_records(name, text, 1, encoding, warnings) or [
        SourceRecord(name, None, digest, encoding, warnings, ("empty", "no JSON lines"))]


def line_records(name, text, first_line, encoding, warnings) -> list[SourceRecord]:
    """A record per non-blank line of ``text`` (a file, or part of a feed from line ``first_line``)."""
    return [json_value_record(f"{name}#{i}", line, encoding, warnings)
            for i, line in enumerate(text.split("\n"), first_line) if line.strip()]


def json_value_record(name, text, encoding, warnings) -> SourceRecord:
    """One JSON value read on its own (a JSON Lines line, or an element of a large array read in parts)."""
    try:
        obj, fixed = _decoded_json(text)
    except json.JSONDecodeError as exc:
        return SourceRecord(name, None, sha256(text.encode("utf-8")), encoding, warnings, ("invalid_json", str(exc)))
    return _record(name, obj, _canonical_hash(obj), encoding, tuple(warnings) + fixed)

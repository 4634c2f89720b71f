"""Scoring extraction against gold annotations (DESIGN.md section 4).

``evaluate_dirs(gold_dir, articles_dir)`` reads every gold file whose stem
matches an article, runs ``dashboard.parsing.extract`` on the article and
returns a ``Scores`` dict:

- ``event_dates``: distinct event date strings per article ("2023-11-22");
- ``documents``: numbered documents (a symbol or a number), matched by canonical
  symbol, else by kind + number + issuer; ``issue_date_accuracy`` over matched
  documents whose gold issue date is known;
- ``documents_all``: every document, unnumbered ones matched by kind and the
  first three words of the folded name;
- ``organisations``: canonical names after ``fold``;
- ``people``: folded names with Sĩ/Sỹ (consonant + y/i) merged;
- ``published``: publication-date accuracy (day part; null = null counts).

Precision, recall and F1 are micro-averaged over articles. ``details`` lists,
per article, what was missed and what was extra.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .model import Extraction
from .parsing import extract
from .text import fold
from .parsing.people import name_key
from .sources import iter_input_files, read_path

METRICS = ("event_dates", "documents", "documents_all", "organisations", "people")


def _number(value) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _doc_keys(symbol, kind, number, issuer, name) -> set[str]:
    """Every key a document may be matched by (one shared key = same document)."""
    keys = set()
    if symbol:
        keys.add("sym:" + symbol.replace(" ", ""))
    if _number(number) is not None:
        keys.add(f"num:{kind}:{_number(number)}:{fold(issuer or '')}")
    if not keys and name:
        keys.add(f"name:{kind}:" + " ".join(fold(name).split()[:3]))
    return keys


def _match_docs(gold: list[dict], found: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    pairs, used = [], set()
    for g in gold:
        gk = _doc_keys(g.get("symbol"), g.get("kind"), g.get("number"), g.get("issuer"),
                       g.get("name") or g.get("text_span"))
        hit = next((i for i, f in enumerate(found) if i not in used and gk & f["keys"]), None)
        if hit is not None:
            used.add(hit)
            pairs.append((g, found[hit]))
    missed = [g for g in gold if all(g is not p[0] for p in pairs)]
    extra = [f for i, f in enumerate(found) if i not in used]
    return pairs, missed, extra


def _extracted_items(x: Extraction) -> dict:
    docs = [{"symbol": d.symbol, "kind": d.kind, "number": d.number, "issuer": d.issuer, "issued": d.issued,
             "name": d.name, "keys": _doc_keys(d.symbol, d.kind, d.number, d.issuer, d.name)} for d in x.documents]
    return {
        "event_dates": {e.date.start for e in x.events},
        "organisations": {fold(o.name) for o in x.organisations},
        "people": {name_key(p.name) for p in x.people},
        "documents": docs,
        "published": x.article.published,
    }


def _gold_items(g: dict) -> dict:
    return {
        "event_dates": {e["date"] for e in g.get("events", []) if e.get("date")},
        "organisations": {fold(o) for o in g.get("organisations", [])},
        "people": {name_key(p["name"]) for p in g.get("people", [])},
        "documents": list(g.get("documents", [])),
        "published": g.get("published"),
    }


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score(gold: dict[str, dict], extracted: dict[str, Extraction]) -> dict:
    """Scores of ``extracted`` against ``gold`` (both keyed by article stem)."""
    counts = {m: Counter() for m in METRICS}
    issued_ok = issued_n = pub_ok = 0
    details = {}
    for stem, g_raw in sorted(gold.items()):
        g = _gold_items(g_raw)
        x = _extracted_items(extracted[stem]) if stem in extracted else _gold_items({})
        art = {}
        for m in ("event_dates", "organisations", "people"):
            counts[m].update(tp=len(g[m] & x[m]), fp=len(x[m] - g[m]), fn=len(g[m] - x[m]))
            art[m] = {"missed": sorted(g[m] - x[m]), "extra": sorted(x[m] - g[m])}
        numbered = [d for d in g["documents"] if d.get("symbol") or _number(d.get("number")) is not None]
        found_numbered = [d for d in x["documents"] if d["symbol"] or _number(d["number"]) is not None]
        for m, gd, fd in (("documents", numbered, found_numbered), ("documents_all", g["documents"], x["documents"])):
            pairs, missed, extra = _match_docs(gd, fd)
            counts[m].update(tp=len(pairs), fp=len(extra), fn=len(missed))
            art[m] = {"missed": [d.get("symbol") or d.get("name") or d.get("text_span") for d in missed],
                      "extra": [d["symbol"] or d["name"] for d in extra]}
            if m == "documents":
                for gdoc, fdoc in pairs:
                    if gdoc.get("issued"):
                        issued_n += 1
                        issued_ok += gdoc["issued"] == fdoc["issued"]
        same_pub = (g["published"] or "")[:10] == (x["published"] or "")[:10]
        pub_ok += same_pub
        art["published"] = {"gold": g["published"], "found": x["published"]}
        details[stem] = art
    out = {m: _prf(c["tp"], c["fp"], c["fn"]) for m, c in counts.items()}
    out["documents"]["issue_date_accuracy"] = round(issued_ok / issued_n, 4) if issued_n else 1.0
    out["published"] = {"accuracy": round(pub_ok / len(gold), 4) if gold else 1.0, "n": len(gold)}
    out["articles"] = len(gold)
    out["details"] = details
    return out


def load_gold(gold_dir) -> dict[str, dict]:
    """Gold annotations by file stem (``baseline.json`` and non-annotations skipped)."""
    gold = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("documents"), list) and isinstance(data.get("people"), list):
            gold[path.stem] = data
    return gold


def extract_dir(articles_dir, stems=None) -> dict[str, Extraction]:
    """Extractions of the articles in ``articles_dir`` by file stem (only ``stems`` if given)."""
    out = {}
    for path in iter_input_files([articles_dir]):
        stem = Path(path).stem
        if stems is not None and stem not in stems:
            continue
        for record in read_path(path):
            if record.article is not None:
                out.setdefault(stem, extract(record.article))
    return out


def evaluate_dirs(gold_dir, articles_dir) -> dict:
    gold = load_gold(gold_dir)
    return score(gold, extract_dir(articles_dir, set(gold)))


def format_scores(scores: dict, details: bool = False) -> str:
    """Human-readable table (and per-article misses when ``details``)."""
    lines = [f"{'metric':<16}{'P':>8}{'R':>8}{'F1':>8}   tp/fp/fn   ({scores['articles']} articles)"]
    for m in METRICS:
        s = scores[m]
        lines.append(f"{m:<16}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}   {s['tp']}/{s['fp']}/{s['fn']}")
    lines.append(f"{'issue dates':<16}{'accuracy':>16}{scores['documents']['issue_date_accuracy']:>8.3f}")
    lines.append(f"{'published':<16}{'accuracy':>16}{scores['published']['accuracy']:>8.3f}")
    if details:
        for stem, art in scores["details"].items():
            for m, d in art.items():
                if m != "published" and (d["missed"] or d["extra"]):
                    lines.append(f"  {stem} {m}: missed {d['missed']} extra {d['extra']}")
            if (art["published"]["gold"] or "")[:10] != (art["published"]["found"] or "")[:10]:
                lines.append(f"  {stem} published: gold {art['published']['gold']} found {art['published']['found']}")
    return "\n".join(lines)

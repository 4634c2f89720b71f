"""`python -m dashboard extract PATH... [--format text|jsonl]`.

Reads files and folders (folders expand to their supported files, sorted) with
``dashboard.sources`` (a large feed part by part: ``dashboard.feeds``),
runs the parsing pipeline, and prints per article either
a human-readable summary (default) or one JSON line in the contract of
DESIGN.md section 3, in input order. A file that cannot be read still gives a
line: empty lists and the reason in "warnings".
"""
from __future__ import annotations

import json
import sys

from .. import sources
from ..contract import to_contract, unreadable
from ..feeds import read_records
from ..model import document_key
from ..parsing import extract


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    parser.add_argument(
        "--format", choices=("text", "jsonl"), default="text",
        help="text: a readable summary (default); jsonl: one JSON object per article",
    )


def run(args) -> int:
    from ..cli import UserError

    skipped: list = []
    files = sources.iter_input_files(args.paths, skipped)
    if not files:
        raise UserError(sources.no_articles(args.paths, skipped))
    if skipped:
        print(sources.skipped_note(skipped).strip(), file=sys.stderr)
    out = sys.stdout
    failed: list[str] = []
    for path in files:
        for record in read_records(path, sources.MAX_BYTES):
            line = contract_for(record)
            if record.article is None or line.get("_failed"):
                failed.append(f"{record.path} ({line['warnings'][-1] if line['warnings'] else 'unreadable'})")
            line.pop("_failed", None)
            if args.format == "jsonl":
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
            else:
                out.write(render_text(line) + "\n")
    out.flush()
    if failed:
        # The contract line for each failed file is on stdout; the exit status and
        # one stderr line tell scripts that something was not extracted.
        print(f"error: {len(failed)} file(s) could not be read: {failed[0]}", file=sys.stderr)
        return 1
    return 0


def contract_for(record) -> dict:
    """The contract dict for one record; unreadable records keep their reason."""
    if record.article is None:
        reason, detail = record.error or ("unreadable", "no article")
        return unreadable(record.path, [*record.warnings, f"{reason}: {detail}"])
    try:
        line = to_contract(extract(record.article))
    except Exception as exc:  # a parser bug on one file must not stop the others
        line = unreadable(record.path, [*record.warnings, f"extraction failed: {type(exc).__name__}: {exc}"])
        line["_failed"] = True
        return line
    line["warnings"] = [*record.warnings, *line["warnings"]]
    return line


def render_text(line: dict) -> str:
    """A short readable block: title, date, events, documents, organisations, people."""
    a = line["article"]
    rows = [f"== {a['path']}", f"   title:     {a['title'] or '(none)'}",
            f"   published: {a['published'] or '(unknown)'}"]
    if a["source"] or a["url"]:
        rows.append(f"   source:    {a['source'] or ''} {a['url'] or ''}".rstrip())
    # Events name documents by key ("programme|||2024-2028|Chương trình …" when there is no symbol): the
    # summary shows the label the document line below uses.
    labels = {_document_key(d): _document_label(d) for d in line["documents"]}
    for e in line["events"]:
        when = e["date"] + (f" → {e['date_end']}" if e["date_end"] else "")
        part = f" ({e['day_part']})" if e["day_part"] else ""
        rows.append(f"   event:     {when}{part} [{e['kind']}] {e['title']}")
        if e["organisations"] or e["documents"]:
            docs = [labels.get(k, k) for k in e["documents"]]
            rows.append(f"              with: {', '.join(e['organisations'] + docs)}")
    for d in line["documents"]:
        label = _document_label(d)
        extra = ", ".join(f"{k} {d[k]}" for k in ("issuer", "issued", "horizon", "period") if d[k])
        rows.append(f"   document:  {label} ({d['kind']}{', ' + extra if extra else ''})")
    if line["organisations"]:
        rows.append("   orgs:      " + "; ".join(o["name"] for o in line["organisations"]))
    for p in line["people"]:
        who = " ".join(x for x in (p["rank"], p["name"]) if x)
        rows.append(f"   person:    {who}{', ' + p['position'] if p['position'] else ''}")
    for w in line["warnings"]:
        rows.append(f"   warning:   {w}")
    return "\n".join(rows)


def _document_label(d: dict) -> str:
    return d["symbol"] or d["name"] or d["kind"]


def _document_key(d: dict) -> str:
    return document_key(d["kind"], d["symbol"], d["number"], d["issuer"], d["period"], d["name"])

"""`python -m dashboard evaluate GOLD_DIR ARTICLES_DIR`: score extraction against gold files.

Prints precision, recall and F1 for event dates, numbered documents (with
issue-date accuracy), all documents, organisations and people, and the
publication-date accuracy; ``--json`` prints the same scores as one JSON object
(per-article misses under "details"). Scoring lives in ``dashboard.evaluate``.
"""
from __future__ import annotations

import json
from pathlib import Path


def add_arguments(parser) -> None:
    parser.add_argument("gold_dir", help="folder of gold annotation files (<article stem>.json)")
    parser.add_argument("articles_dir", help="folder of the annotated articles")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument("--details", action="store_true", help="list missed and extra items per article")


def run(args) -> int:
    from ..cli import UserError
    from ..evaluate import evaluate_dirs, format_scores

    for label, folder in (("gold", args.gold_dir), ("articles", args.articles_dir)):
        if not Path(folder).is_dir():
            raise UserError(f"{label} folder not found: {folder}")
    scores = evaluate_dirs(args.gold_dir, args.articles_dir)
    if not scores["articles"]:
        raise UserError(f"no gold annotation matches an article in {args.articles_dir}")
    if args.json:
        print(json.dumps(scores, ensure_ascii=False, indent=1))
    else:
        print(format_scores(scores, details=args.details))
    return 0

"""Hand-made and synthetic stores for tests and benchmarks of the query/chart layers.

``build_sample_db`` writes a small database that follows ``store.schema`` with
rows modelled on the five sample articles (real text, real offsets), so the
query, chart and report layers can be tested before or independently of the
real ingest. ``build_synthetic_db`` writes a large random-but-deterministic
corpus (100k events in a few seconds) with DuckDB's own ``range()``, for the
responsiveness benchmark.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb

from dashboard.text import fold, normalise_text
from dashboard.store.rows import search_text
from dashboard.store.schema import TABLES_BY_NAME, create_statements

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "articles"

ORGS = {  # canonical name: (English, abbreviations and other surface forms)
    "Tổng cục Công nghiệp quốc phòng": ("General Department of Defence Industry",
                                        ["Tổng cục CNQP", "TCCNQP", "CNQP"]),
    "Tổng cục Kỹ thuật": ("General Department of Technology", ["TCKT"]),
    "Bộ Quốc phòng": ("Ministry of National Defence", ["BQP"]),
    "Quân ủy Trung ương": ("Central Military Commission", ["QUTƯ", "QUTW"]),
    "Bộ Chính trị": ("Politburo", []),
    "Bộ Công Thương": ("Ministry of Industry and Trade", ["Bộ CT"]),
    "Bộ Tổng Tham mưu": ("General Staff", ["BTTM"]),
    "Đảng ủy Tổng cục Công nghiệp quốc phòng": ("Party Committee of the General Department of Defence Industry",
                                                 ["Đảng ủy Tổng cục CNQP"]),
    "Chính phủ": ("Government", ["CP"]),
}
# document_id: (symbol, kind, number, issuer, issued, subject, horizon, horizon_year, period, name, forms)
DOCS = {
    "806-NQ/QUTW": ("806-NQ/QUTW", "resolution", "806", "Quân ủy Trung ương", "2013-12-31",
                    "về hội nhập quốc tế và đối ngoại quốc phòng", "2020; những năm tiếp theo", 2020, None,
                    "Nghị quyết số 806-NQ/QUTW", ["806-NQ/QUTW"]),
    "08-NQ/TW": ("08-NQ/TW", "resolution", "08", "Bộ Chính trị", "2022-01-26",
                 "về đẩy mạnh phát triển công nghiệp quốc phòng", "2030; những năm tiếp theo", 2030, None,
                 "Nghị quyết số 08-NQ/TW", ["08-NQ/TW"]),
    "resolution|06|Bộ Chính trị||": (None, "resolution", "06", "Bộ Chính trị", None,
                                     "Về xây dựng và phát triển CNQP", "2020", 2020, None,
                                     "Nghị quyết số 06 của Bộ Chính trị", ["Nghị quyết số 06"]),
    "programme|||2023-2025|Chương trình phối hợp": (
        None, "programme", None, None, None, "về thực hiện công tác kỹ thuật, công tác công nghiệp quốc phòng",
        None, None, "2023-2025", "Chương trình phối hợp giữa hai tổng cục giai đoạn 2023-2025",
        ["Chương trình phối hợp giữa hai tổng cục"]),
    "law||||Luật CNQP": (None, "law", None, None, None, None, None, None, None, "Luật CNQP", ["Luật CNQP"]),
}
PEOPLE = ["Phùng Sĩ Tấn", "Nguyễn Mạnh Hùng", "Hồ Quang Tuấn", "Phan Văn Giang", "Nguyễn Tân Cương",
          "Trần Hồng Minh", "Nguyễn Hồng Diên", "Phạm Hoài Nam", "Trần Minh Đức", "Trần Duy Hưng"]
# (file prefix, published, evidence opener, date, date_end, precision, basis, day_part, kind, title, orgs, docs)
EVENTS = [
    ("000", "2023-11-22T14:19", "Sáng 22-11", "2023-11-22", None, "day", "resolved", "sáng",
     "review_conference", "Hội nghị tổng kết 10 năm thực hiện Nghị quyết số 806-NQ/QUTW",
     ["Tổng cục Công nghiệp quốc phòng", "Bộ Quốc phòng"], ["806-NQ/QUTW"]),
    ("001", "2021-02-21T09:28", "Chiều 20-2", "2021-02-20", None, "day", "resolved", "chiều",
     "working_session", "Tổng Tham mưu trưởng làm việc với Tổng cục CNQP",
     ["Bộ Quốc phòng", "Quân ủy Trung ương", "Tổng cục Công nghiệp quốc phòng"], []),
    ("001", None, "Báo cáo kết quả công tác năm 2020", "2020", None, "year", "explicit", None,
     "other", "Kết quả công tác năm 2020 của Tổng cục CNQP", ["Tổng cục Công nghiệp quốc phòng"],
     ["resolution|06|Bộ Chính trị||"]),
    ("002", None, "Chiều ngày 17/4/2023", "2023-04-17", None, "day", "explicit", "chiều",
     "working_session", "Bộ Công Thương làm việc với Tổng cục Công nghiệp quốc phòng",
     ["Bộ Công Thương", "Tổng cục Công nghiệp quốc phòng", "Bộ Tổng Tham mưu"], []),
    ("003", None, "10 năm qua, Đảng ủy Tổng cục", "2023", None, "year", "inferred", None,
     "review_conference", "Tổng kết 10 năm thực hiện Nghị quyết Trung ương 8",
     ["Đảng ủy Tổng cục Công nghiệp quốc phòng"], ["08-NQ/TW"]),
    ("004", None, "Chương trình phối hợp giữa hai tổng cục", "2023-01", "2023-03", "quarter", "inferred",
     None, "signing", "Ký kết Chương trình phối hợp giữa Tổng cục Kỹ thuật và Tổng cục CNQP",
     ["Tổng cục Kỹ thuật", "Tổng cục Công nghiệp quốc phòng"], ["programme|||2023-2025|Chương trình phối hợp"]),
]


def _h(*parts) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + len(needle))
    return out


def _sentence(text: str, start: int) -> tuple[int, int]:
    end = min(i for i in (text.find(". ", start), text.find("\n", start), len(text)) if i >= 0)
    return start, end + (1 if end < len(text) and text[end] == "." else 0)


def _insert(con, table: str, rows: list[dict]) -> None:
    cols = TABLES_BY_NAME[table].column_names
    if rows:
        con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' for _ in cols)})",
                        [[r.get(c) for c in cols] for r in rows])


def _last_day(iso: str) -> str:
    from dashboard.model import _last_day as last
    return last(iso).isoformat()


def _first_day(iso: str) -> str:
    from dashboard.model import _first_day as first
    return first(iso).isoformat()


def build_sample_db(path: str | Path, samples: Path = SAMPLES) -> Path:
    """Write the hand-annotated sample store to ``path`` (overwritten) and return it."""
    path = Path(path)
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    for stmt in create_statements():
        con.execute(stmt)
    texts = {p.name[:3]: (p, normalise_text(p.read_text(encoding="utf-8"))) for p in sorted(samples.glob("*.txt"))}
    published = {"000": "2023-11-22T14:19", "001": "2021-02-21T09:28", "002": None, "003": None, "004": None}
    inferred = {"002": ("2023-04-17", "2023-12-31", "latest explicit date in the text: 17/4/2023"),
                "003": ("2022-01-26", None, "latest explicit date in the text: 26-1-2022"),
                "004": ("2023-01-01", "2023-12-31", "programme period starts 2023")}
    warnings = {"004": ["unresolved day-month: no publication date"], "003": ["no publication date"]}
    aid = {k: _h(t) for k, (_, t) in texts.items()}
    rows: dict[str, list[dict]] = {t: [] for t in TABLES_BY_NAME}
    for k, (p, text) in texts.items():
        pub = published.get(k)
        inf = inferred.get(k, (None, None, None)) if not pub else (None, None, None)
        url = next((line.strip() for line in text.splitlines() if line.startswith("https://")), None)
        rows["articles"].append(dict(
            article_id=aid[k], path=str(p), content_hash=_h("raw", text), title=text.splitlines()[0][:200],
            published=pub, published_date=pub[:10] if pub else None, url=url, source="qdnd.vn" if url else None,
            text=text, undated=pub is None, inferred_start=inf[0], inferred_end=inf[1], inferred_reason=inf[2],
            encoding="utf-8", warnings=json.dumps(warnings.get(k, []), ensure_ascii=False),
            ingested_at="2026-01-01 00:00:00"))
        for name, (en, forms) in ORGS.items():
            for form in [name, *forms]:
                for i in _find_all(text, form):
                    rows["org_mentions"].append(dict(mention_id=_h(aid[k], i, form), org_id=_h(name),
                                                     article_id=aid[k], name=name, org_key=fold(name),
                                                     abbreviations=forms, name_en=en, ev_start=i,
                                                     ev_end=i + len(form), evidence=form))
        for did, d in DOCS.items():
            for n, i in enumerate(sorted(i for form in d[10] for i in _find_all(text, form))):
                form = next(f for f in d[10] if text.startswith(f, i))
                rows["document_mentions"].append(dict(
                    mention_id=_h(aid[k], i, did), document_id=did, article_id=aid[k], symbol=d[0], kind=d[1],
                    number=d[2], period=d[8], name=d[9], issued=d[4] if n == 0 else None,
                    issuer=d[3], subject=d[5], horizon=d[6], is_first=n == 0, ev_start=i, ev_end=i + len(form),
                    evidence=form))
        for person in PEOPLE:
            for i in _find_all(text, person):
                rows["person_mentions"].append(dict(mention_id=_h(aid[k], i, person), person_id=_h(person),
                                                    article_id=aid[k], name=person, ev_start=i, ev_end=i + len(person),
                                                    evidence=person))
    for prefix, _pub, opener, date, date_end, prec, basis, part, kind, title, orgs, docs in EVENTS:
        text = texts[prefix][1]
        start, end = _sentence(text, text.find(opener))
        eid = _h(aid[prefix], start, end, date)
        rows["events"].append(dict(
            event_id=eid, article_id=aid[prefix], date=date, date_end=date_end,
            date_start_day=_first_day(date), date_end_day=_last_day(date_end or date), precision=prec,
            date_basis=basis, day_part=part, kind=kind, title=title, ev_start=start, ev_end=end,
            evidence=text[start:end]))
        rows["event_organisations"] += [dict(event_id=eid, org_id=_h(o)) for o in orgs]
        rows["event_documents"] += [dict(event_id=eid, document_id=d) for d in docs]
        rows["event_people"] += [dict(event_id=eid, person_id=_h(p), position=i)
                                 for i, p in enumerate(p for p in PEOPLE if p in text[start:end + 400])]
    mention_articles = lambda table, key, value: {m["article_id"] for m in rows[table] if m[key] == value}  # noqa: E731
    for name, (en, forms) in ORGS.items():
        rows["organisations"].append(dict(
            org_id=_h(name), name=name, name_en=en, abbreviations=forms,
            search_key=" ".join(fold(x) for x in [name, *forms]),
            n_articles=len(mention_articles("org_mentions", "org_id", _h(name)))))
    for did, d in DOCS.items():
        ms = [m for m in rows["document_mentions"] if m["document_id"] == did]
        p0, p1 = (int(x) for x in d[8].split("-")) if d[8] else (None, None)
        rows["documents"].append(dict(
            document_id=did, symbol=d[0], kind=d[1], number=d[2], issuer=d[3], issued=d[4],
            issued_day=_first_day(d[4]) if d[4] else None, subject=d[5], horizon=d[6], horizon_year=d[7],
            period=d[8], period_start=p0, period_end=p1, name=d[9], n_mentions=len(ms),
            n_articles=len({m["article_id"] for m in ms}), conflicts="[]"))
    for person in PEOPLE:
        rows["people"].append(dict(person_id=_h(person), name=person,
                                   n_articles=len(mention_articles("person_mentions", "person_id", _h(person)))))
    rows["ingest_errors"].append(dict(path="data/broken.bin", reason="binary", detail="not a text file",
                                      at="2026-01-01 00:00:00"))
    rows["event_search"] = [dict(event_id=e["event_id"], text=search_text(e["title"], e.get("evidence")))
                            for e in rows["events"]]
    for table, table_rows in rows.items():
        _insert(con, table, table_rows)
    con.close()
    return path

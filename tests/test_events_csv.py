"""Every event of a view as CSV, from the CLI (``--out x.csv``) and ``build_report(..., "csv")``.

Read back with the csv module: the header in the report's language, one row per event of
the view (not cut at the PDF's or the app table's limits), the sentence each event was read
from, the people who took part, and a byte-order mark so Excel reads the Vietnamese.
"""
from __future__ import annotations

import csv
import io

from dashboard import query as Q
from dashboard.report import build_report
from dashboard.report.report import MAX_TABLE_ROWS

from reportkit import cli


def rows(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode("utf-8"))
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_events_csv_from_the_cli_lists_the_samples_events(samples_store, tmp_path):
    db = samples_store.execute("SELECT file FROM pragma_database_list WHERE name = current_database()").fetchone()[0]
    out = tmp_path / "events.csv"
    res = cli("--db", db, "--out", str(out))
    assert res.returncode == 0, res.stderr
    header, *body = rows(out.read_bytes())
    assert header[:5] == ["Ngày", "Từ ngày", "Đến ngày", "Loại", "Tiêu đề"] and "Câu trích dẫn" in header
    by_day = {r[1]: dict(zip(header, r)) for r in body}
    # The four events of the samples, by first day: 000's review, 001's and 002's working sessions, 004's signing.
    assert sorted(by_day) == ["2021-02-20", "2022-01-01", "2023-04-17", "2023-11-22"]
    review = by_day["2023-11-22"]
    assert review["Ngày"] == "Sáng 22/11/2023" and review["Loại"] == "Hội nghị tổng kết/sơ kết"
    assert review["Câu trích dẫn"].startswith("Sáng 22-11, Tổng cục Công nghiệp Quốc phòng (CNQP) tổ chức")
    assert "Nguyễn Mạnh Hùng" in review["Người tham gia"].split("; ")
    assert review["Văn bản"] == "806-NQ/QUTW" and review["Số bài đưa tin"] == "1"
    assert review["Đường dẫn"].startswith("https://www.qdnd.vn/")
    assert by_day["2022-01-01"]["Đến ngày"] == "2023-12-31"  # the 2022-2023 signing, a span


def test_events_csv_in_english_and_filtered(samples_store):
    f = Q.Filter(orgs=("Tổng cục Kỹ thuật",))
    header, *body = rows(build_report(samples_store, f, "en", "csv"))
    assert header[0] == "Date" and "Evidence" in header
    assert len(body) == Q.event_counts(samples_store, f)[0] == 1
    row = dict(zip(header, body[0]))
    assert row["Kind"] == "Signing" and "General Department of Technology" in row["Organisations"]


def test_events_csv_holds_every_event_of_the_view(synthetic_3000):
    """Past the PDF's table limit: the CSV is for counting in a spreadsheet."""
    f = Q.Filter(year_from=2015)
    shown = Q.event_counts(synthetic_3000, f)[0]
    assert shown > MAX_TABLE_ROWS
    header, *body = rows(build_report(synthetic_3000, f, "vi", "csv"))
    assert len(body) == shown
    assert sorted(r[1] for r in body) == sorted(str(d)[:10] for d in Q.events(synthetic_3000, f)["date_start_day"])


def test_events_csv_is_named_in_the_unknown_suffix_error(samples_store, tmp_path):
    db = samples_store.execute("SELECT file FROM pragma_database_list WHERE name = current_database()").fetchone()[0]
    res = cli("--db", db, "--out", str(tmp_path / "x.xlsx"))
    assert res.returncode != 0 and ".csv" in res.stderr and "Traceback" not in res.stderr

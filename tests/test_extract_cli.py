"""`python -m dashboard extract`: the DESIGN.md section 3 contract, line per file, input order."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dashboard.cli import main
from dashboard.sources import read_path

ARTICLE_KEYS = {"path", "title", "published", "url", "source"}
EVENT_KEYS = {"date", "date_end", "precision", "date_basis", "day_part", "kind", "title",
              "organisations", "documents", "evidence"}
DOCUMENT_KEYS = {"symbol", "kind", "number", "issuer", "issued", "subject", "horizon", "period", "name", "evidence"}


def extract_lines(capsys, *args, status: int = 0) -> list[dict]:
    assert main(["extract", *map(str, args), "--format", "jsonl"]) == status
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_extract_cli_folder_gives_one_line_per_file_sorted(capsys, samples_dir):
    lines = extract_lines(capsys, samples_dir)
    assert [l["article"]["path"].rsplit("/", 1)[-1][:3] for l in lines] == ["000", "001", "002", "003", "004"]


def test_extract_cli_contract_shape(capsys, samples_dir):
    for line in extract_lines(capsys, samples_dir):
        # "inferred_events" is additive: present only for undated articles with an estimate (sample 004).
        assert set(line) - {"inferred_events"} == {"article", "events", "documents", "organisations", "people",
                                                   "warnings"}
        assert set(line["article"]) == ARTICLE_KEYS
        for e in line["events"] + line.get("inferred_events", []):
            assert set(e) == EVENT_KEYS and set(e["evidence"]) == {"start", "end", "text"}
            assert e["precision"] in {"day", "month", "quarter", "half", "year", "period"}
            assert e["date_basis"] in {"explicit", "resolved", "inferred"}
        for d in line["documents"]:
            assert set(d) == DOCUMENT_KEYS
        for o in line["organisations"]:
            assert set(o) == {"name", "abbreviations", "name_en"}
        for p in line["people"]:
            assert set(p) == {"name", "rank", "position"}
        assert all(isinstance(w, str) for w in line["warnings"])


def test_extract_cli_evidence_offsets_hold(capsys, samples_dir):
    for line in extract_lines(capsys, samples_dir):
        [record] = read_path(line["article"]["path"])
        text = record.article.text
        for item in line["events"] + line["documents"]:
            ev = item["evidence"]
            assert text[ev["start"]:ev["end"]] == ev["text"]


@pytest.mark.parametrize("prefix, published, first_event", [
    ("000", "2023-11-22T14:19", ("2023-11-22", "sáng", "review_conference")),
    ("001", "2021-02-21T09:28", ("2021-02-20", "chiều", "working_session")),
    ("002", None, ("2023-04-17", "chiều", "working_session")),
    ("003", None, None),
    ("004", None, None),
])
def test_extract_cli_samples(capsys, samples_dir, prefix, published, first_event):
    [path] = samples_dir.glob(f"{prefix}_*.txt")
    [line] = extract_lines(capsys, path)
    assert line["article"]["published"] == published
    events = [(e["date"], e["day_part"], e["kind"]) for e in line["events"]]
    assert (events[0] if events else None) == first_event


def test_extract_cli_input_order_and_unreadable_file(capsys, samples_dir, tmp_path):
    files = sorted(samples_dir.glob("*.txt"))
    missing = tmp_path / "missing.txt"
    # Status 1 says a file was not extracted; its contract line is still printed.
    lines = extract_lines(capsys, files[2], missing, files[0], status=1)
    assert [l["article"]["path"] for l in lines] == [str(files[2]), str(missing), str(files[0])]
    bad = lines[1]
    assert bad["events"] == bad["documents"] == bad["organisations"] == bad["people"] == []
    assert bad["warnings"] and "not_found" in bad["warnings"][0]


def test_extract_cli_text_format_is_readable(capsys, samples_dir):
    [path] = samples_dir.glob("000_*.txt")
    assert main(["extract", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Đẩy mạnh hội nhập quốc tế" in out and "2023-11-22T14:19" in out
    assert "2023-11-22 (sáng) [review_conference]" in out


def test_extract_cli_text_format_names_an_events_documents_as_the_document_lines_do(capsys, tmp_path):
    """A programme without a symbol is keyed "programme|||2024-2028|…" in the JSON; the summary shows its name."""
    path = tmp_path / "ky-ket.txt"
    path.write_text("Ký kết chương trình phối hợp\n\nSáng 16/8/2024, tại Hà Nội, Tổng cục Công nghiệp quốc phòng "
                    "tổ chức Lễ ký kết Chương trình phối hợp giai đoạn 2024 - 2028.\n", encoding="utf-8")
    assert main(["extract", str(path)]) == 0
    out = capsys.readouterr().out
    assert "with: Tổng cục Công nghiệp quốc phòng, Chương trình phối hợp giai đoạn 2024 - 2028\n" in out
    assert "document:  Chương trình phối hợp giai đoạn 2024 - 2028 (programme, period 2024-2028)" in out
    assert "|" not in out


def test_extract_cli_json_input_keeps_metadata(capsys, tmp_path):
    record = {"title": "Hội nghị tổng kết", "published": "2023-11-22 14:19", "url": "https://qdnd.vn/a-1",
              "text": "Sáng 22-11, Tổng cục tổ chức hội nghị tổng kết công tác năm 2023."}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    [line] = extract_lines(capsys, path)
    assert line["article"]["published"] == "2023-11-22T14:19"
    assert [(e["date"], e["kind"]) for e in line["events"]] == [("2023-11-22", "review_conference")]


def test_extract_cli_runs_as_module(samples_dir):
    out = subprocess.run([sys.executable, "-m", "dashboard", "extract", str(samples_dir), "--format", "jsonl"],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert len(out.splitlines()) == 5

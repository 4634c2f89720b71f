"""Reports as PDF, PNG and offline HTML, from the CLI and from the app's code path.

Real everything: a DuckDB store built by ``ingest`` from data/articles, Debian's
Chromium (the renderer's own and the session ``chromium`` fixture to open the
HTML offline), poppler's pdftoppm/pdftotext to read the PDF back.
"""
from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import pytest

from dashboard.query import Filter, events
from dashboard.report import PNG_WIDTH, build_report, filter_sentence
from dashboard.charts.base import date_label

from reportkit import assert_drawn_image, assert_html_draws, assert_pdf_report, cli, pdf_text

ORG = "Tổng cục Kỹ thuật"
MAIN_ARGS = ["--org", ORG, "--from", "2023", "--to", "2025"]
MAIN_FILTER = Filter(orgs=(ORG,), year_from=2023, year_to=2025)
# Every sample event: proves dates and drawn traces whatever the main case holds.
BROAD_FILTER = Filter()

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def db_path(tmp_path_factory, samples_dir) -> Path:
    from dashboard.store.ingest import ingest

    path = tmp_path_factory.mktemp("store") / "dashboard.duckdb"
    ingest(sorted(p for p in samples_dir.iterdir() if p.is_file()), path)
    return path


@pytest.fixture(scope="module")
def con(db_path):
    from dashboard.store.db import connect

    con = connect(db_path, read_only=True)
    yield con
    con.close()


def expect(con, f: Filter) -> dict:
    """What a report of ``f`` must say: the sentence, and each event's date as printed."""
    frame = events(con, f)
    def opt(v):  # DuckDB NULLs arrive as None, NaN or NA depending on the column
        return None if v is None or pd.isna(v) else v

    # Without the day part ("Chiều"): the narrow date column may wrap it onto its own line.
    dates = [date_label(r.date, opt(r.date_end), r.precision, "vi") for r in frame.itertuples()]
    # The start of each event's source sentence, quoted under its title (inferred events have none).
    evidence = [" ".join(str(r.evidence).split()[:8]) for r in frame.itertuples() if opt(r.evidence)]
    return {"sentence": filter_sentence(con, f, "vi"), "dates": dates, "evidence": evidence}


@pytest.fixture(scope="module")
def expected(con) -> dict:
    return expect(con, MAIN_FILTER)


@pytest.fixture(scope="module")
def expected_broad(con) -> dict:
    out = expect(con, BROAD_FILTER)
    assert out["dates"], "the sample corpus has dated events"
    return out


# -- CLI -----------------------------------------------------------------------------------
def test_report_cli_pdf_has_sentence_names_and_dates(db_path, tmp_path, expected):
    out = tmp_path / "report.pdf"
    res = cli("--db", str(db_path), *MAIN_ARGS, "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert_pdf_report(out, tmp_path, expected, (ORG,))


def test_report_cli_png_has_expected_width_and_is_drawn(db_path, tmp_path):
    out = tmp_path / "report.png"
    res = cli("--db", str(db_path), *MAIN_ARGS, "--out", str(out))
    assert res.returncode == 0, res.stderr
    img = assert_drawn_image(out)
    assert img.width == PNG_WIDTH
    assert img.height > 300  # header and at least the timeline


def test_report_cli_html_opens_offline_and_draws(db_path, tmp_path, chromium, expected):
    out = tmp_path / "report.html"
    res = cli("--db", str(db_path), *MAIN_ARGS, "--out", str(out))
    assert res.returncode == 0, res.stderr
    text = out.read_text(encoding="utf-8")
    assert 'src="http' not in text and "<script src" not in text
    assert text.count("Plotly.newPlot(") >= 1 and expected["sentence"] in text
    assert_html_draws(chromium, out)


def test_report_cli_reads_abbreviations_and_plain_text_as_organisations(db_path, tmp_path, expected):
    out = tmp_path / "report.html"
    res = cli("--db", str(db_path), "--org", "tong cuc ky thuat", "--from", "2023", "--to", "2025",
              "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert f"read as '{ORG}'" in res.stderr
    assert f'<p class="filter">{expected["sentence"]}</p>' in out.read_text(encoding="utf-8")


def test_report_cli_builds_a_missing_store(tmp_path):
    db = tmp_path / "fresh.duckdb"
    out = tmp_path / "report.html"
    res = cli("--db", str(db), *MAIN_ARGS, "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert db.exists() and out.stat().st_size > 1_000_000


@pytest.mark.parametrize("out, message", [
    ("report.docx", "unsupported output suffix"),
    ("report", "unsupported output suffix"),
    ("missing-folder/report.pdf", "does not exist"),
])
def test_report_cli_bad_output_is_one_line_error(db_path, tmp_path, out, message):
    res = cli("--db", str(db_path), "--out", str(tmp_path / out))
    assert res.returncode != 0
    assert message in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert "Traceback" not in res.stderr


@pytest.mark.parametrize("folder", ["/proc", "file-as-folder"])
def test_report_cli_unwritable_folder_is_one_line_error(db_path, tmp_path, folder):
    # Tests run as root, which writes through chmod; /proc and a plain file used as
    # a folder refuse root too, so both stand in for a read-only or full disk.
    if folder == "file-as-folder":
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("x")
        folder = blocker
    res = cli("--db", str(db_path), "--out", f"{folder}/r.pdf")
    assert res.returncode != 0 and "Traceback" not in res.stderr
    assert "cannot write" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_report_cli_unknown_kind_is_one_line_error(db_path, tmp_path):
    res = cli("--db", str(db_path), "--kind", "party", "--out", str(tmp_path / "r.html"))
    assert res.returncode == 2 and "unknown event kind" in res.stderr and "Traceback" not in res.stderr


# -- the app's code path ------------------------------------------------------------------
def test_report_app_path_pdf(con, tmp_path, expected):
    out = tmp_path / "app.pdf"
    out.write_bytes(build_report(con, MAIN_FILTER, "vi", "pdf"))
    assert_pdf_report(out, tmp_path, expected, (ORG,))


def test_report_app_path_pdf_lists_every_event_date(con, tmp_path, expected_broad):
    out = tmp_path / "broad.pdf"
    out.write_bytes(build_report(con, BROAD_FILTER, "vi", "pdf"))
    names = ("Tổng cục Công nghiệp quốc phòng", "Bộ Công Thương", "Bộ Quốc phòng")
    assert_pdf_report(out, tmp_path, expected_broad, names)


def test_report_pdf_says_who_issued_reviewed_and_signed(con, tmp_path):
    """The organisation x year table comes after the heatmap; its lines read back from the PDF."""
    out = tmp_path / "summary.pdf"
    out.write_bytes(build_report(con, BROAD_FILTER, "vi", "pdf"))
    text = " ".join(pdf_text(out, layout=False).split())
    heat, table, docs = (text.find(s) for s in (
        "Sự kiện theo cơ quan và năm", "Theo cơ quan và năm: ban hành, tổng kết, ký kết",
        "Văn bản được nhắc đến nhiều nhất theo năm"))
    assert -1 < heat < table < docs, (heat, table, docs)
    part = text[table:docs]
    # 000 and 003 name their resolutions' issuers and dates; 000's conference reviews 806-NQ/QUTW.
    for line in ("Quân ủy Trung ương", "31/12/2013 · Nghị quyết 806-NQ/QUTW", "Bộ Chính trị",
                 "26/1/2022 · Nghị quyết 08-NQ/TW", "22/11/2023 · Hội nghị tổng kết 10 năm", "Buổi làm việc: 1"):
        assert line in part, line
    en = tmp_path / "summary-en.pdf"
    en.write_bytes(build_report(con, BROAD_FILTER, "en", "pdf"))
    text = " ".join(pdf_text(en, layout=False).split())
    assert "By organisation and year: issued, reviewed, signed" in text
    assert "Central Military Commission" in text and "31/12/2013 · Resolution 806-NQ/QUTW" in text


def test_report_app_path_png_from_another_thread(con):
    # Streamlit runs scripts in threads: the renderer must serve any thread.
    # DuckDB connections are not shared across threads, so the thread gets a cursor.
    result: dict = {}
    cur = con.cursor()
    thread = threading.Thread(target=lambda: result.update(png=build_report(cur, BROAD_FILTER, "vi", "png")))
    thread.start()
    thread.join(120)
    img = assert_drawn_image(result["png"], min_ink=0.03)
    assert img.width == PNG_WIDTH
    assert img.height > 4000  # five charts, each a few hundred CSS px tall, at 2 px per CSS px


def test_report_app_path_html_draws_offline(con, tmp_path, chromium, expected_broad):
    out = tmp_path / "app.html"
    out.write_bytes(build_report(con, BROAD_FILTER, "vi", "html"))
    assert expected_broad["sentence"] in out.read_text(encoding="utf-8")
    drawn = assert_html_draws(chromium, out)
    assert len(drawn) == 5 and all(traces and shapes for traces, shapes in drawn), drawn


def test_report_english_labels(con, tmp_path):
    out = tmp_path / "en.pdf"
    out.write_bytes(build_report(con, MAIN_FILTER, "en", "pdf"))
    text = " ".join(pdf_text(out).split())
    assert filter_sentence(con, MAIN_FILTER, "en") in text
    assert "Policy timeline report" in text and "Events" in text
    assert "Báo cáo" not in text


def test_report_empty_view_still_renders(con, tmp_path):
    f = Filter(orgs=("Không có cơ quan này",))
    out = tmp_path / "empty.pdf"
    out.write_bytes(build_report(con, f, "vi", "pdf"))
    assert "Không có sự kiện nào khớp bộ lọc" in " ".join(pdf_text(out).split())


def test_report_second_export_reuses_chromium(con):
    import time

    from dashboard.report import get_renderer

    build_report(con, MAIN_FILTER, "vi", "png")
    renderer = get_renderer()
    assert renderer.started
    t0 = time.perf_counter()
    build_report(con, MAIN_FILTER, "vi", "pdf")
    assert time.perf_counter() - t0 < 8
    assert get_renderer() is renderer

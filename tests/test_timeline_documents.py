"""The timeline's documents: the SQL cut (``query.timeline_documents``) and the
figure's own cuts (``gantt.document_lanes``, ``milestones.most_cited``) agree.

The figure drawn from the cut frame must be the figure drawn from every dated
document (``query.documents(dated_only=True)``), whatever the filter. The caps
are lowered so that the small stores exercise both cuts, with ties.
"""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from dashboard import i18n
from dashboard import query as Q
from dashboard.charts.base import date_label, esc
from dashboard.charts.gantt import is_missing
from dashboard.charts import gantt, milestones
from dashboard.charts.timeline import timeline_figure
from dashboard.query.timeline_documents import timeline_documents
from dashboard.sample_store import build_sample_db
from dashboard.synthetic_store import build_synthetic_db

FILTERS = [Q.Filter(), Q.Filter(year_from=2015, year_to=2018), Q.Filter(year_from=2020), Q.Filter(year_to=2012),
           Q.Filter(kinds=("signing",)), Q.Filter(orgs=("Tổng cục Kỹ thuật",)), Q.Filter(q="nghị quyết"),
           Q.Filter(docs=("806-NQ/QUTW", "101-NQ/TW")), Q.Filter(year_from=2023, year_to=2025, kinds=("signing",))]


@pytest.fixture(scope="module", params=["sample", "synthetic"])
def con(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("td") / "store.duckdb"
    build_sample_db(path) if request.param == "sample" else build_synthetic_db(path, 3000)
    c = duckdb.connect(str(path), read_only=True)
    yield c
    c.close()


@pytest.mark.parametrize("diamonds, lanes", [(5, 3), (2, 1), (1500, 8)])  # more diamonds than lanes
@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f.sentence("en")[:40])
def test_timeline_documents_draw_the_same_figure_as_every_dated_document(con, f, diamonds, lanes, monkeypatch):
    monkeypatch.setattr(milestones, "MAX_DIAMONDS", diamonds)
    monkeypatch.setattr(gantt, "MAX_DOC_LANES", lanes)
    years = (f.year_from, f.year_to)
    with Q.materialised(con, f) as mf:
        every = Q.documents(con, mf, dated_only=True)
        cut = timeline_documents(con, mf, top_issued=diamonds, bar_lanes=lanes)
    assert len(cut) <= min(len(every), diamonds + lanes)
    assert set(cut["document_id"]) <= set(every["document_id"])
    for lang in ("vi", "en"):
        assert (timeline_figure(None, cut, lang=lang, years=years).to_json()
                == timeline_figure(None, every, lang=lang, years=years).to_json())


def test_timeline_documents_keep_the_frame_order_dtypes_and_counts(con):
    every = Q.documents(con, Q.Filter(), dated_only=True)
    cut = timeline_documents(con, Q.Filter(), top_issued=10_001, bar_lanes=10_000)
    assert list(cut["document_id"]) == list(every["document_id"])  # nothing to cut: the same rows
    assert (cut["n_issued_total"] == every["issued_day"].notna().sum()).all()
    same = [c for c in cut.columns if c in every.columns]
    pd.testing.assert_frame_equal(cut[same], every[same])


def _bars_in(docs: pd.DataFrame, years: tuple) -> pd.DataFrame:
    bars = gantt.document_bars(docs)
    keep = [(years[0] is None or e.year >= years[0]) and (years[1] is None or s.year <= years[1])
            for s, e in zip(bars["start"], bars["end"])]
    return bars[keep]


@pytest.mark.parametrize("years", [(None, None), (2015, 2018), (2022, None), (None, 2010)])
def test_timeline_documents_gantt_lanes_are_the_most_cited_with_a_bar_in_the_years(con, years):
    docs = Q.documents(con, Q.Filter(), dated_only=True)
    lanes, lane_of, bars = gantt.document_lanes(docs, "en", years)
    barred = set(_bars_in(docs, years)["document_id"])
    ranked = docs.assign(_n=docs["n_mentions_shown"]).sort_values("_n", ascending=False, kind="stable")
    expected = [d for d in ranked["document_id"] if d in barred][:gantt.MAX_DOC_LANES]
    assert sorted(lane_of[d] for d in expected) == list(range(len(expected)))
    assert set(bars["document_id"]) == set(expected)
    assert len(lanes) in (len(expected), len(expected) + 1)  # + the shared lane when a diamond is left


def test_timeline_documents_diamond_hovers_are_the_row_hovers(con):
    docs = Q.documents(con, Q.Filter(), dated_only=True)
    for lang in ("vi", "en"):
        rows = docs.to_dict("records")
        assert milestones._doc_hovers(docs, lang) == [_doc_hover(r, lang) for r in rows]


def _doc_hover(d, lang: str) -> str:
    """The reference: one document's hover lines, written plainly from its row dict."""
    name = next((d.get(k) for k in ("name", "symbol", "document_id") if not is_missing(d.get(k))), "?")
    lines = [f"<b>{esc(name)}</b>",
             esc(i18n.doc_kind_label(d.get("kind"), lang))]
    if not is_missing(d.get("issued")):
        precision = {10: "day", 7: "month"}.get(len(str(d["issued"])), "year")
        lines.append(f"{i18n.t('hover_issued', lang)}: {date_label(d['issued'], None, precision, lang)}")
    if not is_missing(d.get("issuer")):
        lines.append(f"{i18n.t('col_issuer', lang)}: {esc(d['issuer'])}")
    if not is_missing(d.get("subject")):
        lines.append(esc(d["subject"])[:120])
    if not is_missing(d.get("horizon")):
        lines.append(f"{i18n.t('col_horizon', lang)}: {esc(d['horizon'])}")
    if not is_missing(d.get("period")):
        lines.append(f"{i18n.t('col_period', lang)}: {esc(d['period'])}")
    return "<br>".join(lines)


"""Figure builders: encoding rules, language, empty states, large views.

Assertions read the figures' data (what plotly.js will draw), not pixels; one
test writes the sample timeline to artifacts/ as PNG so a person can look.
"""
from __future__ import annotations

import time

import duckdb
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import i18n
from dashboard import query as Q
from dashboard.charts import colours
from dashboard.charts.base import FONT_FAMILY, date_label
from dashboard.charts.figures import FIGURE_KEYS, build_figures, build_timeline
from dashboard.charts.milestones import DAY_MS
from dashboard.charts.timeline import LARGE, timeline_figure
from dashboard.synthetic_store import build_synthetic_db

NOTHING = Q.Filter(orgs=("Không tồn tại",))


@pytest.fixture(scope="module")
def con(hand_built_store):
    return hand_built_store


def event_traces(fig: go.Figure, precision: str | None = None) -> list:
    return [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("role") == "events"
            and (precision is None or t.meta.get("precision") == precision)]


def n_points(fig: go.Figure) -> int:
    return sum(len(t.x) for t in event_traces(fig))


def test_charts_figure_data_changes_with_the_filter(con):
    everything = build_figures(con, Q.Filter())
    tckt = build_figures(con, Q.Filter(orgs=("Tổng cục Kỹ thuật",)))
    assert set(everything) == set(FIGURE_KEYS)
    assert n_points(tckt["timeline"]) < n_points(everything["timeline"])
    total = lambda fig: sum(sum(t.y) for t in fig.data)  # noqa: E731
    assert total(tckt["per_year"]) == 1 < total(everything["per_year"]) == 6


def test_charts_coarse_precision_is_a_span_not_a_day(con):
    fig = build_timeline(con, Q.Filter())
    spans = event_traces(fig, "span")
    assert spans and all(isinstance(t, go.Bar) for t in spans)
    widths = [w for t in spans for w in t.x]
    assert min(widths) > DAY_MS  # a quarter and two years, never a single day
    assert max(widths) >= 365 * DAY_MS
    days = event_traces(fig, "day")
    assert all(isinstance(t, go.Scatter) and t.mode == "markers" for t in days)


def test_charts_inferred_dates_look_different(con):
    fig = build_timeline(con, Q.Filter())
    inferred = [t for t in event_traces(fig) if t.meta["inferred"]]
    explicit = [t for t in event_traces(fig) if not t.meta["inferred"]]
    assert inferred and explicit
    for t in inferred:
        assert (t.marker.pattern.shape == "/") if isinstance(t, go.Bar) else (t.marker.symbol == "circle-open")
    for t in explicit:
        assert (not t.marker.pattern.shape) if isinstance(t, go.Bar) else (t.marker.symbol == "circle")
    assert i18n.t("legend_inferred", "vi") in [t.name for t in fig.data]


def test_charts_documents_are_milestones_and_gantt_bars(con):
    fig = build_timeline(con, Q.Filter())
    issued = [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("role") == "issued"]
    assert issued and issued[0].marker.symbol == "diamond"
    assert len(issued[0].x) == 2  # 806-NQ/QUTW (2013) and 08-NQ/TW (2022) have issue dates
    horizon = next(t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("role") == "horizon")
    period = next(t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("role") == "period")
    starts = sorted(pd.Timestamp(b).year for b in horizon.base)
    assert starts == [2013, 2022]
    ends = sorted((pd.Timestamp(b) + pd.Timedelta(milliseconds=w)).year for b, w in zip(horizon.base, horizon.x))
    assert ends == [2021, 2031]  # through 31/12/2020 and 31/12/2030
    assert pd.Timestamp(period.base[0]).year == 2023 and period.x[0] == 1096 * DAY_MS  # 2023-2025 incl. 29/2/2024
    ticks = list(fig.layout.yaxis.ticktext)
    assert ticks[:2] == ["806-NQ/QUTW", "08-NQ/TW"]


def test_charts_hover_has_title_date_orgs_and_evidence(con):
    fig = build_timeline(con, Q.Filter(orgs=("Tổng cục Kỹ thuật",)), lang="vi")
    text = event_traces(fig)[0].hovertext[0]
    assert "Ký kết Chương trình phối hợp" in text and "Quý I/2023" in text and "Tổng cục Kỹ thuật" in text
    assert "<i>" in text and "<br>" in text
    en = event_traces(build_timeline(con, Q.Filter(orgs=("Tổng cục Kỹ thuật",)), lang="en"))[0].hovertext[0]
    assert "Q1 2023" in en and "General Department of Technology" in en


@pytest.mark.parametrize("lane", ["organisation", "kind"])
def test_charts_lanes_switch(con, lane):
    fig = build_timeline(con, Q.Filter(), lane=lane, lang="en")
    ticks = list(fig.layout.yaxis.ticktext)
    if lane == "kind":
        assert "Review conference" in ticks and "Signing" in ticks
    else:
        assert "General Department of Defence Industry" in ticks


def test_charts_years_are_ordered_categories(con):
    figs = build_figures(con, Q.Filter())
    for key in ("per_year", "heatmap", "documents"):
        axis = figs[key].layout.xaxis
        assert axis.type == "category" and axis.categoryorder == "array"
        assert list(axis.categoryarray) == sorted(axis.categoryarray)
        assert all(isinstance(y, str) and len(y) == 4 for y in axis.categoryarray)
    assert list(figs["per_year"].layout.xaxis.categoryarray) == ["2020", "2021", "2022", "2023"]  # gap kept


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_charts_empty_state(con, lang):
    figs = build_figures(con, NOTHING, lang)
    for key, fig in figs.items():
        notes = [a.text for a in fig.layout.annotations]
        assert i18n.t("empty", lang) in notes, key
        assert fig.layout.title.text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_charts_titles_axes_fonts_and_size(con, lang):
    other = "en" if lang == "vi" else "vi"
    for key, fig in build_figures(con, Q.Filter(), lang).items():
        assert fig.layout.title.text and fig.layout.font.family == FONT_FAMILY
        assert fig.layout.width == 1100 and fig.layout.height >= 380
        if key != "network":
            assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
            assert fig.layout.xaxis.title.text != i18n.t("axis_year", other) or lang == other
    assert build_figures(con, Q.Filter(), "vi")["per_year"].layout.xaxis.title.text == "Năm"
    assert build_figures(con, Q.Filter(), "en")["per_year"].layout.xaxis.title.text == "Year"


def test_charts_colours_are_stable():
    assert colours.org_colour("Tổng cục Kỹ thuật") == colours.org_colour("Tổng cục Kỹ thuật")
    assert colours.org_colour("Nhà máy Z999") == colours.org_colour("Nhà máy Z999") in colours.PALETTE
    fixed = list(colours.FIXED_ORG_COLOURS.values())
    assert len(set(fixed)) == len(fixed)
    assert len({colours.kind_colour(k) for k in colours.KIND_COLOURS}) == len(colours.KIND_COLOURS)


def test_charts_same_kind_same_colour_across_charts(con):
    figs = build_figures(con, Q.Filter(), "vi")
    label = i18n.kind_label("signing", "vi")
    bar = next(t for t in figs["per_year"].data if t.name == label)
    dots = [t for t in event_traces(figs["timeline"]) if t.name == label]
    assert bar.marker.color == colours.kind_colour("signing")
    assert dots and all(colours.kind_colour("signing") in (t.marker.line.color, t.marker.color) for t in dots)


@pytest.mark.parametrize("value, end, precision, lang, expected", [
    ("2023-11-22", None, "day", "vi", "22/11/2023"), ("2023-11", None, "month", "vi", "11/2023"),
    ("2024-07", "2024-09", "quarter", "vi", "Quý III/2024"), ("2024-07", "2024-09", "quarter", "en", "Q3 2024"),
    ("2022-01", "2022-06", "half", "vi", "6 tháng đầu năm 2022"), ("2020", None, "year", "en", "2020"),
    ("2023", "2025", "period", "vi", "2023–2025"), ("bad", None, "day", "vi", "bad")])
def test_charts_date_label_keeps_precision(value, end, precision, lang, expected):
    assert date_label(value, end, precision, lang) == expected


def test_charts_large_view_uses_webgl(tmp_path):
    path = build_synthetic_db(tmp_path / "big.duckdb", 100_000)
    con = duckdb.connect(str(path), read_only=True)
    build_figures(con, Q.Filter())  # warm: plotly templates, imports
    for f in (Q.Filter(), Q.Filter(orgs=("Tổng cục Kỹ thuật",)), Q.Filter(year_from=2023, year_to=2025),
              Q.Filter(q="hoi nghi")):
        timings: dict = {}
        t0 = time.perf_counter()
        counts = Q.event_counts(con, f)
        figs = build_figures(con, f, "vi", timings=timings)
        total = time.perf_counter() - t0
        print(f"\n{f.sentence('en')}: {counts[0]:,}/{counts[1]:,} events, counts+figures {total * 1000:.0f} ms "
              + ", ".join(f"{k} {v * 1000:.0f}" for k, v in timings.items()))
        if counts[0] > LARGE:
            traces = event_traces(figs["timeline"])
            assert traces and all(isinstance(t, go.Scattergl) for t in traces)
            assert not any(isinstance(t, go.Bar) for t in traces)
            assert sum(len(t.x) for t in traces) < 60_000
    con.close()


def test_charts_bin_hover_says_lane_when_count_and_first_title():
    from dashboard.charts.timeline_large import _bin_hover

    b = pd.DataFrame({"lane_key": ["Bộ Quốc phòng", "Bộ Quốc phòng", "x"], "is_day": [True, False, True],
                      "inferred": [False, True, False],
                      "start": pd.to_datetime(["2023-03-01", "2023-01-01", "2023-05-01"]),
                      "end": pd.to_datetime(["2023-03-31", "2025-12-31", "2023-05-31"]), "n": [3, 1, 2],
                      "_g": ["signing", "other", "signing"], "sample": ["A & <b>", "T" * 200, None]})
    vi = _bin_hover(b, {"Bộ Quốc phòng": "Bộ <Quốc> phòng"}, {"signing": "Ký kết"}, "vi")
    assert vi[0] == ("<b>Bộ &lt;Quốc&gt; phòng</b><br>03/2023<br>" + i18n.t("hover_count", "vi")
                     + ": 3 · Ký kết<br><i>A &amp; &lt;b&gt;</i>")
    assert "01/01/2023–31/12/2025 (" + i18n.t("hover_basis_inferred", "vi") + ")" in vi[1]
    assert vi[1].endswith("<i>" + "T" * 90 + "</i>") and " · <br>" in vi[1]  # unknown group: no name
    assert vi[2] == ""  # no title to show: no hover, as before
    en = _bin_hover(b, {}, {}, "en")
    assert en[0].startswith("<b></b><br>2023-03<br>") and "2023-01-01–2025-12-31" in en[1]


def test_charts_large_events_frame_is_binned():
    n = LARGE + 100
    ev = pd.DataFrame({
        "event_id": [str(i) for i in range(n)], "date": "2023-01-05", "date_end": None,
        "date_start_day": pd.Timestamp("2023-01-05"), "date_end_day": pd.Timestamp("2023-01-05"),
        "precision": "day", "date_basis": "explicit", "kind": "signing", "title": "t",
        "organisations": [["Bộ Quốc phòng"]] * n})
    fig = timeline_figure(ev, None, "organisation", "en")
    traces = event_traces(fig)
    assert len(traces) == 1 and isinstance(traces[0], go.Scattergl) and len(traces[0].x) == 1
    assert "5,100" in fig.layout.title.text


def test_charts_png_of_the_sample_timeline(con, artifacts_dir):
    fig = build_timeline(con, Q.Filter(), lang="vi")
    out = artifacts_dir / "charts_sample_timeline.png"
    fig.write_image(out)
    from PIL import Image

    with Image.open(out) as img:
        assert img.size == (fig.layout.width, fig.layout.height)
        assert len(img.convert("RGB").getcolors(1 << 20) or []) > 10  # not blank


def test_charts_heatmap_colour_scale_runs_light_to_dark():
    """Zero must look empty and the busiest cell darkest (plotly.js's named "Blues" is reversed)."""
    from dashboard.charts.stats import BLUES, heatmap_figure

    assert BLUES[0][1].lower() > BLUES[-1][1].lower()  # '#f7…' (light) before '#08…' (dark)
    counts = pd.DataFrame({"name": ["Bộ Quốc phòng", "Bộ Quốc phòng"], "name_en": ["Ministry of National Defence"] * 2,
                           "year": [2022, 2023], "n": [1, 3]})
    fig = heatmap_figure(counts, "vi")
    scale = fig.data[0].colorscale
    assert scale[0][1].lower() == "#f7fbff" and scale[-1][1].lower() == "#08306b"


def test_charts_timeline_draws_only_the_most_cited_documents_when_there_are_thousands():
    from dashboard.charts import milestones

    n = milestones.MAX_DIAMONDS + 500
    docs = pd.DataFrame({
        "document_id": [f"d{i}" for i in range(n)],
        "symbol": [f"{i}-NQ/TW" for i in range(n)],
        "kind": "resolution",
        "issued_day": pd.to_datetime("2020-01-01") + pd.to_timedelta([i % 2000 for i in range(n)], unit="D"),
        # citation counts: d0 is cited least, the last document most
        "n_mentions_shown": list(range(n)),
    })
    fig = timeline_figure(None, docs, lang="vi")
    (diamonds,) = [t for t in fig.data if (t.meta or {}).get("role") == "issued"]
    assert len(diamonds.x) == milestones.MAX_DIAMONDS
    # the least cited 500 are the ones left out
    hovers = " ".join(diamonds.hovertext)
    assert f"<b>{n - 1}-NQ/TW</b>" in hovers and "<b>500-NQ/TW</b>" in hovers and "<b>499-NQ/TW</b>" not in hovers
    assert diamonds.name == "Ngày ban hành: 1.500 văn bản được trích dẫn nhiều nhất / 2.000"
    fig_en = timeline_figure(None, docs, lang="en")
    (en,) = [t for t in fig_en.data if (t.meta or {}).get("role") == "issued"]
    assert en.name == "Document issued: the 1,500 most cited of 2,000"


def test_charts_a_documents_horizon_bar_starts_after_its_period():
    """"Giai đoạn 2024-2030, tầm nhìn đến năm 2045", issued 5/3/2024: the hatched horizon bar started at the issue
    day and, drawn over the period bar, hid it in the PDF. It now runs from the period's end; with no period,
    from the issue day."""
    from dashboard.charts.gantt import document_bars

    docs = pd.DataFrame({"document_id": ["a", "b"], "symbol": ["1234/QĐ-BQP", "08-NQ/TW"], "name": [None, None],
                         "period_start": [2024, None], "period_end": [2030, None], "horizon_year": [2045, 2030],
                         "issued_day": pd.to_datetime(["2024-03-05", "2022-01-26"])})
    bars = document_bars(docs)
    got = [(r.document_id, r.bar, str(r.start), str(r.end)) for r in bars.itertuples()]
    assert got == [("a", "period", "2024-01-01", "2030-12-31"), ("a", "horizon", "2031-01-01", "2045-12-31"),
                   ("b", "horizon", "2022-01-26", "2030-12-31")]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_charts_timeline_with_documents_but_no_events_has_no_note_across_them(lang):
    """The "no events" note lay across the document's bar; the page says it above the chart."""
    docs = pd.DataFrame({"document_id": ["a"], "symbol": ["1234/QĐ-BQP"], "kind": ["decision"], "name": [None],
                         "period_start": [2024], "period_end": [2030], "horizon_year": [2045],
                         "issued_day": pd.to_datetime(["2024-03-05"]), "n_mentions_shown": [1]})
    fig = timeline_figure(None, docs, lang=lang)
    assert i18n.t("empty", lang) not in [a.text for a in fig.layout.annotations]
    assert any((t.meta or {}).get("role") == "issued" for t in fig.data)
    assert i18n.t("empty", lang) in [a.text for a in timeline_figure(None, None, lang=lang).layout.annotations]


def test_charts_long_document_label_keeps_its_period():
    from dashboard.charts.gantt import LABEL_WIDTH, doc_label

    a = {"name": "Chương trình phối hợp về đào tạo nguồn nhân lực công nghiệp quốc phòng", "period_start": 2019,
         "period_end": 2021.0}
    b = dict(a, period_start=2023, period_end=2025)
    assert doc_label(a) != doc_label(b)
    assert doc_label(a).endswith("… 2019–2021") and len(doc_label(a)) <= LABEL_WIDTH
    assert doc_label(a).startswith("Chương trình phối hợp về")
    # the period written at the end of the name is not repeated
    c = {"name": "Chương trình phối hợp về phát triển công nghiệp giai đoạn 2023-2025", "period_start": 2023,
         "period_end": 2025}
    assert doc_label(c).endswith("… 2023–2025") and doc_label(c).count("2023") == 1
    short = {"name": "Chương trình phối hợp giai đoạn 2013-2015", "period_start": 2013, "period_end": 2015}
    assert doc_label(short) == short["name"]
    assert doc_label({"name": a["name"]}) == a["name"][:LABEL_WIDTH - 2] + "…"  # no period: cut at the width
    assert doc_label({"symbol": "08-NQ/TW", "name": a["name"], "period_start": 2019, "period_end": 2021}) == "08-NQ/TW"


def test_charts_timeline_shows_document_lane_labels_whole(con):
    """The lane ticks show the label as doc_label made it: the programme's period stays visible
    (the ticks used to cut every label again at 40 characters, period included)."""
    from dashboard.charts.figures import build_timeline
    from dashboard.query import Filter

    ticks = build_timeline(con, Filter(), "vi").layout.yaxis.ticktext
    programme = [t for t in ticks if t.startswith("Chương trình phối hợp")]
    assert programme and all(t.endswith("2023–2025") for t in programme), ticks


def test_charts_large_timeline_names_organisations_in_english_from_the_store(tmp_path):
    """Binned (large) views label lanes and colours with the store's English names, as small views
    do; they used to know only the built-in list, so most lanes stayed Vietnamese in English."""
    from dashboard.charts.figures import build_timeline

    path = build_synthetic_db(tmp_path / "big.duckdb", 30_000)
    con = duckdb.connect(str(path))
    [(busiest,)] = con.execute("""SELECT o.name FROM event_organisations x JOIN organisations o USING (org_id)
                                  GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""").fetchall()
    con.execute("UPDATE organisations SET name = 'Cục Thử nghiệm', name_en = 'Testing Department' WHERE name = ?",
                [busiest])
    con.close()
    con = duckdb.connect(str(path), read_only=True)
    assert Q.event_counts(con, Q.Filter())[0] > LARGE
    en = build_timeline(con, Q.Filter(), "en")
    assert "Testing Department" in en.layout.yaxis.ticktext and "Cục Thử nghiệm" not in en.layout.yaxis.ticktext
    assert "Cục Thử nghiệm" in build_timeline(con, Q.Filter(), "vi").layout.yaxis.ticktext
    by_kind = build_timeline(con, Q.Filter(), "en", lane="kind")
    names = {t.name for t in by_kind.data if t.name}
    assert "Testing Department" in names and "Cục Thử nghiệm" not in names
    con.close()


def test_charts_network_dense_core_keeps_every_node_apart():
    """~15 organisations that all share events (what 100k events give) plus a few loosely linked
    ones: the force layout packed the core into one blob of overlapping names; dense graphs
    stay on the circle, names written outwards."""
    import itertools

    from dashboard.charts.network import network_figure

    core = [f"Cơ quan {i}" for i in range(15)]
    rim = [f"Học viện {i}" for i in range(10)]
    edges = [(a, b, 20 + 17 * (i % 9)) for i, (a, b) in enumerate(itertools.combinations(core, 2))]
    edges += [(r, core[i % 15], 2) for i, r in enumerate(rim)] + [(rim[0], core[0], 399)]
    nodes = pd.DataFrame({"name": core + rim, "name_en": None, "n": [500 - 10 * i for i in range(25)]})
    fig = network_figure(nodes, pd.DataFrame(edges, columns=["a", "b", "n"]), "vi")
    [points] = [t for t in fig.data if t.mode == "markers+text"]
    x, y = np.array(points.x), np.array(points.y)
    gap = np.hypot(x[:, None] - x[None], y[:, None] - y[None]) + np.eye(len(x)) * 9
    assert gap.min() > 0.2, gap.min()
    sides = [p for p, xi in zip(points.textposition, x) if abs(xi) > 0.5]
    assert sides and all(p == ("middle left" if xi < 0 else "middle right")
                         for p, xi in zip(points.textposition, x) if abs(xi) > 0.5)


def test_charts_heatmap_colour_bar_counts_in_whole_events():
    """A colour bar of 0-3 events ticks 0, 1, 2, 3 (plotly's own choice was 0, 0.5, 1, ...); large counts keep auto ticks."""
    from dashboard.charts.stats import heatmap_figure

    small = pd.DataFrame({"name": ["Bộ Quốc phòng"] * 2, "name_en": [None] * 2, "year": [2022, 2023], "n": [1, 3]})
    bar = heatmap_figure(small, "en").data[0].colorbar
    assert (bar.tick0, bar.dtick) == (0, 1)
    large = small.assign(n=[40, 700])
    assert heatmap_figure(large, "en").data[0].colorbar.dtick is None


def test_charts_org_colours_in_one_legend_are_all_different(con):
    """Two hashed names can land on one palette slot (Z5 and Z7), or on a fixed colour (Z0 and the army's green):
    a legend must still tell them apart; the busiest keeps its usual colour."""
    names = ["Nhà máy Z5", "Nhà máy Z7", "Quân đội nhân dân Việt Nam", "Nhà máy Z0"]
    assert colours.org_colour(names[0]) == colours.org_colour(names[1])
    assert colours.org_colour(names[2]) == colours.org_colour(names[3])
    given = colours.org_colours(names)
    assert len(set(given.values())) == len(names)
    assert given[names[0]] == colours.org_colour(names[0]) and given[names[2]] == colours.org_colour(names[2])
    assert colours.org_colours(names) == given  # the same names give the same colours

    base = Q.events(con, Q.Filter())
    for n_rows in (len(names) * 3, LARGE + 4):  # the SVG figure and the binned WebGL one
        ev = pd.concat([base] * (n_rows // len(base) + 1), ignore_index=True).head(n_rows)
        # Each copy of a base event keeps one organisation, so the monthly bins (coloured by their
        # most frequent organisation) name all four too.
        assert len(base) >= len(names)
        ev = ev.assign(event_id=[f"e{i}" for i in range(len(ev))],
                       organisations=[[names[i % len(base) % len(names)]] for i in range(len(ev))],
                       organisations_en=[[None] for _ in range(len(ev))])
        fig = timeline_figure(ev, None, lane="kind", lang="vi")
        legend = {}
        for t in fig.data:
            if t.showlegend is not False and t.name in names:
                # Dots and bars carry the pure colour on their outline (fills may be white or translucent);
                # the WebGL legend entries only as marker colour.
                legend[t.name] = t.marker.line.color or t.marker.color
        assert set(legend) == set(names), (n_rows, legend)
        assert len(set(legend.values())) == len(names), (n_rows, legend)


def test_charts_network_and_documents_colour_each_item_apart():
    """Names that share a hash slot (Z5 and Z7) get different circles in the network and the documents chart."""
    from dashboard.charts.network import network_figure
    from dashboard.charts.stats import documents_figure

    nodes = pd.DataFrame({"name": ["Nhà máy Z5", "Nhà máy Z7", "Bộ Quốc phòng"], "n": [5, 3, 2]})
    edges = pd.DataFrame({"a": ["Nhà máy Z5", "Nhà máy Z7"], "b": ["Nhà máy Z7", "Bộ Quốc phòng"], "n": [2, 1]})
    fig = network_figure(nodes, edges, "vi")
    circles = next(t for t in fig.data if t.mode == "markers+text")
    assert len(set(circles.marker.color)) == 3
    assert circles.marker.color[0] == colours.org_colour("Nhà máy Z5")  # the busiest keeps its colour

    labels = [f"Văn bản {i}" for i in range(40)]
    clash = next((a, b) for a in labels for b in labels if a < b and colours.doc_colour(a) == colours.doc_colour(b))
    counts = pd.DataFrame({"label": list(clash), "year": [2023, 2023], "n": [4, 2]})
    dots = documents_figure(counts, "vi").data
    assert len({t.marker.color for t in dots}) == 2

"""The timeline for large views: monthly bins drawn with WebGL.

Above ``timeline.LARGE`` events one marker per event costs seconds to build
in Python and to draw in the browser (DESIGN.md section 5), and a 100k-point
cloud says less than counts do. So day-precision events are counted per lane
and calendar month (a marker whose area grows with the count); coarse events
are grouped by their exact span and drawn as WebGL line segments from the
first to the last day covered, as in the detailed view. Inferred dates stay
hollow / dotted. The bins normally come from SQL (``aggregates.timeline_bins``);
``bin_events`` computes the same frame from an events DataFrame.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import i18n
from dashboard.charts import colours
from dashboard.charts.base import esc, texts, trace
from dashboard.model import EVENT_KINDS
from dashboard.query.aggregates import OTHER_LANE

BIN_COLUMNS = ["lane_key", "is_day", "inferred", "start", "end", "n", "colour_key", "sample"]


def bin_events(ev: pd.DataFrame, lane: str) -> pd.DataFrame:
    """Pandas twin of ``aggregates.timeline_bins`` for an events frame."""
    if ev is None or ev.empty:
        return pd.DataFrame(columns=BIN_COLUMNS)
    first_org = ev["organisations"].map(lambda v: v[0] if len(v) else "")
    if lane == "kind":
        x = ev.assign(lane_key=ev["kind"], colour_key=first_org)
    else:
        x = ev.assign(lane_key=ev["organisations"].map(lambda v: list(v) if len(v) else [""]),
                      colour_key=ev["kind"]).explode("lane_key")
    start = pd.to_datetime(x["date_start_day"])
    is_day = x["precision"] == "day"
    x = x.assign(is_day=is_day, inferred=x["date_basis"] == "inferred",
                 start=start.where(~is_day, start.dt.to_period("M").dt.start_time),
                 end=pd.to_datetime(x["date_end_day"]).where(~is_day, start.dt.to_period("M").dt.end_time.dt.normalize()))
    keys = ["lane_key", "is_day", "inferred", "start", "end"]
    return x.groupby(keys, as_index=False).agg(
        n=("title", "size"), colour_key=("colour_key", lambda s: s.mode().iloc[0]), sample=("title", "min"))


def bin_lanes(bins: pd.DataFrame, lane: str, lang: str, max_lanes: int) -> tuple[pd.DataFrame, list[str]]:
    """Order lanes by event count (kinds in model order); merge the tail into one lane."""
    if lane == "kind":
        present = set(bins["lane_key"])
        return bins, [k for k in EVENT_KINDS if k in present] + sorted(present - set(EVENT_KINDS))
    totals = bins.groupby("lane_key")["n"].sum().sort_values(ascending=False)
    other = i18n.t("legend_other_orgs", lang)
    bins = bins.assign(lane_key=bins["lane_key"].replace({OTHER_LANE: other}))
    keys = [k for k in totals.index if k not in ("", OTHER_LANE)]
    if OTHER_LANE in totals.index:
        keys.append(other)
    if len(keys) > max_lanes:  # bins from bin_events, or SQL asked for more lanes
        keep = set(keys[:max_lanes - 1])
        bins = bins.assign(lane_key=bins["lane_key"].where(bins["lane_key"].isin(keep | {""}), other))
        bins = bins.groupby(["lane_key", "is_day", "inferred", "start", "end"], as_index=False).agg(
            n=("n", "sum"), colour_key=("colour_key", "first"), sample=("sample", "first"))
        keys = keys[:max_lanes - 1] + [other]
    if "" in totals.index:
        keys.append("")
    return bins, keys


def bin_traces(bins: pd.DataFrame, lane_y: dict, lane: str, lang: str,
               lane_labels: dict, max_colour_orgs: int, names_en: dict | None = None) -> list[dict]:
    """The bins as trace dicts: WebGL markers for monthly counts, WebGL segments for spans.

    ``names_en`` (organisation name -> English name) names the colours of kind lanes in English."""
    traces: list[dict] = []
    if lane == "kind":
        top = list(bins.groupby("colour_key")["n"].sum().sort_values(ascending=False).index)
        top = [k for k in top if k][:max_colour_orgs]
        other = i18n.t("legend_other_orgs", lang)
        group = bins["colour_key"].where(bins["colour_key"].isin(top), other)
        order = top + ([other] if (group == other).any() else [])
        colour_of = {**colours.org_colours([k for k in order if k != other]), other: colours.OTHER}
        names_en = names_en or {}
        name_of = {k: i18n.org_label(k, names_en.get(k), lang) if k != other else other for k in order}
    else:
        group = bins["colour_key"].where(bins["colour_key"].isin(EVENT_KINDS), "other")
        present = set(group.unique())
        order = [k for k in EVENT_KINDS if k in present]
        colour_of = {k: colours.kind_colour(k) for k in order}
        name_of = {k: i18n.kind_label(k, lang) for k in order}
    b = bins.assign(_g=group.to_numpy(), _y=bins["lane_key"].map(lane_y).astype(float))
    b = b[b["_y"].notna()]
    b = b.assign(_hover=_bin_hover(b, lane_labels, name_of, lang))
    # Few traces (each costs JSON and browser time, whatever its size). Monthly
    # counts are two traces (explicit, inferred) with a colour per point; spans need
    # one trace per colour (a line has one colour); legend entries are empty traces.
    for g in order:
        traces.append(trace("scattergl", x=[None], y=[None], mode="markers", name=name_of[g], legendgroup=str(g),
                                   marker={"color": colour_of[g], "size": 10}, meta={"role": "legend"}))
    day = b[b["is_day"]]
    # Colours as numbers on a stepped colour scale: plotly validates a list of colour
    # strings one by one (~20k checks), a numeric array in one go.
    index = {g: i for i, g in enumerate(order)}
    fill = _stepped([colours.rgba(colour_of[g], 0.75) for g in order])
    edge = _stepped([colour_of[g] for g in order])
    scale = {"cmin": -0.5, "cmax": len(order) - 0.5}
    for inferred, pts in day.groupby("inferred", sort=True):
        mid = pts["start"] + (pts["end"] - pts["start"]) / 2
        code = pts["_g"].map(index).to_numpy(dtype=float)
        traces.append(trace(
            "scattergl", x=_ms(mid), y=pts["_y"].to_numpy() + (0.12 if inferred else 0.0), mode="markers",
            showlegend=False, name="",
            marker={"size": np.minimum(5 + 2 * np.sqrt(pts["n"].to_numpy()), 24),
                    "symbol": "circle-open" if inferred else "circle",
                    **({"color": code, "colorscale": edge, **scale} if inferred else
                       {"color": code, "colorscale": fill, **scale,
                        "line": {"color": code, "colorscale": edge, **scale, "width": 1.5}})},
            hovertext=texts(pts["_hover"]), hoverinfo="text",
            meta={"role": "events", "precision": "day", "inferred": bool(inferred), "binned": True}))
    for (g, inferred), spans in b[~b["is_day"]].groupby(["_g", "inferred"], sort=True):
        # Numeric x (ms since epoch, which a date axis accepts) with NaN gaps: an
        # object array of timestamps and None would be deep-copied element by element.
        n = len(spans)
        xs = np.full(3 * n, np.nan)
        ys = np.full(3 * n, np.nan)
        end = spans["end"] + pd.Timedelta(days=1)  # to the end of the last covered day
        xs[0::3], xs[1::3] = _ms(spans["start"]), _ms(end)
        ys[0::3] = ys[1::3] = spans["_y"].to_numpy() + 0.25
        traces.append(trace(
            "scattergl", x=xs, y=ys, mode="lines", name=name_of.get(g, g), legendgroup=str(g), showlegend=False,
            line={"color": colours.rgba(colour_of.get(g, colours.OTHER), 0.35 if inferred else 0.7),
                  "width": 5 if inferred else 7, "dash": "dot" if inferred else "solid"},
            hovertext=np.repeat(texts(spans["_hover"]), 3), hoverinfo="text", connectgaps=False,
            meta={"role": "events", "precision": "span", "inferred": bool(inferred), "binned": True}))
    return traces


def _stepped(palette: list[str]) -> list[list]:
    """A colour scale on which code i (from -0.5 to n-0.5) is exactly palette[i]."""
    n = max(len(palette), 1)
    out = []
    for i, c in enumerate(palette):
        out += [[i / n, c], [(i + 1) / n, c]]
    return out or [[0, "#888"], [1, "#888"]]


def _ms(dates: pd.Series) -> np.ndarray:
    return dates.to_numpy().astype("datetime64[ms]").astype("int64").astype(float)


def _bin_hover(b: pd.DataFrame, lane_labels: dict, name_of: dict, lang: str) -> list[str]:
    """Hover text per bin: lane, month or span, count and colour group, first title.

    A loop over plain lists with the date labels memoised (bins share months and
    spans): the same strings the pandas expression built (a missing title or date
    leaves the text empty, as its NaN did), at a third of its cost.
    """
    month_fmt = "%m/%Y" if lang == "vi" else "%Y-%m"
    day_fmt = "%d/%m/%Y" if lang == "vi" else "%Y-%m-%d"
    inferred_note = f" ({i18n.t('hover_basis_inferred', lang)})"
    count_head = "<br>" + i18n.t("hover_count", lang) + ": "
    lane_names = {k: esc(v) for k, v in lane_labels.items()}
    group_names = {g: esc(v) for g, v in name_of.items()}
    months: dict = {}
    days: dict = {}
    # Dates as datetime.date (NaT as None): numpy converts a day array in one go, pandas
    # builds a Timestamp per element; both print the same with these formats.
    starts = b["start"].to_numpy().astype("datetime64[D]").tolist()
    ends = b["end"].to_numpy().astype("datetime64[D]").tolist()
    out = []
    for lane, is_day, inferred, start, end, n, g, sample in zip(
            b["lane_key"].tolist(), b["is_day"].tolist(), b["inferred"].tolist(), starts, ends,
            b["n"].tolist(), b["_g"].tolist(), b["sample"].tolist()):
        if is_day:
            when = months.get(start)
            if when is None and start is not None:
                when = months[start] = start.strftime(month_fmt)
        else:
            first, last = days.get(start), days.get(end)
            if first is None and start is not None:
                first = days[start] = start.strftime(day_fmt)
            if last is None and end is not None:
                last = days[end] = end.strftime(day_fmt)
            when = None if first is None or last is None else f"{first}–{last}"
        if when is None or not isinstance(sample, str):
            out.append("")
            continue
        out.append(f"<b>{lane_names.get(lane, '')}</b><br>{when}{inferred_note if inferred else ''}{count_head}{n}"
                   f" · {group_names.get(g, '')}<br><i>{esc(sample[:90])}</i>")
    return out

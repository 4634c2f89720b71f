"""Organisation co-occurrence network: who takes part in events together.

Nodes are organisations (size: events under the filter; colour: the
organisation's stable colour); edges join organisations that share events
(width: how many). The layout is a small deterministic force-directed
(Fruchterman-Reingold) pass in numpy, started from a circle, so the same data
always gives the same picture and no graph library is needed.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.charts import colours
from dashboard.charts.base import HEIGHT, empty_figure, esc, figure, layout, short, trace

WIDTH_BUCKETS = 4  # plotly lines cannot vary width per segment: one trace per bucket
#: Share of all possible pairs linked above which the nodes stay on their circle: a force
#: layout packs a clique (at 100k events ~15 organisations all share events) into one blob
#: of overlapping labels, while on a circle every name stays readable and the edges show
#: who is linked to whom.
DENSE = 0.3


#: Below this many nodes the force layout reads well however dense the graph is.
DENSE_MIN_NODES = 10


def is_dense(n: int, edges: list) -> bool:
    """At least ``DENSE`` of all pairs of the ``n`` (``DENSE_MIN_NODES`` or more) nodes are linked."""
    return n >= DENSE_MIN_NODES and len(edges) >= DENSE * n * (n - 1) / 2


def spring_layout(n: int, edges: list[tuple[int, int, float]], iterations: int = 120) -> np.ndarray:
    """Positions (n × 2) in [-1, 1]: circle start, then Fruchterman-Reingold steps
    (none for a dense graph, see ``DENSE``)."""
    if n == 0:
        return np.zeros((0, 2))
    angle = np.linspace(0, 2 * np.pi, n, endpoint=False) + np.pi / 2
    pos = np.c_[np.cos(angle), np.sin(angle)]
    if n < 3 or not edges or is_dense(n, edges):
        return pos
    k = 1.6 / np.sqrt(n)
    weights = np.zeros((n, n))
    for a, b, w in edges:
        weights[a, b] = weights[b, a] = np.log1p(w)
    temp = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        force = (k * k / dist**2 - weights * dist / k)[:, :, None] * delta
        disp = force.sum(axis=1) - 0.6 * pos  # gravity: isolated nodes stay in the picture
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)[:, None]
        pos += disp / length * np.minimum(length, temp)
        temp *= 0.97
    pos -= pos.mean(axis=0)
    # Each axis scaled on its own: the figure is wider than tall, so fill both.
    return pos / np.maximum(np.abs(pos).max(axis=0), 1e-9)


def network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, lang: str = "vi") -> go.Figure:
    """``nodes``: name, name_en, n; ``edges``: a, b, n (from ``aggregates.org_cooccurrence``)."""
    lang = i18n.norm_lang(lang)
    title = i18n.t("chart_network", lang)
    if nodes is None or nodes.empty:
        return empty_figure(title, lang)
    names = list(nodes["name"])
    index = {n: i for i, n in enumerate(names)}
    edge_list = [(index[a], index[b], float(w)) for a, b, w in zip(edges["a"], edges["b"], edges["n"])
                 if a in index and b in index] if edges is not None and not edges.empty else []
    pos = spring_layout(len(names), edge_list)
    dense = is_dense(len(names), edge_list)  # on the circle: thinner, lighter edges so the names stay legible
    traces: list[dict] = []
    if edge_list:
        w = np.array([e[2] for e in edge_list])
        bucket = np.minimum((np.log1p(w) / np.log1p(w.max()) * WIDTH_BUCKETS).astype(int), WIDTH_BUCKETS - 1)
        for b in range(WIDTH_BUCKETS):
            xs, ys = [], []
            for (i, j, _), bb in zip(edge_list, bucket):
                if bb == b:
                    xs += [pos[i, 0], pos[j, 0], None]
                    ys += [pos[i, 1], pos[j, 1], None]
            if xs:
                traces.append(trace("scatter", x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                    line={"width": 1 + (1.0 if dense else 2.5) * b,
                                          "color": f"rgba(120,120,120,{0.25 if dense else 0.45})"}))
        # Invisible midpoints carry the edge hover ("A – B: 3 shared events").
        traces.append(trace(
            "scatter", x=[(pos[i, 0] + pos[j, 0]) / 2 for i, j, _ in edge_list],
            y=[(pos[i, 1] + pos[j, 1]) / 2 for i, j, _ in edge_list], mode="markers",
            marker={"size": 6, "color": "rgba(0,0,0,0)"}, showlegend=False, hoverinfo="text",
            hovertext=[f"{esc(names[i])} – {esc(names[j])}<br>{i18n.t('network_weight', lang)}: {int(v)}"
                       for i, j, v in edge_list]))
    en = dict(zip(nodes["name"], nodes.get("name_en", [None] * len(nodes))))
    labels = [i18n.org_label(n, en.get(n) if isinstance(en.get(n), str) else None, lang) for n in names]
    size = 14 + 30 * np.sqrt(nodes["n"].to_numpy() / max(nodes["n"].max(), 1))
    busiest = nodes.sort_values("n", ascending=False, kind="stable")["name"].tolist()
    node_colour = colours.org_colours(busiest)  # no two circles alike while the palette lasts
    traces.append(trace(
        "scatter", x=pos[:, 0], y=pos[:, 1], mode="markers+text", text=[short(x, 40) for x in labels],
        textposition=[_outer_side(x, y) if dense else _label_side(x, y) for x, y in pos],
        textfont={"size": 11}, showlegend=False, hoverinfo="text",
        hovertext=[f"<b>{esc(l)}</b><br>{i18n.t('axis_events', lang)}: {int(v)}" for l, v in zip(labels, nodes["n"])],
        marker={"size": size, "color": [node_colour[n] for n in names],
                "line": {"color": "white", "width": 1.5}}))
    lay = layout(title, height=HEIGHT + 100)
    for axis in ("xaxis", "yaxis"):
        lay[axis].update(visible=False, range=[-1.25, 1.25])
    if dense:  # room beside the circle for names written outwards
        lay["xaxis"]["range"] = [-2.9, 2.9]
    lay["margin"] = {"l": 30, "r": 30, "t": 60, "b": 30}
    return figure(traces, lay)



def _outer_side(x: float, y: float) -> str:
    """On the circle, names are written outwards, away from the edges crossing it."""
    if abs(x) > 0.05:
        return "middle left" if x < 0 else "middle right"
    return "top center" if y >= 0 else "bottom center"


def _label_side(x: float, y: float) -> str:
    """Labels of nodes near the left or right edge grow inwards, so long names are not
    cut off by the plot's border."""
    vertical = "top" if y >= 0 else "bottom"
    horizontal = "left" if x > 0.45 else "right" if x < -0.45 else "center"
    return f"{vertical} {horizontal}"

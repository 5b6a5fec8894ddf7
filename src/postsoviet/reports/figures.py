"""The report's maps and charts, as plotly figures drawn from :class:`ReportContent`.

Maps are plotly scatter traces filled on plain axes in the projection of
:mod:`postsoviet.reports.geometry`, so they need nothing from the network (plotly's geo traces
would fetch their base map from a CDN).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots

from postsoviet.models.frontier import nato_members
from postsoviet.reports import geometry, labels
from postsoviet.reports.content import FrontierView, ReportContent, SampledRuns
from postsoviet.reports.track_record import reliability_chart

RUSSIA = "#b2182b"
WEST = "#2166ac"
OTHER = "#e6e6e6"
NOT_MODELLED = "#c7c7c7"
EDGE = "#8c8c8c"
SCALE = "YlOrRd"
FRONTIER_COLOURS = ("#000000", "#1b7837", "#762a83", "#2166ac", "#c51b7d", "#01665e", "#8c510a")
FRONTIER_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid")
SCENARIO_SYMBOLS = ("diamond", "circle", "square", "triangle-up", "triangle-down", "cross", "x")
VIEW_COLOURS = ("#404040", "#d6604d", "#762a83", "#1b7837", "#e08214", "#4393c3", "#c51b7d")
LABEL_AT = {"RUS": (45.0, 58.0), "NOR": (10.0, 61.0), "SWE": (15.0, 62.0), "FIN": (26.0, 63.0)}
BARGAINING_ROW_PX = 110
ISSUE_TITLES_PX = 300  # the bargaining chart's left margin, where the issues' titles go
# The narrowest plot area a figure gets on a 1280 px screen, to size labels in data units.
PLOT_WIDTH_PX = 1000


def _layout(fig: go.Figure, title: str, *, height: int = 620, legend: bool = True) -> go.Figure:
    (x0, x1), (y0, y1) = geometry.window()
    fig.update_layout(
        title={"text": title, "x": 0.01},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        plot_bgcolor="#f4f8fb",
        paper_bgcolor="white",
        showlegend=legend,
        legend={"bgcolor": "rgba(255,255,255,0.85)", "x": 0.01, "y": 0.02, "yanchor": "bottom"},
        font={"family": "system-ui, -apple-system, 'Segoe UI', sans-serif", "size": 12},
        hoverlabel={"namelength": -1},
    )
    fig.update_xaxes(range=[x0, x1], visible=False, fixedrange=False)
    fig.update_yaxes(range=[y0, y1], visible=False, scaleanchor="x", scaleratio=1)
    return fig


def _fill(
    shape: geometry.Shape,
    colour: str,
    hover: str,
    *,
    group: str | None = None,
    legend: bool = False,
    line: str = EDGE,
    width: float = 0.6,
    opacity: float = 1.0,
) -> go.Scatter:
    return go.Scatter(
        x=shape.x,
        y=shape.y,
        mode="lines",
        fill="toself",
        fillcolor=colour,
        line={"color": line, "width": width},
        opacity=opacity,
        hoveron="fills",
        text=hover,
        hoverinfo="text",
        name=group or shape.name,
        legendgroup=group,
        showlegend=legend,
    )


def _map_scale(height: int) -> float:
    """Pixels per projected unit of a map ``height`` px tall (the axes keep one scale)."""
    (x0, x1), (y0, y1) = geometry.window()
    return min(PLOT_WIDTH_PX / (x1 - x0), (height - 60) / (y1 - y0))


def _label_point(code: str) -> tuple[float, float]:
    """Where a state's label or marker goes (projected): the mean of its largest ring."""
    if code in LABEL_AT:
        x, y = geometry.project(*LABEL_AT[code])
        return float(x), float(y)
    shape = geometry.shapes()[code]
    xs, ys = np.array(shape.x, dtype=float), np.array(shape.y, dtype=float)
    breaks = np.flatnonzero(np.isnan(xs))
    pieces = np.split(np.arange(len(xs)), breaks)
    biggest = max(pieces, key=lambda p: np.count_nonzero(~np.isnan(xs[p])))
    biggest = biggest[~np.isnan(xs[biggest])]
    return float(xs[biggest].mean()), float(ys[biggest].mean())


def _countries() -> Iterable[geometry.Shape]:
    return (s for s in geometry.shapes().values() if s.kind == "country")


def bloc_map(content: ReportContent) -> go.Figure:
    """States coloured by the predicted bloc; the least stable actors marked as on the fence."""
    result = content.landscape
    sides = result.sides()
    names = dict(zip(content.world.actors["iso3"], content.world.actors["name"], strict=True))
    fig = go.Figure()
    seen: set[str] = set()
    colours = {
        "Russia": RUSSIA,
        "West": WEST,
        "other": "#9970ab",
        "not modelled": NOT_MODELLED,
        "outside the actors": OTHER,
    }
    for shape in _countries():
        if shape.id in sides.index:
            group = str(sides[shape.id])
            group_name = "with Russia" if group == "Russia" else "the other side (West)"
            hover = f"{names.get(shape.id, shape.name)}: {group_name}"
        elif shape.id in names:
            group, hover = "not modelled", f"{names[shape.id]}: actor not in the landscape"
        else:
            group, hover = "outside the actors", shape.name
        label = {
            "Russia": "with Russia",
            "West": "the other side (West)",
        }.get(group, group)
        fig.add_trace(_fill(shape, colours[group], hover, group=label, legend=label not in seen))
        seen.add(label)
    fence = result.least_stable()
    points = [_label_point(a) for a in fence["actor"] if a in geometry.shapes()]
    shown = [a for a in fence["actor"] if a in geometry.shapes()]
    margins = fence.set_index("actor")["margin"]
    scale = _map_scale(620)
    positions, texts = labels.place(
        [p[0] for p in points],
        [p[1] for p in points],
        shown,
        px_per_x=scale,
        px_per_y=scale,
        marker_size=13,
    )
    fig.add_trace(
        go.Scatter(
            x=[p[0] for p in points],
            y=[p[1] for p in points],
            mode="markers+text",
            marker={"symbol": "diamond", "size": 13, "color": "#fdb863", "line": {"width": 1.5}},
            text=texts,
            textposition=positions,
            hovertext=[f"{a}: on the fence, margin {margins[a]:.1f}" for a in shown],
            hoverinfo="text",
            name="on the fence (5 smallest margins)",
        )
    )
    return _layout(fig, f"Predicted blocs on {content.day:%Y-%m-%d} (landscape theory)")


def _colour(value: float, low: float, high: float) -> str:
    share = 0.0 if high <= low else min(max((value - low) / (high - low), 0.0), 1.0)
    return sample_colorscale(SCALE, [share])[0]


def _controller_text(row: pd.Series) -> str:
    controller = row["controller"]
    if not isinstance(controller, str):
        return "no control record"
    if controller == row["id"]:
        held = f"de facto authority backed by {row['backer']}"
    else:
        held = f"held by {controller}"
    if pd.notna(row["area_share"]):
        held += f" ({row['area_share']:.0%} of its area)"
    return f"{held} since {row['since']:%Y-%m-%d}"


def _region_status(row: pd.Series) -> str:
    controller = row["controller"]
    if controller == "RUS" and row["de_jure"] != "RUS":
        return "held by Russia (de facto)"
    if isinstance(controller, str) and controller == row["id"] and row["backer"] == "RUS":
        return "held by a Russian-backed authority"
    return "held by its de jure state"


REGION_STYLE = {
    "held by Russia (de facto)": ("circle", RUSSIA),
    "held by a Russian-backed authority": ("circle-open", RUSSIA),
    "held by its de jure state": ("square", "#ffffff"),
}


def _region_hover(row: pd.Series) -> str:
    parts = [f"<b>{row['name']}</b> (de jure {row['de_jure']})", _controller_text(row)]
    if pd.notna(row["ethnic_russian_share"]):
        parts.append(f"ethnic Russians {row['ethnic_russian_share']:.0%}")
    if pd.notna(row["population"]):
        parts.append(f"population {row['population']:,.0f}")
    if pd.notna(row["russian_troops"]):
        parts.append(f"Russian troops {row['russian_troops']:,.0f}")
    return "<br>".join(parts)


def exposure_map(content: ReportContent) -> go.Figure:
    """States coloured by the exposure index; the contested and exposed regions drawn or marked."""
    ranking = content.exposure.ranking.set_index("iso3")
    low, high = float(ranking["index"].min()), float(ranking["index"].max())
    fig = go.Figure()
    for shape in _countries():
        if shape.id in ranking.index:
            row = ranking.loc[shape.id]
            missing = f"<br>missing: {row['missing']}" if row["missing"] else ""
            hover = f"{shape.name}: exposure {row['index']:.3f} (rank {int(row['rank'])}){missing}"
            fig.add_trace(_fill(shape, _colour(float(row["index"]), low, high), hover))
        else:
            fig.add_trace(_fill(shape, OTHER, f"{shape.name}: not ranked"))
    regions = content.regions.set_index("id", drop=False)
    shaped = [r for r in ("crimea", "kaliningrad") if r in geometry.shapes() and r in regions.index]
    for region in shaped:
        row = regions.loc[region]
        fig.add_trace(
            _fill(
                geometry.shapes()[region],
                "rgba(178,24,43,0.35)"
                if _region_status(row) != "held by its de jure state"
                else "rgba(0,0,0,0)",
                _region_hover(row),
                line="#000000",
                width=1.4,
            )
        )
    marked = regions[regions["id"].isin(list(geometry.REGION_MARKERS))]
    for status, (symbol, colour) in REGION_STYLE.items():
        rows = marked[[_region_status(r) == status for _, r in marked.iterrows()]]
        if rows.empty:
            continue
        xy = [geometry.project(*geometry.REGION_MARKERS[r]) for r in rows["id"]]
        share = rows["ethnic_russian_share"].fillna(0.1).to_numpy()
        fig.add_trace(
            go.Scatter(
                x=[float(p[0]) for p in xy],
                y=[float(p[1]) for p in xy],
                mode="markers",
                marker={
                    "symbol": symbol,
                    "size": 8 + 30 * share,
                    "color": colour,
                    "line": {"color": "#000000", "width": 1.5},
                },
                hovertext=[_region_hover(r) for _, r in rows.iterrows()],
                hoverinfo="text",
                name=f"region {status} (size: ethnic-Russian share)",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={
                "colorscale": SCALE,
                "cmin": low,
                "cmax": high,
                "color": [low],
                "showscale": True,
                "colorbar": {"title": "exposure<br>index", "x": 0.99, "len": 0.6},
            },
            hoverinfo="skip",
            showlegend=False,
        )
    )
    return _layout(fig, f"Exposure to Russia on {content.day:%Y-%m-%d}, states and regions")


def _segment_lines(view: FrontierView) -> tuple[list[float | None], list[float | None]]:
    lines = geometry.border_lines()
    xs: list[float | None] = []
    ys: list[float | None] = []
    for segment in view.frontier.segments:
        sides = [segment.territory] if segment.territory != segment.a else sorted(view.russian)
        for side in sides:
            line = lines.get(frozenset((side, segment.b)))
            if line is not None:
                xs += [*line.x, None]
                ys += [*line.y, None]
    return xs, ys


def _frontier_groups(
    views: Iterable[FrontierView],
) -> list[tuple[list[FrontierView], tuple[list[float | None], list[float | None]]]]:
    """The views grouped by the line they draw (views with the same frontier share one line)."""
    groups: dict[tuple, tuple[list[FrontierView], tuple]] = {}
    for view in views:
        xs, ys = _segment_lines(view)
        key = (tuple(xs), tuple(ys), view.frontier.nato_land_border_km)
        groups.setdefault(key, ([], (xs, ys)))[0].append(view)
    return list(groups.values())


def frontier_map(content: ReportContent) -> go.Figure:
    """The Russia-NATO land border of each view as lines over states coloured for the report day.

    Views with the same frontier share one line (its name lists them); each line has its own
    colour, dash and width, the widest drawn first, so lines that run along the same border stay
    visible side by side. The state fills have their own legend entries.
    """
    nato = nato_members(content.world, content.day)
    fig = go.Figure()
    fills = {"Russia": "#f4a582", "NATO member on the report day": "#d1e5f0", "neither": OTHER}
    seen: set[str] = set()
    for shape in _countries():
        if shape.id == "RUS":
            what = "Russia"
        elif shape.id in nato:
            what = "NATO member on the report day"
        else:
            what = "neither"
        fig.add_trace(
            _fill(shape, fills[what], f"{shape.name}: {what}", group=what, legend=what not in seen)
        )
        seen.add(what)
    for k, (views, (xs, ys)) in enumerate(_frontier_groups(content.frontiers)):
        km = views[0].frontier.nato_land_border_km
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={
                    "color": FRONTIER_COLOURS[k % len(FRONTIER_COLOURS)],
                    "width": max(8 - 2.5 * k, 2),
                    "dash": FRONTIER_DASHES[k % len(FRONTIER_DASHES)],
                },
                name=f"{'; '.join(v.label for v in views)}: {km:,.0f} km",
                hoverinfo="name",
            )
        )
    corridor = geometry.border_lines().get(frozenset(("LTU", "POL")))
    if corridor is not None:
        km = content.frontiers[0].frontier.suwalki.km
        fig.add_trace(
            go.Scatter(
                x=corridor.x,
                y=corridor.y,
                mode="lines",
                line={"color": "#ff7f00", "width": 9},
                name=f"Suwalki corridor (Poland-Lithuania border, {km:,.0f} km)",
                hoverinfo="name",
            )
        )
        ends = content.frontiers[0].frontier.suwalki.ends
        points = [
            _label_point(e.territory if e.territory in geometry.shapes() else e.state) for e in ends
        ]
        fig.add_trace(
            go.Scatter(
                x=[p[0] for p in points],
                y=[p[1] for p in points],
                mode="markers+text",
                marker={"symbol": "x", "size": 11, "color": "#ff7f00"},
                text=[e.territory for e in ends],
                textposition="bottom center",
                name="the corridor's ends",
                hoverinfo="text",
            )
        )
    fig = _layout(fig, "The Eastern frontier: Russia's land border with NATO members", height=680)
    centre_x, centre_y = geometry.project(np.array([28.0, 12.0]), np.array([47.0, 68.0]))
    fig.update_xaxes(range=[float(centre_x.min()), float(centre_x.max())])
    fig.update_yaxes(range=[float(centre_y.min()), float(centre_y.max())])
    return fig


def frontier_lengths(content: ReportContent) -> go.Figure:
    """The Russia-NATO land border of each view, stacked by NATO neighbour (km)."""
    rows = [
        {"view": view.label, "neighbour": f"{s.b} ({s.territory})", "km": s.km}
        for view in content.frontiers
        for s in view.frontier.segments
    ]
    table = pd.DataFrame(rows, columns=["view", "neighbour", "km"])
    fig = go.Figure()
    for neighbour, part in table.groupby("neighbour", sort=True):
        fig.add_trace(go.Bar(y=part["view"], x=part["km"], name=neighbour, orientation="h"))
    fig.update_layout(
        barmode="stack",
        title={"text": "Land border between Russia and NATO members (km)", "x": 0.01},
        height=140 + 45 * len(content.frontiers),
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"title": "km"},
    )
    return fig


def attrition_chart(content: ReportContent) -> go.Figure:
    """Share of Ukraine held by Russia: observations, fit, projection with its 5-95% band."""
    path = content.attrition.path
    history = content.attrition.fit.history
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=list(path["date"]) + list(path["date"][::-1]),
            y=list(100 * path["share_high"]) + list(100 * path["share_low"][::-1]),
            fill="toself",
            fillcolor="rgba(178,24,43,0.18)",
            line={"width": 0},
            name=f"5-95% band ({content.attrition.draws} parameter draws)",
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=path["date"],
            y=100 * path["share_held"],
            mode="lines+markers",
            line={"color": RUSSIA, "width": 3},
            name="projection (central)",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=history["date"],
            y=100 * history["observed"],
            mode="markers",
            marker={"color": "#000000", "size": 6},
            name="observed",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=history["date"],
            y=100 * history["fitted"],
            mode="lines",
            line={"color": "#4d4d4d", "dash": "dot"},
            name="fit",
        )
    )
    scenario_rows = [
        (run.scenario.name, run.scenario.horizon, run.results["attrition"])
        for run in content.runs
        if "attrition" in run.results
    ]
    # One trace per scenario, told apart by the legend: at a common horizon, text labels collide.
    for k, (name, horizon, result) in enumerate(scenario_rows):
        fig.add_trace(
            go.Scatter(
                x=[horizon],
                y=[100 * result["share_held"]],
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [100 * (result["share_high"] - result["share_held"])],
                    "arrayminus": [100 * (result["share_held"] - result["share_low"])],
                },
                mode="markers",
                marker={
                    "symbol": SCENARIO_SYMBOLS[k % len(SCENARIO_SYMBOLS)],
                    "size": 10,
                    "color": VIEW_COLOURS[k % len(VIEW_COLOURS)],
                },
                name=f"{name} at its horizon",
            )
        )
    fig.update_layout(
        title={"text": "War of attrition: share of Ukraine held by Russia (%)", "x": 0.01},
        height=480,
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        yaxis={"title": "% of Ukraine's recognised territory", "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


def ladder_chart(content: ReportContent) -> go.Figure:
    """Belarus's rung on the integration ladder: recorded history, then each rung's probability."""
    forecast = content.ladder
    names = [stage.name for stage in forecast.stages]
    fig = go.Figure()
    colours = sample_colorscale(
        "Reds", [0.15 + 0.85 * k / max(len(names) - 1, 1) for k in range(len(names))]
    )
    for k, name in enumerate(names):
        fig.add_trace(
            go.Scatter(
                x=list(forecast.probabilities.index),
                y=forecast.probabilities[name],
                mode="lines",
                stackgroup="rungs",
                line={"width": 0.5, "color": colours[k]},
                name=f"P({k}: {name})",
                yaxis="y2",
            )
        )
    history = content.ladder_history
    fig.add_trace(
        go.Scatter(
            x=list(history.index),
            y=history.to_numpy(),
            mode="lines+markers",
            line={"shape": "hv", "color": "#000000", "width": 2.5},
            name="rung reached (recorded, 1 January)",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=list(forecast.expected.index),
            y=forecast.expected.to_numpy(),
            mode="lines",
            line={"color": "#000000", "dash": "dash", "width": 2.5},
            name="expected rung (forecast)",
        )
    )
    fig.update_layout(
        title={"text": "Belarus on the integration ladder", "x": 0.01},
        height=460,
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        yaxis={
            "title": "rung",
            "range": [-0.2, len(names) - 0.8],
            "tickvals": list(range(len(names))),
            "ticktext": [f"{k} {n}" for k, n in enumerate(names)],
            "automargin": True,
        },
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "range": [0, 1],
            "tickformat": ".0%",
            "dtick": 0.25,
            "title": "probability of each rung (shaded)",
        },
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


def bargaining_chart(content: ReportContent) -> go.Figure:
    """Each issue's forecast by the three models on its 0-100 scale, over the actors' positions."""
    fig = go.Figure()
    titles = [f.issue.title for f in content.issues]
    inputs = pd.concat(
        [f.inputs.assign(issue=f.issue.title) for f in content.issues], ignore_index=True
    )
    rows = {title: n for n, title in enumerate(titles)}
    sizes = 6 + 40 * np.sqrt(inputs["capability"] / inputs["capability"].max())
    positions, texts = labels.place(
        list(inputs["position"]),
        [rows[issue] for issue in inputs["issue"]],
        list(inputs["actor"]),
        px_per_x=(PLOT_WIDTH_PX - ISSUE_TITLES_PX) / 110,
        px_per_y=BARGAINING_ROW_PX,
        font_size=9,
        marker_size=list(sizes),
        avoid_markers=False,
    )
    fig.add_trace(
        go.Scatter(
            x=inputs["position"],
            y=inputs["issue"],
            mode="markers+text",
            marker={
                "size": sizes,
                "color": "rgba(120,120,120,0.35)",
                "line": {"color": "#555555", "width": 1},
            },
            text=texts,
            textposition=positions,
            textfont={"size": 9},
            hovertext=[
                f"{a}: position {p:g}, salience {s:g}, capability {c:.3f}"
                for a, p, s, c in inputs[
                    ["actor", "position", "salience", "capability"]
                ].itertuples(index=False)
            ],
            hoverinfo="text",
            name="actors' positions (size: capability)",
        )
    )
    for model, symbol, colour in (
        ("bdm", "star", RUSSIA),
        ("mean", "triangle-up", WEST),
        ("median", "square", "#1b7837"),
    ):
        fig.add_trace(
            go.Scatter(
                x=[f.results[model].forecast for f in content.issues],
                y=titles,
                mode="markers",
                marker={"symbol": symbol, "size": 16, "color": colour, "line": {"width": 1}},
                name=f"{model} forecast",
            )
        )
    fig.update_layout(
        title={"text": "Bargaining forecasts per issue (0-100 scale of each issue)", "x": 0.01},
        height=200 + BARGAINING_ROW_PX * len(titles),
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        xaxis={"range": [-5, 105], "title": "position on the issue's scale"},
        yaxis={"automargin": True},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


def directions_chart(content: ReportContent) -> go.Figure:
    """Where Russia pushes next: each direction's gain, cost and net value."""
    table = content.directions.table
    fig = go.Figure()
    fig.add_trace(
        go.Bar(y=table.index, x=table["gain"], name="gain", orientation="h", marker_color=RUSSIA)
    )
    fig.add_trace(
        go.Bar(
            y=table.index,
            x=-table["cost"],
            name="cost (negative)",
            orientation="h",
            marker_color=WEST,
        )
    )
    fig.add_trace(
        go.Scatter(
            y=table.index,
            x=table["net"],
            mode="markers",
            marker={"symbol": "line-ns", "size": 22, "line": {"width": 4, "color": "#000000"}},
            name="net",
        )
    )
    fig.update_layout(
        barmode="relative",
        title={"text": f"Next direction on {content.day:%Y-%m-%d}: gain minus cost", "x": 0.01},
        height=160 + 60 * len(table),
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"title": "weighted value (index points)"},
    )
    return fig


def uncertainty_chart(sampled: SampledRuns) -> go.Figure:
    """Median and 5-95% range of each charted sampled output, scenarios side by side."""
    charted = sampled.charted()
    kinds = list(dict.fromkeys(charted["kind"]))
    counts = [charted.loc[charted["kind"] == kind, "name"].nunique() for kind in kinds]
    scenarios = list(dict.fromkeys(charted["scenario"]))
    height = 160 + sum(counts) * (14 + 8 * len(scenarios))
    fig = make_subplots(
        rows=len(kinds),
        cols=1,
        row_heights=counts,
        vertical_spacing=min(0.15, 90 / height),  # about 90 px for the lower panel's title
        subplot_titles=[f"{kind} (median, 5-95%)" for kind in kinds],
    )
    for number, scenario in enumerate(scenarios):
        colour = VIEW_COLOURS[number % len(VIEW_COLOURS)]
        for row, kind in enumerate(kinds, start=1):
            part = charted[(charted["scenario"] == scenario) & (charted["kind"] == kind)]
            hover = [
                f"{scenario}<br>{r.name} {kind}: median {r.q50:.3f}<br>"
                f"5-95%: {r.q05:.3f} to {r.q95:.3f}"
                for r in part.itertuples(index=False)
            ]
            fig.add_trace(
                go.Scatter(
                    x=part["q50"],
                    y=part["name"],
                    orientation="h",
                    offsetgroup=scenario,
                    mode="markers",
                    marker={"color": colour, "size": 7},
                    error_x={
                        "type": "data",
                        "symmetric": False,
                        "array": part["q95"] - part["q50"],
                        "arrayminus": part["q50"] - part["q05"],
                        "color": colour,
                        "thickness": 1.5,
                        "width": 3,
                    },
                    name=scenario,
                    legendgroup=scenario,
                    showlegend=row == 1,
                    text=hover,
                    hoverinfo="text",
                ),
                row=row,
                col=1,
            )
    fig.update_layout(
        scattermode="group",
        title={
            "text": f"How sure: {sampled.samples:,} sampled draws per scenario",
            "x": 0.01,
        },
        height=height,
        margin={"l": 10, "r": 10, "t": 70, "b": 40},
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom"},
    )
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    fig.update_xaxes(zeroline=True)
    fig.update_xaxes(title_text="index points", row=len(kinds), col=1)
    return fig


def all_figures(content: ReportContent) -> dict[str, go.Figure]:
    """Every figure of the report by its id (the sampled chart with ``--samples``, the
    reliability diagram with a track record)."""
    sampled = content.sampled
    optional = (
        {"uncertainty-chart": uncertainty_chart(sampled)} if sampled and sampled.records else {}
    )
    if content.track is not None:
        optional["track-record-chart"] = reliability_chart(content.track)
    return {
        "bloc-map": bloc_map(content),
        "exposure-map": exposure_map(content),
        "frontier-map": frontier_map(content),
        "frontier-lengths": frontier_lengths(content),
        "ladder-chart": ladder_chart(content),
        "attrition-chart": attrition_chart(content),
        "bargaining-chart": bargaining_chart(content),
        "directions-chart": directions_chart(content),
        **optional,
    }

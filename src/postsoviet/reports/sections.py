"""The report as an ordered list of sections: text, tables and figure ids, for every format.

HTML (:mod:`postsoviet.reports.html`) and Markdown (:mod:`postsoviet.reports.text`) render the
same sections, so the two never say different things.
"""

from __future__ import annotations

import pandas as pd

from postsoviet.reports import geometry
from postsoviet.reports.content import (
    TOP_STATES,
    ReportContent,
    figures_used,
    judgment_counts,
    scenario_table,
    sources_used,
)
from postsoviet.reports.parts import Section, Table
from postsoviet.reports.story import story
from postsoviet.scenarios.claims import KINDS

STANCE = (
    "Borders are drawn de jure, as the world data are (docs/data.md, 'Stance on contested "
    "territory'): Crimea and Sevastopol, Donetsk, Luhansk, Zaporizhzhia and Kherson are drawn as "
    "Ukraine's, Transnistria as Moldova's, Abkhazia and South Ossetia as Georgia's, "
    "Nagorno-Karabakh as Azerbaijan's and Kaliningrad as Russia's, the position of UN General "
    "Assembly resolutions 68/262 and ES-11/4. The geometry is Natural Earth 4.1.0 Admin 0 "
    "countries at 1:50m (public domain), redistributed as TopoJSON by the npm package world-atlas "
    "2.0.2 (ISC licence). Natural Earth's default layer follows de facto control and draws Crimea "
    "as Russia's: the build script (scripts/build_geometry.py) moves that polygon back to "
    "Ukraine. De facto control is shown separately, dated, from region_control.csv: the Crimea "
    "shape is shaded when Russia holds it, and the other regions, for which Natural Earth 1:50m "
    "has no shapes, are drawn as markers at approximate positions."
)


def _percent(value: float) -> str:
    return f"{100 * value:.1f}%"


def blocs(content: ReportContent) -> Section:
    """The landscape's predicted blocs and the actors on the fence."""
    result = content.landscape
    minima = result.minima()
    minima["russia"] = minima["russia"].map(", ".join)
    minima["west"] = minima["west"].map(", ".join)
    prediction = result.prediction
    return Section(
        "blocs",
        "Blocs: who sides with Russia",
        [
            f"Axelrod and Bennett's landscape theory on {len(result.actors)} actors as the world "
            f"stood on {content.day:%Y-%m-%d}: the predicted configuration is the global minimum of "
            f"the energy (basin {_percent(prediction.basin_share or 0)} of all "
            f"{result.landscape.configurations:,} configurations). Actors on the fence are the five "
            "with the smallest margin, the rise in frustration if they changed side.",
            "States drawn in light grey are actors of the world data left out of the landscape "
            "to keep enumeration exact (docs/models/landscape.md); the United States is an actor "
            "but lies outside the map.",
        ],
        ["bloc-map"],
        [
            Table("Actors on the fence (smallest margins)", result.least_stable()),
            Table("Stable configurations", minima),
        ],
    )


def exposure(content: ReportContent) -> Section:
    """The exposure index by state and the regions behind it."""
    ranking = content.exposure.ranking
    regions = content.regions.copy()
    regions["since"] = regions["since"].map(lambda d: f"{d:%Y-%m-%d}" if pd.notna(d) else "")
    drawn = set(geometry.shapes()) | set(geometry.REGION_MARKERS)
    regions["drawn as"] = [
        "shape" if r in geometry.shapes() else "marker" if r in drawn else "not drawn"
        for r in regions["id"]
    ]
    return Section(
        "exposure",
        "Exposure to Russia",
        [
            f"The exposure index on {content.day:%Y-%m-%d} (docs/models/exposure.md): a weighted sum "
            "of saturating scores, each weight a stated judgment. A missing input scores 0 and is "
            "listed, so read a rank with its missing list.",
            "Regions: Crimea (with Sevastopol) and Kaliningrad are drawn as shapes; the Kazakh "
            "oblasts, Ukraine's contested oblasts, Transnistria, Abkhazia, South Ossetia and "
            "Nagorno-Karabakh as markers sized by their ethnic-Russian share, coloured by who "
            "holds them that day.",
        ],
        ["exposure-map"],
        [
            Table("Exposure ranking (contributions in index points)", ranking),
            Table("Regions: de facto control on the report day and latest figures", regions),
        ],
    )


def frontier(content: ReportContent) -> Section:
    """The Russia-NATO land border for 2021, the report day and each scenario."""
    rows = [
        {
            "view": v.label,
            "nato_land_border_km": v.frontier.nato_land_border_km,
            "segments": ", ".join(f"{s.b} {s.km:g} ({s.territory})" for s in v.frontier.segments),
            "buffer_states": ", ".join(v.frontier.buffer_states),
            "suwalki_flanked_by_russia": v.frontier.suwalki.flanked_by_bloc,
        }
        for v in content.frontiers
    ]
    return Section(
        "frontier",
        "The Eastern frontier",
        [
            "Russia's land border with NATO members (CIA World Factbook lengths, de jure borders; "
            "Kaliningrad counts as Russia's), before the invasion, on the report day and at each "
            "scenario's horizon. A scenario that merges Belarus into Russia hands Belarus's "
            "borders to Russia. The Suwalki corridor is the Poland-Lithuania border between "
            "Kaliningrad and Belarus; it is flanked by Russia when both its ends are Russian.",
        ],
        ["frontier-map", "frontier-lengths"],
        [Table("Frontier by view", pd.DataFrame(rows))],
    )


def ladder(content: ReportContent) -> Section:
    """Belarus's integration ladder: history and forecast."""
    forecast = content.ladder
    table = forecast.probabilities.copy()
    table.insert(0, "expected rung", forecast.expected)
    table = table.reset_index(names="year")
    return Section(
        "ladder",
        "Belarus: the integration ladder",
        [
            f"The rungs of Russia-Belarus integration recorded up to {content.day:%Y-%m-%d}, then "
            f"the model's probability of each rung on 31 December of each year to "
            f"{forecast.horizon} (a Markov chain whose yearly step-up hazard is driven by "
            "sanctions, the gas-price gap, Russian loans, war and succession risk; "
            "docs/models/integration_ladder.md).",
        ],
        ["ladder-chart"],
        [Table("Probability of each rung by year", table)],
    )


def attrition(content: ReportContent) -> Section:
    """The war of attrition in Ukraine with its band."""
    result = content.attrition
    fit = result.fit
    path = result.path.copy()
    path["date"] = path["date"].dt.strftime("%Y-%m-%d")
    return Section(
        "attrition",
        "Ukraine: the war of attrition",
        [
            f"Share of Ukraine's internationally recognised territory held by Russia, fitted to "
            f"{len(fit.history)} observations up to {fit.as_of:%Y-%m-%d} (RMSE "
            f"{100 * fit.rmse:.2f} points) and projected to {path['date'].iloc[-1]}. The band is "
            f"the 5-95% range of {result.draws} parameter draws (seed 0): parameter uncertainty "
            "only; the model cannot foresee breakthroughs, ceasefires or mobilisation "
            "(docs/models/attrition.md).",
        ],
        ["attrition-chart"],
        [Table("Projected path", path)],
    )


def bargaining(content: ReportContent) -> Section:
    """The three bargaining models on each of the essay's issues."""
    rows = [
        {
            "issue": f.issue.title,
            "question": f.issue.question,
            **{model: round(r.forecast, 1) for model, r in f.results.items()},
            "bdm reads as": f.issue.nearest_point(f.results["bdm"].forecast),
            "positions as of": f"{f.inputs.attrs['as_of']}",
        }
        for f in content.issues
    ]
    return Section(
        "bargaining",
        "Bargaining forecasts per issue",
        [
            "Bueno de Mesquita's expected-utility model (bdm) against the capability- and "
            "salience-weighted mean and median, on each issue's 0-100 scale "
            "(docs/models/bargaining.md). Capabilities come from the world data; positions and "
            "saliences from each issue's sourced snapshot."
        ],
        ["bargaining-chart"],
        [Table("Forecasts", pd.DataFrame(rows))],
    )


def directions(content: ReportContent) -> Section:
    """The next-direction ranking."""
    table = content.directions.table.reset_index(names="direction")
    shown = [
        c
        for c in ("rank", "direction", "gain", "cost", "net", "margin", "missing")
        if c in table.columns
    ]
    return Section(
        "directions",
        "Where Russia pushes next",
        [
            "Each direction's gain (Russians outside territory Russia holds, resources, a buffer "
            "against NATO) net of its cost (military balance, alliance, Western support), scaled "
            "and weighted (docs/models/next_direction.md). A ranking of incentives, not a "
            "forecast of decisions."
        ],
        ["directions-chart"],
        [
            Table("Ranking", table[shown]),
            Table("Every input and contribution", table, collapsed=True),
        ],
    )


def claims(content: ReportContent) -> Section:
    """The essay's claims as checkable outputs, each with the kind of check it is."""
    table = content.claims.copy()
    verdict = {True: "yes", False: "no"}
    table["borne_out"] = [
        verdict[bool(b)] if k == "test" else f"not counted ({k})"
        for k, b in zip(table["kind"], table["borne_out"], strict=True)
    ]
    table["holds"] = table["holds"].map(verdict)
    shown = ["id", "impact", "claim", "kind", "borne_out", "scenario", "output"]
    shown += ["scenario_value", "baseline_value", "holds", "reading", "why"]
    kinds = "; ".join(f"{kind}: {meaning}" for kind, meaning in KINDS.items())
    return Section(
        "claims",
        "The essay's claims against the models",
        [
            "Each claim of the essay, the scenario that expresses it, the model output that "
            "speaks to it, and whether the check holds (scenario against baseline at the "
            "horizon). The wording of each claim is ours.",
            f"Not every check can fail, so each says what kind it is ({kinds}). Only tests "
            "count as borne out; 'why' gives the reasoning (src/postsoviet/scenarios/claims.py).",
        ],
        [],
        [Table("Claims", table[shown])],
    )


def track_record(content: ReportContent) -> Section:
    """How the project's forecasts scored against the baselines, with cutoffs and leak audits."""
    track = content.track
    if track is None:
        return Section(
            "track-record",
            "Track record",
            [
                "No targets were given, so nothing was scored: 'postsoviet report --targets FILE "
                "--resolutions FILE' adds the scores (docs/forecasting.md)."
            ],
        )
    result = track.backtest
    audits = "; ".join(
        f"{day}: {len(audit['leaks'])} leak(s) in {len(audit['models'])} model runs, "
        f"{len(audit['hindsight'])} judgment values set later (refused by the forecasts)"
        for day, audit in track.audits.items()
    )
    return Section(
        "track-record",
        "Track record",
        [
            f"The targets of {track.targets_file}, each forecast as of its own cutoff with what "
            f"was known that day, scored against {track.resolutions_file}: {result['n']} targets, "
            f"{result['answered']} answered, {result['scored']} answered with a probability and "
            "resolved. Brier (mean squared error of the probability) and log scores, lower is "
            "better, for the project and three baselines on the same targets: flat (always 0.5), "
            "persistence (the state on the cutoff carried forward, 0.8/0.2) and base_rate (how "
            "often that kind of change happened in the history known at the cutoff).",
            f"The leak audit ('postsoviet data leaks --cutoff D': every model run as of D, each "
            f"row it read checked for a known_from after D), per cutoff: {audits}. "
            "The probabilities are raw: 'postsoviet backtest "
            f"{track.targets_file} --resolutions {track.resolutions_file} --raw' gives these "
            "numbers; without --raw the backtest also applies the calibration maps fitted on the "
            "world's history (minutes of work; docs/forecasting.md).",
        ],
        ["track-record-chart"],
        [
            Table("Scores per quantity family (lower is better)", track.scores()),
            Table("Reliability of the project's probabilities", track.reliability()),
            Table("Targets not answered, and why", track.unanswered(), collapsed=True),
        ],
    )


def scenarios(content: ReportContent) -> Section:
    """Each scenario against the baseline."""
    tables = [
        Table(
            f"{run.scenario.name}: {run.scenario.description} (horizon "
            f"{run.scenario.horizon:%Y-%m-%d})",
            scenario_table(run),
        )
        for run in content.runs
    ]
    return Section(
        "scenarios",
        "Scenarios against the baseline",
        [
            "Every model's output under each scenario next to the same output on the unshocked "
            "world at the same horizon; 'changed' marks where the scenario moves the answer.",
            *content.notes,
        ],
        [],
        tables,
    )


def _sampled_inputs_text(inputs: pd.DataFrame) -> str:
    """Which inputs were sampled, in one sentence."""
    weights = inputs[inputs["input"].str.startswith("weight.")]
    parameters = inputs[inputs["input"].str.startswith("parameter.")]
    models = sorted({name.split(".")[1] for name in weights["input"]})
    text = (
        f"Inputs sampled: the {weights['input'].nunique()} non-zero weights marked 'judgment' in "
        f"the {' and '.join(models)} weights files (data/models/), each triangular from half to "
        "one and a half times its value (the runs package's default spread, docs/runs.md)"
    )
    if len(parameters):
        listed = "; ".join(
            f"{row.input} ({row.scenarios}, nominal {row.nominal:g})"
            for row in parameters.itertuples(index=False)
        )
        text += f", and each scenario's parameters: {listed}"
    return (
        text + ". Sourced weights, zero weights and the world data stay fixed; the sampled "
        "inputs table below gives each distribution."
    )


def uncertainty(content: ReportContent) -> Section | None:
    """Every model's outputs over sampled inputs (``--samples``), each scenario's whole chain."""
    sampled = content.sampled
    if sampled is None:
        return None
    records = sampled.records
    text = [
        f"Each scenario run again on {sampled.samples:,} draws of its uncertain inputs (the runs "
        f"package's default problem): method {sampled.method} (independent uniform draws through "
        f"each input's quantile function), seed {sampled.seed}, executor {sampled.executor} (in "
        "this process). The marker is the median of the draws and the bar their 5-95% range, at "
        "each scenario's horizon. 'postsoviet scenario run NAME --samples "
        f"{sampled.samples} --seed {sampled.seed}' gives the same numbers and stores the run.",
    ]
    if records:
        text += [
            _sampled_inputs_text(sampled.inputs()),
            "Outputs sampled, per scenario: every registered model's quantities at the horizon, "
            "each draw running the whole chain (docs/runs.md, 'What a draw computes'): the "
            "landscape's sides feed the next direction, the ladder's chance of one state decides "
            "whether the draw's frontier has Belarus merged, attrition contributes one draw of "
            "its band per draw and bargaining draws errors on the positions, saliences and "
            "capabilities. The table per model shows each model's three widest outputs.",
            f"Package version {records[0].package_version}, data version "
            f"{records[0].data_version[:12]} (SHA-256 of the data files); each scenario's "
            "problem hash is in the JSON twin.",
        ]
    else:
        text.append("No scenario was given, so nothing was sampled.")
    every = sampled.summary
    return Section(
        "uncertainty",
        f"How sure: {sampled.samples:,} sampled draws",
        text,
        ["uncertainty-chart"] if records else [],
        [
            Table(
                f"Median and 5-95% range: exposure index of the top {TOP_STATES} states and "
                "next-direction nets",
                sampled.charted().drop(columns="output"),
            ),
            Table(
                "Every model: its three most uncertain outputs (median and 5-95% range)",
                sampled.by_model(),
            ),
            Table("Sampled inputs", sampled.inputs()),
            Table(f"Every sampled output ({len(every)} rows)", every, collapsed=True),
        ]
        if records
        else [],
    )


def geometry_section(content: ReportContent) -> Section:
    """Where the map geometry comes from and whose borders it draws."""
    return Section(
        "geometry",
        "Maps: geometry and contested borders",
        [STANCE, f"Geometry file: {geometry.source_note()}."],
    )


def sources(content: ReportContent) -> Section:
    """Every source cited by the figures used, and every figure with its source."""
    figures = figures_used(content.world)
    weights = pd.concat(
        [w.assign(model=model) for model, w in content.weights.items()], ignore_index=True
    )
    return Section(
        "sources",
        "Sources",
        [
            "Every source cited by the rows of the world tables the report's models read, with "
            "its date (publication, or access when no publication date is known) and how many "
            "rows of each file cite it; then the rows themselves, and the model weights, each a "
            "judgment with its reasoning. Rows marked 'judgment' give their reasoning in the "
            "world files' note column.",
        ],
        [],
        [
            Table("Sources", sources_used(content.world, content.issues)),
            Table("Rows resting on judgment, by file", judgment_counts(content.world)),
            Table(f"Every figure used ({len(figures):,} rows)", figures, collapsed=True),
            Table(
                "Model weights",
                weights[["model", *content.weights["exposure"].columns]],
                collapsed=True,
            ),
        ],
        collapsed=True,
    )


def build_sections(content: ReportContent) -> list[Section]:
    """The report's sections, in page order ("How sure" only with ``--samples``)."""
    sections = [
        story(content),
        blocs(content),
        exposure(content),
        frontier(content),
        ladder(content),
        attrition(content),
        bargaining(content),
        directions(content),
        claims(content),
        track_record(content),
        scenarios(content),
        uncertainty(content),
        geometry_section(content),
        sources(content),
    ]
    return [section for section in sections if section is not None]

"""The report's track record: how the project's forecasts scored against simple baselines.

:func:`track_record` calls the forecasts layer (:func:`~postsoviet.forecasts.backtest.backtest_targets`
on a targets file and its resolutions) and the leak audit
(:func:`~postsoviet.runs.leaks.leak_report`, what ``postsoviet data leaks --cutoff D`` prints) once
per cutoff the targets ask on; it keeps their results and computes no score itself.
The probabilities are the raw ones (``postsoviet backtest --raw``): the calibration maps are fitted
on the world's generated history, minutes of work that a report does not repeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from postsoviet.forecasts import Target, TargetProblem
from postsoviet.forecasts.backtest import backtest_targets
from postsoviet.forecasts.baselines import BASELINES
from postsoviet.forecasts.forecast import Models
from postsoviet.runs.leaks import leak_report
from postsoviet.world import World

# As `postsoviet backtest`, so the command in the section's text gives the same numbers.
DRAWS = 1000
SEED = 0
FORECASTERS = ("project", *BASELINES)


@dataclass(frozen=True)
class TrackRecord:
    """A backtest of one targets file and the leak audit of each cutoff it asks on.

    ``backtest`` is what :func:`~postsoviet.forecasts.backtest.backtest_targets` returns;
    ``audits`` maps each cutoff (``YYYY-MM-DD``) to its :func:`~postsoviet.runs.leaks.leak_report`;
    ``cutoffs`` maps each scored target's id to its cutoff and ``families`` to its family.
    """

    targets_file: str
    resolutions_file: str
    backtest: dict[str, Any]
    audits: dict[str, dict[str, Any]]
    cutoffs: dict[str, str]
    families: dict[str, str]

    def scored_ids(self) -> list[str]:
        """The ids of the targets that were answered with a probability and resolved."""
        return [
            t["id"]
            for t in self.backtest["targets"]
            if t["answered"] and t["p"] is not None and t["outcome"] is not None
        ]

    def _audit_text(self, ids: list[str]) -> tuple[str, str]:
        days = sorted({self.cutoffs[i] for i in ids})
        leaks = sum(len(self.audits[d]["leaks"]) for d in days)
        return ", ".join(days), "no leaks" if leaks == 0 else f"{leaks} leak(s)"

    def scores(self) -> pd.DataFrame:
        """Brier and log scores of the project and each baseline, overall and per family.

        Columns ``family, n, cutoff, leak audit``, then ``brier <forecaster>`` and
        ``log <forecaster>`` for the project and each baseline (lower is better).
        """
        ids = self.scored_ids()
        groups = [("all", self.backtest["scores"], ids)] + [
            (family, table, [i for i in ids if self.families[i] == family])
            for family, table in sorted(self.backtest["by_family"].items())
        ]
        rows = []
        for family, table, members in groups:
            cutoff, audit = self._audit_text(members)
            row: dict[str, Any] = {
                "family": family,
                "n": len(members),
                "cutoff": cutoff,
                "leak audit": audit,
            }
            for measure in ("brier", "log"):
                row.update({f"{measure} {f}": table[f][measure] for f in FORECASTERS})
            rows.append(row)
        return pd.DataFrame(rows)

    def reliability(self) -> pd.DataFrame:
        """The project's reliability table: ``bin, n, forecast, observed`` (bins of 0.1)."""
        return pd.DataFrame(
            self.backtest["reliability"], columns=["bin", "n", "forecast", "observed"]
        )

    def unanswered(self) -> pd.DataFrame:
        """The targets the project did not answer, with its reason: ``id, reason``."""
        rows = [
            {"id": t["id"], "reason": t["reason"]}
            for t in self.backtest["targets"]
            if not t["answered"]
        ]
        rows += [{"id": "", "reason": p} for p in self.backtest["problems"]]
        return pd.DataFrame(rows, columns=["id", "reason"])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the files, the scores, the reliability table and the audits' leaks."""
        return {
            "targets": self.targets_file,
            "resolutions": self.resolutions_file,
            "draws": DRAWS,
            "seed": SEED,
            "n": self.backtest["n"],
            "answered": self.backtest["answered"],
            "scored": self.backtest["scored"],
            "scores": self.backtest["scores"],
            "by_family": self.backtest["by_family"],
            "reliability": self.backtest["reliability"],
            "leaks": {day: audit["leaks"] for day, audit in self.audits.items()},
        }


def track_record(
    world: World,
    targets: list[Target],
    problems: list[TargetProblem],
    resolutions: pd.DataFrame,
    *,
    targets_file: str | Path,
    resolutions_file: str | Path,
    models: Models | None = None,
) -> TrackRecord:
    """Backtest ``targets`` against ``resolutions`` (raw probabilities) and audit each cutoff.

    ``targets, problems`` as :func:`~postsoviet.forecasts.read_targets` returns them;
    ``resolutions`` as :func:`~postsoviet.forecasts.read_resolutions`; the file names are shown.
    """
    result = backtest_targets(
        world, targets, problems, resolutions, draws=DRAWS, seed=SEED, models=models
    )
    cutoffs = {t.id: f"{t.asked_on:%Y-%m-%d}" for t in targets}
    audits = {day: leak_report(world, day) for day in sorted(set(cutoffs.values()))}
    return TrackRecord(
        str(targets_file),
        str(resolutions_file),
        result,
        audits,
        cutoffs,
        {t.id: t.quantity.family for t in targets},
    )


def reliability_chart(record: TrackRecord) -> go.Figure:
    """Observed frequency against the mean forecast in each bin; marker area: targets in the bin."""
    table = record.reliability()
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[0, 1],
            y=[0, 1],
            mode="lines",
            line={"color": "#8c8c8c", "dash": "dash"},
            name="perfect calibration",
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=table["forecast"],
            y=table["observed"],
            mode="lines+markers",
            marker={"size": 8 + 4 * table["n"] ** 0.5, "color": "#b2182b"},
            line={"color": "#b2182b"},
            text=[
                f"forecasts {r.bin:.1f}-{r.bin + 0.1:.1f}: {r.n} targets, mean p {r.forecast:.2f},"
                f" observed {r.observed:.2f}"
                for r in table.itertuples(index=False)
            ],
            hoverinfo="text",
            name="project (raw; marker area: targets)",
        )
    )
    fig.update_layout(
        title={"text": "Reliability: how often what the project forecast happened", "x": 0.01},
        height=460,
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        xaxis={"title": "forecast probability (mean in its bin)", "range": [-0.02, 1.02]},
        yaxis={"title": "observed frequency", "range": [-0.02, 1.02], "automargin": True},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig

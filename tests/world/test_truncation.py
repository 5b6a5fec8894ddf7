"""Forecasts from ``known_on(D)`` equal, byte for byte, forecasts from the world written out as
CSV files, physically cut to what was known by D, and loaded again.

The files are cut here by plain text rules, independently of :mod:`postsoviet.world.vintage`:
keep a row whose ``known_from`` is on or before D, of a fact kept twice the row known last,
and blank an end date after D.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from postsoviet import World
from postsoviet.data import read_tables
from postsoviet.data.directions import read_directions
from postsoviet.data.integration_ladder import read_ladder_stages
from postsoviet.data.issues import issue_as_known, load_issue
from postsoviet.data.model_weights import exposure_weights, read_model_weights
from postsoviet.data.schema import TABLES
from postsoviet.data.write import write_tables
from postsoviet.errors import PostsovietError
from postsoviet.models.attrition import parameters_from, project_attrition
from postsoviet.models.bargaining.issues import forecast_issue
from postsoviet.models.exposure import exposure
from postsoviet.models.frontier import frontier
from postsoviet.models.integration_ladder import ladder_as_of
from postsoviet.models.landscape.postsoviet import sensitivity, world_landscape
from postsoviet.models.next_direction import rank_directions

ENDS = {
    "memberships.csv": "left",
    "outside_memberships.csv": "left",
    "leaders.csv": "left_office",
    "region_control.csv": "until",
    "settlement_control.csv": "until",
    "sanctions.csv": "lifted",
}


def _weights(model: str) -> dict[str, float]:
    return read_model_weights(model).set_index("component")["weight"].to_dict()


def _cut(source: Path, target: Path, day: str) -> None:
    """Copy every CSV of ``source`` to ``target`` with only what was known on ``day``."""
    target.mkdir()
    keys = {table.filename: table.fact_key for table in TABLES.values()}
    for path in sorted(source.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = list(rows[0]) if rows else next(csv.reader(path.open()))
        if "known_from" in header:
            rows = [r for r in rows if r["known_from"] <= day]
            last: dict[tuple[str, ...], int] = {}
            for index, row in enumerate(rows):
                fact = tuple(row[k] for k in keys[path.name])
                if fact not in last or rows[last[fact]]["known_from"] <= row["known_from"]:
                    last[fact] = index
            rows = [row for index, row in enumerate(rows) if index in set(last.values())]
        end = ENDS.get(path.name)
        for row in rows:
            if end is not None and row[end] > day:
                row[end] = ""
        with (target / path.name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


def _outputs(world: World, day: str) -> dict[str, str]:
    """Every model's output as text (or the reason it gave none)."""
    runs = {
        "frontier": lambda: json.dumps(frontier(world, day).to_dict()),
        "exposure": lambda: json.dumps(exposure(world, day, weights=exposure_weights()).to_dict()),
        "next_direction": lambda: rank_directions(
            world, read_directions(), _weights("next_direction"), on=day
        ).table.to_csv(),
        "attrition": lambda: project_attrition(
            world, parameters_from(_weights("attrition")), horizon=2030, seed=5, draws=25
        ).path.to_csv(),
        "landscape": lambda: sensitivity(
            world_landscape(world, day, _weights("landscape"))
        ).to_csv(),
        "ladder": lambda: ladder_as_of(
            world, read_ladder_stages(), _weights("integration_ladder"), horizon=2030
        ).probabilities.to_csv(),
        "bargaining": lambda: repr(
            {
                name: result.forecast
                for name, result in forecast_issue(
                    issue_as_known(load_issue("belarus-integration"), day), world, as_of=None
                )[0].items()
            }
        ),
    }
    outputs = {}
    for name, run in runs.items():
        try:
            outputs[name] = run()
        except PostsovietError as error:
            outputs[name] = f"unanswered: {error}"
    return outputs


@pytest.mark.parametrize("day", ["2015-06-30", "2022-07-15"])
def test_forecasts_from_a_vintage_equal_forecasts_from_truncated_files(world, tmp_path, day):
    full = write_tables(world.to_tables(), tmp_path / "full")
    _cut(full, tmp_path / "cut", day)
    truncated = World(read_tables(base=tmp_path / "cut"))
    again = truncated.known_on(day)
    for name, frame in truncated.to_tables().items():
        assert again.to_tables()[name].equals(frame), name
    assert _outputs(world.known_on(day), day) == _outputs(again, day)

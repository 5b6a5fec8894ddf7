"""What the report tests share: the report's day and scenarios, and how a sampled report is made.

``with_samples`` adds the section of ``--samples N`` to an already built report instead of
building it again (the models take seconds; sampling two scenarios well under one).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from postsoviet.forecasts import read_resolutions, read_targets
from postsoviet.reports import ReportContent
from postsoviet.reports.content import sample_scenarios
from postsoviet.reports.track_record import TrackRecord, track_record
from postsoviet.scenarios.files import load_scenario
from postsoviet.world import World

DAY = "2026-06-01"
SCENARIOS = ("baseline", "essay-eastern-flank")
SAMPLES = 20
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def example_track(world: World) -> TrackRecord:
    """The track record of the example targets, as ``postsoviet report`` computes it."""
    targets, problems = read_targets(EXAMPLES / "targets.yaml")
    return track_record(
        world,
        targets,
        problems,
        read_resolutions(EXAMPLES / "resolutions.csv"),
        targets_file="examples/targets.yaml",
        resolutions_file="examples/resolutions.csv",
    )


def with_samples(world: World, content: ReportContent, samples: int = SAMPLES) -> ReportContent:
    """``content`` as ``build_report(world, SCENARIOS, day=DAY, samples=samples)`` returns it."""
    loaded = [load_scenario(name, world) for name in SCENARIOS]
    sampled = sample_scenarios(world, loaded, samples=samples, sources=SCENARIOS)
    return replace(content, sampled=sampled, notes=[])

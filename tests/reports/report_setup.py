"""What the report tests share: the report's day and scenarios, and how a sampled report is made.

``with_samples`` adds the section of ``--samples N`` to an already built report instead of
building it again (the models take seconds; sampling two scenarios well under one).
"""

from __future__ import annotations

from dataclasses import replace

from postsoviet.reports import ReportContent
from postsoviet.reports.content import sample_scenarios
from postsoviet.scenarios.files import load_scenario
from postsoviet.world import World

DAY = "2026-06-01"
SCENARIOS = ("baseline", "essay-eastern-flank")
SAMPLES = 20


def with_samples(world: World, content: ReportContent, samples: int = SAMPLES) -> ReportContent:
    """``content`` as ``build_report(world, SCENARIOS, day=DAY, samples=samples)`` returns it."""
    loaded = [load_scenario(name, world) for name in SCENARIOS]
    sampled = sample_scenarios(world, loaded, samples=samples, sources=SCENARIOS)
    return replace(content, sampled=sampled, notes=[])

"""Scenario outputs come from the registry: one per registered model, keyed by its name."""

from __future__ import annotations

from postsoviet.models import registry
from postsoviet.scenarios.apply import apply_scenario
from postsoviet.scenarios.files import load_scenario
from postsoviet.scenarios.run import OUTPUTS, frontier_output, records_output


def test_every_registered_model_has_an_output_under_its_name():
    assert list(OUTPUTS) == list(registry.names())


def test_a_model_without_a_summary_is_summarised_by_its_records(world):
    """The records' view and the hand-written summary say the same of the same shocked world."""
    scenario = load_scenario("essay-eastern-flank", world)
    shocked = apply_scenario(world, scenario)
    records = records_output("frontier")(shocked, scenario)
    summary = frontier_output(shocked, scenario)
    assert records["frontier.length"] == summary["nato_land_border_km"]
    buffers = sorted(
        k.removeprefix("state=") for k, v in records["frontier.is_buffer"].items() if v
    )
    assert buffers == summary["buffer_states"]
    assert records["frontier.suwalki_flanked"] == float(summary["suwalki_flanked_by_bloc"])

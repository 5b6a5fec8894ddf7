"""New sanctions between a pair never seen are shrunk toward the target's rate per sender scaled by
how often the sender imposes sanctions at all (sanctions_and_events.sender_ratio)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from postsoviet.models.event_hazard import sanctions_and_events
from postsoviet.models.event_hazard.facts import facts_of

D = pd.Timestamp


@pytest.fixture(scope="module")
def spring_2022(world):
    return facts_of(world.known_on(D("2022-04-20")))


def new_measure(facts, sender: str, years: float = 2.7) -> float:
    args = {"sender": sender, "target": "RUS", "scope": "any"}
    return sanctions_and_events.p_sanctions(facts, "sanctions.new", args, years, True)


def test_a_sender_without_measures_gets_the_shrunk_floor(spring_2022):
    floor = sanctions_and_events.SENDER_PRIOR / (1 + sanctions_and_events.SENDER_PRIOR)
    assert sanctions_and_events.sender_ratio(spring_2022, "KAZ") == pytest.approx(floor)


def test_the_senders_on_record_average_a_ratio_of_one(spring_2022):
    sanctions_and_events.sender_ratio(spring_2022, "EU")
    counts = spring_2022.derived["sender-activity"]
    ratios = [sanctions_and_events.sender_ratio(spring_2022, s) for s in counts]
    assert math.fsum(ratios) / len(ratios) == pytest.approx(1.0)
    # the Western senders of 2022 are the busiest
    assert min(sanctions_and_events.sender_ratio(spring_2022, s) for s in ("EU", "USA")) > 1.0


def test_a_sender_that_never_sanctioned_anyone_is_less_likely_to_start_on_russia(
    spring_2022, monkeypatch
):
    """Kazakhstan had no sanctions on record in April 2022, when the EU, the US and the UK were
    adding packages on Russia every few weeks: its chance of a first measure on Russia is far below
    theirs and below the target's rate per sender it was given before (0.68 over 2.7 years)."""
    kazakhstan = new_measure(spring_2022, "KAZ")
    assert kazakhstan < 0.5
    assert new_measure(spring_2022, "EU") > 0.99
    # without the ratio (a prior so strong that every sender is average) it was far higher
    monkeypatch.setattr(sanctions_and_events, "SENDER_PRIOR", 1e9)
    assert new_measure(spring_2022, "KAZ") > kazakhstan + 0.1

"""An actor busy in one group of event kinds is likelier to appear in the group's other kinds
(sanctions_and_events.activity_ratio): the force kinds and the rest, one actor at a time."""

from __future__ import annotations

import pandas as pd
import pytest

from postsoviet.models.event_hazard import sanctions_and_events
from postsoviet.models.event_hazard.facts import facts_of
from postsoviet.models.event_hazard.hazard import Level, pooled_rate

D = pd.Timestamp


@pytest.fixture(scope="module")
def mid_2022(world):
    return facts_of(world.known_on(D("2022-07-15")))


def test_russia_at_war_is_far_above_the_average_participant_in_the_force_kinds(mid_2022):
    russia = sanctions_and_events.activity_ratio(mid_2022, "mobilization", ["RUS"])
    assert russia > 2
    assert russia > 2 * sanctions_and_events.activity_ratio(mid_2022, "mobilization", ["KAZ"])
    # the ratio is one per group: every force kind gets the same
    assert sanctions_and_events.activity_ratio(
        mid_2022, "annexation", ["RUS"]
    ) == sanctions_and_events.activity_ratio(mid_2022, "mobilization", ["RUS"])


def test_an_actor_without_events_of_the_group_gets_the_shrunk_floor(mid_2022):
    floor = sanctions_and_events.ACTIVITY_PRIOR / (1 + sanctions_and_events.ACTIVITY_PRIOR)
    assert sanctions_and_events.activity_ratio(
        mid_2022, "mobilization", ["NOWHERE"]
    ) == pytest.approx(floor)


def test_the_average_participant_has_a_ratio_of_one(mid_2022):
    counts, average = sanctions_and_events._group_activity(mid_2022, "force")
    ratios = [sanctions_and_events.activity_ratio(mid_2022, "armed_clash", [a]) for a in counts]
    # the mean of (A_i + c A) / ((1 + c) A) over the participants is exactly 1
    assert sum(ratios) / len(ratios) == pytest.approx(1.0)
    assert average > 0


def test_a_pair_is_not_scaled(mid_2022):
    assert sanctions_and_events.activity_ratio(mid_2022, "ceasefire", ["RUS", "UKR"]) == 1.0


def test_the_ratio_scales_the_prior_of_the_last_level_only():
    parent, last = Level(10.0, 100.0), Level(0.0, 1.0)
    plain = pooled_rate([parent, last])
    scaled = pooled_rate([parent, Level(0.0, 1.0, prior_scale=4.0)])
    assert scaled.mean == pytest.approx(4 * plain.mean)
    # events seen at the level itself are not scaled
    seen = pooled_rate([parent, Level(5.0, 1.0, prior_scale=4.0)])
    assert seen.mean < 4 * pooled_rate([parent, Level(5.0, 1.0)]).mean


def test_a_busy_actor_gets_a_higher_probability_of_a_kind_it_never_had(world, mid_2022):
    args = {
        "kind": "mobilization",
        "actors": ["RUS"],
        "tags": [],
        "from": D("2022-07-15"),
        "by": D("2022-12-31"),
        "min_value": None,
    }
    busy = sanctions_and_events.p_event(mid_2022, "event.occurs", args, 0.46, True)
    quiet = sanctions_and_events.p_event(
        mid_2022, "event.occurs", {**args, "actors": ["MNG"]}, 0.46, True
    )
    assert busy > 3 * quiet

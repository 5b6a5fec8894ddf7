"""Liftings come by decision: a sender's measures on one target are lifted together, so the
chance that it lifts any of them does not grow with how many it has in force
(sanctions_and_events.lifting_episode_levels)."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from postsoviet.models.event_hazard import hazard, sanctions_and_events, world_models
from postsoviet.models.event_hazard.facts import Facts, Happening, facts_of

D = pd.Timestamp
CUTOFF = D("2020-01-01")


def _measure(sender, target, day, lifted=None, kind="assets"):
    return Happening(
        D(day), kind, frozenset({sender, target}), sender=sender, target=target,
        lifted=None if lifted is None else D(lifted),
    )  # fmt: skip


@pytest.fixture(scope="module")
def empty(world):
    # a real vintage's indexes, its sanctions replaced by the ones each test writes
    return facts_of(world.known_on(CUTOFF))


def _with(facts: Facts, sanctions: list[Happening]) -> Facts:
    return dataclasses.replace(facts, sanctions=sanctions, derived={})


def test_two_measures_lifted_on_one_day_are_one_lifting_over_their_joint_years(empty):
    facts = _with(
        empty,
        [
            _measure("EU", "BLR", "2010-01-01", "2016-02-25"),
            _measure("EU", "BLR", "2012-01-01", "2016-02-25"),
            _measure("USA", "BLR", "2014-01-01"),
        ],
    )
    args = {"sender": "EU", "target": "BLR", "scope": "any"}
    every, target, these = sanctions_and_events.lifting_episode_levels(facts, args)
    one_day = hazard.weight(D("2016-02-25"), CUTOFF)
    assert these.events == pytest.approx(one_day)
    # 2010-2016 once, not 2010-2016 plus 2012-2016
    assert these.years == pytest.approx(hazard.exposure(D("2010-01-01"), D("2016-02-25"), CUTOFF))
    # the target's level holds the US pair's years too, and no lifting of it
    assert target.events == pytest.approx(one_day)
    assert target.years == pytest.approx(
        these.years + hazard.exposure(D("2014-01-01"), CUTOFF, CUTOFF)
    )
    assert every.years == pytest.approx(target.years)


def test_more_measures_in_force_do_not_make_a_lifting_likelier(empty):
    history = [_measure("EU", "RUS", "2008-01-01", "2012-01-01")]
    args = {"sender": "EU", "target": "BLR", "scope": "any", "from": CUTOFF}

    def p_lifted(standing: int) -> float:
        listed = [_measure("EU", "BLR", "2015-01-01") for _ in range(standing)]
        # distinct rows: the same day, a kind each
        listed = [dataclasses.replace(h, kind=f"k{n}") for n, h in enumerate(listed)]
        facts = _with(empty, history + listed)
        return world_models.p_world(facts, "sanctions.lifted", args, 2.0)

    one, five = p_lifted(1), p_lifted(5)
    assert 0 < one < 1
    assert five == pytest.approx(one)


def test_a_relief_event_is_a_lifting_of_its_pair(world):
    """The US suspension of its Belneftekhim sanctions (September 2008, a ``sanctions_relief``
    event, USA;BLR) is a lifting by the US of measures on Belarus: it resolves a question asked in
    2007, and with the 2015 relief it makes a lifting likelier in 2022 than none on record
    would. The EU's reliefs name the EU in their tags, not their actors."""
    from postsoviet.models.event_hazard import questions as q
    from postsoviet.models.event_hazard.facts import relief_liftings

    facts = facts_of(world.known_on(D("2010-01-01")))
    asked = {"sender": "USA", "target": "BLR", "scope": "any"}
    assert q.state_sanctions_lifted(facts, {**asked, "from": D("2007-01-01")}, D("2009-01-01"))
    assert not q.state_sanctions_lifted(facts, {**asked, "from": D("2009-01-01")}, D("2010-01-01"))
    reliefs = relief_liftings(world.events, {"USA", "EU"})
    assert ("EU", "BLR", "individuals", D("2015-10-29")) in {
        (h.sender, h.target, h.kind, h.lifted) for h in reliefs
    }
    assert all(not q.in_force(h, h.day) for h in reliefs)

    vintage = facts_of(world.known_on(D("2022-08-24")))
    without = _with(vintage, [h for h in vintage.sanctions if not q.is_lifting(h)])
    args = {**asked, "from": D("2022-08-24")}
    kept = world_models.p_world(vintage, "sanctions.lifted", args, 3.35)
    dropped = world_models.p_world(without, "sanctions.lifted", args, 3.35)
    assert kept > 2 * dropped

"""States outside the actors lend the membership chain their record (``outside_memberships.csv``):
how fast an applicant, a candidate or an observer moves on, counted from its first recorded status."""

from __future__ import annotations

import pandas as pd

from postsoviet import load_world
from postsoviet.forecasts import history
from postsoviet.models.event_hazard import membership_chain as chain
from postsoviet.models.event_hazard.facts import facts_of

HEADER = "iso3,organization,status,joined,left,source,note\n"
# a state of the test, outside the actors: an EU candidate for two years, then negotiating
OUTSIDER = (
    "ZZA,EU,candidate,2010-01-01,2012-01-01,judgment,test\n"
    "ZZA,EU,negotiating,2012-01-01,,judgment,test\n"
)
DAY = pd.Timestamp("2022-07-15")


def _facts(world):
    return facts_of(world.known_on(DAY))


def _rate(facts, f: str, t: str) -> float:
    states, generator = chain.transition_rates(facts, "UKR", "EU")
    return float(generator[states.index(f), states.index(t)])


def test_an_outsiders_steps_raise_the_rate_of_those_steps(world, write_folder):
    """One more EU candidate that opened negotiations after two years raises Ukraine's rate of that
    step; its years before its first status are not counted, nor its years in other organisations."""
    folder = write_folder({"outside_memberships.csv": HEADER + OUTSIDER})
    before, after = _facts(world), _facts(load_world(folder))
    assert _rate(after, "candidate", "negotiating") > _rate(before, "candidate", "negotiating")
    years, moves = chain.membership_history(after)
    assert years.get(("ZZA", "EU", "none"), 0.0) == 0.0
    assert (
        years[("ZZA", "EU", "candidate")] > 0
        and moves[("ZZA", "EU", "candidate", "negotiating")] > 0
    )
    assert not any(key[0] == "ZZA" and key[1] != "EU" for key in years)


def test_no_question_is_generated_about_an_outsider(write_folder):
    folder = write_folder({"outside_memberships.csv": HEADER + OUTSIDER})
    facts = _facts(load_world(folder))
    posed = list(history._poses(facts, DAY, DAY + pd.DateOffset(years=1)))
    assert any(args.get("actor") == "UKR" for _, args in posed)
    assert not any(args.get("actor") == "ZZA" for _, args in posed)


def test_the_balkans_candidates_talks_of_july_2022_are_read_from_the_day_they_opened(world):
    """North Macedonia and Albania, EU candidates since 2005 and 2014, opened accession talks on
    19 July 2022 (outside_memberships.csv). Ukraine, a candidate since 23 June 2022, opening its own
    by the end of 2024 is more than twice as likely asked on 10 August as on 15 July."""
    from postsoviet.models.event_hazard.world_models import p_world

    def p(facts, day: str) -> float:
        years = (pd.Timestamp("2024-12-31") - pd.Timestamp(day)).days / 365.25
        args = {"actor": "UKR", "org": "EU", "status": "negotiating"}
        return p_world(facts, "membership.starts", args, years)

    before = facts_of(world.known_on(pd.Timestamp("2022-07-15")))
    after = facts_of(world.known_on(pd.Timestamp("2022-08-10")))
    assert p(after, "2022-08-10") > 2 * p(before, "2022-07-15")
    assert set(world.outside_memberships["iso3"]) >= {"MKD", "ALB", "MNE", "SRB", "IND"}

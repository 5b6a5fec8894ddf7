"""The EU's accession negotiations as a status of their own (``negotiating``): opened with the
Luxembourg group in 1998, the Helsinki group in 2000, Turkey in 2005, Ukraine and Moldova in 2024."""

from __future__ import annotations

import pandas as pd

from postsoviet.models.event_hazard import membership_chain, world_models
from postsoviet.models.event_hazard.facts import facts_of

D = pd.Timestamp


def _status(world, day: str, actor: str, org: str = "EU") -> str:
    facts = facts_of(world.known_on(D(day)))
    return membership_chain._state_at(facts.memberships.get((actor, org), []), D(day))


def test_each_applicant_negotiated_between_its_application_and_its_treaty(world):
    assert _status(world, "1997-06-30", "POL") == "applicant"
    assert _status(world, "1999-06-30", "POL") == "negotiating"
    assert _status(world, "1999-06-30", "LTU") == "applicant"
    assert _status(world, "2001-06-30", "LTU") == "negotiating"
    assert _status(world, "2003-06-30", "LTU") == "acceding"
    assert _status(world, "2006-06-30", "TUR") == "negotiating"


def test_a_vintage_before_the_opening_does_not_know_it(world):
    """Mid-2022 Ukraine is a candidate; the conference of 25 June 2024 is not known yet."""
    assert _status(world, "2022-07-15", "UKR") == "candidate"
    assert _status(world, "2024-07-15", "UKR") == "negotiating"
    assert _status(world, "2024-07-15", "MDA") == "negotiating"


def test_the_chain_reads_the_step_from_candidate_to_negotiating(world):
    """In mid-2022 the chain has Turkey's move from candidate to negotiating (and the 1990s
    applicants' moves on to acceding), so Ukraine's talks opening by the end of 2024 is not
    the chain's floor, and its membership by then stays unlikely."""
    facts = facts_of(world.known_on(D("2022-07-15")))
    states, generator = membership_chain.transition_rates(facts, "UKR", "EU")
    assert "negotiating" in states
    # a status with few years on record is not left at half an event a year to every other one
    # (the candidate status left at 4 a year before the prior of every move was the whole chain's)
    candidate = states.index("candidate")
    assert -generator[candidate, candidate] < 0.5
    years = (D("2024-12-31") - D("2022-07-15")).days / 365.25
    talks = membership_chain.p_reach(facts, "UKR", "EU", "negotiating", years)
    member = membership_chain.p_reach(facts, "UKR", "EU", "member", years)
    assert talks > 0.05
    assert member < talks


def test_nato_invitations_are_a_status_between_application_and_protocol(world):
    """Madrid 1997, Prague 2002, Madrid 2022: invited, then acceding from the protocols."""
    assert _status(world, "1997-10-01", "POL", "NATO") == "invited"
    assert _status(world, "2003-01-15", "LTU", "NATO") == "invited"
    assert _status(world, "2022-06-28", "FIN", "NATO") == "applicant"
    assert _status(world, "2022-07-01", "FIN", "NATO") == "invited"
    assert _status(world, "2022-07-06", "FIN", "NATO") == "acceding"


def test_an_invited_applicant_is_likelier_to_join_than_one_not_yet_invited(world):
    """Finland joining NATO by the end of 2023: far likelier once invited (1 July 2022) than as an
    applicant the day before the invitation, whose status pools with the WTO's long waits."""
    args = {"actor": "FIN", "org": "NATO", "status": "member"}

    def p(day: str) -> float:
        facts = facts_of(world.known_on(D(day)))
        years = (D("2023-12-31") - D(day)).days / 365.25
        return world_models.p_world(facts, "membership.starts", args, years)

    assert p("2022-07-01") > 3 * p("2022-06-28")

"""A ruler's tenure runs from when he came to hold one of the state's top offices without a break
(leader_hazard.power_start): Putin's from 1999, through his years as prime minister, 2008-2012."""

from __future__ import annotations

import pandas as pd

from postsoviet.models.event_hazard import leader_hazard
from postsoviet.models.event_hazard.facts import facts_of

D = pd.Timestamp


def _holder(facts, actor: str, office: str = "head_of_state"):
    return facts.leaders[(actor, office)][-1]


def test_power_runs_through_a_move_between_the_top_offices(world):
    # leaders.csv: Putin prime minister from 1999-08-09, president from 1999-12-31 (acting) to
    # 2008-05-07, prime minister 2008-05-08 to 2012-05-07, president since; Mirziyoyev prime
    # minister from 2003-12-12, president (acting) from 2016-09-08; Lukashenko president since 1994
    facts = facts_of(world.known_on(D("2022-07-15")))
    assert leader_hazard.power_start(facts, "RUS", "head_of_state", _holder(facts, "RUS")) == D(
        "1999-08-09"
    )
    assert leader_hazard.power_start(facts, "UZB", "head_of_state", _holder(facts, "UZB")) == D(
        "2003-12-12"
    )
    assert leader_hazard.power_start(facts, "BLR", "head_of_state", _holder(facts, "BLR")) == D(
        "1994-07-20"
    )
    # Medvedev, president 2008-2012 then prime minister: his premiership's tenure starts in 2008
    medvedev = [s for s in facts.leaders[("RUS", "head_of_government")] if "Medvedev" in s.label]
    assert leader_hazard.power_start(facts, "RUS", "head_of_government", medvedev[0]) == D(
        "2008-05-07"
    )


def test_a_long_ruler_is_unlikely_to_go_soon(world):
    """Mid-2022: Putin, in power for 23 years, is less likely to leave by the end of 2024 than
    Tokayev, president for three years (it was 0.45 when his tenure restarted in 2012)."""
    facts = facts_of(world.known_on(D("2022-07-15")))
    russia = leader_hazard.p_leader_change(
        facts, {"actor": "RUS", "office": "head_of_state"}, 2.46, True
    )
    kazakhstan = leader_hazard.p_leader_change(
        facts, {"actor": "KAZ", "office": "head_of_state"}, 2.46, True
    )
    assert russia < 0.2 < kazakhstan

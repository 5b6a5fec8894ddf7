"""The front band of settlements, the chain of membership statuses, and the frontier's draws."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from postsoviet.forecasts.forecast import forecast_targets
from postsoviet.forecasts.quantities import QUANTITIES
from postsoviet.forecasts.targets import Event, Target
from postsoviet.models.event_hazard import front, membership_chain
from postsoviet.models.event_hazard.facts import Facts, Spell, facts_of

D = pd.Timestamp


def test_great_circle_distance_kyiv_to_kharkiv():
    # settlements.csv coordinates; the great-circle distance is about 408 km
    points = np.array([[50.45466, 30.5238], [49.98177, 36.25475]])
    km = front.distances_km(points)
    assert km[0, 0] == 0.0 and km[0, 1] == pytest.approx(km[1, 0])
    assert 400 < km[0, 1] < 415


def _facts(spells: dict[str, list[Spell]], xy: dict[str, tuple[float, float]]) -> Facts:
    return Facts(cutoff=D("2022-07-15"), actors=(), organizations={}, settlements=spells,
                 settlement_xy=xy)  # fmt: skip


def test_a_settlement_is_contested_when_a_neighbour_is_held_by_another_side():
    spells = {
        "UKR:A": [Spell("UKR", D("2000-01-01"), None)],
        "UKR:B": [Spell("UKR", D("2000-01-01"), D("2022-05-01")), Spell("RUS", D("2022-05-01"), None)],
        "UKR:Far": [Spell("RUS", D("2000-01-01"), None)],
    }  # fmt: skip
    # B is about 22 km from A; Far about 220 km
    xy = {"UKR:A": (48.0, 38.0), "UKR:B": (48.2, 38.0), "UKR:Far": (50.0, 38.0)}
    facts = _facts(spells, xy)
    assert front.neighbours(facts, "UKR:A") == ("UKR:B",)
    assert not front.contested(facts, "UKR:A", D("2022-04-30"))
    assert front.contested(facts, "UKR:A", D("2022-05-01"))
    assert front.change_days(facts, "UKR:A") == {D("2000-01-01"), D("2022-05-01")}


def test_an_acceding_state_joins_faster_than_an_applicant(world):
    # memberships.csv: Finland applied to NATO on 2022-05-18 and signed its accession protocol on
    # 2022-07-05; a chain through 'acceding' makes the second day's forecast much higher
    applicant = facts_of(world.known_on(D("2022-06-01")))
    acceding = facts_of(world.known_on(D("2022-07-15")))
    p_applicant = membership_chain.p_reach(applicant, "FIN", "NATO", "member", 1.0)
    p_acceding = membership_chain.p_reach(acceding, "FIN", "NATO", "member", 1.0)
    assert 0.0 < p_applicant < p_acceding < 1.0
    # the chain never reaches a status no one ever had, and a longer window is never less likely
    assert membership_chain.p_reach(acceding, "FIN", "NATO", "member", 2.0) >= p_acceding


def test_the_frontier_grows_in_the_draws_where_a_neighbour_joins_nato(world):
    spec = QUANTITIES["frontier.length"]
    raw = {"on": "2024-12-31"}
    target = Target(
        "F1", D("2022-07-15"), spec, spec.parse(raw, D("2022-07-15")), Event(">", 1500.0)
    )
    (answer,) = forecast_targets(world, [target], draws=400)
    assert answer.answered and answer.model == "frontier + membership hazards"
    # Finland (1,300 km or so of border with Russia) was acceding that day
    assert 0.2 < answer.p < 1.0


def _target(ident: str, quantity: str, raw: dict, event: Event | None = None) -> Target:
    spec = QUANTITIES[quantity]
    return Target(ident, D("2022-07-15"), spec, spec.parse(raw, D("2022-07-15")), event)


def test_every_model_quantity_answers_before_its_judgment_values_without_them(world):
    from postsoviet.forecasts.forecast import Models

    targets = [
        _target("E", "exposure.rank", {"actor": "KAZ", "on": "2024-12-31"}, Event("<=", 1.0)),
        _target("A", "attrition.share_held", {"on": "2024-12-31"}, Event(">", 0.15)),
        _target("L", "ladder.rung_at_least", {"rung": 2, "on": "2024-12-31"}),
        _target("S", "landscape.side", {"actor": "BLR", "on": "2024-12-31"}),
        _target("D", "directions.rank", {"direction": "ukraine", "on": "2024-12-31"}, Event("<=", 1.0)),
    ]  # fmt: skip
    exposure, share, ladder, side, direction = forecast_targets(world, targets, draws=200)
    # the exposure index with equal weights and each input over its largest value that day
    assert exposure.answered and exposure.model == "exposure_unweighted"
    assert not exposure.hindsight
    # the share is answered from the territory series alone, saying so, with no hindsight
    assert share.answered and share.model.startswith("history_spread")
    assert not share.hindsight
    # the ladder from its record of rungs reached by the cutoff: one climb (2010) in 30 years
    assert ladder.answered and ladder.model == "ladder_record" and not ladder.hindsight
    assert 0.02 < ladder.p_raw < 0.2
    # the landscape with the paper's own weights (Belarus beside Russia, as it stayed)
    assert side.answered and side.model == "landscape_paper_rule" and not side.hindsight
    assert side.p_raw > 0.5
    # the directions with the essay's criteria unweighted: Ukraine first, as it stayed
    assert direction.answered and direction.model == "directions_unweighted"
    assert not direction.hindsight and direction.p_raw > 0.5
    allowed = forecast_targets(
        world, targets, draws=200, models=Models.embedded(allow_hindsight=True)
    )
    assert all(f.answered and f.hindsight for f in allowed)
    assert allowed[0].model == "exposure" and allowed[4].model == "directions"


def test_a_model_with_no_form_without_judgment_values_is_refused_naming_them(world, monkeypatch):
    from postsoviet.forecasts import model_quantities

    monkeypatch.delitem(model_quantities.WITHOUT_JUDGMENT, "exposure.rank")
    target = _target("E", "exposure.rank", {"actor": "KAZ", "on": "2024-12-31"}, Event("<=", 1.0))
    (exposure,) = forecast_targets(world, [target], draws=10)
    assert not exposure.answered and "exposure_weights" in exposure.reason
    assert "--allow-hindsight" in exposure.reason


def test_the_ladder_record_needs_every_missing_rung(world):
    """Negative binomial climbs: P(at least 2 climbs) < P(at least 1), and a rung already reached
    is certain."""
    from postsoviet.data.config import default_config
    from postsoviet.forecasts.model_quantities import ladder_record

    vintage = world.known_on(D("2022-07-15"))
    config = default_config()
    p = {
        rung: ladder_record(vintage, config, {"rung": rung, "on": D("2025-12-31")}, 1, None).p
        for rung in (1, 2, 3)
    }
    assert p[1] == 1.0
    assert 0.0 < p[3] < p[2] < 1.0


def test_the_paper_rule_weighs_only_the_papers_factors(world):
    """The 1936 rule's factors (religion, wars and borders, government) at 1, the project's own
    components at 0; on the 2022 vintage the Baltic states, Poland and Ukraine end on the West's
    side and Belarus on Russia's, as they stayed in the UN votes of 2022-2025."""
    from postsoviet.data.config import default_config
    from postsoviet.forecasts.model_quantities import landscape_paper_side
    from postsoviet.models.landscape.propensity import COMPONENTS, paper_weights

    weights = paper_weights()
    assert set(weights) == set(COMPONENTS)
    assert {c for c, w in weights.items() if w} == {"religion", "conflict", "regime"}
    vintage = world.known_on(D("2022-07-15"))
    config = default_config()
    sides = {
        actor: landscape_paper_side(
            vintage, config, {"actor": actor, "side": "West", "on": D("2024-12-31")}, 1, None
        ).point
        for actor in ("LTU", "LVA", "EST", "POL", "UKR", "BLR")
    }
    assert sides == {"LTU": 1.0, "LVA": 1.0, "EST": 1.0, "POL": 1.0, "UKR": 1.0, "BLR": 0.0}


def test_the_share_held_is_the_day_s_share_spread_by_typical_months_not_by_the_invasion(world):
    """Asked on 15 July 2022 about the end of 2022, the share of Ukraine held by Russia is drawn
    about its last value (20.7% on 2 June 2022) with the record's typical step, not its first
    week of 7% -> 25%, and without the point mass of "no new value recorded" (the share held on
    a day exists whether or not anyone recorded it)."""
    (share,) = forecast_targets(
        world, [_target("A", "attrition.share_held", {"on": "2022-12-31"})], draws=2000
    )
    q = share.quantiles
    assert 0.0 < q["q05"] < q["q25"] < 0.2071 < q["q75"] < q["q95"] < 0.5


def test_a_robust_spread_ignores_one_jump():
    from postsoviet.forecasts.numeric import robust_spread, walk_parameters

    yearly = 0.04  # a month's change has sd 0.04 / sqrt(12)
    rng = np.random.default_rng(5)
    months = [(float(c), 1 / 12) for c in rng.normal(0.0, yearly / 12**0.5, 60)]
    jump = [*months, (0.18, 0.1)]
    assert robust_spread(jump) == pytest.approx(yearly, rel=0.3)
    assert walk_parameters(jump, log=False)[1] > 1.5 * yearly
    # below three steps, the root mean square
    assert robust_spread(months[:2]) == pytest.approx(walk_parameters(months[:2], log=False)[1])


def test_a_rung_is_read_by_its_everyday_names(world):
    """ "Single currency", "Common Currency" and the data's ``common_currency`` are one rung; a
    name that is none of them is refused, naming the rungs."""
    asked = [
        _target(name, "ladder.rung_at_least", {"rung": rung, "on": "2025-12-31"})
        for name, rung in (
            ("a", "common_currency"),
            ("b", "Single currency"),
            ("c", "Common-Currency"),
        )
    ]
    answers = forecast_targets(world, asked, draws=50)
    assert all(a.answered for a in answers), [a.reason for a in answers]
    assert len({a.p for a in answers}) == 1
    (unknown,) = forecast_targets(
        world, [_target("d", "ladder.rung_at_least", {"rung": "treaty", "on": "2025-12-31"})]
    )
    assert not unknown.answered and "one_state" in unknown.reason

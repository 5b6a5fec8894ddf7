"""The essay's claims, each stated as a checkable model output under a scenario and the baseline.

A claim names the scenario that expresses it, the output that speaks to it (``model.key`` in a
:class:`~postsoviet.scenarios.run.ScenarioRun`), and a test: what the scenario's value must be,
against the baseline's, for the models to bear the claim out. The wording of each claim is ours,
summarising the essay (../shared/seed/, July 2022).

Not every check can fail. Each claim says what kind of check it is (:data:`KINDS`), with the
reasoning: a **test** could come out either way on the data; a **premise** check restates what
its scenario imposes; a check **true by construction** follows from the model's equations (or
the signs of its judgment weights) once the scenario's shock is applied, whatever the data. Only
tests count as evidence: ``borne_out`` is left empty for the others, ``holds`` says whether the
check passed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from postsoviet.scenarios.files import load_scenario
from postsoviet.scenarios.run import ScenarioRun, run_scenarios
from postsoviet.world import World

Test = Callable[[Any, Any], bool]
KINDS = {
    "test": "could come out either way on the data; counts as borne out when it holds",
    "premise": "restates what the scenario imposes; cannot fail, so it is not evidence",
    "construction": "follows from the model's equations once the shock is applied; not evidence",
}


@dataclass(frozen=True)
class Claim:
    """One claim of the essay and the model output that checks it."""

    id: str
    impact: str
    claim: str
    scenario: str
    output: str
    test: Test
    reading: str
    kind: str
    why: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(
                f"claim '{self.id}': kind '{self.kind}', expected one of {list(KINDS)}"
            )


def _top(value: Any) -> Any:
    return value[0]["iso3"] if isinstance(value, list) and value else value


FORMER_SOVIET = frozenset(
    (
        "RUS",
        "BLR",
        "UKR",
        "MDA",
        "EST",
        "LVA",
        "LTU",
        "GEO",
        "ARM",
        "AZE",
        "KAZ",
        "KGZ",
        "TJK",
        "TKM",
        "UZB",
    )
)


CLAIMS: tuple[Claim, ...] = (
    Claim(
        "sanctions-speed-integration",
        "Belarus",
        "Western sanctions, cheap energy and ruble credit speed up Belarus's integration into Russia.",
        "essay-belarus-levers",
        "ladder.p_energy_market_or_higher",
        lambda after, before: after > before,
        "the integration ladder puts more weight on the single energy market or higher at the horizon",
        "construction",
        "the ladder's hazard rises with sanctions, the gas-price gap and Russian loans by the signs of its judgment weights, so the scenario's levers can only raise it",
    ),
    Claim(
        "belarus-absorbed",
        "Belarus",
        "The integration of Belarus is in fact its absorption into Russia.",
        "essay-belarus",
        "ladder.p_one_state",
        lambda after, before: after > 0.5 and before < 0.5,
        "one state is the likely rung with the scenario and not without it (the merger is the premise)",
        "premise",
        "the scenario merges Belarus into Russia; the ladder reads the merger as the last rung",
    ),
    Claim(
        "post-soviet-bloc",
        "post-Soviet union",
        "Post-Soviet states, to keep their sovereignty, move closer to the Russia-Belarus alliance.",
        "baseline",
        "landscape.with_russia",
        lambda after, before: len(FORMER_SOVIET & set(after)) > len(FORMER_SOVIET) / 2,
        "most of the 15 former Soviet republics fall on Russia's side of the predicted blocs",
        "test",
        "the landscape's blocs come from memberships, votes, trade and the other pairwise data; the republics could fall on either side",
    ),
    Claim(
        "long-war",
        "Ukraine",
        "The war in Ukraine becomes a long tug of war: Russia keeps what it took and presses on.",
        "baseline",
        "attrition.share_held",
        lambda after, before: after >= 0.15,
        "Russia still holds at least 15% of Ukraine at the horizon (it held about 19% in 2026)",
        "test",
        "the projection depends on the fitted balance point and the recorded resources; the front could recede below 15%",
    ),
    Claim(
        "aid-grows-with-duration",
        "Ukraine",
        "The longer Ukraine fights, the more assistance it gets from the West.",
        "baseline",
        "attrition.aid_per_year_of_war_usd",
        lambda after, before: after > 0,
        "the aid line fitted to the recorded military aid rises with each year of war",
        "test",
        "the sign of the aid line is fitted to the recorded yearly aid, which could rise or fall",
    ),
    Claim(
        "aid-holds-the-line",
        "Ukraine",
        "Western aid is what keeps the war a stalemate rather than a collapse.",
        "essay-ukraine",
        "attrition.share_held",
        lambda after, before: after < before,
        "with the scenario's extra aid, Russia holds less of Ukraine at the horizon than in the baseline",
        "construction",
        "aid enters Ukraine's resources with a positive weight, so extra aid can only slow Russia's gains; the scenario's control shocks push the other way, so the comparison weighs two inputs of the scenario, not data",
    ),
    Claim(
        "buffer-disappears",
        "eastern flank",
        "Once Belarus is integrated into Russia, no buffer is left between Russia and NATO.",
        "essay-eastern-flank",
        "frontier.buffer_states",
        lambda after, before: "BLR" in before and "BLR" not in after,
        "Belarus is a buffer state in the baseline and not after the merger",
        "premise",
        "the scenario merges Belarus into Russia, so Belarus is no longer a state between them",
    ),
    Claim(
        "longer-nato-front",
        "eastern flank",
        "Absorbing Belarus lets Russia face Poland and Lithuania directly.",
        "essay-eastern-flank",
        "frontier.nato_land_border_km",
        lambda after, before: after > before,
        "the Russia-NATO land border is longer after the merger",
        "construction",
        "the merger hands Belarus's borders with Poland, Lithuania and Latvia to Russia; lengths are positive, so the front can only grow",
    ),
    Claim(
        "suwalki-closed",
        "eastern flank",
        "With Belarus absorbed, the Suwalki corridor lies between Russian territory on both sides.",
        "essay-eastern-flank",
        "frontier.suwalki_flanked_by_bloc",
        lambda after, before: bool(after) and not bool(before),
        "both ends of the Polish-Lithuanian border are Russian after the merger, not before",
        "construction",
        "the corridor's ends are Kaliningrad and Belarus; once Belarus is Russian both ends are, by the border geometry",
    ),
    Claim(
        "kazakhstan-most-exposed",
        "Kazakhstan",
        "Kazakhstan, with its Russian-populated north and Caspian oil, is the most exposed state.",
        "baseline",
        "exposure.top",
        lambda after, before: _top(after) == "KAZ",
        "Kazakhstan ranks first on the exposure index at the horizon",
        "test",
        "the ranking comes from each state's recorded figures; another state could rank first",
    ),
    Claim(
        "push-redirects",
        "next direction",
        "When one direction fails to meet expectations, Russia pushes in another.",
        "essay-redirect",
        "directions.net.ukraine",
        lambda after, before: after < before,
        "a stalled Ukraine (its cost tripled) is worth less to push in than in the baseline",
        "construction",
        "net is gain minus cost, so tripling Ukraine's cost can only lower its net; whether another direction then ranks first is the open question",
    ),
)


def output_value(run: ScenarioRun, path: str, *, baseline: bool = False) -> Any:
    """The value at ``model.key[.key...]`` in a run's results (or its baseline)."""
    value: Any = run.baseline if baseline else run.results
    for key in path.split("."):
        value = value[key]
    return value


def evaluate_claims(
    world: World,
    claims: Iterable[Claim] = CLAIMS,
    *,
    runs: Mapping[str, ScenarioRun] | None = None,
) -> pd.DataFrame:
    """Each claim with the scenario's and the baseline's value and whether the models bear it out.

    Columns: ``id, impact, claim, kind, scenario, output, scenario_value, baseline_value, holds,
    borne_out, reading, why``: ``holds`` whether the check passes, ``borne_out`` the same for a
    test and empty (``None``) for a premise or a check true by construction (:data:`KINDS`). Each scenario is run once, however many claims use it; ``runs`` (by scenario name)
    are used as they are instead of running them again.
    """
    claims = tuple(claims)
    done = dict(runs or {})
    missing = [n for n in dict.fromkeys(c.scenario for c in claims) if n not in done]
    fresh = run_scenarios(world, [load_scenario(name, world) for name in missing])
    runs = {**done, **dict(zip(missing, fresh, strict=True))}
    rows = []
    for claim in claims:
        run = runs[claim.scenario]
        after = output_value(run, claim.output)
        before = output_value(run, claim.output, baseline=True)
        holds = bool(claim.test(after, before))
        rows.append(
            {
                "id": claim.id,
                "impact": claim.impact,
                "claim": claim.claim,
                "kind": claim.kind,
                "scenario": claim.scenario,
                "output": claim.output,
                "scenario_value": after,
                "baseline_value": before,
                "holds": holds,
                "borne_out": holds if claim.kind == "test" else None,
                "reading": claim.reading,
                "why": claim.why,
            }
        )
    return pd.DataFrame(rows)

"""Leaders: the hazard that an office changes hands, and whether a named person holds it.

A succession's hazard depends on the holder's time in power and the state's regime class
(:func:`tenure_hazard`), scaled by the state's own record (:func:`tenure_frailty`), by when its
votes fall (:mod:`~postsoviet.models.event_hazard.elections`) and by term limits
(:mod:`~postsoviet.models.event_hazard.term_limits`), with the holder's Gompertz mortality added
(:func:`p_leader_change`). Part of the event-hazard forecasts
(:mod:`postsoviet.models.event_hazard.world_models`).
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from postsoviet.models.event_hazard import elections, term_limits
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import (
    OBSERVED_FROM,
    Facts,
    Spell,
    derived,
    holder_on,
)
from postsoviet.models.event_hazard.hazard import (
    STRENGTH_YEARS,
    Level,
    exposure,
    pooled_rate,
    rate_of,
    weight,
    years_between,
)
from postsoviet.models.event_hazard.sanctions_and_events import p_war_end

# Gompertz mortality h(age) = exp(A + B age): B = 0.085/year (the usual adult slope), A set so an
# office holder of 70 has 2% a year (judgment, near life tables for men with good health care).
GOMPERTZ_B = 0.085
GOMPERTZ_A = math.log(0.02) - GOMPERTZ_B * 70
# A named person who does not hold the office takes it, given a change, with this probability
# (judgment: successions usually go to one of a few candidates).
NAMED_SUCCESSOR = 0.2
# Offices are pooled harder than memberships: a state's own record is short (often one tenure),
# so its family's rate counts as this many years (chosen on the history backtest).
LEADER_STRENGTH = 20.0


def leader_history(facts: Facts) -> dict[tuple[str, str], Level]:
    """Weighted successions and years observed per (actor, office)."""
    cutoff = q.known_until(facts)
    table = {}
    for key, spells in facts.leaders.items():
        start = max(OBSERVED_FROM, spells[0].start)
        changes = sum(weight(s.start, cutoff) for s in spells[1:] if start < s.start <= cutoff)
        table[key] = Level(changes, exposure(start, cutoff, cutoff))
    return table


# A state's regime class (Freedom House status) for a day is read from the year under review
# this many years before the day's year: year Y is known from the end of Y+1 (vintage_rules.csv).
REGIME_LAG_YEARS = 2
ANY_REGIME = "*"
# A regime class's tenure-bucket rate is shrunk to the bucket's rate over every state with this
# many years of prior exposure (chosen among 1, 5 and 20 on the generated history:
# docs/forecasting.md, "Regimes and votes due").
REGIME_STRENGTH = 5.0
# The prior of a regime class's ratio to every state's succession rates, in expected successions
# at a ratio of 1 (:func:`class_ratio`; analyst judgment: two successions' worth).
CLASS_RATIO_STRENGTH = 2.0

# Tenure buckets (years in office) of the piecewise-constant succession hazard.
TENURE_EDGES = (0.0, 4.0, 8.0, 16.0, math.inf)


# The state's top offices: a ruler moving from one to the other keeps power (Putin, prime minister
# 2008-2012 between his presidencies; Mirziyoyev, prime minister until he became president).
TOP_OFFICES = ("head_of_state", "head_of_government")
# A move between the top offices within this long keeps the tenure (the day of the swap, or an
# acting term's gap).
SWAP = pd.Timedelta(days=31)


def power_start(facts: Facts, actor: str, office: str, spell: Spell) -> pd.Timestamp:
    """When the holder of ``spell`` came to hold one of the state's top offices without a break:
    its start, or earlier when the same person held the other top office up to it
    (:data:`SWAP`), followed back as far as the chain goes."""
    if office not in TOP_OFFICES:
        return spell.start
    start, current = spell.start, office
    while True:  # each step goes strictly back in time through finitely many periods
        other = TOP_OFFICES[1 - TOP_OFFICES.index(current)]
        before = [
            s
            for s in facts.leaders.get((actor, other), [])
            if s.label == spell.label
            and s.start < start
            and (s.end is None or s.end >= start - SWAP)
        ]
        if not before:
            break
        start, current = min(s.start for s in before), other
    return start


def regime_on(facts: Facts, actor: str, day: pd.Timestamp) -> str:
    """The state's Freedom House status as it could be read on ``day``: the latest year under
    review at least :data:`REGIME_LAG_YEARS` before ``day``'s year (the data's vintage rule
    makes year Y known from the end of Y+1); :data:`ANY_REGIME` when none is."""
    latest = day.year - REGIME_LAG_YEARS
    known = [status for year, status in facts.regimes.get(actor, []) if year <= latest]
    return known[-1] if known else ANY_REGIME


def _regime_changes(facts: Facts, actor: str) -> list[pd.Timestamp]:
    """The days the state's readable regime class (:func:`regime_on`) changes: a 1 January."""

    def build(facts: Facts) -> dict[str, list[pd.Timestamp]]:
        table = {}
        for state, statuses in facts.regimes.items():
            days, previous = [], ANY_REGIME
            for year, status in statuses:
                if status != previous:
                    days.append(pd.Timestamp(year=year + REGIME_LAG_YEARS, month=1, day=1))
                    previous = status
            table[state] = days
        return table

    return derived(facts, "regime-changes", build).get(actor, [])


def _regime_pieces(
    facts: Facts, actor: str, start: pd.Timestamp, end: pd.Timestamp
) -> Iterable[tuple[pd.Timestamp, pd.Timestamp, str]]:
    """``[start, end)`` cut where the state's readable regime class changes, each piece with
    its class."""
    cuts = [day for day in _regime_changes(facts, actor) if start < day < end]
    for a, b in itertools.pairwise([start, *cuts, end]):
        yield a, b, regime_on(facts, actor, a)


def _tenure_pieces(
    facts: Facts, cutoff: pd.Timestamp
) -> Iterable[tuple[str, str, int, str, float, float]]:
    """Every tenure's observed stretches and its end, as ``(actor, office, bucket, regime class,
    weighted years, weighted end)``: a stretch has an end of 0, an end no years.

    Each tenure is observed from 26 December 1991 or its start (left truncation) and cut by tenure
    bucket and by the regime class the state had then (:func:`regime_on`); its end, if known by the
    cutoff, falls in the bucket of its length, under the class on its day.
    """
    for (actor, office), spells in facts.leaders.items():
        for spell in spells:
            origin = power_start(facts, actor, office, spell)
            entry = max(OBSERVED_FROM, spell.start)
            stop = min(spell.stop, cutoff)
            for k, (lo, hi) in enumerate(itertools.pairwise(TENURE_EDGES)):
                start = max(entry, origin + pd.Timedelta(days=lo * 365.25))
                end = stop if math.isinf(hi) else min(stop, origin + pd.Timedelta(days=hi * 365.25))
                for a, b, regime in _regime_pieces(facts, actor, start, end):
                    yield actor, office, k, regime, exposure(a, b, cutoff), 0.0
            if spell.end is not None and entry < spell.end <= cutoff:
                length = years_between(origin, spell.end)
                k = max(i for i, lo in enumerate(TENURE_EDGES[:-1]) if length >= lo)
                regime = regime_on(facts, actor, spell.end)
                yield actor, office, k, regime, 0.0, weight(spell.end, cutoff)


def tenure_history(facts: Facts) -> dict[tuple[str, str], list[Level]]:
    """Per office and regime class: weighted ends of tenure and years in office, by tenure
    bucket (:func:`_tenure_pieces`); the class :data:`ANY_REGIME` holds every tenure."""
    table: dict[tuple[str, str], list[list[float]]] = {}

    def rows(office: str, regime: str) -> list[list[float]]:
        return table.setdefault((office, regime), [[0.0, 0.0] for _ in TENURE_EDGES[:-1]])

    for _, office, k, regime, years, ended in _tenure_pieces(facts, q.known_until(facts)):
        for cls in {ANY_REGIME, regime}:
            rows(office, cls)[k][0] += ended
            rows(office, cls)[k][1] += years
    return {key: [Level(k, t) for k, t in rows] for key, rows in table.items()}


def bucket_rates(facts: Facts, office: str, regime: str = ANY_REGIME) -> list[float]:
    """The yearly succession rate of each tenure bucket: each bucket's rate over every state shrunk
    to the office's overall rate, and the regime class's rate to that bucket rate scaled by the
    class's ratio over all its buckets (:func:`class_ratio`),
    ``r_k = (e_k + S m) / (t_k + S)``, ``r_kc = (e_kc + S_c theta_c r_k) / (t_kc + S_c)`` with
    ``S`` = :data:`STRENGTH_YEARS`, ``S_c`` = :data:`REGIME_STRENGTH`; empty for an office
    without holders."""

    def build(facts: Facts) -> list[float]:
        history = derived(facts, "tenure", tenure_history)
        buckets = history.get((office, ANY_REGIME))
        if not buckets:
            return []
        overall = pooled_rate(
            [Level(sum(b.events for b in buckets), sum(b.years for b in buckets))]
        )
        rates = [
            (level.events + STRENGTH_YEARS * overall.mean) / (level.years + STRENGTH_YEARS)
            for level in buckets
        ]
        within = history.get((office, regime)) if regime != ANY_REGIME else None
        if within is None:
            return rates
        ratio = class_ratio(within, rates)
        return [
            (level.events + REGIME_STRENGTH * ratio * rate) / (level.years + REGIME_STRENGTH)
            for level, rate in zip(within, rates, strict=True)
        ]

    return derived(facts, ("bucket-rates", office, regime), build)


def class_ratio(within: Sequence[Level], rates: Sequence[float]) -> float:
    """A regime class's successions against those every state's bucket rates expect over its
    tenures (proportional hazards: the class scales every bucket alike),
    ``theta_c = (O_c + S) / (E_c + S)`` with ``O_c = sum_k e_kc``, ``E_c = sum_k t_kc r_k`` and
    ``S`` = :data:`CLASS_RATIO_STRENGTH` expected successions at a ratio of 1 (a Gamma prior).

    A class's years fall unevenly over the buckets: the not free states' rulers of 2022 passed
    their fourth to eighth years in office long ago, so that bucket's recency-weighted years of
    the class are few (4.7 for heads of state in July 2022) and, shrunk to every state's rate,
    it said that an autocrat four years in goes as often as a democrat at the end of a term. Over
    all buckets the not free class has 0.43-0.47 of the heads of state's successions every
    state's rates expect (2012, 2017 and 2022 vintages)."""
    observed = sum(level.events for level in within)
    expected = sum(level.years * rate for level, rate in zip(within, rates, strict=True))
    return (observed + CLASS_RATIO_STRENGTH) / (expected + CLASS_RATIO_STRENGTH)


def tenure_hazard(
    facts: Facts, office: str, tenure: float, years: float, regime: str = ANY_REGIME
) -> float:
    """Cumulative succession hazard from ``tenure`` to ``tenure + years`` in office: the
    piecewise-constant :func:`bucket_rates` of the office and regime class."""
    rates = bucket_rates(facts, office, regime)
    if not rates:
        return 0.0
    total = 0.0
    for (lo, hi), rate in zip(itertools.pairwise(TENURE_EDGES), rates, strict=True):
        overlap = max(0.0, min(hi, tenure + years) - max(lo, tenure))
        total += rate * overlap
    return total


def tenure_frailty(facts: Facts, actor: str, office: str) -> float:
    """The state's own successions in the office against those the tenure hazard expects of it.

    A Poisson-Gamma estimate of a standardised ratio (as for disease mapping, Clayton & Kaldor
    1987): with ``O`` the state's weighted ends of tenure, ``E`` those :func:`bucket_rates`
    expects over its own holders' tenures and regime classes, and ``T`` its weighted years,
    ``f = ((O + S r) / (T + S)) / r`` with ``r = E / T`` and ``S`` = :data:`LEADER_STRENGTH`
    years: the state's own rate shrunk to the rate its tenures and classes predict, as a ratio to
    that rate. 1 without a record.
    """

    def build(facts: Facts) -> dict[tuple[str, str], tuple[float, float, float]]:
        table: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for state, job, k, regime, years, ended in _tenure_pieces(facts, q.known_until(facts)):
            row = table[(state, job)]
            row[0] += ended
            row[1] += years * bucket_rates(facts, job, regime)[k]
            row[2] += years
        return {key: tuple(row) for key, row in table.items()}

    observed, expected, years = derived(facts, "tenure-frailty", build).get(
        (actor, office), (0.0, 0.0, 0.0)
    )
    if expected <= 0.0 or years <= 0.0:
        return 1.0
    rate = expected / years
    return (observed + LEADER_STRENGTH * rate) / (years + LEADER_STRENGTH) / rate


def _mortality(born: pd.Timestamp | None, day: pd.Timestamp, years: float) -> float:
    if born is None:
        return 0.0
    age = years_between(born, day)
    return (
        math.exp(GOMPERTZ_A)
        / GOMPERTZ_B
        * (math.exp(GOMPERTZ_B * (age + years)) - math.exp(GOMPERTZ_B * age))
    )


def p_leader_change(facts: Facts, a: Mapping[str, Any], years: float, pooled: bool) -> float:
    """P(the office changes hands within ``years``): succession hazard and the holder's mortality.

    With a holder on the cutoff, the succession hazard depends on the holder's time in office
    and the state's regime class (:func:`tenure_hazard`, a piecewise-constant hazard of tenure
    pooled over every state and then over the states of the class: the states' own records are
    too short to say more), scaled by the state's own record (a frailty) and, in a free state, by
    when its votes fall (:func:`elections.timing_factor`), and a president whose terms are capped
    stays through a vote due in the window only as often as the record's capped presidents did
    (:func:`term_limits.p_stays`); without a holder, the pooled rate of the office.
    """
    table = derived(facts, "leaders", leader_history)
    same_office = [v for (_, o), v in table.items() if o == a["office"]]
    widest = Level(sum(v.events for v in same_office), sum(v.years for v in same_office))
    levels = [widest, table.get((a["actor"], a["office"]), Level(0.0, 0.0))]
    rate = rate_of(levels, pooled, LEADER_STRENGTH)
    if not pooled:
        return rate.p_any(years)
    day = q.known_until(facts)
    holder = holder_on(q.leader_spells(facts, a["actor"], a["office"]), day)
    if holder is not None:
        tenure = years_between(power_start(facts, a["actor"], a["office"], holder), day)
        # the state's own record of successions scales the pooled tenure hazard (a frailty)
        frailty = tenure_frailty(facts, a["actor"], a["office"])
        regime = regime_on(facts, a["actor"], day)
        hazard = tenure_hazard(facts, a["office"], tenure, years, regime)
        # where votes decide who holds office, the hazard follows when they fall
        factor = 1.0
        if regime in elections.TIMED_REGIMES:
            factor = elections.timing_factor(facts, a["actor"], a["office"], years)
        if elections.waits_for_war_end(facts, a["actor"]):
            # no vote before the war ends: votes weigh only on the part of the window after a
            # ceasefire, the rest sees only changes away from votes
            after = share_after_end(p_war_end(facts, a["actor"], years))
            held = elections.no_vote_factor(facts, a["actor"], a["office"])
            factor = after * factor + (1.0 - after) * held
        hazard *= factor
        # a president who may not run again leaves after the vote due in the window
        stays = term_limits.p_stays(facts, a["actor"], a["office"], holder, years)
        no_change = math.exp(-frailty * hazard) * stays
    else:
        no_change = 1.0 - rate.p_any(years)
    born = facts.born.get(q.plain(holder.label)) if holder is not None else None
    survive = no_change * math.exp(-_mortality(born, day, years))
    return 1.0 - survive


def share_after_end(p_end: float) -> float:
    """The expected share of a window that falls after an end which comes at a constant rate and
    within the window with probability ``p_end``.

    With the end at ``tau ~ Exp(lam)`` and ``x = lam T = -ln(1 - p_end)`` over a window of length
    ``T``: ``E[(T - tau)+] / T = 1 - (1 - e^-x) / x``. A war that ends by the window's close half
    the time (``p_end = 0.5``) leaves on average 28% of the window after its end, not 50%: an end
    late in the window leaves little time for what must wait for it.
    """
    if p_end <= 0.0:
        return 0.0
    if p_end >= 1.0:
        return 1.0
    x = -math.log1p(-p_end)
    return 1.0 - (-math.expm1(-x)) / x


def p_leader(facts: Facts, name: str, a: Mapping[str, Any], years: float, pooled: bool) -> float:
    change = p_leader_change(facts, a, years, pooled)
    if name == "leader.changes":
        return change
    if q.state_leader_holds(facts, a, q.known_until(facts)):
        return 1.0 - change
    return NAMED_SUCCESSOR * change

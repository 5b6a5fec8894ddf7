"""Event-hazard forecasts of world-fact quantities, from the history known at the cutoff.

Every "by" question is P(at least one change of the kind in the window), from a rate pooled over
a hierarchy (:mod:`postsoviet.models.event_hazard.hazard`): a membership status change (an applicant or a
candidate becomes a member at the rate seen for such transitions), a succession (plus the
Gompertz mortality of the holder's age), a sanctions measure, an event of a kind, a gain or loss
of control. Every "holds" question combines the state on ``asked_on`` with the hazard of
leaving it: ``P = 1 - P(exit)`` when it holds, ``P(entry)`` when it does not.

``pooled=False`` keeps only the widest level: the family's base rate (the ``base_rate`` baseline).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.data.schema import EVENT_KINDS
from postsoviet.models.event_hazard import elections, front, openings, places, size, term_limits
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import (
    OBSERVED_FROM,
    Facts,
    Spell,
    as_kinds,
    derived,
    holder_on,
)
from postsoviet.models.event_hazard.hazard import (
    RECENCY_YEARS,
    STRENGTH_YEARS,
    Level,
    Rate,
    exposure,
    family_rate,
    pooled_rate,
    weight,
    years_between,
)

NONE = "none"
# Gompertz mortality h(age) = exp(A + B age): B = 0.085/year (the usual adult slope), A set so an
# office holder of 70 has 2% a year (judgment, near life tables for men with good health care).
GOMPERTZ_B = 0.085
GOMPERTZ_A = math.log(0.02) - GOMPERTZ_B * 70
# Sanctions packages and events come in bursts: their rates follow the last year (judgment,
# checked on the history backtest), memberships, offices and control the last six.
BURST_YEARS = 1.0
# An event question's levels are pooled with this prior strength (years): each level's rate is
# shrunk toward its parent's as if the parent had been seen this long (chosen among 0.5, 1, 1.5, 2
# and 3 years with the long-run level below, on the generated event targets and on pairs that acted
# together before, scripts/score_pairs.py: docs/forecasting.md, "A set's long-run record").
EVENT_STRENGTH_YEARS = 1.5
# A named person who does not hold the office takes it, given a change, with this probability
# (judgment: successions usually go to one of a few candidates).
NAMED_SUCCESSOR = 0.2
# Offices are pooled harder than memberships: a state's own record is short (often one tenure),
# so its family's rate counts as this many years (chosen on the history backtest).
LEADER_STRENGTH = 20.0
# A controller that gained a region or oblast (or one of its settlements) within this long is on
# the move there (judgment, checked on the history backtest: docs/forecasting.md).
ACTIVE_YEARS = 1.0
ACTIVE = pd.Timedelta(days=round(ACTIVE_YEARS * 365.25))
# A settlement taken within this long is a fresh hold: the captor has not dug in, and the side
# that lost it may still come back (chosen among 0.25, 0.5, 1 and 2 years on the generated
# history: docs/forecasting.md, "Momentum on the front").
FRESH_YEARS = 0.5
FRESH = pd.Timedelta(days=round(FRESH_YEARS * 365.25))
# A settlement whose neighbour (front.FRONT_KM) a controller took within this long is pressed by
# it: the controller is pushing there (chosen among 0.0625, 0.125, 0.25, 0.5 and 1 year on the
# generated history: docs/forecasting.md, "Momentum on the front").
PRESS_YEARS = 0.125
PRESS = pd.Timedelta(days=round(PRESS_YEARS * 365.25))
# A state that retook a settlement of an oblast within this long is advancing in the oblast, near
# the settlement or not (chosen among 0.125, 0.25 and 0.5 years on the generated history:
# docs/forecasting.md, twenty-fourth session).
ADVANCE_YEARS = 0.25
ADVANCE = pd.Timedelta(days=round(ADVANCE_YEARS * 365.25))
# whether a settlement's size scales its gain hazard (size.py); False only to measure without it
SIZE_FACTOR = True


def _rate(levels: list[Level], pooled: bool, strength: float = STRENGTH_YEARS) -> Rate:
    return pooled_rate(levels, strength) if pooled else family_rate(levels)


def _cutoff(facts: Facts) -> pd.Timestamp:
    return q.known_until(facts)


# memberships ---------------------------------------------------------------------------------


def _state_at(spells: list[Spell], day: pd.Timestamp) -> str:
    holder = holder_on(spells, day)
    return holder.label if holder is not None else NONE


def membership_history(facts: Facts) -> tuple[dict, dict]:
    """Weighted years per (actor, org, state) and weighted moves per (actor, org, from, to)."""
    cutoff = _cutoff(facts)
    years: dict[tuple[str, str, str], float] = defaultdict(float)
    moves: dict[tuple[str, str, str, str], float] = defaultdict(float)
    actors = set(facts.actors) | {a for a, _ in facts.memberships}
    for actor in sorted(actors):
        for org, founded in facts.organizations.items():
            spells = facts.memberships.get((actor, org), [])
            start = max(OBSERVED_FROM, founded)
            # after its dissolution nobody is at risk of joining or leaving an organisation
            end = min(cutoff, facts.dissolved.get(org, cutoff))
            if start >= end:
                continue
            days = {start, end}
            for s in spells:
                days |= {d for d in (s.start, s.end) if d is not None and start < d < end}
            days_sorted = sorted(days)
            previous = _state_at(spells, start)
            for a, b in itertools.pairwise(days_sorted):
                state = _state_at(spells, a)
                if a > start and state != previous:
                    moves[(actor, org, previous, state)] += weight(a, cutoff)
                years[(actor, org, state)] += exposure(a, b, cutoff)
                previous = state
    return _rollup(years), _rollup(moves)


def _rollup(table: dict[tuple, float]) -> dict[tuple, float]:
    """Sums over every key with leading parts replaced by ``*`` (actor; actor and org)."""
    out: dict[tuple, float] = defaultdict(float)
    for key, value in table.items():
        out[key] += value
        out[("*", *key[1:])] += value
        out[("*", "*", *key[2:])] += value
    return dict(out)


def _membership_levels(
    facts: Facts, actor: str, org: str, state: str, matches: Callable[[str, str], bool], at_risk
) -> list[Level]:
    years, moves = derived(facts, "membership", membership_history)
    states = {key[2] for key in years} | {NONE}
    widest = Level(
        sum(moves.get(("*", "*", f, t), 0.0) for f in states for t in states if matches(f, t)),
        sum(years.get(("*", "*", s), 0.0) for s in states if at_risk(s)),
    )

    def level(who: str, where: str) -> Level:
        k = sum(moves.get((who, where, state, t), 0.0) for t in states if matches(state, t))
        return Level(k, years.get((who, where, state), 0.0))

    return [widest, level("*", "*"), level("*", org), level(actor, org)]


def membership_entry(facts: Facts, actor: str, org: str, status: str, pooled: bool) -> Rate:
    """The rate at which ``actor`` gains ``status`` in ``org`` from its state on the cutoff."""
    state = _state_at(facts.memberships.get((actor, org), []), _cutoff(facts))
    if status == q.ANY:

        def matches(f: str, t: str) -> bool:
            return f == NONE and t != NONE

        def at_risk(s: str) -> bool:
            return s == NONE
    else:

        def matches(f: str, t: str) -> bool:
            return t == status and f != status

        def at_risk(s: str) -> bool:
            return s != status

    return _rate(_membership_levels(facts, actor, org, state, matches, at_risk), pooled)


def _every_move(facts: Facts) -> Level:
    """Every move over every status-year, spread over the destinations: the prior of each move of
    the chain (a status seen briefly would otherwise get half an event a year to every other
    status)."""
    years, moves = derived(facts, "membership", membership_history)
    destinations = len({k[2] for k in years} | {NONE}) - 1
    return Level(
        sum(v for k, v in moves.items() if k[:2] == ("*", "*")),
        sum(v for k, v in years.items() if k[:2] == ("*", "*")) * destinations,
    )


def transition_rates(facts: Facts, actor: str, org: str) -> tuple[list[str], np.ndarray]:
    """The states and the generator ``Q`` of ``actor``'s statuses in ``org`` (rates per year).

    ``Q[f, t]`` is the pooled rate of moving from status ``f`` to ``t``: every move ``f -> t`` over
    all organisations, in ``org``, for ``actor``, each over the years spent in ``f`` at that level
    (:func:`~postsoviet.models.event_hazard.hazard.pooled_rate`); ``Q[f, f] = -sum_t Q[f, t]``.
    """

    def build(facts: Facts) -> tuple[list[str], np.ndarray]:
        years, moves = derived(facts, "membership", membership_history)
        states = sorted({k[2] for k in years} | {NONE})
        every = derived(facts, "membership-every-move", _every_move)
        generator = np.zeros((len(states), len(states)))
        for i, f in enumerate(states):
            for j, t in enumerate(states):
                if i == j:
                    continue
                levels = [every] + [
                    Level(moves.get((who, where, f, t), 0.0), years.get((who, where, f), 0.0))
                    for who, where in (("*", "*"), ("*", org), (actor, org))
                ]
                generator[i, j] = pooled_rate(levels).mean
        generator[np.diag_indices_from(generator)] = -generator.sum(axis=1)
        return states, generator

    return derived(facts, ("chain", actor, org), build)


def p_reach(facts: Facts, actor: str, org: str, status: str, years: float) -> float:
    """P(``actor`` reaches ``status`` in ``org`` within ``years``, by any path of statuses).

    A continuous-time Markov chain over the statuses (generator :func:`transition_rates`) with
    ``status`` made absorbing: ``P = [exp(Q t)]_{now, status}`` (:func:`absorbed`). An applicant becomes a member
    through the statuses between (applicant -> acceding -> member) at the rates seen for each step.
    Source: Norris (1997), *Markov Chains*, ch. 2 (the transition matrix ``exp(Q t)``).
    """
    states, generator = transition_rates(facts, actor, org)
    if status not in states or years <= 0:
        return 0.0
    now = _state_at(facts.memberships.get((actor, org), []), _cutoff(facts))
    return absorbed(generator, states.index(now), states.index(status), years)


def absorbed(generator: np.ndarray, start: int, target: int, years: float) -> float:
    """``[exp(Q' t)]_{start, target}`` with ``target`` made absorbing, by uniformization.

    With ``lam = max_i -Q_ii`` and ``R = I + Q' / lam``, ``exp(Q' t) = sum_k Pois(k; lam t) R^k``;
    only the start row is carried, until the Poisson weights left are below ``1e-12``. Plain
    numpy on one row: no matrix exponential (whose small BLAS calls slowed down under a busy
    machine's threads). Source: Stewart (1994), *Introduction to the Numerical Solution of Markov
    Chains*, ch. 8 (uniformization).
    """
    if start == target:
        return 1.0
    q = generator.copy()
    q[target, :] = 0.0
    lam = float(np.max(-np.diag(q)))
    if lam <= 0.0:
        return 0.0
    step = np.eye(len(q)) + q / lam
    row = np.zeros(len(q))
    row[start] = 1.0
    mean = lam * years
    term = math.exp(-mean)
    total, seen, k = term * row[target], term, 0
    while 1.0 - seen > 1e-12 and k < mean + 12.0 * math.sqrt(mean) + 50:
        k += 1
        row = row @ step
        term *= mean / k
        seen += term
        total += term * row[target]
    return float(min(max(total, 0.0), 1.0))


def _p_entry(facts: Facts, a: Mapping[str, Any], years: float, pooled: bool) -> float:
    if pooled and a["status"] != q.ANY:
        return p_reach(facts, a["actor"], a["org"], a["status"], years)
    return membership_entry(facts, a["actor"], a["org"], a["status"], pooled).p_any(years)


def membership_exit(facts: Facts, actor: str, org: str, status: str, pooled: bool) -> Rate:
    """The rate at which ``actor`` loses ``status`` in ``org``."""
    state = _state_at(facts.memberships.get((actor, org), []), _cutoff(facts))
    if status == q.ANY:

        def matches(f: str, t: str) -> bool:
            return f != NONE and t == NONE

        def at_risk(s: str) -> bool:
            return s != NONE
    else:

        def matches(f: str, t: str) -> bool:
            return f == status and t != status

        def at_risk(s: str) -> bool:
            return s != NONE

    return _rate(_membership_levels(facts, actor, org, state, matches, at_risk), pooled)


def p_membership(facts: Facts, name: str, a: Mapping[str, Any], years: float, pooled: bool):
    if a["org"] in facts.dissolved:
        return 0.0  # wound up by the cutoff: nobody holds, gains or loses a status in it
    spells = facts.memberships.get((a["actor"], a["org"]), [])
    holds = q.holds_status(spells, a["status"], _cutoff(facts))
    if name == "membership.holds":
        if holds:
            return 1.0 - membership_exit(facts, a["actor"], a["org"], a["status"], pooled).p_any(
                years
            )
        return _p_entry(facts, a, years, pooled)
    if name == "membership.starts":
        if holds:
            # to start again, the status must first end: both within the window
            leave = membership_exit(facts, a["actor"], a["org"], a["status"], pooled)
            again = membership_entry(facts, a["actor"], a["org"], a["status"], pooled)
            return leave.p_any(years) * again.p_any(years)
        return _p_entry(facts, a, years, pooled)
    if not holds:
        # to end, the status must first start: both within the window
        entry = _p_entry(facts, a, years, pooled)
        leave = membership_exit(facts, a["actor"], a["org"], a["status"], pooled).p_any(years)
        return entry * leave
    return membership_exit(facts, a["actor"], a["org"], a["status"], pooled).p_any(years)


# leaders -------------------------------------------------------------------------------------


def leader_history(facts: Facts) -> dict[tuple[str, str], Level]:
    """Weighted successions and years observed per (actor, office)."""
    cutoff = _cutoff(facts)
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

    for _, office, k, regime, years, ended in _tenure_pieces(facts, _cutoff(facts)):
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
        for state, job, k, regime, years, ended in _tenure_pieces(facts, _cutoff(facts)):
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
    rate = _rate(levels, pooled, LEADER_STRENGTH)
    if not pooled:
        return rate.p_any(years)
    day = _cutoff(facts)
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
    if q.state_leader_holds(facts, a, _cutoff(facts)):
        return 1.0 - change
    return NAMED_SUCCESSOR * change


# sanctions and events ------------------------------------------------------------------------


def _known(facts: Facts, name: str) -> tuple[list[Any], np.ndarray]:
    """The happenings (``events`` or non-lifting ``sanctions``) known at the cutoff and their
    recency weights (``tau`` = :data:`BURST_YEARS`), computed once per vintage."""

    def build(facts: Facts) -> tuple[list[Any], np.ndarray]:
        cutoff = _cutoff(facts)
        rows = getattr(facts, name)
        if name == "sanctions":
            rows = [h for h in rows if not q.is_lifting(h)]
        chosen = [h for h in rows if h.day <= cutoff]
        weights = np.array([weight(h.day, cutoff, BURST_YEARS) for h in chosen], dtype=float)
        return chosen, weights

    return derived(facts, f"known:{name}", build)


def _count_levels(
    facts: Facts, name: str, filters: list[tuple[Callable[[Any], bool], float]]
) -> list[Level]:
    """Levels from dated happenings: each filter with the number of units it spreads over."""
    cutoff = _cutoff(facts)
    happenings, weights = _known(facts, name)
    span = exposure(OBSERVED_FROM, cutoff, cutoff, BURST_YEARS)
    return [
        Level(
            float(sum(w for h, w in zip(happenings, weights, strict=True) if keep(h))),
            units * span,
        )
        for keep, units in filters
    ]


def lifting_levels(facts: Facts, a: Mapping[str, Any]) -> list[Level]:
    """Liftings and years in force of the measures known at the cutoff: all, the target's, these.

    A measure is at risk of lifting from the day it is imposed until it is lifted (or the cutoff);
    a row that records only a lifting adds the lifting without years at risk.
    """
    cutoff = _cutoff(facts)
    measures = [h for h in facts.sanctions if h.day <= cutoff]

    def level(keep: Callable[[Any], bool]) -> Level:
        chosen = [h for h in measures if keep(h)]
        return Level(
            sum(weight(h.lifted, cutoff) for h in chosen if h.lifted is not None),
            sum(exposure(h.day, h.lifted or cutoff, cutoff) for h in chosen),
        )

    return [level(keep) for keep in _lifting_scopes(a)]


def _lifting_scopes(a: Mapping[str, Any]) -> list[Callable[[Any], bool]]:
    """The measures of each lifting level, widest first: all, the target's (in the scope asked),
    the question's own."""

    def target(h) -> bool:
        return (a["target"] == q.ANY or h.target == a["target"]) and (
            a["scope"] == q.ANY or h.kind == a["scope"]
        )

    return [lambda h: True, target, lambda h: q.sanction_matches(h, a)]


def lifting_episode_levels(facts: Facts, a: Mapping[str, Any]) -> list[Level]:
    """Lifting days per sender-target pair and the pair's years with a measure in force: all
    pairs, the target's, these measures.

    A sender lifts measures on a target together, by one decision (the EU's 2016 decision ended
    its Belarus listings of 2004-2012 at once), so a pair's liftings are counted once per day and
    its years at risk are the union of its measures' periods in force, not their sum.
    """
    cutoff = _cutoff(facts)
    measures = [h for h in facts.sanctions if h.day <= cutoff]

    def level(keep: Callable[[Any], bool]) -> Level:
        pairs: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for h in measures:
            if keep(h):
                pairs[(h.sender, h.target)].append(h)
        events = years = 0.0
        for rows in pairs.values():
            days = {h.lifted for h in rows if h.lifted is not None}
            events += sum(weight(day, cutoff) for day in sorted(days))
            years += sum(exposure(s, e, cutoff) for s, e in _union(rows, cutoff))
        return Level(events, years)

    return [level(keep) for keep in _lifting_scopes(a)]


def _union(rows: Iterable[Any], cutoff: pd.Timestamp) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The periods in force of ``rows`` (imposed to lifted, or the cutoff), overlaps merged."""
    merged: list[tuple[pd.Timestamp, pd.Timestamp]] = []
    for start, end in sorted((h.day, h.lifted or cutoff) for h in rows):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def p_sanctions(facts: Facts, name: str, a: Mapping[str, Any], years: float, pooled: bool):
    """P(a sanctions question): new measures at the pooled rate of the last year's packages.
    Whether a sender lifts any of its measures in force on a target: the pooled rate of lifting
    days per pair-year in force (:func:`lifting_episode_levels`). Whether a measure stays in
    force, or one yet to come is lifted: the pooled rate per measure-year in force, each measure
    lifted independently (:func:`lifting_levels`).
    """
    cutoff = _cutoff(facts)
    measures, _ = _known(facts, "sanctions")
    senders = {h.sender for h in measures} | {a["sender"]}
    targets = {h.target for h in measures} | {a["target"]}
    scopes = {h.kind for h in measures} | {a["scope"]}
    n_scopes = 1 if a["scope"] == q.ANY else len(scopes - {q.ANY})
    n_senders = 1 if a["sender"] == q.ANY else len(senders - {q.ANY})
    n_targets = 1 if a["target"] == q.ANY else len(targets - {q.ANY})

    def scope(h) -> bool:
        return a["scope"] == q.ANY or h.kind == a["scope"]

    new_levels = _count_levels(
        facts,
        "sanctions",
        [
            (scope, n_senders * n_targets * n_scopes),
            (
                lambda h: scope(h) and (a["target"] == q.ANY or h.target == a["target"]),
                n_senders * n_scopes,
            ),
            (lambda h: q.sanction_matches(h, a), 1),
        ],
    )
    # the pair's rate is shrunk toward the target's rate per sender, scaled by how often this
    # sender imposes sanctions at all
    if a["sender"] != q.ANY:
        new_levels[-1] = replace(new_levels[-1], prior_scale=sender_ratio(facts, a["sender"]))
    new = _rate(new_levels, pooled, BURST_YEARS / 2)
    lifted = _rate(lifting_levels(facts, a), pooled)
    standing = sum(q.in_force(h, cutoff) and q.sanction_matches(h, a) for h in measures)
    if name == "sanctions.new":
        return new.p_any(years)
    if name == "sanctions.lifted":
        if standing:
            return _rate(lifting_episode_levels(facts, a), pooled).p_any(years)
        # to be lifted, a measure must first be imposed: both within the window
        return new.p_any(years) * lifted.p_any(years)
    if standing:
        return 1.0 - lifted.p_any(years) ** standing
    return new.p_any(years)


def sender_ratio(facts: Facts, sender: str) -> float:
    """How much more often the sender imposes sanctions (on anyone) than the average sender,
    shrunk toward 1:

        ratio = (S_i + c * S_avg) / ((1 + c) * S_avg),

    ``S_i`` the sender's recency-weighted measures (``tau`` = :data:`RECENCY_YEARS`), ``S_avg``
    their average over the senders on record and the sender asked about, ``c`` =
    :data:`SENDER_PRIOR`. A target under sanctions from many senders (Russia in 2022) is not at
    the same risk from a sender that has never sanctioned anyone (Kazakhstan): the pair's rate is
    shrunk toward the target's rate per sender times this ratio."""

    def build(facts: Facts) -> dict[str, float]:
        cutoff = _cutoff(facts)
        measures, _ = _known(facts, "sanctions")  # weighted there with the shorter burst tau
        counts: dict[str, float] = defaultdict(float)
        for h in measures:
            counts[h.sender] += weight(h.day, cutoff)
        return dict(counts)

    counts = derived(facts, "sender-activity", build)
    senders = set(counts) | {sender}
    average = math.fsum(counts.values()) / len(senders)
    if average <= 0:
        return 1.0
    return (counts.get(sender, 0.0) + SENDER_PRIOR * average) / ((1 + SENDER_PRIOR) * average)


def _events_by_kind(facts: Facts) -> tuple[float, set[str], dict[str, list[tuple[Any, float]]]]:
    """All known events' total weight, their kinds, and each kind's events with their weights
    (an event of a narrower kind also among its broader kind's: :func:`facts.as_kinds`)."""

    def build(facts: Facts):
        events, weights = _known(facts, "events")
        by_kind: dict[str, list[tuple[Any, float]]] = defaultdict(list)
        for h, w in zip(events, weights, strict=True):
            for view in as_kinds(h):
                by_kind[view.kind].append((view, float(w)))
        return float(weights.sum()), {h.kind for h in events}, dict(by_kind)

    return derived(facts, "events-by-kind", build)


def _subsets(h: Any, m: int, keep: Callable[[frozenset[str]], bool] | None = None) -> int:
    """The sets of ``m`` of an event's actors it counts for: all ``C(|S|, m)``, less those within
    one of its recorded sides (:func:`questions.event_matches`) and, given ``keep``, those it
    rejects."""
    if keep is None and (h.sides is None or m < 2):
        return math.comb(len(h.actors), m)
    sets = (frozenset(c) for c in itertools.combinations(sorted(h.actors), m))
    return sum(not h.one_sided(c) and (keep is None or keep(c)) for c in sets)


# Kinds that happen only between two states with a land border between them: for a pair, the sets
# at risk are the participants' pairs on the same side of that line as the question's pair
# (:func:`_per_actor_set` with ``bordering``).
CONTIGUOUS_KINDS = frozenset({"border_closure"})


def _per_actor_set(
    facts: Facts,
    kind: str,
    m: int,
    bordering: bool | None = None,
    without: frozenset[str] = frozenset(),
    newcomers: bool = False,
) -> tuple[float, int]:
    """A kind's events counted once per set of ``m`` of their actors, and how many such sets.

    The rate of the kind per set of ``m`` of the ``k`` actors that ever took part in it: every
    one of the ``C(k, m)`` sets is at risk (:func:`math.comb`), not only the sets seen acting
    together, which made any pair of the kind's participants as likely as the pairs that did
    (Russia and Lithuania in an armed clash by 2025: 0.30 from 2022; now 0.01). An event of actors
    ``S`` counts for each of its ``C(|S|, m)`` subsets, less those within one of its recorded
    sides (:func:`questions.event_matches`).

    ``bordering`` (for pairs of a :data:`CONTIGUOUS_KINDS` kind) keeps only the pairs that share a
    land border (True) or do not (False), in the events and in the sets at risk. A border closes
    between neighbours: spreading Kyrgyzstan's and Uzbekistan's closures over every pair of the
    kind's participants (Finland and Kyrgyzstan among them) made a closure between any two
    neighbours less likely the more distant pairs had joined the record.

    Events with a tag of ``without`` are left out, and so are the actors only they name.

    ``newcomers`` (for a set with an actor that never took part in the kind by the cutoff) counts
    instead the record's first entries: each event's sets holding an actor in the kind for the
    first time, over the sets not within the kind's participants now. A set outside the record is
    at the risk with which newcomers have joined it, not at the participants' rate (Ukraine in a
    Union State programme, or any pair in an aid appropriation).
    """

    def stratum(pair: frozenset[str]) -> bool:
        return (pair in facts.neighbours) == bordering

    keep = None if bordering is None else stratum

    def kept(c: frozenset[str]) -> bool:
        return keep is None or keep(c)

    def build(facts: Facts) -> tuple[float, int]:
        _, _, by_kind = _events_by_kind(facts)
        rows = [(h, w) for h, w in by_kind.get(kind, []) if not h.tags & without]
        inside = _participants(facts, kind, without)
        if not newcomers:
            weight_sum = sum(w * _subsets(h, m, keep) for h, w in rows)
            if keep is None:
                return weight_sum, math.comb(len(inside), m)
            every = itertools.combinations(sorted(inside), m)
            return weight_sum, sum(keep(frozenset(c)) for c in every)
        # first entries, in the order they came: the sets of an event holding a newcomer
        weight_sum, seen = 0.0, set()
        for h, w in sorted(rows, key=lambda row: row[0].day):
            new = h.actors - seen
            if new:
                weight_sum += w * _subsets(h, m, lambda c, new=new: bool(c & new) and kept(c))
            seen |= h.actors
        every = itertools.combinations(sorted(facts.actors), m)
        return weight_sum, sum(not c <= inside and kept(c) for c in map(frozenset, every))

    return derived(facts, ("events-per-set", kind, m, bordering, without, newcomers), build)


def _participants(facts: Facts, kind: str, without: frozenset[str]) -> frozenset[str]:
    """The actors that took part in the kind by the cutoff (events tagged ``without`` aside)."""

    def build(facts: Facts) -> frozenset[str]:
        _, _, by_kind = _events_by_kind(facts)
        return frozenset().union(
            *(h.actors for h, _ in by_kind.get(kind, []) if not h.tags & without)
        )

    return derived(facts, ("participants", kind, without), build)


# The kinds of the use, threat or movement of armed force, and of a war's diplomacy: an actor
# active in some of them is more likely to be in the others (analyst judgment: the vocabulary's
# military kinds, docs/events.md). The other kinds form the second group.
FORCE_KINDS = frozenset(
    {
        "annexation", "combat_entry", "military_operation", "offensive", "armed_clash",
        "airspace_engagement", "mobilization", "martial_law", "troop_deployment",
        "troop_withdrawal", "missile_deployment", "nuclear_deployment", "military_exercise",
        "show_of_force", "military_alert", "militarized_threat", "border_violation", "attack",
        "seizure", "occupation", "infrastructure_sabotage", "cyberattack", "ceasefire",
        "peace_agreement", "negotiation", "prisoner_exchange", "weapons_delivery",
    }
)  # fmt: skip
# The prior weight of the average actor's activity in :func:`activity_ratio` (chosen among 0.3,
# 1 and 3 on the generated event targets: 0.1195, 0.1190, 0.1191).
ACTIVITY_PRIOR = 1.0
# The prior weight of the average sender's measures in :func:`sender_ratio`.
SENDER_PRIOR = 1.0


def _group(kind: str) -> str:
    return "force" if kind in FORCE_KINDS else "other"


def _group_activity(facts: Facts, group: str) -> tuple[dict[str, float], float]:
    """Each actor's recency-weighted count of the group's events (``tau`` = :data:`BURST_YEARS`),
    and their average over the group's participants (0 without any)."""

    def build(facts: Facts) -> tuple[dict[str, float], float]:
        events, weights = _known(facts, "events")
        counts: dict[str, float] = defaultdict(float)
        for h, w in zip(events, weights, strict=True):
            if _group(h.kind) == group:
                for actor in h.actors:
                    counts[actor] += float(w)
        # fsum: the actors' order follows their sets' hashes, which change between processes
        return dict(counts), (math.fsum(counts.values()) / len(counts) if counts else 0.0)

    return derived(facts, ("group-activity", group), build)


def activity_ratio(facts: Facts, kind: str, actors: Iterable[str]) -> float:
    """How much more active one actor is in the kind's group of kinds than the group's average
    participant, shrunk toward 1 (1 for a question naming several actors):

        ratio = (A_i + c * A_avg) / ((1 + c) * A_avg),

    ``A_i`` the actor's recency-weighted events of the group, ``A_avg`` their average over the
    group's participants, ``c`` = :data:`ACTIVITY_PRIOR`. Russia at war in mid-2022 makes a
    mobilization likelier than its record of mobilizations alone says.

    Pairs are left out: on the generated pair targets (docs/forecasting.md) the same ratio for
    two actors together made the answers worse, raw and calibrated, because pairs active in
    some of a group's kinds mostly stay out of the others."""
    named = set(actors)
    if len(named) != 1:
        return 1.0
    counts, average = _group_activity(facts, _group(kind))
    if average <= 0:
        return 1.0
    mine = counts.get(named.pop(), 0.0)
    return (mine + ACTIVITY_PRIOR * average) / ((1 + ACTIVITY_PRIOR) * average)


ELECTION = "election"


def _p_scheduled_vote(facts: Facts, a: Mapping[str, Any], years: float) -> float | None:
    """P(a vote in one named state within ``years`` of the window's start) from when its votes
    fall due (:func:`elections.p_vote`): the kinds the question's tags name (presidential,
    parliamentary), or both, times the chance of a ceasefire where martial law is in force
    (:func:`elections.waits_for_war_end`); None (the rate model answers) for several states, other
    tags, a magnitude, or a state whose record says nothing."""
    kinds = elections.VOTE_KINDS
    tags = set(a.get("tags") or ())
    actors = set(a.get("actors") or ())
    if len(actors) != 1 or not tags <= set(kinds) or a.get("min_value") is not None:
        return None
    cutoff = _cutoff(facts)
    start = max(cutoff, a.get("from", cutoff))
    end = start + pd.Timedelta(days=round(years * 365.25))
    actor = actors.pop()
    scheduled = elections.p_vote(facts, actor, sorted(tags) or kinds, start, end)
    if scheduled is None or not elections.waits_for_war_end(facts, actor):
        return scheduled
    # the vote waits for the war's end: a ceasefire involving the state in the window
    return scheduled * p_war_end(facts, actor, years)


def p_war_end(facts: Facts, actor: str, years: float) -> float:
    """P(a general ceasefire involving the state within ``years``): the event model's answer
    with, at every level, only the ceasefires that would end the wait for a vote, as
    :func:`elections.waits_for_war_end` reads them (none tagged :data:`elections.NOT_AN_END`: a
    truce of a day, one side's, one kind of strike's, a humanitarian pause)."""
    ceasefire = {
        "kind": "ceasefire",
        "actors": [actor],
        "tags": [],
        "min_value": None,
        "without": elections.NOT_AN_END,
    }
    return p_event(facts, "event.occurs", ceasefire, years, True)


def p_event(facts: Facts, name: str, a: Mapping[str, Any], years: float, pooled: bool) -> float:
    """P(an event of the kind, with those actors, tags and magnitude): the pooled rate of every
    kind (the vocabulary counts as units at risk), the kind, the kind per set of as many actors
    as the question names (:func:`_per_actor_set`: a pair of the kind's participants never seen
    together shares its kind's rate with every pair of them; a set with an actor outside the
    record, the rate at which newcomers joined the kind; for a pair and a kind that needs a land
    border, the pairs on its side of it), and the matching events. The named actors' matching
    events make two levels: their long-run record (``tau`` = :data:`RECENCY_YEARS`), then their
    last year (``tau`` = :data:`BURST_YEARS`), so a pair quiet lately but fighting for decades
    (Armenia and Azerbaijan in 2019) is not taken for a pair that never fought, and a burst decays
    toward the pair's own long-run rate rather than its kind's. A question without named actors
    keeps the last year alone: a whole kind's record is dense enough. Every level is shrunk toward
    its parent with :data:`EVENT_STRENGTH_YEARS`. Events with a tag of ``without`` (a model's own
    filter, :func:`p_war_end`) are left out of every level but the first."""
    cutoff = _cutoff(facts)
    if pooled and a["kind"] == ELECTION:
        scheduled = _p_scheduled_vote(facts, a, years)
        if scheduled is not None:
            return scheduled
    total, seen, by_kind = _events_by_kind(facts)
    kinds = set(EVENT_KINDS) | seen | {a["kind"]}
    span = exposure(OBSERVED_FROM, cutoff, cutoff, BURST_YEARS)
    without = frozenset(a.get("without", ()))
    same_kind = by_kind.get(a["kind"], [])
    if without:
        same_kind = [(h, w) for h, w in same_kind if not h.tags & without]
    levels = [Level(total, len(kinds) * span), Level(sum(w for _, w in same_kind), span)]
    named = set(a["actors"] or ())
    if named:
        contiguous = len(named) == 2 and a["kind"] in CONTIGUOUS_KINDS
        bordering = frozenset(named) in facts.neighbours if contiguous else None
        newcomers = not named <= _participants(facts, a["kind"], without)
        events, sets = _per_actor_set(facts, a["kind"], len(named), bordering, without, newcomers)
        levels.append(Level(events, max(sets, 1) * span))
        # the events with the named actors, from the index by actor (the same ones, in the same
        # order, as those of the kind that match): their long-run record, then their last year
        mine = [
            h
            for h in q.events_with(facts, a["kind"], a["actors"])
            if h.day <= cutoff and q.event_matches(h, a)
        ]
        levels += [
            Level(
                sum(weight(h.day, cutoff, RECENCY_YEARS) for h in mine),
                exposure(OBSERVED_FROM, cutoff, cutoff, RECENCY_YEARS),
                activity_ratio(facts, a["kind"], a["actors"]),
            ),
            Level(sum(weight(h.day, cutoff, BURST_YEARS) for h in mine), span),
        ]
    else:
        matched = sum(w for h, w in same_kind if q.event_matches(h, a))
        levels.append(Level(matched, span))
    return _rate(levels, pooled, EVENT_STRENGTH_YEARS).p_any(years)


# control -------------------------------------------------------------------------------------


def active(facts: Facts, place: str, controller: str, day: pd.Timestamp) -> bool:
    """Whether ``controller`` is on the move in a region or oblast on ``day``: it gained the
    region, or one of its settlements, within the :data:`ACTIVE_YEARS` before, and still holds
    some of it (Russia, driven out of Kyiv oblast in April 2022, was not on the move there)."""
    args = {"place": place, "controller": controller}
    return q.gains_in(
        facts, args, day - ACTIVE + pd.Timedelta(days=1), day
    ) and q.state_control_holds(facts, args, day)


def band_of(facts: Facts, place: str, controller: str, day: pd.Timestamp) -> bool:
    """A settlement's band is whether it is contested (:func:`front.contested`), a region's or
    oblast's whether the controller is on the move there (:func:`active`)."""
    if places.is_settlement(place):
        return front.contested(facts, place, day)
    return active(facts, place, controller, day)


def fresh(facts: Facts, settlement: str, controller: str, day: pd.Timestamp) -> bool:
    """Whether ``controller`` holds ``settlement`` on ``day`` from a gain (:func:`places.gain_days`)
    made less than :data:`FRESH_YEARS` before."""
    gains = places.gain_days(facts, settlement, controller)
    for spell in facts.settlements.get(settlement, []):
        if spell.label == controller and spell.holds(day):
            return spell.start in gains and day - spell.start < FRESH
    return False


def taken_lately(facts: Facts, settlement: str, controller: str, day: pd.Timestamp) -> bool:
    """Whether another side holds ``settlement`` on ``day`` from a gain of its own made less than
    :data:`FRESH_YEARS` before (:func:`fresh`): a hold ``controller`` may soon take back."""
    others = places.controllers_of(facts, settlement) - {controller}
    return any(fresh(facts, settlement, other, day) for other in sorted(others))


def pressed(facts: Facts, settlement: str, controller: str, day: pd.Timestamp) -> bool:
    """Whether ``controller`` took a neighbour of ``settlement`` (:func:`front.neighbours`)
    within the :data:`PRESS_YEARS` up to ``day``."""
    return any(
        day - PRESS < gained <= day
        for n in front.neighbours(facts, settlement)
        for gained in places.gain_days(facts, n, controller)
    )


def oblast_peers(facts: Facts, settlement: str) -> tuple[str, ...]:
    """The other settlements of ``settlement``'s oblast (:func:`places.oblast_of`)."""
    oblast = places.oblast_of(facts, settlement)
    if not oblast:
        return ()
    return tuple(s for s in places.settlements_of(facts, oblast) if s != settlement)


def advancing(facts: Facts, settlement: str, controller: str, day: pd.Timestamp) -> bool:
    """Whether ``controller``, the state the settlement belongs to (de jure), retook another
    settlement of its oblast within the :data:`ADVANCE` up to ``day``.

    A counter-offensive that retakes ground in an oblast puts the occupier's holds there at risk
    far from the front too: Russia left the rest of Kyiv oblast (April 2022), of Kharkiv oblast's
    east (September 2022) and of the Dnipro's right bank (November 2022) within days to months of
    Ukraine's first retakes in each.
    An occupier's advance is not counted: Russia's gains in Donetsk oblast in 2014 and since 2022
    did not empty the oblast's rear towns (docs/forecasting.md, twenty-fourth session).
    """
    if controller != places.state_of(facts, settlement):
        return False
    gains = _peer_gains(facts, settlement, controller)
    # the first gain after ``day - ADVANCE``, if any, falls by ``day``
    first = bisect.bisect_right(gains, day - ADVANCE)
    return first < len(gains) and gains[first] <= day


def _peer_gains(facts: Facts, settlement: str, controller: str) -> list[pd.Timestamp]:
    """The days ``controller`` gained the other settlements of ``settlement``'s oblast, sorted
    (once per vintage: :func:`advancing` asks on every day of a settlement's history)."""
    return derived(
        facts,
        ("peer-gains", settlement, controller),
        lambda facts: sorted(
            gained
            for n in oblast_peers(facts, settlement)
            for gained in places.gain_days(facts, n, controller)
        ),
    )


def _place_history(facts: Facts, place: str, cutoff: pd.Timestamp) -> dict[str, tuple]:
    """Per controller of one place: (gains, years at risk), (losses, years held), the same two
    split by band ``{band: (gains, losses)}`` (:func:`band_of` on the day before each change, and
    over each stretch of years), and for a settlement the gains and losses split by band and
    momentum, ``{0: {(band, pressed, advancing, taken lately): gains}, 1: {(band, fresh): losses}}``
    (:func:`pressed`, :func:`advancing`, :func:`taken_lately`, :func:`fresh`; empty for a region).

    The place's state is followed through every day its region periods or its settlements'
    periods begin or end (for a settlement, also its neighbours'; for a region, also the days its
    changes stop being recent); a gain is a day :func:`questions.gains_in` sees one, a loss a day
    the controller stops holding any of it, or a settlement's liberation from an occupation whose
    start is not dated (:func:`places.undated_losses`). A settlement is at risk of a gain only
    while not held.
    """
    settlement = places.is_settlement(place)
    spells = facts.control.get(place, [])
    days = {d for s in spells for d in (s.start, s.end) if d is not None}
    days |= places.change_days(facts, place)
    if not days:
        return {}
    first = max(OBSERVED_FROM, min(days))
    if first >= cutoff:
        return {}
    if settlement:
        near = front.change_days(facts, place)
        days |= near
        # a hold stops being fresh, and a neighbour's capture stops pressing, after a while
        days |= {d + FRESH for d in places.change_days(facts, place)}
        days |= {d + PRESS for d in near}
        peers = set().union(*(places.change_days(facts, n) for n in oblast_peers(facts, place)))
        days |= peers | {d + ADVANCE for d in peers}
    else:
        # a region's band can change only on a change's day or the day it stops being recent
        days |= {d + ACTIVE for d in days if d > OBSERVED_FROM}
    steps = sorted({first, cutoff} | {d for d in days if first < d < cutoff})
    # a front moves in bursts: a settlement's captures follow the last year, as sanctions do
    tau = BURST_YEARS if settlement else RECENCY_YEARS
    stretches = [exposure(a, b, cutoff, tau) for a, b in itertools.pairwise(steps)]

    contested = [front.contested(facts, place, d) for d in steps[:-1]] if settlement else []

    def in_band(
        changes: list[tuple[pd.Timestamp, int]],
        holds: list[bool],
        bands: Sequence[Hashable],
        holding: bool,
        band: Hashable,
    ) -> Level:
        """The changes made from ``band`` (a band, or a band and its momentum flags), over the
        years spent in it holding (or not)."""
        return Level(
            sum(weight(d, cutoff, tau) for d, i in changes if bands[i] == band),
            sum(
                t
                for t, h, b in zip(stretches, holds, bands, strict=True)
                if (h == holding or not settlement) and b == band
            ),
        )

    controllers = {s.label for s in spells} | {s.backer for s in spells if s.backer}
    # occupations whose start is not dated: (occupier, the day the home state retook it)
    undated_losses = places.undated_losses(facts, place) if settlement else []
    retaken = {d for _, d in undated_losses}
    table = {}
    for controller in sorted(controllers | places.controllers_of(facts, place)):
        args = {"place": place, "controller": controller}
        holds = [q.state_control_holds(facts, args, d) for d in steps[:-1]]
        bands = (
            contested if settlement else [active(facts, place, controller, d) for d in steps[:-1]]
        )
        # (day, index of the stretch before it) of each loss and gain
        lost = [
            (steps[i + 1], i)
            for i, (was, now) in enumerate(itertools.pairwise(holds))
            if was and not now
        ]
        if settlement:
            lost += [
                (d, max(0, int(np.searchsorted(steps, d)) - 1))
                for c, d in undated_losses
                if c == controller and d <= cutoff
            ]
        won = [
            (d, max(0, i - 1)) for i, d in enumerate(steps[:-1]) if q.gains_in(facts, args, d, d)
        ]
        held = sum(t for t, h in zip(stretches, holds, strict=True) if h)
        losses = sum(weight(d, cutoff, tau) for d, _ in lost)
        gains = sum(weight(d, cutoff, tau) for d, _ in won)
        observed = exposure(first, cutoff, cutoff, tau)
        at_risk = observed - held if settlement else observed
        split = {
            band: (
                in_band(won, holds, bands, False, band),
                in_band(lost, holds, bands, True, band),
            )
            for band in (False, True)
        }
        by_age = {}
        by_press = {}
        if settlement:
            # gains of a settlement by band, by whether the controller was pressing there, and by
            # whether the other side had taken it lately (an undated occupation counts as recent,
            # as below)
            pushing = [pressed(facts, place, controller, d) for d in steps[:-1]]
            moving = [advancing(facts, place, controller, d) for d in steps[:-1]]
            lately = [taken_lately(facts, place, controller, d) for d in steps[:-1]]
            for d, i in won:
                lately[i] = lately[i] or d in retaken
            # losses by band and by whether the hold was fresh; an occupation whose start is not
            # dated was short in most cases of the gazetteer (the Kyiv and Sumy towns of 2022:
            # about a month; the longest, Urozhaine's, about 18 months), so its undated loss
            # counts as a fresh hold's (the stretch before it is not held: no years move)
            ages = [fresh(facts, place, controller, d) for d in steps[:-1]]
            undated = {d for c, d in undated_losses if c == controller}
            for d, i in lost:
                ages[i] = ages[i] or d in undated
            pushed = list(zip(bands, pushing, moving, lately, strict=True))
            aged = list(zip(bands, ages, strict=True))
            for key in itertools.product((False, True), repeat=4):
                by_press[key] = in_band(won, holds, pushed, False, key)
            for key in itertools.product((False, True), repeat=2):
                by_age[key] = in_band(lost, holds, aged, True, key)
        table[controller] = (
            Level(gains, at_risk),
            Level(losses, held),
            split,
            {0: by_press, 1: by_age},
        )
    return table


def control_history(facts: Facts) -> dict[tuple[str, str], tuple]:
    """Per (place, controller): (gains, years at risk), (losses, years held), their split by band
    and the settlements' split by band and momentum (:func:`_place_history`).

    The places are the regions with control periods, the gazetteer's oblasts and its settlements.
    """
    cutoff = _cutoff(facts)
    oblasts = {places.oblast_of(facts, s) for s in facts.settlement_oblast} - {""}
    table = {}
    for place in sorted(set(facts.control) | oblasts | set(facts.settlements)):
        for controller, levels in _place_history(facts, place, cutoff).items():
            table[(place, controller)] = levels
    return table


def _control_levels(facts: Facts, place: str, controller: str, which: int) -> list[Level]:
    """Pooling levels: every place of the kind, the controller's, then (a region or oblast) the
    controller's in the place's state (de jure: :func:`places.state_of`), then the controller's
    (there) in the place's band (:func:`band_of` at the cutoff), then, for a settlement, in that
    band and its momentum (gains: whether the controller presses there, :func:`pressed`; losses:
    whether its hold is fresh, :func:`fresh`), then in its oblast in that band and momentum, and
    last, for its gains, in the band, pressing or not, and whether it advances in the oblast
    (:func:`advancing`), then also whether the other side took it lately (:func:`taken_lately`);
    for a region or oblast, the place itself in that band.

    A settlement is pooled with settlements; a region or oblast with regions and oblasts. Gains
    cluster in a war's theatre: Russia's many gains in Ukraine's oblasts in 2022 say little about
    Kazakhstan's regions, where it never gained any, and a state's regions where a controller
    has no record were at risk of its gains all the same (:func:`_never_held_years`). The
    settlements of the gazetteer are one theatre; a state level for them scored slightly worse on
    the generated history (docs/forecasting.md).
    """
    table = derived(facts, "control", control_history)
    settlement = places.is_settlement(place)
    # a region spanning a border is pooled with the regions of each of its states
    state = None if settlement else tuple(sorted(places.states_of(facts, place))) or None

    def total(keep: Callable[[str, str], bool], key: tuple) -> Level:
        return derived(
            facts,
            ("control-level", settlement, which, *key),
            lambda facts: _summed(
                v[which]
                for (p, c), v in table.items()
                if places.is_settlement(p) == settlement and keep(p, c)
            ),
        )

    band = band_of(facts, place, controller, _cutoff(facts))
    within = places.oblast_of(facts, place) if settlement else place
    levels = [
        total(lambda p, c: True, ()),
        total(lambda p, c: c == controller, (controller,)),
    ]
    in_band = _band_level(facts, table, which, band, controller, settlement, state, None)
    if state is not None:
        in_state = total(
            lambda p, c: c == controller and not places.states_of(facts, p).isdisjoint(state),
            (controller, "state", state),
        )
        # quiet years, off the move: for gains, the state's regions and oblasts where the
        # controller never held any ground were at risk of them all the years observed; for a
        # state's losses, its own subdivisions without a record were held and never lost
        # (data/reference/subdivisions.csv)
        quiet = 0.0
        if which == 0:
            quiet = _never_held_years(facts, table, controller, state)
        elif controller in state:
            quiet = _never_lost_years(facts, controller)
        in_state = Level(in_state.events, in_state.years + quiet)
        if not band:
            in_band = Level(in_band.events, in_band.years + quiet)
        levels.append(in_state)
    if settlement:
        # a settlement's gains: its band, then its band and whether the controller presses there,
        # then the same in its oblast; its losses: the same by the age of the hold (fresh or not)
        cutoff = _cutoff(facts)
        flag = ((pressed if which == 0 else fresh)(facts, place, controller, cutoff),)
        levels += [
            in_band,
            _band_level(facts, table, which, band, controller, settlement, None, None, flag),
            _band_level(facts, table, which, band, controller, settlement, None, within, flag),
        ]
        if which == 0:
            # then the same gains split also by whether the controller was advancing in the
            # oblast (:func:`advancing`), and last by whether the other side had taken the
            # settlement lately, as :func:`taken_lately` finds this one at the cutoff
            moving = (*flag, advancing(facts, place, controller, cutoff))
            lately = (*moving, taken_lately(facts, place, controller, cutoff))
            for key in (moving, lately):
                levels.append(
                    _band_level(facts, table, which, band, controller, settlement, None, None, key)
                )
        return levels
    levels.append(in_band)
    if which == 1:
        # a region's losses: pooled with its kind before the place itself (a region with control
        # periods of its own, an administration and a recorded share, or a gazetteer oblast, held
        # while any listed town is and lost far more often: Kyiv, Chernihiv, Sumy, Kharkiv, 2022)
        recorded = place in facts.control
        levels.append(
            _band_level(facts, table, 1, band, controller, False, state, None, recorded=recorded)
        )
    return [*levels, _band_level(facts, table, which, band, controller, settlement, state, within)]


def _never_held_years(facts: Facts, table: dict, controller: str, state: tuple[str, ...]) -> float:
    """Years at risk (weighted as the regions' history) of the regions and oblasts of the states
    ``state`` where ``controller`` has no record: each observed from 26 December 1991 to the
    cutoff."""

    def build(facts: Facts) -> float:
        cutoff = _cutoff(facts)
        regions = {p for p, _ in table if not places.is_settlement(p)} | set(facts.region_state)
        never = [
            p
            for p in regions
            if (p, controller) not in table and not places.states_of(facts, p).isdisjoint(state)
        ]
        return len(never) * exposure(OBSERVED_FROM, cutoff, cutoff, RECENCY_YEARS)

    return derived(facts, ("control-never", controller, state), build)


def _never_lost_years(facts: Facts, state: str) -> float:
    """Years held (weighted as the regions' history) of the ISO 3166-2 subdivisions of ``state``
    without a record of their own (:attr:`Facts.subdivisions`): each held by it from 26
    December 1991 to the cutoff, and never lost."""

    def build(facts: Facts) -> float:
        cutoff = _cutoff(facts)
        own = sum(1 for s in facts.subdivisions.values() if s == state)
        return own * exposure(OBSERVED_FROM, cutoff, cutoff, RECENCY_YEARS)

    return derived(facts, ("control-never-lost", state), build)


def _band_level(
    facts: Facts,
    table: dict,
    which: int,
    band: bool,
    controller: str,
    settlement: bool,
    state: tuple[str, ...] | None,
    within: str | None,
    flag: tuple[bool, ...] | None = None,
    recorded: bool | None = None,
) -> Level:
    """The controller's gains (``which`` 0) or losses (1) of settlements (or of regions and
    oblasts, of ``state`` when given) while in ``band``, over the years they spent in it; only
    those of ``within`` (an oblast, for settlements; the place itself, for a region) when given;
    when ``flag`` is given, only the gains made while the controller pressed (:func:`pressed`:
    ``(True,)``) or not, and if a second flag is given, while it advanced in the oblast
    (:func:`advancing`) or not, and a third, while the other side's hold was recent
    (:func:`taken_lately`) or not; or the losses of fresh holds (:func:`fresh`: ``(True,)``) or
    older ones. ``recorded`` keeps only the regions with control periods of their own (True) or
    only the gazetteer's oblasts (False)."""

    def inside(p: str) -> bool:
        if state is not None and places.states_of(facts, p).isdisjoint(state):
            return False
        if recorded is not None and (p in facts.control) != recorded:
            return False
        if within is None:
            return True
        return (places.oblast_of(facts, p) if settlement else p) == within

    return derived(
        facts,
        ("control-band", which, band, controller, settlement, state, within, flag, recorded),
        lambda facts: _summed(
            v[2][band][which] if flag is None else _flagged(v[3][which], (band, *flag))
            for (p, c), v in table.items()
            if places.is_settlement(p) == settlement and c == controller and inside(p)
        ),
    )


def _flagged(split: dict[tuple[bool, ...], Level], key: tuple[bool, ...]) -> Level:
    """The sum of the cells of ``split`` whose keys start with ``key``."""
    return _summed(level for k, level in split.items() if k[: len(key)] == key)


def _summed(levels: Iterable[Level]) -> Level:
    """The events and years of several levels added up."""
    chosen = list(levels)
    return Level(sum(v.events for v in chosen), sum(v.years for v in chosen))


def p_control(facts: Facts, name: str, a: Mapping[str, Any], years: float, pooled: bool) -> float:
    """P(a control question) from the gains and losses of the place's kind known at the cutoff;
    for a state, its likeliest place's (:func:`places.state_parts`).

    A region's or oblast's gain is its own kind's hazard: composing it from its settlements'
    hazards as independent (``1 - prod(1 - P_s)``) over-predicted on the generated history
    (regions' Brier 0.0124 -> 0.0234, docs/forecasting.md). A place the controller holds whole
    (:func:`_held_whole`) is gained only after a loss: :func:`p_lost_then_retaken`, the loss the
    likeliest of its settlements'.
    """
    place, controller = a["place"], a["controller"]
    if places.is_state(facts, place):
        # a state: the likeliest of its places (a lower bound of "any of them", which composing
        # its places as independent would overstate, as for a region's settlements)
        parts = places.state_parts(facts, place)
        return max(
            (p_control(facts, name, {**a, "place": part}, years, pooled) for part in parts),
            default=0.0,
        )
    if name == "control.holds" and q.state_control_holds(facts, a, _cutoff(facts)):
        rival = _rival(facts, place, controller)
        if rival is not None:
            # a two-sided settlement is lost when the other side takes it
            return 1.0 - _p_gains(facts, place, rival, years, pooled)
        losses = _rate(_control_levels(facts, place, controller, 1), pooled)
        return 1.0 - losses.p_any(_burst_years(place, years, pooled))
    gains = _p_gains(facts, place, controller, years, pooled)
    # the base rate (pooled False) is the kind's frequency alone
    held = _held_whole(facts, place, controller) if pooled else ()
    if held:
        # a place the controller holds whole is gained again only after some of it is lost
        lost = max(
            1.0
            - p_control(
                facts, "control.holds", {"place": s, "controller": controller}, years, pooled
            )
            for s in held
        )
        return p_lost_then_retaken(lost, gains)
    return gains


def _held_whole(facts: Facts, place: str, controller: str) -> tuple[str, ...]:
    """The settlements by which ``controller`` holds ``place`` whole at the cutoff: the settlement
    itself, or every listed settlement of a region or oblast it holds; empty when it does not hold
    it whole (or a region lists none: its record is the region's own)."""
    cutoff = _cutoff(facts)

    def holds(p: str) -> bool:
        return q.state_control_holds(facts, {"place": p, "controller": controller}, cutoff)

    if places.is_settlement(place):
        return (place,) if holds(place) else ()
    listed = tuple(places.settlements_of(facts, place))
    return listed if listed and holds(place) and all(holds(s) for s in listed) else ()


def p_lost_then_retaken(p_lost: float, p_retaken: float) -> float:
    """P(a loss, then a retaking, both within the window), given the probability of each within
    the whole window.

    Each probability is turned into its expected count in the window, ``x = -ln(1 - p)``, and the
    two stages are exponential one after the other: the time to the retaking is hypoexponential,
    ``P = 1 - (x2 e^{-x1} - x1 e^{-x2}) / (x2 - x1)``, and ``1 - e^{-x} (1 + x)`` when
    ``x1 = x2 = x`` (a Gamma(2) waiting time). The rate of a retaking is the controller's rate of
    gains of the settlement as it stands at the cutoff: the stage after the loss is not observed.
    Before this rule a held settlement's "gains" was its gains' own hazard (from the years it was
    not held): 0.107 on average from July 2022 on, where 1.0% came true; an oblast held whole (every
    listed town) got its own kind's hazard, 0.24 on average where none came true
    (docs/forecasting.md, fifteenth session).
    """
    x1 = -math.log1p(-min(p_lost, 1.0 - 1e-12))
    x2 = -math.log1p(-min(p_retaken, 1.0 - 1e-12))
    if x1 <= 0.0 or x2 <= 0.0:
        return 0.0
    if abs(x1 - x2) < 1e-9 * max(x1, x2):
        return float(-math.expm1(-x1) - x1 * math.exp(-x1))
    return float(1.0 - (x2 * math.exp(-x1) - x1 * math.exp(-x2)) / (x2 - x1))


def _rival(facts: Facts, place: str, controller: str) -> str | None:
    """The other side of a two-sided settlement: the gazetteer's only controller other than
    ``controller``. ``None`` for a region or oblast, or where the sides are not two.

    Its loss is the other side's gain, and is read from that side's record, pooled by whether it
    presses there (:func:`pressed`), not from the holder's losses pooled by the age of the hold
    (:func:`fresh`). On the generated history, mixing the two records' Gamma parameters with the
    losses' weight 0, 0.5 or 1 scored the settlements' "holds" targets 0.0606, 0.0631 and 0.0666
    (the losses alone were the rule before): docs/forecasting.md, "One transfer, two records".
    """
    if not places.is_settlement(place):
        return None
    others = places.controllers_of(facts, place) - {controller}
    return others.pop() if len(others) == 1 else None


def _burst_years(place: str, years: float, pooled: bool) -> float:
    """The years of a settlement's window counted at the rate seen at the cutoff.

    A settlement's rate is read from the last year (``tau`` = :data:`BURST_YEARS`): a front
    moves in bursts, and a burst dies down as it was weighted, so the window counts
    ``tau (1 - exp(-t / tau))`` years, not ``t`` (the expected count of a rate decaying from the
    cutoff's). Chosen on the generated history: docs/forecasting.md, "Bursts die down". The
    base rate (``pooled`` False) counts the window whole.
    """
    if not places.is_settlement(place) or not pooled:
        return years
    return BURST_YEARS * (1.0 - math.exp(-years / BURST_YEARS))


def _p_gains(facts: Facts, place: str, controller: str, years: float, pooled: bool) -> float:
    """P(the controller gains the place within ``years``): its own kind's hazard, and for a region
    or oblast at least each of its settlements' (the place is gained when one of them is; the
    bound is a maximum, not the composition as independent, which over-predicted).

    A settlement beyond the controller's reach, or a region none of whose listed settlements is
    within it, is gained only in an opening (:func:`openings.p_gain_far`; docs/forecasting.md,
    seventeenth session). Without the bound, Ukraine retaking ground in Kharkiv oblast in 2022,
    asked on 2022-07-15, was 0.01 while Ukraine retaking Izium, one of its towns, was 0.08.
    """
    cutoff = _cutoff(facts)
    listed = places.settlements_of(facts, place)
    if (
        pooled
        and listed
        and not any(openings.within_reach(facts, s, controller, cutoff) for s in listed)
    ):
        return openings.p_gain_far(facts, controller, years, count=len(listed))
    rate = _rate(_control_levels(facts, place, controller, 0), pooled)
    if places.is_settlement(place):
        # a large town is taken less often than a village in the same stratum (size.py)
        factor = settlement_size_factor(facts, place, controller, cutoff) if pooled else 1.0
        return rate.p_any(factor * _burst_years(place, years, pooled))
    p = rate.p_any(_burst_years(place, years, pooled))
    for settlement in listed:
        args = {"place": settlement, "controller": controller}
        if not q.state_control_holds(facts, args, cutoff):
            p = max(p, _p_gains(facts, settlement, controller, years, pooled))
    return p


def settlement_size_factor(
    facts: Facts, settlement: str, controller: str, day: pd.Timestamp
) -> float:
    """The settlement's gain hazard relative to the mean of its stratum of the gains' last
    pooling level (band, pressed, advancing, taken lately; :func:`size.size_factor`)."""
    if not SIZE_FACTOR:
        return 1.0
    stratum = (
        band_of(facts, settlement, controller, day),
        pressed(facts, settlement, controller, day),
        advancing(facts, settlement, controller, day),
        taken_lately(facts, settlement, controller, day),
    )
    table = derived(facts, "control", control_history)
    return size.size_factor(facts, table, settlement, stratum)


def share_step_sd(facts: Facts) -> float:
    """Typical change of a region's controlled share per sqrt(year), over the recorded history."""
    steps = []
    for spells in facts.control.values():
        known = [s for s in spells if not math.isnan(s.share)]
        for a, b in itertools.pairwise(known):
            dt = max(years_between(a.start, b.start), 0.25)
            steps.append((b.share - a.share) / math.sqrt(dt))
    return float(np.sqrt(np.mean(np.square(steps)))) if len(steps) >= 2 else 0.1


WORLD_FORECASTS: dict[str, Callable[..., float]] = {
    "membership": p_membership,
    "leader": p_leader,
    "sanctions": p_sanctions,
    "event": p_event,
    "control": p_control,
}


def p_world(facts: Facts, name: str, a: Mapping[str, Any], years: float, *, pooled: bool = True):
    """P(the binary world-fact quantity ``name``) within ``years`` from the vintage's cutoff."""
    family = name.split(".")[0]
    return float(WORLD_FORECASTS[family](facts, name, a, years, pooled))

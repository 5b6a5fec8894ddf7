"""Memberships: a state's statuses in an organisation as a continuous-time Markov chain.

The states are the statuses of the world data (none, partner, applicant, candidate, member, ...);
each move's rate is pooled over every organisation, the organisation and the state
(:func:`transition_rates`), and a question of reaching a status is the chain's absorption
probability within the window (:func:`p_reach`). Leaving a status is the pooled rate of such exits
(:func:`membership_exit`). Part of the event-hazard forecasts
(:mod:`postsoviet.models.event_hazard.world_models`).
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import (
    OBSERVED_FROM,
    Facts,
    Spell,
    derived,
    holder_on,
)
from postsoviet.models.event_hazard.hazard import (
    Level,
    Rate,
    exposure,
    pooled_rate,
    rate_of,
    weight,
)

NONE = "none"


def _state_at(spells: list[Spell], day: pd.Timestamp) -> str:
    holder = holder_on(spells, day)
    return holder.label if holder is not None else NONE


def membership_history(facts: Facts) -> tuple[dict, dict]:
    """Weighted years per (actor, org, state) and weighted moves per (actor, org, from, to).

    A state outside the actors (``outside_memberships.csv``) is recorded because it took a step,
    so it counts only from its first recorded status on, in the organisations where it has one:
    its years before applying, and the application itself, would be chosen by their outcome.
    """
    cutoff = q.known_until(facts)
    years: dict[tuple[str, str, str], float] = defaultdict(float)
    moves: dict[tuple[str, str, str, str], float] = defaultdict(float)
    actors = set(facts.actors) | {a for a, _ in facts.memberships}
    for actor in sorted(actors):
        outsider = actor not in facts.actors
        for org, founded in facts.organizations.items():
            spells = facts.memberships.get((actor, org), [])
            if outsider and not spells:
                continue
            start = max(OBSERVED_FROM, founded)
            if outsider:
                start = max(start, min(s.start for s in spells))
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
    state = _state_at(facts.memberships.get((actor, org), []), q.known_until(facts))
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

    return rate_of(_membership_levels(facts, actor, org, state, matches, at_risk), pooled)


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
    now = _state_at(facts.memberships.get((actor, org), []), q.known_until(facts))
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
    state = _state_at(facts.memberships.get((actor, org), []), q.known_until(facts))
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

    return rate_of(_membership_levels(facts, actor, org, state, matches, at_risk), pooled)


def p_membership(facts: Facts, name: str, a: Mapping[str, Any], years: float, pooled: bool):
    if a["org"] in facts.dissolved:
        return 0.0  # wound up by the cutoff: nobody holds, gains or loses a status in it
    spells = facts.memberships.get((a["actor"], a["org"]), [])
    holds = q.holds_status(spells, a["status"], q.known_until(facts))
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

"""Sanctions and events: the rate of a new measure, a lifting, or an event of a kind.

Sanctions packages and events come in bursts, so their counts follow the last year
(:data:`~postsoviet.models.event_hazard.hazard.BURST_YEARS`). A question's rate is pooled from
every kind, its kind, and its kind among as many actors as it names (:func:`p_event`,
:func:`p_sanctions`); a vote due by the calendar (:func:`_p_scheduled_vote`) and the end of a war
(:func:`p_war_end`) are read here too. Part of the event-hazard forecasts
(:mod:`postsoviet.models.event_hazard.world_models`).
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.data.schema import EVENT_KINDS
from postsoviet.models.event_hazard import elections
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import (
    OBSERVED_FROM,
    Facts,
    as_kinds,
    derived,
)
from postsoviet.models.event_hazard.hazard import (
    BURST_YEARS,
    RECENCY_YEARS,
    Level,
    exposure,
    rate_of,
    weight,
)

# An event question's levels are pooled with this prior strength (years): each level's rate is
# shrunk toward its parent's as if the parent had been seen this long (chosen among 0.5, 1, 1.5, 2
# and 3 years with the long-run level below, on the generated event targets and on pairs that acted
# together before, scripts/score_pairs.py: docs/forecasting.md, "A set's long-run record").
EVENT_STRENGTH_YEARS = 1.5


def _known(facts: Facts, name: str) -> tuple[list[Any], np.ndarray]:
    """The happenings (``events`` or non-lifting ``sanctions``) known at the cutoff and their
    recency weights (``tau`` = :data:`BURST_YEARS`), computed once per vintage."""

    def build(facts: Facts) -> tuple[list[Any], np.ndarray]:
        cutoff = q.known_until(facts)
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
    cutoff = q.known_until(facts)
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
    cutoff = q.known_until(facts)
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
    cutoff = q.known_until(facts)
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
    cutoff = q.known_until(facts)
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
    new = rate_of(new_levels, pooled, BURST_YEARS / 2)
    lifted = rate_of(lifting_levels(facts, a), pooled)
    standing = sum(q.in_force(h, cutoff) and q.sanction_matches(h, a) for h in measures)
    if name == "sanctions.new":
        return new.p_any(years)
    if name == "sanctions.lifted":
        if standing:
            return rate_of(lifting_episode_levels(facts, a), pooled).p_any(years)
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
        cutoff = q.known_until(facts)
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
    cutoff = q.known_until(facts)
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
    cutoff = q.known_until(facts)
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
    return rate_of(levels, pooled, EVENT_STRENGTH_YEARS).p_any(years)

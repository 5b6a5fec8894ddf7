"""Targets generated from the world's own history, and their outcomes: no question written by hand.

For each cutoff ``c`` (every six months) and horizon ``h`` (0.5, 1, 2, 3 years), the registered
world-fact quantities are posed for the actors, organisations, offices, senders, kinds, regions,
front-line oblasts and settlements, and series present in the vintage ``known_on(c)``, and resolved from ``known_on(c + h)``: what was
known when the window closed. A target the later vintage cannot decide is dropped.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pandas as pd

from postsoviet.forecasts.forecast import Vintages
from postsoviet.forecasts.quantities import QUANTITIES
from postsoviet.forecasts.targets import Event, Target
from postsoviet.models.event_hazard import places
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import Facts, every_kind_view, holder_on
from postsoviet.world import World

HORIZONS = (0.5, 1.0, 2.0, 3.0)
FIRST = pd.Timestamp("2000-01-01")
LAST = pd.Timestamp("2024-07-01")
STEP_MONTHS = 6
# Pairs of an actor and an organisation it never belonged to are many; one in this many is posed
# (chosen by a hash of the pair, so the same pairs at every cutoff).
ABSENT_PAIR_SAMPLE = 4
# Rows that fit no kind of the vocabulary (a refusal, a guidance, a treaty's suspension) are kept as
# ``other``: nobody asks whether "something other" happens, so the history poses no such question.
UNCLASSIFIED = "other"
# What a cutoff's questions are drawn from: (facts, cutoff, end) -> (quantity name, raw args).
Poser = Callable[[Facts, pd.Timestamp, pd.Timestamp], Iterable[tuple[str, dict]]]


@dataclass(frozen=True)
class Resolved:
    """A generated target and its outcome (0/1)."""

    target: Target
    outcome: float


def cutoffs(
    start: pd.Timestamp = FIRST, end: pd.Timestamp = LAST, months: int = STEP_MONTHS
) -> list[pd.Timestamp]:
    """Every ``months`` months from ``start`` to ``end``."""
    return list(pd.date_range(start, end, freq=pd.DateOffset(months=months)))


def _end(cutoff: pd.Timestamp, horizon: float) -> pd.Timestamp:
    return cutoff + pd.DateOffset(months=round(horizon * 12))


def _poses(facts: Facts, day: pd.Timestamp, end: pd.Timestamp) -> Iterator[tuple[str, dict]]:
    on = {"on": end}
    by = {"by": end}
    pairs = set(facts.memberships)
    # the world's actors only: states outside them lend the chain their record, not questions
    actors = set(facts.actors)
    for actor in sorted({a for a, _ in pairs} & actors):
        for org in facts.organizations:
            if org in facts.dissolved and facts.dissolved[org] <= day:
                continue
            if (actor, org) not in pairs and zlib.crc32(
                f"{actor}{org}".encode()
            ) % ABSENT_PAIR_SAMPLE:
                continue
            base = {"actor": actor, "org": org}
            yield "membership.holds", {**base, **on}
            member = q.holds_status(facts.memberships.get((actor, org), []), "member", day)
            yield ("membership.ends" if member else "membership.starts"), {**base, **by}
    for (actor, office), spells in sorted(facts.leaders.items()):
        base = {"actor": actor, "office": office}
        yield "leader.changes", {**base, **by}
        holder = holder_on(spells, day)
        if holder is not None:
            yield "leader.holds", {**base, "person": holder.label, **on}
    senders = sorted({h.sender for h in facts.sanctions})
    targets = sorted({h.target for h in facts.sanctions})
    for sender in senders:
        for target in targets:
            scopes = sorted(
                {h.kind for h in facts.sanctions if (h.sender, h.target) == (sender, target)}
            )
            for scope in ("any", *scopes):
                yield "sanctions.new", {"sender": sender, "target": target, "scope": scope, **by}
            pair = {"sender": sender, "target": target, "scope": "any"}
            if q.state_sanctions_in_force(facts, pair, day):
                yield "sanctions.lifted", {**pair, **by}
    # Per kind and per single actor, not per set of actors: datasets such as MID name many
    # distinct coalitions, and a target per coalition would multiply the targets without adding
    # questions anyone asks.
    actors_of: dict[str, set[str]] = {}
    for h in every_kind_view(facts.events):
        if h.kind != UNCLASSIFIED:
            actors_of.setdefault(h.kind, set()).update(h.actors)
    for kind, actors in sorted(actors_of.items()):
        yield "event.occurs", {"kind": kind, **by}
        for actor in sorted(actors):
            yield "event.occurs", {"kind": kind, "actors": [actor], **by}
    for region, spells in sorted(facts.control.items()):
        for controller in sorted(
            {s.label for s in spells} | {s.backer for s in spells if s.backer}
        ):
            base = {"place": region, "controller": controller}
            yield "control.holds", {**base, **on}
            yield "control.gains", {**base, **by}
    for place in front_places(facts, day):
        for controller in sorted(places.controllers_of(facts, place)):
            base = {"place": place, "controller": controller}
            yield "control.holds", {**base, **on}
            yield "control.gains", {**base, **by}


def front_places(facts: Facts, day: pd.Timestamp) -> list[str]:
    """The gazetteer's oblasts where a settlement changed hands by ``day``, then their settlements.

    Oblasts that are regions with control periods of their own are posed with the regions.
    """
    front = {
        places.oblast_of(facts, settlement)
        for settlement in facts.settlements
        for controller in places.controllers_of(facts, settlement)
        if any(d <= day for d in places.gain_days(facts, settlement, controller))
    }
    settlements = sorted(s for s in facts.settlements if places.oblast_of(facts, s) in front)
    return sorted(front - set(facts.control)) + settlements


def _series_poses(facts: Facts, day: pd.Timestamp, end: pd.Timestamp):
    for (series, subject, counterpart), points in sorted(facts.series.items()):
        known = [v for d, v in points if d <= day]
        if len(known) >= 2:
            args = {"series": series, "subject": subject, "period": end}
            if counterpart:
                args["counterpart"] = counterpart
            yield args, Event(">", known[-1])


def generate(
    world: World,
    start: pd.Timestamp = FIRST,
    end: pd.Timestamp = LAST,
    horizons: tuple[float, ...] = HORIZONS,
    *,
    known_by: pd.Timestamp | None = None,
    months: int = STEP_MONTHS,
    vintages: Vintages | None = None,
    poses: Poser | None = None,
) -> list[Resolved]:
    """Generated targets with their outcomes (only windows closed by ``known_by``, if given).

    ``vintages`` keeps the days built here for the forecasts that follow (default: a fresh one).
    ``poses`` replaces the questions posed at each cutoff (default: every registered quantity
    about what the record holds, :func:`_poses`, and the series): ``poses(facts, cutoff, end)``
    yields ``(quantity name, raw args)``, e.g. questions about actors outside a kind's record
    (``scripts/score_newcomers.py``).
    """
    resolved: list[Resolved] = []
    vintages = vintages if vintages is not None else Vintages(world)

    def facts(day: pd.Timestamp) -> Facts:
        return vintages(day)[1]

    for cutoff in cutoffs(start, end, months):
        now = facts(cutoff)
        for horizon in horizons:
            close = _end(cutoff, horizon)
            if known_by is not None and close > known_by:
                continue
            later = facts(close)
            if poses is not None:
                posed = [(QUANTITIES[name], raw, None) for name, raw in poses(now, cutoff, close)]
            else:
                posed = [
                    (QUANTITIES[name], raw, None) for name, raw in _poses(now, cutoff, close)
                ] + [
                    (QUANTITIES["series.value"], raw, ev)
                    for raw, ev in _series_poses(now, cutoff, close)
                ]
            for n, (quantity, raw, event) in enumerate(posed):
                args = quantity.parse(raw, cutoff)
                ident = f"H.{cutoff:%Y-%m-%d}.{horizon:g}.{n}"
                target = Target(ident, cutoff, quantity, args, event)
                # resolved with the parties and places as the forecast reads them
                try:
                    outcome = quantity.outcome(later, q.normalised(later, args))
                except q.UnanswerableError:
                    continue
                if outcome is None:
                    continue
                if event is not None:
                    outcome = event.holds(float(outcome))
                resolved.append(Resolved(target, float(bool(outcome))))
    return resolved

"""When votes fall: in a free state the leader hazard is higher in the months after an election.

Where votes decide who holds office, an office changes hands mostly after one: a new president is
sworn in, a new parliament forms a government. The tenure hazard of
:mod:`postsoviet.models.event_hazard.world_models` depends on the holder's time in office alone;
this module times it, and :func:`~postsoviet.models.event_hazard.world_models.p_leader_change`
applies it only to states Freedom House rates free (:data:`TIMED_REGIMES`), where elections are
how power changes hands (a vote due in Belarus or Kazakhstan says little: docs/forecasting.md,
"When votes fall" and "Regimes").

Each office reads the votes that choose or reshape it, from the ``election`` events known at the
cutoff: a head of state its state's presidential votes, a head of government both kinds (a new
parliament forms a government; in presidential systems the president names a new one). Rounds of
one election (votes within :data:`SAME_VOTE` of each other) are one vote; an annulled round is not
a vote.

The time up to :data:`AFTER_VOTE_YEARS` after each vote is "after a vote"; the rest is not. The
successions in each kind of time and the years spent in it give two rates, ``r_in`` and
``r_out``, over every state's record known at the cutoff (recency-weighted, as every rate of the
hazard models), and then the state's own, shrunk toward them (``STRENGTH_YEARS`` of prior
exposure). A window of ``t`` years that spends ``t_in`` of them after a vote, its votes being the
known ones and those due (the last vote of each kind plus the state's term, :func:`due_votes`),
scales the tenure hazard by

    m = (r_in t_in + r_out (t - t_in)) / (r t),    r = (k_in + k_out) / (T_in + T_out),

so a window with the state's usual share of years after a vote keeps its hazard, one with a vote
due has it raised, and one with none lowered. A state without any vote of the office's kinds on
record is not scaled; a kind of vote overdue by more than :data:`OVERDUE` (postponed, or missing
from the record) is not assumed due.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable

import numpy as np
import pandas as pd

from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import OBSERVED_FROM, Facts, derived
from postsoviet.models.event_hazard.hazard import (
    FAMILY_PRIOR_EVENTS,
    STRENGTH_YEARS,
    YEAR_DAYS,
    Level,
    exposure,
    weight,
)

# The Freedom House statuses whose leader hazard is timed by votes (free states only: with the
# partly free ones too the generated leader questions scored a little better, 0.1467 against
# 0.1486, but the 15 change questions posed at the time worse, 0.2659 against 0.2563, and the
# asked map's slope fell from 0.38 to 0.25: docs/forecasting.md, "Regimes").
TIMED_REGIMES = frozenset({"F"})
# The months after a vote in which the office changes hands: an inauguration or the forming of a
# government (chosen among 0.125, 0.25, 0.5 and 1 year on the generated history:
# docs/forecasting.md, "When votes fall").
AFTER_VOTE_YEARS = 0.25
AFTER_VOTE = pd.Timedelta(days=round(AFTER_VOTE_YEARS * YEAR_DAYS))
# Votes closer than this are rounds of one election (a runoff, a re-vote).
SAME_VOTE = pd.Timedelta(days=60)
# The interval assumed between two votes of a kind when a state has fewer than two on record.
USUAL_TERM_YEARS = 4.5
# A vote due more than this long before the cutoff and not held is postponed or missing from the
# record: nothing is assumed due for that kind.
OVERDUE = pd.Timedelta(days=round(1.0 * YEAR_DAYS))
# The vote kinds (event tags) that choose or reshape each office.
OFFICE_VOTES: dict[str, tuple[str, ...]] = {
    "head_of_state": ("presidential",),
    "head_of_government": ("parliamentary", "presidential"),
}
SNAP = "snap"


def votes(facts: Facts, actor: str, kind: str) -> list[pd.Timestamp]:
    """The days of the state's votes of ``kind`` known at the cutoff, rounds merged (the first
    round's day stands for the election), annulled rounds left out. ``kind`` ending in ``:snap``
    gives the early (snap) votes of that kind."""

    def build(facts: Facts) -> dict[tuple[str, str], list[pd.Timestamp]]:
        cutoff = q.known_until(facts)
        days: dict[tuple[str, str], list[pd.Timestamp]] = {}
        for h in q.events_with(facts, "election", ()):
            if "annulled" in h.tags or h.day > cutoff:
                continue
            for who in h.actors:
                for tag in h.tags & set(OFFICE_VOTES["head_of_government"]):
                    days.setdefault((who, tag), []).append(h.day)
                    if SNAP in h.tags:
                        days.setdefault((who, f"{tag}:{SNAP}"), []).append(h.day)
        return {key: _rounds_merged(sorted(found)) for key, found in days.items()}

    return derived(facts, "election-votes", build).get((actor, kind), [])


def _rounds_merged(days: list[pd.Timestamp]) -> list[pd.Timestamp]:
    merged: list[pd.Timestamp] = []
    for day in days:
        if not merged or day - merged[-1] > SAME_VOTE:
            merged.append(day)
    return merged


def usual_interval(held: list[pd.Timestamp], snap: Collection[pd.Timestamp] = ()) -> pd.Timedelta:
    """The state's term for a kind of vote: the last interval that ended in a vote held when due
    (not in ``snap``), so a lengthened term counts from its first full use (Russia's presidency,
    four years to 2008 and six since); the median of all the intervals when every one ended early;
    :data:`USUAL_TERM_YEARS` with fewer than two votes."""
    gaps = [(b - a, b) for a, b in itertools.pairwise(held)]
    if not gaps:
        return pd.Timedelta(days=round(USUAL_TERM_YEARS * YEAR_DAYS))
    regular = [gap for gap, day in gaps if day not in snap]
    if regular:
        return regular[-1]
    return pd.Timedelta(np.median([gap.value for gap, _ in gaps]))


def due_votes(
    held: list[pd.Timestamp],
    cutoff: pd.Timestamp,
    end: pd.Timestamp,
    snap: Collection[pd.Timestamp] = (),
) -> list[pd.Timestamp]:
    """The votes of one kind expected after ``cutoff`` up to ``end``: the last one held plus the
    usual interval (:func:`usual_interval`), again and again. None when no vote is on record, or
    when the next one is overdue by more than :data:`OVERDUE` at the cutoff."""
    if not held:
        return []
    step = usual_interval(held, snap)
    due = held[-1] + step
    if due < cutoff - OVERDUE:
        return []
    found = []
    while due <= end:
        if due > cutoff:
            found.append(due)
        due += step
    return found


def after_spans(
    days: Iterable[pd.Timestamp], start: pd.Timestamp, end: pd.Timestamp
) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The disjoint stretches of ``[start, end]`` within :data:`AFTER_VOTE` after a vote."""
    spans: list[tuple[pd.Timestamp, pd.Timestamp]] = []
    for d in sorted(days):
        a, b = max(d, start), min(d + AFTER_VOTE, end)
        if b <= a:
            continue
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], b))
        else:
            spans.append((a, b))
    return spans


def office_votes(facts: Facts, actor: str, office: str) -> list[pd.Timestamp]:
    """Every vote, of every kind that chooses or reshapes ``office``, known at the cutoff."""
    return sorted(d for kind in OFFICE_VOTES.get(office, ()) for d in votes(facts, actor, kind))


def timing_rates(facts: Facts, office: str, only: str | None = None) -> tuple[Level, Level]:
    """Successions after a vote and years after a vote; the same for the other years. Over every
    state with a vote of the office's kinds on record (or the state ``only``), from its first vote
    (or 26 December 1991) to the cutoff, recency-weighted."""

    def build(facts: Facts) -> tuple[Level, Level]:
        cutoff = q.known_until(facts)
        k_in = t_in = k_out = t_out = 0.0
        for (actor, kind), spells in facts.leaders.items():
            if kind != office or (only is not None and actor != only):
                continue
            days = office_votes(facts, actor, office)
            if not days:
                continue
            start = max(OBSERVED_FROM, days[0])
            spans = after_spans(days, start, cutoff)
            inside = sum(exposure(a, b, cutoff) for a, b in spans)
            t_in += inside
            t_out += exposure(start, cutoff, cutoff) - inside
            for spell in spells[1:]:
                if not start < spell.start <= cutoff:
                    continue
                w = weight(spell.start, cutoff)
                if any(a <= spell.start <= b for a, b in spans):
                    k_in += w
                else:
                    k_out += w
        return Level(k_in, t_in), Level(k_out, t_out)

    return derived(facts, ("election-timing", office, only), build)


def timing_factor(facts: Facts, actor: str, office: str, years: float) -> float:
    """The scale ``m`` of the module's equation for a window of ``years`` from the cutoff (1 when
    the state has no vote of the office's kinds on record or the record gives no rates)."""
    if years <= 0:
        return 1.0
    cutoff = q.known_until(facts)
    end = cutoff + pd.Timedelta(days=round(years * YEAR_DAYS))
    days: list[pd.Timestamp] = []
    for kind in OFFICE_VOTES.get(office, ()):
        held = votes(facts, actor, kind)
        days += held + due_votes(held, cutoff, end, set(votes(facts, actor, f"{kind}:{SNAP}")))
    if not days:
        return 1.0
    after, other = timing_rates(facts, office)
    if after.years <= 0 or other.years <= 0:
        return 1.0
    # every state's rates, each from half an event (as the hazard models' families), then the
    # state's own record shrunk toward them (STRENGTH_YEARS of prior exposure)
    pooled_in = (after.events + FAMILY_PRIOR_EVENTS) / after.years
    pooled_out = (other.events + FAMILY_PRIOR_EVENTS) / other.years
    pooled = (after.events + other.events + 2 * FAMILY_PRIOR_EVENTS) / (after.years + other.years)
    own_in, own_out = timing_rates(facts, office, actor)
    r_in = _shrunk(own_in, pooled_in)
    r_out = _shrunk(own_out, pooled_out)
    r = _shrunk(Level(own_in.events + own_out.events, own_in.years + own_out.years), pooled)
    t_in = sum((b - a).days / YEAR_DAYS for a, b in after_spans(days, cutoff, end))
    return (r_in * t_in + r_out * (years - t_in)) / (r * years)


def _shrunk(own: Level, pooled: float) -> float:
    return (own.events + STRENGTH_YEARS * pooled) / (own.years + STRENGTH_YEARS)

"""When votes fall: in a free state the leader hazard is higher in the months after an election.

Where votes decide who holds office, an office changes hands mostly after one: a new president is
sworn in, a new parliament forms a government. The tenure hazard of
:mod:`postsoviet.models.event_hazard.leader_hazard` depends on the holder's time in office alone;
this module times it, and :func:`~postsoviet.models.event_hazard.leader_hazard.p_leader_change`
applies it only to states Freedom House rates free (:data:`TIMED_REGIMES`), where elections are
how power changes hands (a vote due in Belarus or Kazakhstan says little: docs/forecasting.md,
"When votes fall" and "Regimes and votes due").

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
# asked map's slope fell from 0.38 to 0.25: docs/forecasting.md, "Regimes and votes due").
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
# The kinds of national vote (``election`` event tags), and those that choose or reshape each office.
VOTE_KINDS = ("parliamentary", "presidential")
OFFICE_VOTES: dict[str, tuple[str, ...]] = {
    "head_of_state": ("presidential",),
    "head_of_government": VOTE_KINDS,
    # a cabinet's minister is reappointed or replaced when a vote reshapes the government
    "defence_minister": VOTE_KINDS,
}
SNAP = "snap"
PRESIDENTIAL = "presidential"
# A head of state who took office other than after a presidential vote (a resignation, a death, a
# revolution, an acting president) is followed by one within this long, or not soon at all: 20 of
# the 29 such successions in the record were followed by a vote within a year.
CRISIS_YEARS = 1.0
CRISIS = pd.Timedelta(days=round(CRISIS_YEARS * YEAR_DAYS))


def votes(facts: Facts, actor: str, kind: str) -> list[pd.Timestamp]:
    """The days of the state's votes of ``kind`` known at the cutoff, rounds merged (the first
    round's day stands for the election), annulled rounds left out. ``kind`` ending in ``:snap``
    gives the early (snap) votes of that kind."""
    return derived(facts, "election-votes", _votes_table).get((actor, kind), [])


def _votes_table(facts: Facts) -> dict[tuple[str, str], list[pd.Timestamp]]:
    cutoff = q.known_until(facts)
    days: dict[tuple[str, str], list[pd.Timestamp]] = {}
    for h in q.events_with(facts, "election", ()):
        if "annulled" in h.tags or h.day > cutoff:
            continue
        for who in h.actors:
            for tag in h.tags & set(VOTE_KINDS):
                days.setdefault((who, tag), []).append(h.day)
                if SNAP in h.tags:
                    days.setdefault((who, f"{tag}:{SNAP}"), []).append(h.day)
    return {key: _rounds_merged(sorted(found)) for key, found in days.items()}


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


def held_and_due(
    facts: Facts, actor: str, kind: str, cutoff: pd.Timestamp, end: pd.Timestamp
) -> list[pd.Timestamp]:
    """The state's votes of ``kind`` held by the cutoff and those due after it up to ``end``
    (:func:`due_votes`, its snap votes read from the record)."""
    held = votes(facts, actor, kind)
    return held + due_votes(held, cutoff, end, set(votes(facts, actor, f"{kind}:{SNAP}")))


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
    days = [
        d
        for kind in OFFICE_VOTES.get(office, ())
        for d in held_and_due(facts, actor, kind, cutoff, end)
    ]
    rates = _timing(facts, actor, office)
    if not days or rates is None:
        return 1.0
    r_in, r_out, r = rates
    t_in = sum((b - a).days / YEAR_DAYS for a, b in after_spans(days, cutoff, end))
    return (r_in * t_in + r_out * (years - t_in)) / (r * years)


def no_vote_factor(facts: Facts, actor: str, office: str) -> float:
    """The scale of a window in which no vote falls, ``r_out / r`` (the module's equation with
    ``t_in = 0``): for a state whose vote waits for its war to end (:func:`waits_for_war_end`).
    1 when the state has no vote of the office's kinds on record."""
    if not office_votes(facts, actor, office):
        return 1.0
    rates = _timing(facts, actor, office)
    return 1.0 if rates is None else rates[1] / rates[2]


def _timing(facts: Facts, actor: str, office: str) -> tuple[float, float, float] | None:
    """``(r_in, r_out, r)`` for the state's office; None when the record gives no rates."""
    after, other = timing_rates(facts, office)
    if after.years <= 0 or other.years <= 0:
        return None
    # every state's rates, each from half an event (as the hazard models' families), then the
    # state's own record shrunk toward them (STRENGTH_YEARS of prior exposure)
    pooled_in = (after.events + FAMILY_PRIOR_EVENTS) / after.years
    pooled_out = (other.events + FAMILY_PRIOR_EVENTS) / other.years
    pooled = (after.events + other.events + 2 * FAMILY_PRIOR_EVENTS) / (after.years + other.years)
    own_in, own_out = timing_rates(facts, office, actor)
    r_in = _shrunk(own_in, pooled_in)
    r_out = _shrunk(own_out, pooled_out)
    r = _shrunk(Level(own_in.events + own_out.events, own_in.years + own_out.years), pooled)
    return r_in, r_out, r


def _shrunk(own: Level, pooled: float) -> float:
    return (own.events + STRENGTH_YEARS * pooled) / (own.years + STRENGTH_YEARS)


# When the next vote falls -------------------------------------------------------------------
#
# A state's next vote of a kind falls at ``last + term * R``: ``last`` its latest vote, ``term``
# its usual interval (:func:`usual_interval`), and ``R`` the ratio of an interval to the term
# known before it, drawn from every state's record known at the cutoff (:func:`interval_ratios`;
# a snap vote has R < 1, a postponed one R > 1, Russia's first six-year term R = 1.5). Given that
# no vote has fallen by the cutoff, the chance that the next one falls in the window (a, b] is
#
#     P = (W(r_a < R <= r_b) + 1/2) / (W(R > r_c) + 1),    r_x = (x - last) / term,
#
# with W the recency-weighted count of ratios and r_c the cutoff's ratio (the halves: Jeffreys,
# so a window no past interval ended in is not ruled out). Kinds are independent: P(any) =
# 1 - prod(1 - P_kind).


def interval_ratios(facts: Facts) -> list[tuple[float, float]]:
    """Every interval between two votes of a kind that had two votes of that kind before it,
    as (its length over the term known then, its recency weight), over every state known at the
    cutoff."""

    def build(facts: Facts) -> list[tuple[float, float]]:
        cutoff = q.known_until(facts)
        found = []
        for (actor, kind), held in sorted(derived(facts, "election-votes", _votes_table).items()):
            if kind.endswith(f":{SNAP}"):
                continue
            snap = set(votes(facts, actor, f"{kind}:{SNAP}"))
            for i in range(2, len(held)):
                term = usual_interval(held[:i], snap)
                found.append((_ratio(held[i] - held[i - 1], term), weight(held[i], cutoff)))
        return found

    return derived(facts, "election-ratios", build)


def _ratio(length: pd.Timedelta, term: pd.Timedelta) -> float:
    return length.value / term.value


def p_vote(
    facts: Facts, actor: str, kinds: Iterable[str], start: pd.Timestamp, end: pd.Timestamp
) -> float | None:
    """P(a vote of one of ``kinds`` in the state falls in ``(start, end]``), by the equation
    above. A kind the state has never voted in is left out; None when none is left, when a kind
    has a single vote on record (its term is not known), or when a kind is overdue beyond every
    past interval (nothing in the record says when a vote so late falls)."""
    cutoff = q.known_until(facts)
    ratios = interval_ratios(facts)
    if not ratios:
        return None
    none_in = 1.0
    known = False
    if PRESIDENTIAL in kinds:
        # an unscheduled head of state: a vote soon, whatever the term says
        none_in *= 1.0 - p_crisis_vote(facts, actor, start, end)
    for kind in kinds:
        held = votes(facts, actor, kind)
        if not held:
            continue
        if len(held) < 2:
            return None
        term = usual_interval(held, set(votes(facts, actor, f"{kind}:{SNAP}")))
        last = held[-1]
        r_cut, r_a, r_b = (_ratio(day - last, term) for day in (cutoff, max(start, cutoff), end))
        at_risk = sum(w for r, w in ratios if r > r_cut)
        if at_risk <= 0:
            return None
        falls = sum(w for r, w in ratios if r_a < r <= r_b)
        none_in *= 1.0 - (falls + 0.5) / (at_risk + 1.0)
        known = True
    return 1.0 - none_in if known else None


# After an unscheduled succession -------------------------------------------------------------
#
# A head of state who took office other than in the months after a presidential vote starts a
# crisis: up to :data:`CRISIS` later, ended early by the next presidential vote. Over every
# state's record known at the cutoff, the crises that a vote ended over the years they lasted give
# the rate ``r`` (recency-weighted, from half an event); a window that overlaps the state's own
# open crisis by ``t`` years has a vote with ``1 - exp(-r t)``, whatever the term says (Kyrgyzstan
# after its president resigned in October 2020 voted in January 2021, three years early).


def crises(facts: Facts, actor: str) -> list[tuple[pd.Timestamp, pd.Timestamp, bool]]:
    """The state's crises known at the cutoff: (start, end, ended by a vote), each end cut at the
    cutoff (an open crisis ends there, not by a vote)."""
    cutoff = q.known_until(facts)
    held = votes(facts, actor, PRESIDENTIAL)
    found = []
    for spell in facts.leaders.get((actor, "head_of_state"), [])[1:]:
        start = spell.start
        if start < OBSERVED_FROM or start > cutoff:
            continue
        if any(day <= start <= day + AFTER_VOTE for day in held):
            continue
        next_votes = [day for day in held if start < day <= min(start + CRISIS, cutoff)]
        end = next_votes[0] if next_votes else min(start + CRISIS, cutoff)
        found.append((start, end, bool(next_votes)))
    return found


def crisis_rate(facts: Facts) -> float:
    """Votes that ended a crisis per year of crisis, over every state with a presidential vote on
    record (recency-weighted, from half an event)."""

    def build(facts: Facts) -> float:
        cutoff = q.known_until(facts)
        ended = years = 0.0
        for actor, office in facts.leaders:
            if office != "head_of_state" or not votes(facts, actor, PRESIDENTIAL):
                continue
            for start, end, voted in crises(facts, actor):
                years += exposure(start, end, cutoff)
                ended += weight(end, cutoff) if voted else 0.0
        return (ended + FAMILY_PRIOR_EVENTS) / years if years > 0 else 0.0

    return derived(facts, "election-crisis-rate", build)


def p_crisis_vote(facts: Facts, actor: str, start: pd.Timestamp, end: pd.Timestamp) -> float:
    """P(a presidential vote in ``(start, end]`` ends the state's open crisis), 0 without one."""
    cutoff = q.known_until(facts)
    open_now = [c for c in crises(facts, actor) if not c[2] and c[1] == cutoff]
    if not open_now:
        return 0.0
    crisis_end = open_now[-1][0] + CRISIS
    overlap = (min(end, crisis_end) - max(start, cutoff)).days / YEAR_DAYS
    return 1.0 - float(np.exp(-crisis_rate(facts) * max(overlap, 0.0)))


# Under martial law ----------------------------------------------------------------------------
#
# Where martial law is in force in the whole state, no national vote is held while it lasts (the
# laws of Ukraine and Armenia say so), and it lasts as long as the war: Armenia and Azerbaijan
# lifted theirs four months and one month after the agreement of 10 November 2020 ended their war.
# So while the state is under martial law and its war has not ended (no general ceasefire or peace
# agreement involving it since the declaration), a vote in the window needs both a ceasefire
# involving the state and the vote the schedule gives
# (:func:`~postsoviet.models.event_hazard.sanctions_and_events.p_event`); once the war has ended, the
# schedule alone answers.

MARTIAL_LAW = "martial_law"
WAR_ENDS = ("ceasefire", "peace_agreement")
# Ceasefires that do not end a war: a truce of a day or two, one side's, one kind of strike's, or
# a pause to exchange the dead.
NOT_AN_END = frozenset({"partial", "unilateral", "short", "humanitarian"})


def waits_for_war_end(facts: Facts, actor: str) -> bool:
    """Whether the state's latest nationwide ``martial_law`` event known at the cutoff declared it,
    and no general ceasefire or peace agreement involving the state has come since."""
    cutoff = q.known_until(facts)
    known = [
        h
        for h in q.events_with(facts, MARTIAL_LAW, [actor])
        if h.day <= cutoff and "nationwide" in h.tags
    ]
    if not known:
        return False
    latest = max(known, key=lambda h: h.day)
    if "declared" not in latest.tags:
        return False
    return not any(
        latest.day <= h.day <= cutoff and not h.tags & NOT_AN_END
        for kind in WAR_ENDS
        for h in q.events_with(facts, kind, [actor])
    )

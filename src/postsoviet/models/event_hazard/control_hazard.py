"""Control: gains and losses of regions, oblasts and settlements.

A place's gains and losses are pooled from every place of its kind, the controller's, its band
(a settlement near the front or in the rear; a region where the controller is on the move or not)
and, for a settlement, the controller's momentum there (:func:`pressed`, :func:`advancing`,
:func:`taken_lately`, :func:`fresh`) and its size (:func:`settlement_size_factor`); a settlement
far beyond a controller's reach is taken only in an opening
(:mod:`~postsoviet.models.event_hazard.openings`). Part of the event-hazard forecasts
(:mod:`postsoviet.models.event_hazard.world_models`).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.models.event_hazard import front, openings, places, size
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import (
    OBSERVED_FROM,
    Facts,
    derived,
)
from postsoviet.models.event_hazard.hazard import (
    BURST_YEARS,
    RECENCY_YEARS,
    Level,
    exposure,
    rate_of,
    weight,
    years_between,
)

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
    cutoff = q.known_until(facts)
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

    band = band_of(facts, place, controller, q.known_until(facts))
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
        cutoff = q.known_until(facts)
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
        cutoff = q.known_until(facts)
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
        cutoff = q.known_until(facts)
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
    if name == "control.holds" and q.state_control_holds(facts, a, q.known_until(facts)):
        rival = _rival(facts, place, controller)
        if rival is not None:
            # a two-sided settlement is lost when the other side takes it
            return 1.0 - _p_gains(facts, place, rival, years, pooled)
        losses = rate_of(_control_levels(facts, place, controller, 1), pooled)
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
    cutoff = q.known_until(facts)

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
    cutoff = q.known_until(facts)
    listed = places.settlements_of(facts, place)
    if (
        pooled
        and listed
        and not any(openings.within_reach(facts, s, controller, cutoff) for s in listed)
    ):
        return openings.p_gain_far(facts, controller, years, count=len(listed))
    rate = rate_of(_control_levels(facts, place, controller, 0), pooled)
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

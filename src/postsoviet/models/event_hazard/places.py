"""Settlements as places: which settlement a target names, who holds it, when it changed hands.

A place is a region of ``regions.csv`` (its id, ISO 3166-2 code or name), an oblast known only
from the gazetteer (``settlements.region`` slug or ``iso3166_2`` code, e.g. ``kharkiv`` or
``UA-63``), or a settlement of the gazetteer (``settlements.csv``) as ``ISO3:Name`` or by its plain
name where only one settlement has it, matched without case or accents. A settlement's control
periods (``settlement_control.csv``) hold on ``since <= d < until``.

A controller **gains** a settlement on the first day of one of its periods when it did not hold
the settlement the day before, and either someone else did, or the controller is not the
settlement's own state, or the period opens on another day than the gazetteer's lower bounds.
A first record held by its own state from independence (on or before 26 December 1991) or from
24 February 2022 ("held when the full-scale invasion began", a lower bound: docs/data.md) is where
the record starts, not a capture; one opening on another day is a liberation whose occupation
is not dated (Irpin, 28 March 2022). A region or oblast is gained when one of its settlements is.
"""

from __future__ import annotations

import math
from collections import defaultdict

import pandas as pd

from postsoviet.models.event_hazard.facts import OBSERVED_FROM, Facts, derived, plain

OBLAST_SUFFIXES = (" oblast", " region")
# Words a settlement's name may carry that the gazetteer's names do not ("Kherson city").
SETTLEMENT_SUFFIXES = (" city", " town", " village")
# The day from which the gazetteer codes towns "held when the full-scale invasion began".
LOWER_BOUND = pd.Timestamp("2022-02-24")


def is_settlement(place: str) -> bool:
    """Whether a resolved place is a settlement id (``ISO3:Name``)."""
    return ":" in place


def is_state(facts: Facts, place: str) -> bool:
    """Whether a resolved place is a state (an actor's ISO3 code) standing for all its places."""
    return place in facts.actors


def state_parts(facts: Facts, state: str) -> tuple[str, ...]:
    """The places a state is made of, as the record follows them: its regions with control
    periods (those wholly in it de jure: a region spanning a border is left out), the gazetteer's
    oblasts of its settlements, and its ISO 3166-2 subdivisions without a record of their own."""

    def build(facts: Facts) -> tuple[str, ...]:
        regions = {p for p in facts.control if states_of(facts, p) == {state}}
        oblasts = {
            oblast_of(facts, s) for s in facts.settlement_oblast if s.startswith(f"{state}:")
        }
        own = {code for code, owner in facts.subdivisions.items() if owner == state}
        return tuple(sorted((regions | oblasts | own) - {""}))

    return derived(facts, ("state-parts", state), build)


def _slug(text: str) -> str:
    return "_".join(plain(text).replace("-", " ").split())


def oblast_of(facts: Facts, settlement: str) -> str:
    """The place a settlement belongs to: the region of its ISO 3166-2 code, else its oblast slug."""
    slug, code = facts.settlement_oblast.get(settlement, ("", ""))
    return facts.places.get(code, slug) if code else slug


def _members(facts: Facts) -> dict[str, tuple[str, ...]]:
    name = "place_members"
    if name not in facts.derived:
        members: dict[str, set[str]] = defaultdict(set)
        for settlement, (slug, code) in facts.settlement_oblast.items():
            for key in {slug, code, oblast_of(facts, settlement)} - {""}:
                members[key].add(settlement)
        facts.derived[name] = {k: tuple(sorted(v)) for k, v in members.items()}
    return facts.derived[name]  # type: ignore[return-value]


def state_of(facts: Facts, place: str) -> str:
    """The state a place belongs to de jure: a region's ``de_jure``, a settlement's state, an
    oblast's the state of its settlements ("" when none is known)."""
    if is_settlement(place):
        return facts.settlement_state.get(place, "")
    if place in facts.region_state:
        return facts.region_state[place]
    members = settlements_of(facts, place)
    return facts.settlement_state.get(members[0], "") if members else ""


def states_of(facts: Facts, place: str) -> frozenset[str]:
    """The states a place belongs to de jure: one for most places, several for a region that
    spans a border (``suwalki_corridor``: Poland and Lithuania; ``regions.de_jure`` lists them
    ``;``-separated)."""
    return frozenset(part for part in state_of(facts, place).split(";") if part)


def settlements_of(facts: Facts, place: str) -> tuple[str, ...]:
    """The gazetteer's settlements of a place with a control record (itself, for a settlement):
    a town listed without one says nothing about who holds the place."""
    if is_settlement(place):
        return (place,)
    return tuple(s for s in _members(facts).get(place, ()) if s in facts.settlements)


def region_for(facts: Facts, settlement: str) -> str | None:
    """The place a town outside the war's theatre is answered as, or None.

    The gazetteer records control only where the front ran (the states with a settlement's
    control period in the vintage: Ukraine and Russia). A town of another state (Petropavl,
    Tiraspol, Narva) has no record of its own and is answered as the region or ISO 3166-2
    subdivision its row names (``settlements.iso3166_2``, else ``settlements.region``): its
    gain needs the region's, so the region's probability of a gain is an upper bound. A town of
    the theatre without a record (Dokuchaievsk) stays unanswered.
    """
    if settlement in facts.settlements:
        return None
    theatre = derived(facts, "theatre", lambda f: {f.settlement_state[s] for s in f.settlements})
    if facts.settlement_state.get(settlement, "") in theatre:
        return None
    place = oblast_of(facts, settlement)
    return place if place in derived(facts, "place-ids", lambda f: set(f.places.values())) else None


def find_settlement(facts: Facts, name: str) -> tuple[str, ...]:
    """The settlement ids a name may stand for (``UKR:Bakhmut``, ``ukr:bakhmut``, ``Bakhmut``),
    or, when no settlement has that name, those with it among their other spellings and former
    names (``UKR:Artemivsk``, ``UKR:Kupyansk``: ``settlements.aliases``, from GeoNames); a name
    found neither way is tried once more without a trailing "city", "town" or "village"
    (``UKR:Kherson city``), and a name written as an id, words joined by ``_``
    (``zaporizhzhia_nuclear_power_plant``), with spaces."""
    key = plain(name)
    found = facts.settlement_names.get(key) or facts.settlement_aliases.get(key, ())
    if not found:
        for suffix in SETTLEMENT_SUFFIXES:
            if key.endswith(suffix):
                return find_settlement(facts, key.removesuffix(suffix))
        if "_" in key:
            return find_settlement(facts, key.replace("_", " "))
    return tuple(sorted(found))


def find_oblast(facts: Facts, name: str) -> str | None:
    """The place key of an oblast known to the gazetteer (slug, ISO 3166-2 code or name)."""
    members = _members(facts)
    text = plain(name)
    for suffix in OBLAST_SUFFIXES:
        text = text.removesuffix(suffix)
    for key in (name.strip().upper(), _slug(text)):
        if key in members:
            first = members[key][0]
            return oblast_of(facts, first)
    return None


def held(facts: Facts, place: str, controller: str, day: pd.Timestamp) -> bool:
    """Whether ``controller`` holds the settlement, or one of the place's settlements, on ``day``."""
    return any(
        s.label == controller and s.holds(day)
        for settlement in settlements_of(facts, place)
        for s in facts.settlements.get(settlement, [])
    )


def share(facts: Facts, settlement: str, controller: str, day: pd.Timestamp) -> float:
    """1 if ``controller`` holds the settlement on ``day``, 0 if another does, NaN if unrecorded."""
    holding = [s for s in facts.settlements.get(settlement, []) if s.holds(day)]
    if not holding:
        return math.nan
    return 1.0 if any(s.label == controller for s in holding) else 0.0


def _gains_of(facts: Facts, settlement: str) -> list[tuple[str, pd.Timestamp]]:
    spells = facts.settlements.get(settlement, [])
    home = facts.settlement_state.get(settlement, "")
    gains = []
    for spell in spells:
        before = spell.start - pd.Timedelta(days=1)
        holding = [s for s in spells if s.holds(before)]
        if any(s.label == spell.label for s in holding):
            continue
        record_start = spell.start <= OBSERVED_FROM or spell.start == LOWER_BOUND
        if holding or spell.label != home or not record_start:
            gains.append((spell.label, spell.start))
    return gains


def gain_days(facts: Facts, settlement: str, controller: str) -> list[pd.Timestamp]:
    """The days ``controller`` gained the settlement (see the module's rule)."""
    name = "settlement_gains"
    if name not in facts.derived:
        facts.derived[name] = {s: _gains_of(facts, s) for s in facts.settlements}
    table: dict[str, list[tuple[str, pd.Timestamp]]] = facts.derived[name]  # type: ignore[assignment]
    return [day for label, day in table.get(settlement, []) if label == controller]


def undated_losses(facts: Facts, settlement: str) -> list[tuple[str, pd.Timestamp]]:
    """Losses the gazetteer implies but does not record: (the occupier, the day of liberation).

    A gain by the settlement's own state with no holder recorded the day before (an occupation
    whose start is not dated) is a loss for each other controller recorded in the gazetteer.
    """
    spells = facts.settlements.get(settlement, [])
    home = facts.settlement_state.get(settlement, "")
    others = controllers_of(facts, settlement) - {home}
    return [
        (other, day)
        for day in gain_days(facts, settlement, home)
        if not any(s.holds(day - pd.Timedelta(days=1)) for s in spells)
        for other in sorted(others)
    ]


def gained(
    facts: Facts, place: str, controller: str, start: pd.Timestamp, end: pd.Timestamp
) -> bool:
    """Whether ``controller`` gains the settlement, or one of the place's, in ``[start, end]``."""
    return any(
        start <= day <= end
        for settlement in settlements_of(facts, place)
        for day in gain_days(facts, settlement, controller)
    )


def change_days(facts: Facts, place: str) -> set[pd.Timestamp]:
    """Every first and last day of the control periods of the place's settlements."""
    return {
        day
        for settlement in settlements_of(facts, place)
        for s in facts.settlements.get(settlement, [])
        for day in (s.start, s.end)
        if day is not None
    }


def controllers_of(facts: Facts, place: str) -> set[str]:
    """Every controller recorded for the place's settlements (for a settlement: in the gazetteer)."""
    if is_settlement(place):
        name = "gazetteer_controllers"
        if name not in facts.derived:
            facts.derived[name] = {s.label for spells in facts.settlements.values() for s in spells}
        return set(facts.derived[name])  # type: ignore[arg-type]
    chosen = settlements_of(facts, place)
    return {s.label for settlement in chosen for s in facts.settlements.get(settlement, [])}

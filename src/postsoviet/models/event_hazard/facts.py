"""The world's facts as plain Python records, indexed once per world, for fast questions.

Questions and hazards ask the same things thousands of times (a history backtest poses tens of
thousands of targets); an index built once per world answers each in microseconds. Periods hold
on day ``d`` when ``start <= d < end`` (``end`` missing: still running), as in
:mod:`postsoviet.world.world`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import pandas as pd

from postsoviet.data.reliefs import RELIEF, relief_parties
from postsoviet.data.schema import SANCTION_SCOPES
from postsoviet.data.subdivisions import read_subdivisions
from postsoviet.world import World

# The attribute that gives a state's regime class (attributes.csv, Freedom House).
REGIME_VARIABLE = "freedom_house_status"
# The first day of the post-Soviet space: histories are observed from here on.
OBSERVED_FROM = pd.Timestamp("1991-12-26")
NEVER = pd.Timestamp("2262-01-01")


@dataclass(frozen=True)
class Spell:
    """A period with a label (a status, a controller, a leader), ``end`` missing while it runs."""

    label: str
    start: pd.Timestamp
    end: pd.Timestamp | None
    share: float = float("nan")
    backer: str = ""

    def holds(self, day: pd.Timestamp) -> bool:
        """Whether the period holds on ``day``."""
        return self.start <= day and (self.end is None or day < self.end)

    @property
    def stop(self) -> pd.Timestamp:
        """The end, or a far future day while it runs."""
        return self.end if self.end is not None else NEVER


def holder_on(spells: Sequence[Spell], day: pd.Timestamp) -> Spell | None:
    """The last listed of ``spells`` that holds on ``day`` (None: none does)."""
    holding = [s for s in spells if s.holds(day)]
    return holding[-1] if holding else None


@dataclass(frozen=True)
class Happening:
    """A dated fact: a sanction or an event, with its parties, tags and magnitude."""

    day: pd.Timestamp
    kind: str
    actors: frozenset[str]
    tags: frozenset[str] = frozenset()
    value: float = float("nan")
    sender: str = ""
    target: str = ""
    lifted: pd.Timestamp | None = None
    # an event's two sides (side A, side B), when recorded
    sides: tuple[frozenset[str], frozenset[str]] | None = None

    def one_sided(self, named: frozenset[str] | set[str]) -> bool:
        """Whether several ``named`` actors all stood on one of the event's recorded sides (two
        states helping one government abroad did not fight each other)."""
        return (
            self.sides is not None and len(named) > 1 and any(named <= side for side in self.sides)
        )


# Kinds whose events are also events of a broader kind of the vocabulary, with the tags a question
# about the broader kind would ask them by. A gas cut-off halts gas along a pipeline to a state, as
# the data's halts of oil along one (Druzhba through Belarus, 2007; to Poland, 2023) and of gas
# through a section of one (Yamal-Europe, 2022) are recorded as transit restrictions; the issue's
# vocabulary has no kind of its own for it.
BROADER_KINDS: dict[str, tuple[str, frozenset[str]]] = {
    "gas_cutoff": ("transit_restriction", frozenset({"gas"})),
}


def as_kinds(h: Happening) -> tuple[Happening, ...]:
    """The event, and the same event seen as one of its broader kind (:data:`BROADER_KINDS`), with
    that kind's tags added."""
    broader = BROADER_KINDS.get(h.kind)
    if broader is None:
        return (h,)
    kind, tags = broader
    return (h, replace(h, kind=kind, tags=h.tags | tags))


def every_kind_view(events: Iterable[Happening]) -> Iterator[Happening]:
    """Each event, then its views as a broader kind (:func:`as_kinds`)."""
    for event in events:
        yield from as_kinds(event)


@dataclass
class Facts:
    """Every fact a quantity asks about, indexed by its key."""

    cutoff: pd.Timestamp | None
    actors: tuple[str, ...]
    organizations: dict[str, pd.Timestamp]
    # Organisations wound up by the cutoff, with the day (a later end is not known then).
    dissolved: dict[str, pd.Timestamp] = field(default_factory=dict)
    # Actors' and organisations' names, each with its code ("Russia": "RUS").
    names: dict[str, str] = field(default_factory=dict)
    # pairs of states with a land border between them (a region's border counts for its state)
    neighbours: frozenset[frozenset[str]] = frozenset()
    memberships: dict[tuple[str, str], list[Spell]] = field(default_factory=dict)
    leaders: dict[tuple[str, str], list[Spell]] = field(default_factory=dict)
    born: dict[str, pd.Timestamp] = field(default_factory=dict)
    control: dict[str, list[Spell]] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)
    # Each region's state de jure (regions.de_jure: Crimea is Ukraine's).
    region_state: dict[str, str] = field(default_factory=dict)
    # ISO 3166-2 subdivisions that are neither regions nor gazetteer oblasts, each with its state:
    # held whole by that state through the history (data/reference/subdivisions.csv).
    subdivisions: dict[str, str] = field(default_factory=dict)
    # The gazetteer: each settlement's control periods, its state, its oblast (slug and
    # ISO 3166-2 code), and the names a target may use for it (plain text -> ids).
    settlements: dict[str, list[Spell]] = field(default_factory=dict)
    settlement_state: dict[str, str] = field(default_factory=dict)
    settlement_oblast: dict[str, tuple[str, str]] = field(default_factory=dict)
    settlement_names: dict[str, set[str]] = field(default_factory=dict)
    # other spellings and former names (``settlements.aliases``), read when no name matches
    settlement_aliases: dict[str, set[str]] = field(default_factory=dict)
    # each settlement's (latitude, longitude) in degrees, where the gazetteer gives them
    settlement_xy: dict[str, tuple[float, float]] = field(default_factory=dict)
    # each settlement's population (GeoNames' figure in the gazetteer), where it is given
    settlement_population: dict[str, float] = field(default_factory=dict)
    sanctions: list[Happening] = field(default_factory=list)
    events: list[Happening] = field(default_factory=list)
    series: dict[tuple[str, str, str], list[tuple[pd.Timestamp, float]]] = field(
        default_factory=dict
    )
    attributes: dict[tuple[str, str], list[tuple[int, float]]] = field(default_factory=dict)
    # The vintage's published projections of attributes (``projections.csv``), as a table: only
    # rate questions read them, indexed on first use (:func:`forecasts.projections.projections_of`).
    projection_rows: pd.DataFrame | None = None
    # Each state's Freedom House status (F, PF, NF) by year under review, oldest first.
    regimes: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    # Statistics derived from the facts (hazard tables), computed once per world.
    derived: dict[str, object] = field(default_factory=dict)


def derived(facts: Facts, name: Hashable, build: Callable[[Facts], Any]) -> Any:
    """``build(facts)``, computed once per vintage and kept in ``facts.derived`` under ``name``."""
    if name not in facts.derived:
        facts.derived[name] = build(facts)
    return facts.derived[name]


def _day(value: object) -> pd.Timestamp | None:
    return None if pd.isna(value) else pd.Timestamp(value)


# Cells repeat across vintages (each known_on day indexes the same events again): parsed once.
CELLS = 1 << 16


@lru_cache(maxsize=CELLS)
def _sides(value: object) -> tuple[frozenset[str], frozenset[str]] | None:
    """``"A;B|C"`` as (side A, side B); None when no sides are recorded."""
    if not isinstance(value, str) or "|" not in value:
        return None
    first, second = value.split("|", 1)
    return _split(first), _split(second)


@lru_cache(maxsize=CELLS)
def _split(value: object) -> frozenset[str]:
    if not isinstance(value, str):
        return frozenset()
    return frozenset(part.strip() for part in value.split(";") if part.strip())


def tag(text: str) -> str:
    """A tag as the data writes it: lower case, words joined by ``_`` (``all crossings``)."""
    return "_".join(plain(text).replace("-", " ").split())


@lru_cache(maxsize=CELLS)
def tag_set(value: object) -> frozenset[str]:
    """The tags of a ``;``-joined cell."""
    return frozenset(tag(t) for t in _split(value))


def region_name_parts(name: str) -> tuple[str, ...]:
    """The plain forms (:func:`plain`) a region's name may be asked by besides itself: the words
    before a parenthesis and the words inside it ("South Ossetia (Tskhinvali region)": "south
    ossetia" and "tskhinvali region"; "Suwalki corridor (Suwalki gap)": "suwalki gap")."""
    match = re.fullmatch(r"\s*([^()]+?)\s*\(([^()]+)\)\s*", name)
    return tuple(plain(part) for part in match.groups()) if match else ()


@lru_cache(maxsize=CELLS)
def plain(text: str) -> str:
    """A name without accents or case, to match people's names written either way."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def _merged(spells: list[Spell]) -> list[Spell]:
    """Consecutive periods of one person as one: an acting term followed by the elected one
    (Putin from 31 December 1999 and from 7 May 2000) is one tenure, not a change of holder."""
    merged: list[Spell] = []
    for spell in spells:
        last = merged[-1] if merged else None
        if last is not None and last.label == spell.label and last.end == spell.start:
            merged[-1] = Spell(last.label, last.start, spell.end, last.share, last.backer)
        else:
            merged.append(spell)
    return merged


def _rows(frame: pd.DataFrame, *columns: str) -> zip:
    """``frame``'s ``columns`` as plain Python tuples, row by row (a missing column reads as
    missing values): far faster than ``itertuples`` over pandas' string and date arrays."""
    missing = [None] * len(frame)
    return zip(
        *(frame[c].tolist() if c in frame.columns else missing for c in columns), strict=True
    )


def index_world(world: World) -> Facts:
    """Index ``world``'s tables (missing optional columns read as empty)."""
    organizations = world.organizations
    facts = Facts(
        world.cutoff,
        tuple(world.actors["iso3"]),
        {code: pd.Timestamp(day) for code, day in _rows(organizations, "code", "founded")},
    )
    facts.dissolved = {
        code: pd.Timestamp(day)
        for code, day in _rows(organizations, "code", "dissolved")
        if pd.notna(day)
    }
    facts.names = dict(_rows(world.actors, "name", "iso3"))
    borders = world.borders
    facts.neighbours = frozenset(
        frozenset((a, b))
        for a, b in _rows(borders, "a_state", "b_state")
        if isinstance(a, str) and isinstance(b, str) and a != b
    )
    for name, code in _rows(organizations, "name", "code"):
        # "European Union (incl. predecessor ...)" is also "European Union"
        facts.names |= {name: code, name.split(" (")[0]: code}
    memberships: dict[tuple[str, str], list[Spell]] = defaultdict(list)
    # the actors' statuses, and those of states outside them (the chain's record of how fast
    # applicants, candidates and observers move on: the Western Balkans in the EU, India in the SCO)
    for table in (world.memberships, world.outside_memberships):
        for iso3, org, status, joined, left in _rows(
            table, "iso3", "organization", "status", "joined", "left"
        ):
            memberships[(iso3, org)].append(Spell(status, pd.Timestamp(joined), _day(left)))
    facts.memberships = {k: sorted(v, key=lambda s: s.start) for k, v in memberships.items()}
    leaders: dict[tuple[str, str], list[Spell]] = defaultdict(list)
    for iso3, office, name, took, left, born in _rows(
        world.leaders, "iso3", "office", "name", "took_office", "left_office", "born"
    ):
        leaders[(iso3, office)].append(Spell(name, pd.Timestamp(took), _day(left)))
        if not pd.isna(born):
            facts.born[plain(name)] = pd.Timestamp(born)
    facts.leaders = {k: _merged(sorted(v, key=lambda s: s.start)) for k, v in leaders.items()}
    control: dict[str, list[Spell]] = defaultdict(list)
    for region, controller, since, until, share, backer in _rows(
        world.region_control, "region", "controller", "since", "until", "area_share", "backer"
    ):
        backer = backer if isinstance(backer, str) else ""
        share = float(share) if not pd.isna(share) else float("nan")
        control[region].append(Spell(controller, pd.Timestamp(since), _day(until), share, backer))
    facts.control = {k: sorted(v, key=lambda s: s.start) for k, v in control.items()}
    for row in world.regions.itertuples():
        facts.places[row.id] = row.id
        facts.places[plain(row.name)] = row.id
        # "South Ossetia (Tskhinvali region)": either part of a name with a parenthesis
        for part in region_name_parts(row.name):
            facts.places.setdefault(part, row.id)
        # the current ISO 3166-2 code first, then former ones (``;``-separated)
        for code in _split(row.iso3166_2):
            facts.places[code.upper()] = row.id
        if isinstance(row.de_jure, str) and row.de_jure:
            facts.region_state[row.id] = row.de_jure
    facts.sanctions = [
        sanction(day, scope, sender, target, _day(lifted))
        for day, scope, sender, target, lifted in _rows(
            world.sanctions, "date", "scope", "sender", "target", "lifted"
        )
    ]
    facts.sanctions += relief_liftings(world.events, {h.sender for h in facts.sanctions})
    events = world.events
    # the magnitude: ``value``, or a programme's ``completion`` where it has no value
    values = pd.Series(float("nan"), index=events.index)
    for column in ("value", "completion"):
        if column in events.columns:
            values = values.fillna(pd.to_numeric(events[column], errors="coerce"))
    facts.events = [
        Happening(
            pd.Timestamp(day),
            kind,
            _split(actors),
            tag_set(cell),
            float(value),
            sides=_sides(pair),
        )
        for (day, kind, actors, cell, pair), value in zip(
            _rows(events, "date", "kind", "actors", "tags", "sides"), values.tolist(), strict=True
        )
    ]
    index_settlements(world, facts)
    index_subdivisions(facts)
    series: dict[tuple[str, str, str], list[tuple[pd.Timestamp, float]]] = defaultdict(list)
    for name, subject, counterpart, day, value in _rows(
        world.series, "series", "subject", "counterpart", "date", "value"
    ):
        counterpart = counterpart if isinstance(counterpart, str) else ""
        series[(name, subject, counterpart)].append((pd.Timestamp(day), float(value)))
    facts.series = {k: sorted(v) for k, v in series.items()}
    attributes: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    numbers = world.attributes.assign(
        value=pd.to_numeric(world.attributes["value"], errors="coerce")
    ).dropna(subset=["value"])
    for iso3, year, variable, number in _rows(numbers, "iso3", "year", "variable", "value"):
        attributes[(variable, iso3)].append((int(year), float(number)))
    facts.attributes = {k: sorted(v) for k, v in {**attributes, **ratios(attributes)}.items()}
    facts.projection_rows = world.projections
    regimes: dict[str, list[tuple[int, str]]] = defaultdict(list)
    status = world.attributes[world.attributes["variable"] == REGIME_VARIABLE]
    for iso3, year, value in _rows(status, "iso3", "year", "value"):
        regimes[iso3].append((int(year), str(value)))
    facts.regimes = {k: sorted(v) for k, v in regimes.items()}
    return facts


def sanction(
    day: object, scope: str, sender: str, target: str, lifted: pd.Timestamp | None
) -> Happening:
    """A sanctions measure as a happening: the sender's measure of ``scope`` on the target."""
    return Happening(
        pd.Timestamp(day),
        scope,
        frozenset({sender, target}),
        sender=sender,
        target=target,
        lifted=lifted,
    )


def relief_liftings(events: pd.DataFrame, senders: set[str]) -> list[Happening]:
    """The ``sanctions_relief`` events as sanctions rows that record a lifting only (lifted on
    their own day: never in force), so a partial lifting or suspension counts as a lifting.

    docs/data.md: a relief's actors are its sender, when a state, then its target; its tags name
    the sender (``eu``) and the scope. The sender is the first of two actors, else the tag that is
    a sender of the sanctions table; the scope is the tag that is a scope
    (:data:`~postsoviet.data.schema.SANCTION_SCOPES`). A relief whose sender or target cannot be
    read this way is left out: the data check refuses it (:func:`~postsoviet.data.rules.check_reliefs`).
    """
    found = []
    for day, kind, actors, cell in _rows(events, "date", "kind", "actors", "tags"):
        if kind != RELIEF:
            continue
        parties = relief_parties(actors, cell, senders)
        if parties is None:
            continue  # the data check names such a row (data.rules.check_reliefs)
        sender, target = parties
        tags = tag_set(cell)
        scope = next((s for s in SANCTION_SCOPES if s in tags), "")
        found.append(sanction(day, scope, sender, target, pd.Timestamp(day)))
    return found


# Figures the world derives from two of its attributes: name -> (numerator, denominator, scale).
# Military spending as a share of GDP is SIPRI's current-US$ spending over the World Bank's
# current-US$ GDP (SIPRI's own share divides by the IMF's GDP, so the two differ a little).
RATIOS = {"milex_share_gdp_pct": ("milex_usd", "gdp_usd", 100.0)}


def ratios(
    attributes: Mapping[tuple[str, str], list[tuple[int, float]]],
) -> dict[tuple[str, str], list[tuple[int, float]]]:
    """The :data:`RATIOS` of each state for each year the vintage holds both of its attributes
    (so a ratio is known from the day the later of the two is), ``scale * num / den``."""
    out: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for name, (numerator, denominator, scale) in RATIOS.items():
        for (variable, iso3), points in attributes.items():
            if variable != numerator:
                continue
            below = dict(attributes.get((denominator, iso3), []))
            values = [(y, scale * v / below[y]) for y, v in points if below.get(y)]
            if values:
                out[(name, iso3)] = values
    return out


def index_settlements(world: World, facts: Facts) -> None:
    """Index the gazetteer (``settlements``) and its control periods (``settlement_control``)."""
    spells: dict[str, list[Spell]] = defaultdict(list)
    for settlement, controller, since, until in _rows(
        world.settlement_control, "settlement", "controller", "since", "until"
    ):
        spells[settlement].append(Spell(controller, pd.Timestamp(since), _day(until)))
    facts.settlements = {k: sorted(v, key=lambda s: s.start) for k, v in spells.items()}
    names: dict[str, set[str]] = defaultdict(set)
    aliases: dict[str, set[str]] = defaultdict(set)
    for id_, name, iso3, region, code, lat, lon, cell, people in _rows(
        world.settlements,
        "id",
        "name",
        "iso3",
        "region",
        "iso3166_2",
        "lat",
        "lon",
        "aliases",
        "population",
    ):
        code = code.upper() if isinstance(code, str) else ""
        facts.settlement_state[id_] = iso3
        facts.settlement_oblast[id_] = (region if isinstance(region, str) else "", code)
        if pd.notna(lat) and pd.notna(lon):
            facts.settlement_xy[id_] = (float(lat), float(lon))
        if pd.notna(people) and float(people) > 0:
            facts.settlement_population[id_] = float(people)
        names[plain(id_)].add(id_)
        names[plain(f"{iso3}:{name}")].add(id_)
        names[plain(name)].add(id_)
        for alias in _split(cell):
            aliases[plain(alias)].add(id_)
            aliases[plain(f"{iso3}:{alias}")].add(id_)
    facts.settlement_names = dict(names)
    facts.settlement_aliases = dict(aliases)


def index_subdivisions(facts: Facts) -> None:
    """Make the ISO 3166-2 subdivisions places (:func:`~postsoviet.data.subdivisions.read_subdivisions`):
    by code and by name, each a region of its state. A code or name the world's regions or the
    gazetteer's oblasts (those with a settlement's control record) already use keeps its place."""
    oblast_codes = {facts.settlement_oblast[s][1] for s in facts.settlements} - {""}
    for code, name, state in _rows(read_subdivisions(), "code", "name", "state"):
        if code in facts.places or code in oblast_codes:
            continue
        facts.places[code] = code
        facts.places.setdefault(plain(name), code)
        facts.region_state[code] = state
        facts.subdivisions[code] = state


_CACHE: dict[int, tuple[World, Facts]] = {}
_CACHE_SIZE = 256


def facts_of(world: World) -> Facts:
    """The index of ``world``, built once per world object (a small cache keeps recent ones)."""
    hit = _CACHE.get(id(world))
    if hit is not None and hit[0] is world:
        return hit[1]
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    facts = index_world(world)
    _CACHE[id(world)] = (world, facts)
    return facts

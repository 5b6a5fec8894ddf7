"""What a world says about each world-fact quantity: its outcome (resolution) and its state on a day.

Each function takes the :class:`~postsoviet.models.event_hazard.facts.Facts` of a world and the target's
normalised arguments. ``outcome_*`` returns ``True``/``False`` (or a number) when the world's
history decides the question, ``None`` when it cannot yet (the window runs past what the world
knows). ``state_*`` returns what held on ``asked_on`` in a vintage: for "holds" quantities the
status that day, for "by" quantities whether the change already happened in ``[from, asked_on]``.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from postsoviet.data.schema import EVENT_KINDS, OFFICES, WORLD_SUBJECT
from postsoviet.models.event_hazard import places
from postsoviet.models.event_hazard.facts import (
    Facts,
    Happening,
    Spell,
    derived,
    every_kind_view,
    plain,
    tag,
)

Args = Mapping[str, Any]
ANY = "any"
# ``leader.holds`` without an office: the office the named person holds (:func:`office_held`)
HELD_OFFICE = "held"
SURNAME_RATIO = 0.8


def known_until(facts: Facts) -> pd.Timestamp:
    """The last day the world speaks for: its cutoff, or today for the full world."""
    return facts.cutoff if facts.cutoff is not None else pd.Timestamp.today().normalize()


def _decided(happened: bool, end: pd.Timestamp, facts: Facts) -> bool | None:
    if happened:
        return True
    return False if end <= known_until(facts) else None


def _on_decided(value: bool, day: pd.Timestamp, facts: Facts) -> bool | None:
    return value if day <= known_until(facts) else None


# memberships ---------------------------------------------------------------------------------


def membership_spells(facts: Facts, actor: str, org: str) -> list[Spell]:
    """The actor's periods in the organisation, oldest first."""
    return facts.memberships.get((actor, org), [])


def holds_status(spells: list[Spell], status: str, day: pd.Timestamp) -> bool:
    """Whether a period of ``status`` (``any``: any status) holds on ``day``."""
    return any(s.holds(day) and (status == ANY or s.label == status) for s in spells)


def _starts(spells: list[Spell], status: str, start: pd.Timestamp, end: pd.Timestamp) -> bool:
    for spell in spells:
        if not start <= spell.start <= end:
            continue
        if status == ANY:
            before = spell.start - pd.Timedelta(days=1)
            if not any(o is not spell and o.holds(before) for o in spells):
                return True
        elif spell.label == status:
            return True
    return False


def _ends(spells: list[Spell], status: str, start: pd.Timestamp, end: pd.Timestamp) -> bool:
    for spell in spells:
        if spell.end is None or not start <= spell.end <= end:
            continue
        if status == ANY:
            if not holds_status(spells, ANY, spell.end):
                return True
        elif spell.label == status and not holds_status(spells, status, spell.end):
            return True
    return False


def outcome_membership_holds(facts: Facts, a: Args) -> bool | None:
    spells = membership_spells(facts, a["actor"], a["org"])
    return _on_decided(holds_status(spells, a["status"], a["on"]), a["on"], facts)


def outcome_membership_starts(facts: Facts, a: Args) -> bool | None:
    spells = membership_spells(facts, a["actor"], a["org"])
    return _decided(_starts(spells, a["status"], a["from"], a["by"]), a["by"], facts)


def outcome_membership_ends(facts: Facts, a: Args) -> bool | None:
    spells = membership_spells(facts, a["actor"], a["org"])
    return _decided(_ends(spells, a["status"], a["from"], a["by"]), a["by"], facts)


def state_membership_holds(facts: Facts, a: Args, day: pd.Timestamp) -> bool:
    return holds_status(membership_spells(facts, a["actor"], a["org"]), a["status"], day)


def state_membership_starts(facts: Facts, a: Args, day: pd.Timestamp) -> bool:
    spells = membership_spells(facts, a["actor"], a["org"])
    return _starts(spells, a["status"], a["from"], day)


def state_membership_ends(facts: Facts, a: Args, day: pd.Timestamp) -> bool:
    spells = membership_spells(facts, a["actor"], a["org"])
    return _ends(spells, a["status"], a["from"], day)


# leaders -------------------------------------------------------------------------------------


def leader_spells(facts: Facts, actor: str, office: str) -> list[Spell]:
    """The actor's holders of ``office``, oldest first."""
    return facts.leaders.get((actor, office), [])


def same_person(asked: str, recorded: str) -> bool:
    """Whether two spellings name the same person (transliterations differ: Zelensky, Zelenskyy).

    Equal without case and accents, or the same first initial and surnames alike (difflib ratio
    of at least 0.8); a surname alone (``Lukashenko``) needs only the surnames alike.
    """
    a, b = plain(asked).split(), plain(recorded).split()
    if a == b:
        return True
    if not a or not b:
        return False
    if len(a) > 1 and len(b) > 1 and a[0][0] != b[0][0]:
        return False
    return difflib.SequenceMatcher(None, a[-1], b[-1]).ratio() >= SURNAME_RATIO


def _person_holds(spells: list[Spell], person: str, day: pd.Timestamp) -> bool:
    return any(s.holds(day) and same_person(person, s.label) for s in spells)


def _changes(spells: list[Spell], start: pd.Timestamp, end: pd.Timestamp) -> bool:
    return any(start <= s.start <= end for s in spells[1:]) or any(
        s.end is not None and start <= s.end <= end for s in spells
    )


def office_held(facts: Facts, actor: str, person: str, day: pd.Timestamp) -> str:
    """The office of ``actor`` that ``person`` holds on ``day``; if none, the one they held last
    before it; if neither, ``head_of_state``.

    "Pashinyan is in office at the end of 2025" asks about Armenia's prime minister: a question
    that names a person without an office means the office that person holds, not the head of
    state by default (which would read as "Pashinyan becomes president").
    """
    for office in OFFICES:
        if _person_holds(leader_spells(facts, actor, office), person, day):
            return office
    ended = [
        (s.start, office)
        for office in OFFICES
        for s in leader_spells(facts, actor, office)
        if s.start <= day and same_person(person, s.label)
    ]
    return max(ended)[1] if ended else OFFICES[0]


def outcome_leader_holds(facts: Facts, a: Args) -> bool | None:
    spells = leader_spells(facts, a["actor"], a["office"])
    if not spells:
        return None
    return _on_decided(_person_holds(spells, a["person"], a["on"]), a["on"], facts)


def outcome_leader_changes(facts: Facts, a: Args) -> bool | None:
    spells = leader_spells(facts, a["actor"], a["office"])
    if not spells:
        return None
    return _decided(_changes(spells, a["from"], a["by"]), a["by"], facts)


def state_leader_holds(facts: Facts, a: Args, day: pd.Timestamp) -> bool:
    return _person_holds(leader_spells(facts, a["actor"], a["office"]), a["person"], day)


def state_leader_changes(facts: Facts, a: Args, day: pd.Timestamp) -> bool:
    return _changes(leader_spells(facts, a["actor"], a["office"]), a["from"], day)


# sanctions -----------------------------------------------------------------------------------


def sanction_matches(h: Happening, a: Args) -> bool:
    """Whether a sanction is from the sender, on the target, in the scope (``any``: every scope)."""
    return (
        (a["sender"] == ANY or h.sender == a["sender"])
        and (a["target"] == ANY or h.target == a["target"])
        and (a["scope"] == ANY or h.kind == a["scope"])
    )


def is_lifting(h: Happening) -> bool:
    """Whether a sanctions row records a lifting only (lifted the day it is dated: never in force)."""
    return h.lifted is not None and h.lifted <= h.day


def in_force(h: Happening, day: pd.Timestamp) -> bool:
    """Whether a measure is in force on ``day``: imposed by then and not yet lifted."""
    return h.day <= day and (h.lifted is None or day < h.lifted)


def _new_sanction(facts: Facts, a: Args, start: pd.Timestamp, end: pd.Timestamp) -> bool:
    return any(
        start <= h.day <= end and sanction_matches(h, a) and not is_lifting(h)
        for h in facts.sanctions
    )


def _lifted(facts: Facts, a: Args, start: pd.Timestamp, end: pd.Timestamp) -> bool:
    return any(
        h.lifted is not None and start <= h.lifted <= end and sanction_matches(h, a)
        for h in facts.sanctions
    )


def outcome_sanctions_in_force(facts: Facts, a: Args) -> bool | None:
    return _on_decided(state_sanctions_in_force(facts, a, a["on"]), a["on"], facts)


def outcome_sanctions_new(facts: Facts, a: Args) -> bool | None:
    return _decided(_new_sanction(facts, a, a["from"], a["by"]), a["by"], facts)


def outcome_sanctions_lifted(facts: Facts, a: Args) -> bool | None:
    return _decided(_lifted(facts, a, a["from"], a["by"]), a["by"], facts)


def state_sanctions_in_force(facts: Facts, a: Args, day: pd.Timestamp) -> bool:
    return any(in_force(h, day) and sanction_matches(h, a) for h in facts.sanctions)


def state_sanctions_new(facts: Facts, a: Args, day: pd.Timestamp) -> bool:
    return _new_sanction(facts, a, a["from"], day)


def state_sanctions_lifted(facts: Facts, a: Args, day: pd.Timestamp) -> bool:
    return _lifted(facts, a, a["from"], day)


# events --------------------------------------------------------------------------------------


def event_matches(h: Happening, a: Args) -> bool:
    """Whether an event is of the kind, with those actors and tags, at least ``min_value``, and
    none of the tags ``without`` (a model's own filter, never a target's argument).

    Where the event records its sides (a clash, a threat), several named actors must not all
    stand on one side: Russia and Kazakhstan both helping one government abroad is no clash
    between them.
    """
    tags = {tag(t) for t in a["tags"]}
    named = set(a["actors"])
    if h.kind != a["kind"] or not named <= h.actors or not tags <= h.tags:
        return False
    if h.tags & frozenset(a.get("without", ())):
        return False
    if h.one_sided(named):
        return False
    minimum = a.get("min_value")
    return minimum is None or (not math.isnan(h.value) and h.value >= minimum)


def _events_of_kind(facts: Facts, kind: str) -> list[Happening]:
    """The world's events of one kind (indexed once per vintage)."""
    if "events-of-kind" not in facts.derived:
        index: dict[str, list[Happening]] = {}
        for h in every_kind_view(facts.events):
            index.setdefault(h.kind, []).append(h)
        facts.derived["events-of-kind"] = index
    return facts.derived["events-of-kind"].get(kind, [])


def events_with(facts: Facts, kind: str, actors: Iterable[str]) -> list[Happening]:
    """The world's events of one kind that include every one of ``actors`` (all of the kind when
    none is named), from an index by kind and actor built once per vintage; the shortest list of
    the named actors' is returned, so a caller still checks the rest (:func:`event_matches`)."""
    named = set(actors)
    if not named:
        return _events_of_kind(facts, kind)
    if "events-of-kind-actor" not in facts.derived:
        index: dict[tuple[str, str], list[Happening]] = {}
        for h in every_kind_view(facts.events):
            for actor in h.actors:
                index.setdefault((h.kind, actor), []).append(h)
        facts.derived["events-of-kind-actor"] = index
    table: dict[tuple[str, str], list[Happening]] = facts.derived["events-of-kind-actor"]  # type: ignore[assignment]
    return min((table.get((kind, actor), []) for actor in sorted(named)), key=len)


def _event_in(facts: Facts, a: Args, start: pd.Timestamp, end: pd.Timestamp) -> bool:
    return any(
        start <= h.day <= end and event_matches(h, a)
        for h in events_with(facts, a["kind"], a["actors"])
    )


def outcome_event_occurs(facts: Facts, a: Args) -> bool | None:
    return _decided(_event_in(facts, a, a["from"], a["by"]), a["by"], facts)


def state_event_occurs(facts: Facts, a: Args, day: pd.Timestamp) -> bool:
    return _event_in(facts, a, a["from"], day)


# control -------------------------------------------------------------------------------------


def controls(spell: Spell, controller: str) -> bool:
    """Whether ``controller`` holds the region in this period, directly or as the backer."""
    return controller in (spell.label, spell.backer)


def control_spells(facts: Facts, region: str, controller: str) -> list[Spell]:
    """The periods in which ``controller`` held (part of) the region."""
    return [s for s in facts.control.get(region, []) if controls(s, controller)]


def share_on(facts: Facts, region: str, controller: str, day: pd.Timestamp) -> float:
    """The share of the place ``controller`` held on ``day`` (0 if none; NaN if not recorded).

    A period without a recorded share that is the region's only one that day continues the
    controller's last recorded share of the region (Russia's annexation of Donetsk oblast on 30
    September 2022 took the DPR's 55%, not the whole), and is whole control when none was
    recorded (Crimea); a settlement is held whole or not at all; a place without region periods
    has no share.
    """
    if places.is_settlement(region):
        return places.share(facts, region, controller, day)
    if region in facts.subdivisions:
        return 1.0 if controller == facts.subdivisions[region] else 0.0
    if region not in facts.control:
        return float("nan")
    holding = [s for s in control_spells(facts, region, controller) if s.holds(day)]
    if not holding:
        return 0.0
    spell = holding[-1]
    if not math.isnan(spell.share):
        return spell.share
    others = [s for s in facts.control.get(region, []) if s.holds(day)]
    if len(others) != 1 or spell.start > day:
        return float("nan")
    recorded = [
        s.share
        for s in control_spells(facts, region, controller)
        if s.start <= day and not math.isnan(s.share)
    ]
    return recorded[-1] if recorded else 1.0


def _last_share(facts: Facts, region: str, controller: str, day: pd.Timestamp) -> float:
    """The share held on ``day``, or the last recorded one before it when ``day``'s is missing."""
    share = share_on(facts, region, controller, day)
    if not math.isnan(share):
        return share
    earlier = [
        s.share
        for s in control_spells(facts, region, controller)
        if s.start <= day and not math.isnan(s.share)
    ]
    return earlier[-1] if earlier else share


def gains_between(facts: Facts, a: Args, start: pd.Timestamp, end: pd.Timestamp) -> bool:
    """Whether the controller starts holding the place, or a larger share of it, in the window.

    A period with no recorded share is compared through the last share recorded before it; an
    unknown partial share (another controller held the rest) followed by the whole is a gain.
    """
    region, controller = a["place"], a["controller"]
    for spell in control_spells(facts, region, controller):
        if not start <= spell.start <= end:
            continue
        before = _last_share(facts, region, controller, spell.start - pd.Timedelta(days=1))
        after = _last_share(facts, region, controller, spell.start)
        if before == 0.0 or after > before or (math.isnan(before) and after == 1.0):
            return True
    return False


def gains_in(facts: Facts, a: Args, start: pd.Timestamp, end: pd.Timestamp) -> bool:
    """Whether the controller gains (more of) the place, or one of its settlements, in the window
    (for a state, in one of its places)."""
    if places.is_state(facts, a["place"]):
        parts = places.state_parts(facts, a["place"])
        return any(gains_in(facts, {**a, "place": p}, start, end) for p in parts)
    return gains_between(facts, a, start, end) or places.gained(
        facts, a["place"], a["controller"], start, end
    )


def outcome_control_holds(facts: Facts, a: Args) -> bool | None:
    return _on_decided(state_control_holds(facts, a, a["on"]), a["on"], facts)


def outcome_control_share(facts: Facts, a: Args) -> float | None:
    if a["on"] > known_until(facts):
        return None
    share = share_on(facts, a["place"], a["controller"], a["on"])
    return None if math.isnan(share) else share


def outcome_control_gains(facts: Facts, a: Args) -> bool | None:
    return _decided(gains_in(facts, a, a["from"], a["by"]), a["by"], facts)


def state_control_holds(facts: Facts, a: Args, day: pd.Timestamp) -> bool:
    """Whether the controller holds the place (part of a region, or one of its settlements; for
    a state, part of one of its places, :func:`places.state_parts`); a subdivision without a
    record of its own is held by its state (:attr:`Facts.subdivisions`)."""
    if places.is_state(facts, a["place"]):
        parts = places.state_parts(facts, a["place"])
        return any(state_control_holds(facts, {**a, "place": p}, day) for p in parts)
    if facts.subdivisions.get(a["place"]) == a["controller"]:
        return True
    return any(
        s.holds(day) for s in control_spells(facts, a["place"], a["controller"])
    ) or places.held(facts, a["place"], a["controller"], day)


# The series that records the share of a whole state held by a controller (subject: the state,
# counterpart: the controller), as the attrition model reads it.
STATE_SHARE_SERIES = "territory_held_share"


def _state_share_key(a: Args) -> tuple[str, str, str]:
    return (STATE_SHARE_SERIES, a["place"], a["controller"])


def whole_state_share(facts: Facts, a: Args) -> bool:
    """Whether ``a`` asks for the share of a whole state that its territory series records
    (:data:`STATE_SHARE_SERIES`: Ukraine's share held by Russia)."""
    return places.is_state(facts, a["place"]) and _state_share_key(a) in facts.series


def state_control_share(facts: Facts, a: Args, day: pd.Timestamp) -> float | None:
    """The share of the place the controller holds on ``day`` (None: not recorded); for a whole
    state, its territory series' last value on or before ``day`` (:func:`whole_state_share`)."""
    if places.is_state(facts, a["place"]):
        if not whole_state_share(facts, a):
            raise UnanswerableError(
                f"control.share: the world records no share of the whole state {a['place']!r} "
                f"held by {a['controller']!r}; ask about one of its regions, or use control.holds "
                "or control.gains for any of its ground"
            )
        known = [v for d, v in facts.series[_state_share_key(a)] if d <= day]
        return known[-1] if known else None
    share = share_on(facts, a["place"], a["controller"], day)
    return None if math.isnan(share) else share


def state_control_gains(facts: Facts, a: Args, day: pd.Timestamp) -> bool:
    return gains_in(facts, a, a["from"], day)


# series --------------------------------------------------------------------------------------


def series_points(facts: Facts, a: Args) -> list[tuple[pd.Timestamp, float]]:
    """The dated values of a world series, or of an attribute (each year on its 1 July)."""
    key = (a["series"], a["subject"], a.get("counterpart") or "")
    if key in facts.series:
        return facts.series[key]
    years = facts.attributes.get((a["series"], a["subject"]), [])
    return [(pd.Timestamp(year=y, month=7, day=1), v) for y, v in years]


# Everyday names of the world's annual figures (a name the data holds itself is never renamed).
SERIES_ALIASES = {
    "military_expenditure": "milex_usd",
    "military_spending": "milex_usd",
    "defence_spending": "milex_usd",
    "defense_spending": "milex_usd",
    "milex": "milex_usd",
    "military_expenditure_share_gdp": "milex_share_gdp_pct",
    "military_expenditure_gdp": "milex_share_gdp_pct",
    "military_expenditure_pct_gdp": "milex_share_gdp_pct",
    "military_spending_share_gdp": "milex_share_gdp_pct",
    "military_spending_gdp": "milex_share_gdp_pct",
    "defence_spending_share_gdp": "milex_share_gdp_pct",
    "defense_spending_share_gdp": "milex_share_gdp_pct",
    "defence_spending_gdp": "milex_share_gdp_pct",
    "defense_spending_gdp": "milex_share_gdp_pct",
    "milex_share_gdp": "milex_share_gdp_pct",
    "milex_gdp": "milex_share_gdp_pct",
    "military_burden": "milex_share_gdp_pct",
    "brent": "brent_usd_per_bbl",
    "brent_price": "brent_usd_per_bbl",
    "brent_oil_price": "brent_usd_per_bbl",
    "brent_crude": "brent_usd_per_bbl",
    "brent_crude_price": "brent_usd_per_bbl",
    "oil_price": "brent_usd_per_bbl",
    "gdp": "gdp_usd",
    "gdp_growth": "gdp_growth_pct",
    "real_gdp_growth": "gdp_growth_pct",
    "growth": "gdp_growth_pct",
    "inflation": "inflation_cpi_pct",
    "cpi_inflation": "inflation_cpi_pct",
    "consumer_price_inflation": "inflation_cpi_pct",
    "exchange_rate": "exchange_rate_lcu_per_usd",
    "usd_exchange_rate": "exchange_rate_lcu_per_usd",
    "fx_rate": "exchange_rate_lcu_per_usd",
    "freedom_house": "freedom_house_total",
    "freedom_house_score": "freedom_house_total",
    "gas_price": "gas_import_price_usd_per_1000m3",
    "gas_import_price": "gas_import_price_usd_per_1000m3",
    "gas_hub_price": "gas_hub_price_usd_per_1000m3",
    "territory_held": "territory_held_share",
    "territory_share": "territory_held_share",
    "occupied_share": "territory_held_share",
    "territory_area": "territory_held_km2",
    "occupied_area": "territory_held_km2",
    "state_loan": "state_loan_usd",
    "loan": "state_loan_usd",
    "trade_share": "trade_share_russia",
    "trade_with_russia": "trade_share_russia",
    "gas_share": "gas_import_share_russia",
    "gas_dependence": "gas_import_share_russia",
    "russian_share": "ethnic_russian_share",
    "ethnic_russians": "ethnic_russian_share",
    "military_aid": "military_aid_eur",
    "oil_reserves": "oil_reserves_bbl",
    "oil_production": "oil_production_mt",
    "oil_output": "oil_production_mt",
    "crude_oil_production": "oil_production_mt",
    "oil_and_condensate_production": "oil_production_mt",
    "gas_reserves": "gas_reserves_m3",
    "policy_rate": "policy_rate_pct",
    "key_rate": "policy_rate_pct",
    "key_interest_rate": "policy_rate_pct",
    "key_policy_rate": "policy_rate_pct",
    "interest_rate": "policy_rate_pct",
    "central_bank_rate": "policy_rate_pct",
    "refinancing_rate": "policy_rate_pct",
    "base_rate": "policy_rate_pct",
    "discount_rate": "policy_rate_pct",
    "benchmark_rate": "policy_rate_pct",
}

# The World Bank's World Development Indicators codes of the same figures (the codes the
# attributes' notes cite; https://data.worldbank.org/indicator). WDI's military expenditure is
# SIPRI's, as the world's is.
WDI_CODES = {
    "ny.gdp.mktp.kd.zg": "gdp_growth_pct",
    "ny.gdp.mktp.cd": "gdp_usd",
    "sp.pop.totl": "population",
    "fp.cpi.totl.zg": "inflation_cpi_pct",
    "pa.nus.fcrf": "exchange_rate_lcu_per_usd",
    "ms.mil.xpnd.cd": "milex_usd",
    "ms.mil.xpnd.gd.zs": "milex_share_gdp_pct",
}


# Words of a series' everyday name that say only that it is a share, dropped before the name is
# looked up again among :data:`SERIES_ALIASES`.
SHARE_WORDS = frozenset({"pct", "percent", "percentage", "of", "as", "share", "ratio", "to", "in"})


def _aliases_by_words() -> dict[frozenset[str], str]:
    """The aliases by their set of words (share words dropped), for a name written in another
    order; a set that aliases of two different series share is left out."""
    found: dict[frozenset[str], set[str]] = {}
    for alias, name in SERIES_ALIASES.items():
        words = frozenset(w for w in alias.split("_") if w not in SHARE_WORDS)
        found.setdefault(words, set()).add(name)
    return {words: next(iter(names)) for words, names in found.items() if len(names) == 1}


ALIASES_BY_WORDS = _aliases_by_words()


# A currency named against the dollar is the world's exchange rate, local currency units per US
# dollar (WDI ``PA.NUS.FCRF``): the dollar's words, and the currencies of the world's actors by
# ISO 4217 code and everyday name.
DOLLAR_WORDS = frozenset({"usd", "dollar", "dollars"})
CURRENCY_WORDS = frozenset(
    {
        "rub", "ruble", "rouble", "byn", "byr", "uah", "hryvnia", "kzt", "tenge", "mdl", "leu",
        "gel", "lari", "amd", "dram", "azn", "manat", "kgs", "som", "tjs", "somoni", "tmt",
        "uzs", "sum", "nok", "krone", "pln", "zloty", "sek", "krona", "eur", "euro", "gbp",
        "pound", "cny", "yuan", "renminbi", "try", "lira", "irr", "rial", "ron", "bgn", "lev",
        "huf", "forint",
    }
)  # fmt: skip


def series_names(facts: Facts) -> set[str]:
    """The names of the world's series and attributes in the vintage."""
    return derived(
        facts, "series-names", lambda f: {n for n, _, _ in f.series} | {n for n, _ in f.attributes}
    )


def series_name(facts: Facts, name: str) -> str:
    """The world's name of a series: ``name`` itself when the data holds it, else its entry in
    :data:`SERIES_ALIASES` (``military_expenditure`` is SIPRI's ``milex_usd``, in current US$; also
    with its words in another order, ``oil_price_brent``) or
    its World Bank code's in :data:`WDI_CODES` (``NY.GDP.MKTP.KD.ZG`` is ``gdp_growth_pct``), else
    the one name of the vintage whose words include all of its words, at least two of them
    (``inflation_cpi`` is ``inflation_cpi_pct``; ``milex`` names three series and is not read)."""
    names = series_names(facts)
    if name in names:
        return name
    key = name.strip().lower().replace(" ", "_").replace("-", "_").replace("/", "_")
    # the name as written, else without the words that only say "as a share" (``pct``, ``of``),
    # when two words or more are left: ``defence_spending_pct_gdp`` is ``defence_spending_gdp``,
    # but ``share_gdp`` is not ``gdp``
    core = [w for w in key.split("_") if w and w not in SHARE_WORDS]
    alias = SERIES_ALIASES.get(key) or WDI_CODES.get(key)
    if alias is None and len(core) >= 2:
        # also in another order: ``oil_price_brent`` is ``brent_oil_price``
        alias = SERIES_ALIASES.get("_".join(core)) or ALIASES_BY_WORDS.get(frozenset(core))
    if alias is not None:
        return alias
    words = set(key.split("_")) - {""}
    if words & DOLLAR_WORDS and words & CURRENCY_WORDS:
        # a currency against the dollar (``usd_rub_rate``): the local currency's units per dollar
        return "exchange_rate_lcu_per_usd"
    if len(words) < 2:
        return name
    holding = [n for n in names if words <= set(n.split("_"))]
    return holding[0] if len(holding) == 1 else name


def missing_series(facts: Facts, a: Args, day: pd.Timestamp) -> str:
    """Why ``series.value`` has no value known on ``day``: the series is unknown, or held for
    other subjects (they are listed), or not yet known for this one."""
    name, subject, counterpart = a["series"], a["subject"], a.get("counterpart") or ""
    held = sorted(
        {f"{s}/{c}" if c else s for n, s, c in facts.series if n == name}
        | {s for n, s in facts.attributes if n == name}
    )
    asked = f"subject {subject}" + (f", counterpart {counterpart}" if counterpart else "")
    if not held:
        names = sorted(series_names(facts))
        hint = did_you_mean(name, names, cutoff=0.4)
        return (
            f"series.value: no series or attribute '{name}' is known on {day:%Y-%m-%d}{hint} "
            f"(known: {', '.join(names)})"
        )
    if (f"{subject}/{counterpart}" if counterpart else subject) not in held:
        return (
            f"series.value: '{name}' has no values for {asked} known on {day:%Y-%m-%d}; "
            f"known for (subject/counterpart): {', '.join(held[:20])}"
        )
    return f"series.value: no value of '{name}' for {asked} known on {day:%Y-%m-%d}"


def period_day(period: pd.Timestamp | int) -> pd.Timestamp:
    """The day a period stands for: a date itself, a year its 1 July."""
    return period if isinstance(period, pd.Timestamp) else pd.Timestamp(year=period, month=7, day=1)


def outcome_series_value(facts: Facts, a: Args) -> float | None:
    period = a["period"]
    points = series_points(facts, a)
    if isinstance(period, pd.Timestamp):
        exact = [v for d, v in points if d == period]
        if exact:
            return exact[-1]
        earlier = [v for d, v in points if d <= period]
        return earlier[-1] if earlier and period <= known_until(facts) else None
    in_year = [v for d, v in points if d.year == period]
    return in_year[-1] if in_year else None


def state_series_value(facts: Facts, a: Args, day: pd.Timestamp) -> float | None:
    earlier = [v for d, v in series_points(facts, a) if d <= day]
    return earlier[-1] if earlier else None


class UnanswerableError(LookupError):
    """The world cannot pose this question (the message says why)."""


# Arguments that name a party: an actor, an organisation, or a region's own controller.
PARTY_ARGS = ("actor", "sender", "target", "controller")


def known_parties(facts: Facts) -> dict[str, str]:
    """Every party the vintage names, by its upper-cased code, name or label: actors and
    organisations (code and name), and every sender, target, event participant and controller
    in the data (a breakaway region's label, e.g. ``transnistria``)."""
    if "parties" not in facts.derived:
        table = {name.upper(): code for name, code in facts.names.items()}
        labels = set(facts.actors) | set(facts.organizations)
        labels |= {a for happening in facts.sanctions + facts.events for a in happening.actors}
        for spells in (*facts.control.values(), *facts.settlements.values()):
            labels |= {s.label for s in spells} | {s.backer for s in spells if s.backer}
        labels |= {actor for actor, _ in facts.memberships} | {a for a, _ in facts.leaders}
        table.update({label.upper(): label for label in labels if label})
        facts.derived["parties"] = table
    return facts.derived["parties"]


# Codes other registries give a party the world names otherwise: the World Bank writes the
# European Union ``EUU`` (its aggregate code in the World Development Indicators).
PARTY_ALIASES = {"EUU": "EU"}


def party_code(facts: Facts, value: str) -> str | None:
    """The data's code of a party named by its code, name or label (``Russia`` -> ``RUS``;
    ``_`` read as a space; :data:`PARTY_ALIASES`), or None."""
    table = known_parties(facts)
    key = value.upper()
    key = PARTY_ALIASES.get(key, key)
    return table.get(key) or table.get(key.replace("_", " "))


def parties(facts: Facts, a: Args) -> dict[str, Any]:
    """The party arguments of ``a`` as the data writes them (``Russia``, ``rus`` -> ``RUS``); a
    party the world does not name is unanswerable (its absence would read as "no")."""

    def party(field: str, value: str) -> str:
        if value.lower() == ANY:
            return ANY
        found = party_code(facts, value)
        if found is None:
            codes = ", ".join(sorted(facts.actors))
            raise UnanswerableError(
                f"args.{field}: {value!r} is not a party of the world data: expected an actor "
                f"code or name ({codes}), an organisation code or a region's controller"
            )
        return found

    out: dict[str, Any] = {f: party(f, a[f]) for f in PARTY_ARGS if isinstance(a.get(f), str)}
    if a.get("actors"):
        out["actors"] = tuple(party("actors", v) for v in a["actors"])
    return out


# The arguments of ``series.value`` naming what a figure is about (an actor, a region, an
# organisation, or the world as a whole).
SUBJECT_ARGS = ("subject", "counterpart")
# Everyday names of the world as a subject (data.schema.WORLD_SUBJECT).
WORLD_NAMES = ("WORLD", "GLOBAL")


def subjects(facts: Facts, a: Args) -> dict[str, Any]:
    """The subject arguments of ``a`` as the data writes them when they name a party
    (``Russia`` -> ``RUS``) or the world (``World`` -> ``WLD``); any other subject (a region's
    slug) is left as written, for :func:`series_name`'s check to name what is known."""
    out = {}
    for field in SUBJECT_ARGS:
        value = a.get(field)
        if not isinstance(value, str) or not value:
            continue
        if value.upper() in WORLD_NAMES:
            out[field] = WORLD_SUBJECT
        elif (found := party_code(facts, value)) is not None:
            out[field] = found
    return out


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """``"; did you mean A or B?"`` naming up to three close choices (difflib), or ""."""
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=cutoff)
    return f"; did you mean {' or '.join(close)}?" if close else ""


def event_kind(kind: str) -> str:
    """An event kind of the vocabulary (``EVENT_KINDS``), compared in lower case with words
    joined by ``_``. A kind outside it is unanswerable: the world records no event of it, so
    every question about it would resolve "no"."""
    key = tag(str(kind))
    if key in EVENT_KINDS:
        return key
    raise UnanswerableError(
        f"args.kind: {kind!r} is not an event kind of the world data"
        f"{did_you_mean(key, EVENT_KINDS)} (known: "
        f"{', '.join(sorted(EVENT_KINDS))})"
    )


def kind_tags(facts: Facts, kind: str) -> dict[str, int]:
    """The tags the vintage's events of ``kind`` carry, with how many carry each."""

    def build(facts: Facts) -> dict[str, int]:
        counts: dict[str, int] = {}
        for h in _events_of_kind(facts, kind):
            for t in h.tags:
                counts[t] = counts.get(t, 0) + 1
        return counts

    return derived(facts, ("kind-tags", kind), build)


# Everyday names and transliterations of the data's tags: abbreviations in English (``DPR`` for
# the data's ``dnr``, from the Russian ДНР) and the older Russian-based spellings of Ukraine's places.
TAG_ALIASES = {
    "dpr": "dnr",
    "donetsk_people's_republic": "dnr",
    "donetsk_peoples_republic": "dnr",
    "lpr": "lnr",
    "luhansk_people's_republic": "lnr",
    "luhansk_peoples_republic": "lnr",
    "lugansk_people's_republic": "lnr",
    # an oblast named where the data tags its breakaway republic (the recognitions of 2022)
    "donetsk": "dnr",
    "luhansk": "lnr",
    "lugansk": "luhansk",
    "donbass": "donbas",
    "karabakh": "nagorno_karabakh",
    "artsakh": "nagorno_karabakh",
    "kiev": "kyiv",
    "kharkov": "kharkiv",
    "zaporozhye": "zaporizhzhia",
    "zaporizhia": "zaporizhzhia",
    "nikolaev": "mykolaiv",
    "artemovsk": "bakhmut",
    "severodonetsk": "sievierodonetsk",
    "transdniestria": "transnistria",
    "pridnestrovie": "transnistria",
    # a ceasefire along the whole line of contact is the data's ``general`` one (docs/data.md)
    "full_front": "general",
    "whole_front": "general",
    "entire_front": "general",
    "all_fronts": "general",
    "comprehensive": "general",
    "full_ceasefire": "general",
    "general_ceasefire": "general",
}
# British and American spellings, each way (the data has ``defense`` and ``partial_mobilisation``).
SPELLINGS = (("defence", "defense"), ("isation", "ization"), ("armoured", "armored"))


def tag_forms(asked: str) -> tuple[str, ...]:
    """The forms a tag asked for may take in the data, likeliest first: as written
    (:func:`~postsoviet.models.event_hazard.facts.tag`), its alias (:data:`TAG_ALIASES`), each in
    the other spelling (:data:`SPELLINGS`), each also with its words run together (``F-16``,
    ``Su-30SM``: the data's ``f16``, ``su30sm``), and each with a trailing ``s`` added or dropped."""
    key = tag(asked)
    bases = [key, TAG_ALIASES.get(key, key)]
    for one, other in SPELLINGS:
        bases += [b.replace(one, other) for b in bases] + [b.replace(other, one) for b in bases]
    forms = []
    for base in bases:
        for word in (base, base.replace("_", "")):  # ``F-16`` is the data's ``f16``
            forms += [word, f"{word}s", word[:-1] if word.endswith("s") else word]
    return tuple(dict.fromkeys(forms))


def split_tags(
    facts: Facts, kind: str, asked: Iterable[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The tags asked for that the kind's events known at the cutoff carry, written as the data
    writes them (case, spaces and hyphens aside; a trailing ``s`` either way: ``drone`` is
    ``drones``; an alias or the other spelling: ``DPR`` is ``dnr``, :func:`tag_forms`; a place's
    code as its region's id: ``UA-14`` is ``donetsk``, else its alias ``dnr``), and the others, as
    asked.

    A tag no event of the kind carried by the cutoff cannot be counted in the record: with it,
    every such question would get the floor of a thing that never happened, whatever it asks
    (``ATACMS``, ``Nord Stream``, ``grain``). It is not read; the question is answered for the
    kind's events with the other arguments, and the forecast says which tags were left out.
    """
    known = kind_tags(facts, kind)
    read, unread = [], []
    for asked_tag in asked:
        forms = tag_forms(str(asked_tag))
        # a place's code (ISO 3166-2, ``RU-KGD``) is also read as its region's id (``kaliningrad``)
        region = facts.places.get(str(asked_tag).strip().upper())
        if region is not None and region not in facts.subdivisions:
            forms += tag_forms(region)
        match = next((form for form in forms if form in known), None)
        if match is None:
            unread.append(str(asked_tag))
        else:
            read.append(match)
    return tuple(read), tuple(unread)


def actor_tags(
    facts: Facts, kind: str, asked: Iterable[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The tags asked for that name an actor, by its code or name (``UKR``, ``Ukraine``), and are
    no tag of the kind's events known at the cutoff, read as the actors they name (a participant,
    as ``actors`` would say it), and the other tags."""
    known = kind_tags(facts, kind)
    named, rest = [], []
    for asked_tag in asked:
        code = party_code(facts, str(asked_tag).strip())
        if code in facts.actors and not any(f in known for f in tag_forms(str(asked_tag))):
            named.append(code)
        else:
            rest.append(str(asked_tag))
    return tuple(named), tuple(rest)


def with_actor_tags(facts: Facts, a: Args) -> Args:
    """``a`` with the actors its tags name moved to its ``actors`` (:func:`actor_tags`)."""
    named, rest = actor_tags(facts, event_kind(a["kind"]), a["tags"])
    if not named:
        return a
    actors = tuple(dict.fromkeys((*(a.get("actors") or ()), *named)))
    return {**a, "actors": actors, "tags": rest}


def unread_tags_note(facts: Facts, a: Args) -> str | None:
    """What a forecast says of the tags it could not read (:func:`split_tags`), or None."""
    if not a.get("tags") or "kind" not in a:
        return None
    kind = event_kind(a["kind"])
    _, unread = split_tags(facts, kind, actor_tags(facts, kind, a["tags"])[1])
    if not unread:
        return None
    return (
        f"tags not read: {', '.join(repr(t) for t in unread)} (no {kind} event known on "
        f"{known_until(facts):%Y-%m-%d} carries them); answered for the {kind} events with the "
        "other arguments"
    )


def state_named(facts: Facts, place: str) -> str | None:
    """The state a place names by its ISO3 code or its name (any case) when the record follows
    some place of it (:func:`places.state_parts`), else None."""
    state = known_parties(facts).get(place.upper(), "")
    if not places.is_state(facts, state) or not places.state_parts(facts, state):
        return None
    return state


def normalised(facts: Facts, a: Args) -> Args:
    """The arguments with their parties (:func:`parties`) and ``place`` resolved
    (:mod:`postsoviet.models.event_hazard.places`).

    A region id, ISO 3166-2 code or name; an oblast of the gazetteer (slug or code); a
    settlement as ``ISO3:Name`` or by its plain name where only one settlement has it. A
    settlement is answerable only once the vintage holds a control period of it. An
    organisation the world does not record cannot be asked about (its absence would read as
    "not a member").
    """
    a = {**a, **parties(facts, a), **subjects(facts, a)}
    if a.get("office") == HELD_OFFICE:
        a = {**a, "office": office_held(facts, a["actor"], a["person"], known_until(facts))}
    if "series" in a:
        a = {**a, "series": series_name(facts, a["series"])}
    if "kind" in a:
        a = {**a, "kind": event_kind(a["kind"])}
    if a.get("tags"):
        # an actor's code among the tags is a participant (``tags: [UKR]``)
        a = with_actor_tags(facts, a)
        a = {**a, "tags": split_tags(facts, a["kind"], a["tags"])[0]}
    if "org" in a and a["org"] not in facts.organizations:
        named = {name.upper().replace(" ", "_"): code for name, code in facts.names.items()}
        a = {**a, "org": named.get(a["org"], a["org"])}
    if "org" in a and a["org"] not in facts.organizations:
        raise UnanswerableError(
            f"args.org: {a['org']!r} is not an organisation of the world data (known: "
            f"{', '.join(sorted(facts.organizations))})"
        )
    if "place" not in a:
        return a
    place = a["place"]
    found = places.find_settlement(facts, place) if ":" in place else ()
    if ":" not in place:
        region = (
            facts.places.get(place)
            or facts.places.get(place.upper())
            or facts.places.get(plain(place))
            or places.find_oblast(facts, place)
        )
        if region is not None:
            return {**a, "place": region}
        state = state_named(facts, place)
        if state is not None:
            return {**a, "place": state}
        found = places.find_settlement(facts, place)
    if len(found) > 1:
        raise UnanswerableError(
            f"args.place: {place!r} names several settlements ({', '.join(found)}); "
            "write it as ISO3:Name"
        )
    if not found:
        raise UnanswerableError(
            f"args.place: {place!r} is neither a region of the world data (known: "
            f"{', '.join(sorted(set(facts.places.values()) - set(facts.subdivisions)))}), an "
            "ISO 3166-2 subdivision (e.g. KZ-23, LT-AL), an oblast of the gazetteer, nor a "
            "settlement of the gazetteer (ISO3:Name, e.g. UKR:Bakhmut)"
        )
    if not facts.settlements.get(found[0]):
        region = places.region_for(facts, found[0])
        if region is None:
            raise UnanswerableError(
                f"args.place: settlement {found[0]!r} has no control period known by the cutoff"
            )
        return {**a, "place": region}
    return {**a, "place": found[0]}

"""The schema of every world data file: its columns, their kinds, its key, and the variables.

The human-readable version of this schema is ``docs/data.md``; the two must agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# The subject of a figure about the whole world (a global price), as the World Bank codes it.
WORLD_SUBJECT = "WLD"


class Kind(StrEnum):
    """What a column holds, which decides how a cell is parsed and checked."""

    TEXT = "text"
    ISO3 = "iso3"  # a state: an ISO 3166-1 alpha-3 code listed in actors.csv
    STATE = "state"  # any state: an ISO 3166-1 alpha-3 code (XKX for Kosovo), actor or not
    TERRITORY = "territory"  # a state's ISO3 or a region slug listed in regions.csv
    REGION = "region"  # a region slug listed in regions.csv
    SUBJECT = "subject"  # a state's ISO3, a region slug, an organisation code (EU, NATO) or WLD
    DATE = "date"  # ISO YYYY-MM-DD
    YEAR = "year"
    NUMBER = "number"
    COUNT = "count"  # a non-negative integer
    CHOICE = "choice"  # one of Column.choices
    SOURCES = "sources"  # ';'-separated ids of sources.csv rows, or 'judgment'
    URL = "url"
    PUBLISHED = "published"  # an ISO date, a year-month YYYY-MM or a bare year


JUDGMENT = "judgment"
KNOWN_FROM = "known_from"


@dataclass(frozen=True)
class Column:
    """One column of a data file."""

    name: str
    kind: Kind
    required: bool = True
    choices: tuple[str, ...] = ()
    minimum: float | None = None


@dataclass(frozen=True)
class Table:
    """One data file: ``<name>.csv`` with these columns; ``key`` identifies a row."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def dated(self) -> bool:
        """Whether rows carry a ``known_from`` day (see :mod:`postsoviet.world.vintage`)."""
        return KNOWN_FROM in self.column_names

    @property
    def fact_key(self) -> tuple[str, ...]:
        """The key of the fact a row states: :attr:`key` without ``known_from``.

        Two rows with one fact key and different ``known_from`` days are two revisions of a value.
        """
        return tuple(name for name in self.key if name != KNOWN_FROM)


@dataclass(frozen=True)
class Variable:
    """A variable of ``attributes.csv`` or ``region_attributes.csv`` and the values it admits."""

    name: str
    unit: str
    numeric: bool = True
    minimum: float | None = 0.0
    maximum: float | None = None
    description: str = ""


def _text(name: str, required: bool = True) -> Column:
    return Column(name, Kind.TEXT, required)


def _source() -> Column:
    return Column("source", Kind.SOURCES)


def _note() -> Column:
    return _text("note", required=False)


def _memberships(name: str, states: Kind) -> Table:
    """A table of statuses in organisations (``memberships``, ``outside_memberships``), its
    ``iso3`` of the kind ``states``."""
    return Table(
        name,
        (
            Column("iso3", states),
            _text("organization"),
            Column("status", Kind.CHOICE, choices=ORGANIZATION_STATUSES),
            Column("joined", Kind.DATE),
            Column("left", Kind.DATE, required=False),
            _source(),
            _note(),
        ),
        key=("iso3", "organization", "status", "joined"),
    )


def _dated(table: Table) -> Table:
    """``table`` with an optional ``known_from`` column (the first day a row could be known).

    ``known_from`` joins the key, so a revised value is a second row with a later day.
    """
    return Table(
        table.name,
        (*table.columns, Column(KNOWN_FROM, Kind.DATE, required=False)),
        key=(*table.key, KNOWN_FROM),
    )


# The attributes whose published projections ``projections.csv`` holds (the IMF's World Economic
# Outlook: real GDP growth and consumer price inflation, percent).
PROJECTED_VARIABLES = ("gdp_growth_pct", "inflation_cpi_pct")
# A projection's release: one of the WEO's full April and October reports, or an interim update
# (January and July), which moves a few large economies' figures between them.
PROJECTION_RELEASES = ("full", "update")

ORGANIZATION_STATUSES = (
    "member",
    "associate",
    "observer",
    "candidate",
    # accession negotiations opened (the EU's intergovernmental conferences), until the treaty
    "negotiating",
    "applicant",
    # invited to accession talks (NATO's summit invitations), until the accession protocol is signed
    "invited",
    "acceding",
    "frozen",
    "partner",
)
VOTES = ("yes", "no", "abstain", "absent")
ACTOR_GROUPS = ("former_soviet", "outside_power", "neighbour")
REGION_KINDS = (
    "oblast",
    "autonomous_republic",
    "city",
    "exclave",
    "corridor",
    "breakaway",
    "region_group",
    "resource_belt",
)
# The offices whose holders the data records: the state's two top offices, and the minister who
# heads its defence ministry (for the states of the essay's directions: docs/data.md).
OFFICES = ("head_of_state", "head_of_government", "defence_minister")
SEAS = ("black_sea", "caspian_sea", "baltic_sea")
SANCTION_SCOPES = (
    "financial",
    "trade",
    "energy",
    "technology",
    "transport",
    "individuals",
    "sectoral",
    "comprehensive",
)
EVENT_KINDS = (
    "union_state_programme",
    "integration_step",
    "transit_restriction",
    "succession",
    # The vocabulary of issue 12: the essay's instruments and consequences.
    "annexation",
    "recognition",
    "ceasefire",
    "negotiation",
    "peace_agreement",
    "treaty",
    "loan",
    "energy_price_agreement",
    "energy_contract",
    "currency_union",
    "programme_completion",
    "successor_named",
    "weapons_delivery",
    "aid_appropriation",
    "aid_pause",
    "nuclear_deployment",
    "missile_deployment",
    "combat_entry",
    "military_operation",
    "offensive",
    "armed_clash",
    "airspace_engagement",
    "border_closure",
    "transit_resumption",
    "troop_withdrawal",
    # Kinds the event history needs beyond the vocabulary of issue 12.
    "troop_deployment",
    "gas_cutoff",
    "energy_decoupling",
    "infrastructure_sabotage",
    "cyberattack",
    "military_exercise",
    "mobilization",
    "coup_attempt",
    "mass_protest",
    "election",
    # martial law declared (tag ``declared``) or lifted (tag ``lifted``) in the whole state: no
    # national vote is held while it lasts (elections.waits_for_war_end)
    "martial_law",
    "referendum",
    "alliance_decision",
    "prisoner_exchange",
    "border_fortification",
    "sanctions_relief",
    "merger",
    # Kinds of the Correlates of War MID incident actions (threats, displays and uses of force).
    "militarized_threat",
    "show_of_force",
    "military_alert",
    "border_violation",
    "occupation",
    "seizure",
    "blockade",
    "attack",
    "other",
)
SOURCE_TIERS = ("primary", "secondary", "tertiary")

_UNDATED: dict[str, Table] = {
    table.name: table
    for table in (
        Table(
            "sources",
            (
                _text("id"),
                _text("title"),
                _text("publisher"),
                Column("url", Kind.URL),
                Column("published", Kind.PUBLISHED, required=False),
                Column("accessed", Kind.DATE, required=False),
                _note(),
                Column("tier", Kind.CHOICE, required=False, choices=SOURCE_TIERS),
            ),
            key=("id",),
        ),
        Table(
            "actors",
            (
                _text("iso3"),
                _text("name"),
                Column("group", Kind.CHOICE, choices=ACTOR_GROUPS),
                _source(),
            ),
            key=("iso3",),
        ),
        Table(
            "attributes",
            (
                Column("iso3", Kind.ISO3),
                Column("year", Kind.YEAR),
                _text("variable"),
                _text("value"),
                _text("unit"),
                _source(),
                _note(),
            ),
            key=("iso3", "year", "variable"),
        ),
        Table(
            "leaders",
            (
                Column("iso3", Kind.ISO3),
                Column("office", Kind.CHOICE, choices=OFFICES),
                Column("took_office", Kind.DATE),
                _text("name"),
                Column("born", Kind.DATE, required=False),
                Column("left_office", Kind.DATE, required=False),
                _source(),
                _note(),
            ),
            key=("iso3", "office", "took_office"),
        ),
        Table(
            "organizations",
            (
                _text("code"),
                _text("name"),
                Column("founded", Kind.DATE),
                Column("dissolved", Kind.DATE, required=False),
                _source(),
                _note(),
            ),
            key=("code",),
        ),
        _memberships("memberships", Kind.ISO3),
        # the statuses of states outside the world's actors, in the same organisations: the
        # record the membership chain learns its rates from (an EU candidate of the Western
        # Balkans, an SCO observer such as India), read by no other model
        _memberships("outside_memberships", Kind.STATE),
        Table(
            "resolutions",
            (
                _text("resolution"),
                Column("date", Kind.DATE),
                _text("title"),
                Column("yes", Kind.COUNT),
                Column("no", Kind.COUNT),
                Column("abstain", Kind.COUNT),
                Column("absent", Kind.COUNT, required=False),
                _source(),
            ),
            key=("resolution",),
        ),
        Table(
            "votes",
            (
                _text("resolution"),
                Column("iso3", Kind.ISO3),
                Column("vote", Kind.CHOICE, choices=VOTES),
                _source(),
                _note(),
            ),
            key=("resolution", "iso3"),
        ),
        Table(
            "borders",
            (
                Column("a", Kind.TERRITORY),
                Column("b", Kind.TERRITORY),
                Column("km", Kind.NUMBER, minimum=0.0),
                _source(),
                _note(),
            ),
            key=("a", "b"),
        ),
        Table(
            "seas",
            (
                Column("sea", Kind.CHOICE, choices=SEAS),
                Column("iso3", Kind.ISO3),
                Column("coastline_km", Kind.NUMBER, required=False, minimum=0.0),
                _source(),
                _note(),
            ),
            key=("sea", "iso3"),
        ),
        Table(
            "regions",
            (
                _text("id"),
                _text("name"),
                Column("kind", Kind.CHOICE, choices=REGION_KINDS),
                _text("de_jure", required=False),
                _text("iso3166_2", required=False),
                _source(),
                _note(),
            ),
            key=("id",),
        ),
        Table(
            "region_members",
            (
                Column("region", Kind.REGION),
                Column("member", Kind.TERRITORY),
                _source(),
                _note(),
            ),
            key=("region", "member"),
        ),
        Table(
            "region_control",
            (
                Column("region", Kind.REGION),
                Column("since", Kind.DATE),
                Column("controller", Kind.TERRITORY),
                Column("backer", Kind.ISO3, required=False),
                Column("until", Kind.DATE, required=False),
                Column("area_share", Kind.NUMBER, required=False, minimum=0.0),
                _source(),
                _note(),
            ),
            key=("region", "since", "controller"),
        ),
        Table(
            "sanctions",
            (
                _text("id"),
                Column("date", Kind.DATE),
                Column("sender", Kind.SUBJECT),
                Column("target", Kind.ISO3),
                _text("name"),
                Column("scope", Kind.CHOICE, choices=SANCTION_SCOPES),
                Column("lifted", Kind.DATE, required=False),
                _source(),
                _note(),
            ),
            key=("id",),
        ),
        Table(
            "events",
            (
                _text("id"),
                Column("date", Kind.DATE),
                Column("kind", Kind.CHOICE, choices=EVENT_KINDS),
                _text("actors"),
                _text("title"),
                Column("completion", Kind.NUMBER, required=False, minimum=0.0),
                Column("value", Kind.NUMBER, required=False),
                _text("unit", required=False),
                _text("tags", required=False),
                # the two sides of a hostile event, "A;B|C" (side A | side B; either may be empty
                # when its parties are not actors); blank: no sides recorded
                _text("sides", required=False),
                _source(),
                _note(),
            ),
            key=("id",),
        ),
        Table(
            "series",
            (
                _text("series"),
                Column("subject", Kind.SUBJECT),
                Column("counterpart", Kind.SUBJECT, required=False),
                Column("date", Kind.DATE),
                _text("value"),
                _text("unit"),
                _source(),
                _note(),
            ),
            key=("series", "subject", "counterpart", "date"),
        ),
        Table(
            "projections",
            (
                # the attribute a publisher projects (a rate of attributes.csv)
                Column("series", Kind.CHOICE, choices=PROJECTED_VARIABLES),
                Column("subject", Kind.ISO3),
                Column("period", Kind.YEAR),
                Column("published", Kind.DATE),
                Column("value", Kind.NUMBER),
                _text("unit"),
                _text("edition"),
                Column("release", Kind.CHOICE, required=False, choices=PROJECTION_RELEASES),
                _source(),
                _note(),
            ),
            key=("series", "subject", "period", "published"),
        ),
        Table(
            "region_attributes",
            (
                Column("region", Kind.REGION),
                Column("year", Kind.YEAR),
                _text("variable"),
                _text("value"),
                _text("unit"),
                _source(),
                _note(),
            ),
            key=("region", "year", "variable"),
        ),
        Table(
            "settlements",
            (
                _text("id"),
                _text("name"),
                _text("aliases", required=False),
                Column("iso3", Kind.ISO3),
                _text("region", required=False),
                _text("iso3166_2", required=False),
                Column("lat", Kind.NUMBER, required=False, minimum=-90.0),
                Column("lon", Kind.NUMBER, required=False, minimum=-180.0),
                Column("population", Kind.COUNT, required=False),
                Column("population_year", Kind.YEAR, required=False),
                _source(),
                _note(),
            ),
            key=("id",),
        ),
        Table(
            "settlement_control",
            (
                _text("settlement"),
                Column("since", Kind.DATE),
                Column("controller", Kind.ISO3),
                Column("until", Kind.DATE, required=False),
                _source(),
                _note(),
            ),
            key=("settlement", "since", "controller"),
        ),
    )
}

# The tables whose rows are dated facts; each gets an optional known_from column.
DATED_TABLES = (
    "attributes",
    "leaders",
    "organizations",
    "memberships",
    "outside_memberships",
    "resolutions",
    "votes",
    "region_control",
    "sanctions",
    "events",
    "series",
    "projections",
    "region_attributes",
    "settlement_control",
)
TABLES: dict[str, Table] = {
    name: _dated(table) if name in DATED_TABLES else table for name, table in _UNDATED.items()
}

_SHARE = {"minimum": 0.0, "maximum": 1.0}

STATE_VARIABLES: dict[str, Variable] = {
    v.name: v
    for v in (
        # at least one person: a model divides by populations (zero ended the attrition fit)
        Variable(
            "population", "persons", minimum=1.0, description="Total population (World Bank WDI)"
        ),
        Variable("gdp_usd", "USD", description="GDP, current US dollars (World Bank WDI)"),
        Variable(
            "milex_usd", "USD", description="Military expenditure, current US dollars (SIPRI)"
        ),
        Variable(
            "milex_floor_share_gdp_pct",
            "pct",
            maximum=100.0,
            description="The least share of GDP a national law sets for a year's defence budget",
        ),
        Variable(
            "head_of_state_term_limit",
            "terms",
            description="The most terms in a row a president may serve, from the year the "
            "constitution's rule applies (0: no cap)",
        ),
        Variable("ethnic_russian_share", "fraction", **_SHARE, description="Ethnic Russians"),
        Variable("russian_speaking_share", "fraction", **_SHARE, description="Russian speakers"),
        Variable("majority_religion", "text", numeric=False, minimum=None),
        Variable("freedom_house_total", "score_0_100", maximum=100.0),
        Variable(
            "freedom_house_status",
            "status",
            numeric=False,
            minimum=None,
            description="Freedom House status: F (free), PF (partly free), NF (not free)",
        ),
        Variable("gas_import_share_russia", "fraction", **_SHARE),
        Variable("oil_import_share_russia", "fraction", **_SHARE),
        Variable("trade_share_russia", "fraction", **_SHARE),
        Variable("oil_reserves_bbl", "bbl", description="Proven crude oil reserves"),
        Variable(
            "oil_production_mt",
            "Mt",
            description="Oil production with condensate and NGLs, million tonnes (Energy Institute)",
        ),
        Variable("gas_reserves_m3", "m3", description="Proven natural gas reserves"),
        Variable(
            "gdp_growth_pct",
            "percent",
            minimum=None,
            description="GDP growth, annual %, constant prices (World Bank WDI)",
        ),
        Variable(
            "inflation_cpi_pct",
            "percent",
            minimum=-100.0,
            description="Inflation, consumer prices, annual % (World Bank WDI)",
        ),
        Variable(
            "exchange_rate_lcu_per_usd",
            "LCU per USD",
            description="Official exchange rate, local currency per US$, year average (World Bank "
            "WDI; euro states in euros before their entry too)",
        ),
    )
}

REGION_VARIABLES: dict[str, Variable] = {
    v.name: v
    for v in (
        Variable("population", "persons", minimum=1.0),
        Variable("ethnic_russian_share", "fraction", **_SHARE),
        Variable("russian_speaking_share", "fraction", **_SHARE),
        Variable("area_km2", "km2"),
        Variable("russian_troops", "persons"),
        Variable("oil_reserves_bbl", "bbl"),
        Variable("gas_reserves_m3", "m3"),
        Variable("oil_production_bbl_d", "bbl/day"),
        Variable("gas_production_m3", "m3/year"),
        Variable("resources", "text", numeric=False, minimum=None),
    )
}

SERIES_VARIABLES: dict[str, Variable] = {
    v.name: v
    for v in (
        Variable("gas_import_price_usd_per_1000m3", "USD/1000m3", description="Price paid"),
        Variable("gas_hub_price_usd_per_1000m3", "USD/1000m3", description="European hub"),
        Variable("gas_hub_price_eur_per_mwh", "EUR/MWh", description="European hub (TTF)"),
        Variable("state_loan_usd", "USD", description="A state loan agreed on that date"),
        Variable("military_aid_usd", "USD", description="Military aid committed in a year"),
        Variable("military_aid_eur", "EUR", description="Military aid committed in a year"),
        Variable("territory_held_km2", "km2", description="Area held by the counterpart"),
        Variable("territory_held_share", "fraction", **_SHARE, description="Share held"),
        Variable("brent_usd_per_bbl", "USD/bbl", description="Brent spot, yearly average"),
        Variable("policy_rate_pct", "percent", description="A central bank's policy rate"),
    )
}

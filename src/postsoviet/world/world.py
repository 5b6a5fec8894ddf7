"""An immutable, dated view of the world dataset with tidy pandas tables.

Date semantics: a membership, tenure or period of control holds on day ``d`` when
``start <= d < end`` (``end`` missing means it still holds). So a state is a member on the day it
joins and every day after, and is no longer one on the day it leaves.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from postsoviet import disk_cache
from postsoviet.data import STATE_VARIABLES, read_tables
from postsoviet.data.schema import KNOWN_FROM, TABLES, Kind
from postsoviet.data.version import data_version
from postsoviet.data.vintage_rules import DATE_COLUMNS
from postsoviet.errors import PostsovietError, UnknownActorError
from postsoviet.world.vintage import (
    END_COLUMNS,
    known_from,
    revised,
    split_revisions,
    vintage_rows,
)

DateLike = str | dt.date | pd.Timestamp

SUMMARY_VARIABLES = ("population", "gdp_usd", "milex_usd", "ethnic_russian_share")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def as_timestamp(value: DateLike, *, argument: str = "date") -> pd.Timestamp:
    """A date given as ISO text, ``datetime.date`` or ``Timestamp``, as a day ``Timestamp``.

    Text must be an ISO day ``YYYY-MM-DD`` (a time after it is allowed): ``01/02/2021``, ``2021`` or
    ``now`` are refused rather than guessed.
    """
    if isinstance(value, str) and not _ISO_DAY.match(value.strip()):
        raise PostsovietError(
            f"argument '{argument}': expected an ISO date YYYY-MM-DD, got '{value:.40}'"
        )
    try:
        stamp = pd.Timestamp(value.strip() if isinstance(value, str) else value)
    except (ValueError, TypeError, OverflowError):
        raise PostsovietError(
            f"argument '{argument}': expected an ISO date YYYY-MM-DD, got '{value}'"
        ) from None
    if pd.isna(stamp):
        raise PostsovietError(
            f"argument '{argument}': expected an ISO date YYYY-MM-DD, got '{value}'"
        )
    return stamp.normalize()


def _holds_on(start: pd.Series, end: pd.Series, day: pd.Timestamp) -> pd.Series:
    return (start <= day) & (end.isna() | (day < end))


# The tables of periods: a row holds on day d when start <= d < end (end missing: still holds).
PERIODS: dict[str, tuple[str, str]] = {
    name: (DATE_COLUMNS[name], end) for name, end in END_COLUMNS.items()
}
# The tables of dated rows (an event, a package, an observation) and their date column.
DATED: dict[str, str] = {
    "sanctions": "date",
    "events": "date",
    "series": "date",
    "projections": "published",
    "resolutions": "date",
}


def holds_on(table: str, frame: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    """Which rows of ``frame``, a period table of :data:`PERIODS`, hold on ``day`` (a mask)."""
    start, end = PERIODS[table]
    return _holds_on(frame[start], frame[end], day)


@dataclass(frozen=True)
class Observation:
    """One dated value of a series: what it was, when, in which unit, and who says so."""

    series: str
    subject: str
    counterpart: str | None
    date: pd.Timestamp
    value: float
    unit: str
    source: str


@dataclass(frozen=True)
class World:
    """The world dataset, optionally as it stood on one day (see :meth:`at`).

    Every table property returns a fresh copy, so a caller can never change the world.
    """

    _tables: Mapping[str, pd.DataFrame] = field(repr=False)
    date: pd.Timestamp | None = None
    cutoff: pd.Timestamp | None = None
    # earlier revisions of facts (rows superseded by a later known_from), for known_on
    _revisions: Mapping[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    # the data version of the files it was loaded from (load_world); None for a world derived
    # from another or built in memory. Results derived from the world are kept on disk under it.
    digest: str | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_tables", MappingProxyType(dict(self._tables)))
        object.__setattr__(self, "_revisions", MappingProxyType(dict(self._revisions)))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle through the constructor (a read-only mapping does not pickle), e.g. for Dask."""
        return (World, (dict(self._tables), self.date, self.cutoff, dict(self._revisions)))

    def _table(self, name: str) -> pd.DataFrame:
        return self._tables[name].copy()

    @property
    def actors(self) -> pd.DataFrame:
        """``iso3, name, group, source``: the states the world models."""
        return self._table("actors")

    @property
    def attributes(self) -> pd.DataFrame:
        """Long table ``iso3, year, variable, value, unit, source, note``."""
        return self._table("attributes")

    @property
    def leaders(self) -> pd.DataFrame:
        """``iso3, office, took_office, name, born, left_office, source, note``."""
        return self._table("leaders")

    @property
    def organizations(self) -> pd.DataFrame:
        """``code, name, founded, source, note``."""
        return self._table("organizations")

    @property
    def memberships(self) -> pd.DataFrame:
        """``iso3, organization, status, joined, left, source, note`` (dates as datetime64)."""
        return self._table("memberships")

    @property
    def outside_memberships(self) -> pd.DataFrame:
        """The statuses of states outside the actors, as :attr:`memberships` (read by the
        membership chain alone, for its rates)."""
        return self._table("outside_memberships")

    @property
    def resolutions(self) -> pd.DataFrame:
        """UN General Assembly resolutions: ``resolution, date, title, yes, no, abstain, absent``."""
        return self._table("resolutions")

    @property
    def votes(self) -> pd.DataFrame:
        """``resolution, date, iso3, vote, source, note, known_from``; vote yes/no/abstain/absent."""
        votes = self._tables["votes"].merge(
            self._tables["resolutions"][["resolution", "date"]], on="resolution", how="left"
        )
        return votes[["resolution", "date", "iso3", "vote", "source", "note", KNOWN_FROM]]

    @property
    def borders(self) -> pd.DataFrame:
        """Land borders ``a, b, km, a_state, b_state, source, note``, each listed from both sides.

        ``a`` and ``b`` may be a region (``kaliningrad``); ``a_state``/``b_state`` give its state.
        """
        borders = self._table("borders")
        state = self.territory_states()
        borders.insert(3, "a_state", borders["a"].map(state))
        borders.insert(4, "b_state", borders["b"].map(state))
        return borders

    @property
    def seas(self) -> pd.DataFrame:
        """``sea, iso3, coastline_km, source, note``: the littoral states of each sea."""
        return self._table("seas")

    @property
    def regions(self) -> pd.DataFrame:
        """``id, name, kind, de_jure, iso3166_2, source, note``."""
        return self._table("regions")

    @property
    def region_members(self) -> pd.DataFrame:
        """``region, member, source, note``: the members of region groups and resource belts."""
        return self._table("region_members")

    @property
    def region_control(self) -> pd.DataFrame:
        """De facto control: ``region, since, controller, backer, until, area_share, source, note``."""
        return self._table("region_control")

    @property
    def region_attributes(self) -> pd.DataFrame:
        """Long table ``region, year, variable, value, unit, source, note``."""
        return self._table("region_attributes")

    @property
    def sanctions(self) -> pd.DataFrame:
        """Sanctions packages: ``id, date, sender, target, name, scope, lifted, source, note``.

        ``lifted`` is the day a package was lifted (missing while it is in force)."""
        return self._table("sanctions")

    @property
    def events(self) -> pd.DataFrame:
        """Dated events of the documented vocabulary (``docs/data.md``): ``id, date, kind,
        actors, title, completion, value, unit, tags, source, note``; ``actors`` and ``tags`` are
        ';'-joined, ``value`` a magnitude in ``unit`` (a loan's amount, a clash's deaths)."""
        return self._table("events")

    @property
    def settlements(self) -> pd.DataFrame:
        """A gazetteer of contested settlements: ``id`` (``ISO3:Name``), ``name, iso3, region,
        iso3166_2, lat, lon, population, population_year, source, note``."""
        return self._table("settlements")

    @property
    def settlement_control(self) -> pd.DataFrame:
        """De facto control of settlements: ``settlement, since, controller, until, source,
        note`` (a period holds on ``since <= d < until``)."""
        return self._table("settlement_control")

    @property
    def series(self) -> pd.DataFrame:
        """Dated numeric series (gas prices, loans, aid, territory held):
        ``series, subject, counterpart, date, value, unit, source, note``."""
        return self._table("series")

    @property
    def projections(self) -> pd.DataFrame:
        """Published projections of annual rates, one row per release and year projected (the
        IMF's World Economic Outlook): ``series, subject, period, published, value, unit,
        edition, source, note``."""
        return self._table("projections")

    @property
    def sources(self) -> pd.DataFrame:
        """``id, title, publisher, url, published, accessed, note``."""
        return self._table("sources")

    def with_tables(self, **tables: pd.DataFrame) -> World:
        """A new world with some tables replaced (how scenario shocks change the world).

        The replaced tables must keep the required columns of the originals; an optional column
        left out (``known_from``, a sanctions package's ``lifted``, an event's ``tags``) is empty
        in every row (a row without ``known_from`` is known from the day it describes). This
        world is left unchanged.
        """
        for name, frame in list(tables.items()):
            if name not in self._tables:
                raise PostsovietError(
                    f"unknown table '{name}': expected one of {sorted(self._tables)}"
                )
            schema = TABLES.get(name)
            optional = {c.name: c for c in schema.columns if not c.required} if schema else {}
            absent = [c for c in optional if c in self._tables[name].columns and c not in frame]
            if absent:
                filled = {c: pd.NaT if optional[c].kind is Kind.DATE else pd.NA for c in absent}
                tables[name] = frame = frame.assign(**filled)
            missing = set(self._tables[name].columns) - set(frame.columns)
            if missing:
                raise PostsovietError(f"table '{name}' lacks columns {sorted(missing)}")
        return World({**self._tables, **tables}, self.date, self.cutoff, self._revisions)

    def to_tables(self) -> dict[str, pd.DataFrame]:
        """Every table as stored, earlier revisions of revised facts included (copies).

        :func:`postsoviet.data.write.write_tables` writes them as files that load to this world.
        """
        return {
            name: pd.concat([frame, self._revisions[name]], ignore_index=True)
            if name in self._revisions
            else frame.copy()
            for name, frame in self._tables.items()
        }

    def territory_states(self) -> dict[str, str]:
        """The state each territory code belongs to: a state to itself, a region to its de jure state."""
        mapping = {iso3: iso3 for iso3 in self._tables["actors"]["iso3"]}
        for region, de_jure in self._tables["regions"][["id", "de_jure"]].itertuples(index=False):
            if isinstance(de_jure, str) and ";" not in de_jure:
                mapping[region] = de_jure
        return mapping

    def _day(self, on: DateLike | None) -> pd.Timestamp:
        if on is not None:
            return as_timestamp(on, argument="on")
        if self.date is not None:
            return self.date
        return pd.Timestamp(dt.date.today())

    def check_actor(self, iso3: str) -> str:
        """Return ``iso3`` if it is an actor, else raise :class:`UnknownActorError`."""
        if iso3 not in set(self._tables["actors"]["iso3"]):
            known = ", ".join(sorted(self._tables["actors"]["iso3"]))
            raise UnknownActorError(f"unknown actor '{iso3}': expected one of {known}")
        return iso3

    def members(
        self,
        organization: str,
        on: DateLike | None = None,
        *,
        status: str = "member",
        founded_only: bool = False,
    ) -> frozenset[str]:
        """ISO3 codes with ``status`` (default: full members) in ``organization`` on day ``on``.

        ``on`` defaults to the world's date, or today. A state that froze its participation (Armenia
        in the CSTO from 2024) is still a full member in law and is included. An organisation the
        world does not know is an error, unless ``founded_only``: then it has no members (a world
        taken before its founding, the EAEU's in 2015, does not list it yet).
        """
        day = self._day(on)
        table = self._tables["memberships"]
        if organization not in set(self._tables["organizations"]["code"]):
            if founded_only:
                return frozenset()
            known = ", ".join(sorted(self._tables["organizations"]["code"]))
            raise PostsovietError(f"unknown organisation '{organization}': expected one of {known}")
        rows = table[(table["organization"] == organization) & (table["status"] == status)]
        active = rows[_holds_on(rows["joined"], rows["left"], day)]
        return frozenset(active["iso3"])

    def attribute(self, variable: str, *, year: int | None = None) -> pd.Series:
        """The latest value of ``variable`` per state, at or before ``year``, indexed by ISO3.

        ``year`` defaults to the year of the world's date (or no limit). States without a value are
        absent. The series' ``attrs`` carry the unit and, per state, the year of each value.
        """
        if variable not in STATE_VARIABLES:
            raise PostsovietError(
                f"unknown variable '{variable}': expected one of {sorted(STATE_VARIABLES)}"
            )
        limit = year if year is not None else (self.date.year if self.date is not None else None)
        table = self._tables["attributes"]
        rows = table[table["variable"] == variable]
        if limit is not None:
            rows = rows[rows["year"] <= limit]
        latest = rows.sort_values("year").groupby("iso3", sort=True).tail(1).set_index("iso3")
        numeric = STATE_VARIABLES[variable].numeric
        values = latest["value"].astype("float64" if numeric else object).sort_index()
        values.name = variable
        values.attrs = {
            "unit": STATE_VARIABLES[variable].unit,
            "year": latest["year"].sort_index().to_dict(),
        }
        return values

    def heads_of_state(self, on: DateLike | None = None) -> pd.DataFrame:
        """The head of state of each actor on day ``on``: ``iso3, name, took_office, born, source``."""
        day = self._day(on)
        leaders = self._tables["leaders"]
        rows = leaders[leaders["office"] == "head_of_state"]
        rows = rows[_holds_on(rows["took_office"], rows["left_office"], day)]
        return rows[["iso3", "name", "took_office", "born", "source"]].reset_index(drop=True)

    def holding(self, table: str, on: DateLike | None = None) -> pd.DataFrame:
        """The rows of a period table that hold on day ``on`` (``start <= on < end``).

        ``table`` is one of :data:`PERIODS` (memberships, leaders, region_control); ``on`` defaults
        to the world's date, or today.
        """
        if table not in PERIODS:
            raise PostsovietError(
                f"argument 'table': expected one of {sorted(PERIODS)}, got '{table}'"
            )
        rows = self._tables[table]
        return rows[holds_on(table, rows, self._day(on))].reset_index(drop=True)

    def dated(
        self, table: str, on: DateLike | None = None, *, since: DateLike | None = None
    ) -> pd.DataFrame:
        """The rows of a dated table (sanctions, events, series, resolutions) dated up to ``on``.

        With ``since``, only rows dated after it (``since < date <= on``): a window.
        """
        if table not in DATED:
            raise PostsovietError(
                f"argument 'table': expected one of {sorted(DATED)}, got '{table}'"
            )
        day = self._day(on)
        rows = self._tables[table]
        dates = rows[DATED[table]]
        keep = dates <= day
        if since is not None:
            keep &= dates > as_timestamp(since, argument="since")
        return rows[keep].reset_index(drop=True)

    def latest(
        self,
        series: str,
        subject: str,
        on: DateLike | None = None,
        *,
        counterpart: str | None = None,
    ) -> Observation | None:
        """The latest observation of ``series`` for ``subject`` dated on or before ``on``, or None.

        ``counterpart`` restricts to rows with that counterpart (e.g. the gas price Belarus pays
        Russia); rows on the same day keep their file order, the last one wins.
        """
        rows = self.dated("series", on)
        rows = rows[(rows["series"] == series) & (rows["subject"] == subject)]
        if counterpart is not None:
            rows = rows[rows["counterpart"] == counterpart]
        if rows.empty:
            return None
        row = rows.sort_values("date", kind="stable").iloc[-1]
        other = row["counterpart"]
        return Observation(
            series=series,
            subject=subject,
            counterpart=other if isinstance(other, str) and other else None,
            date=pd.Timestamp(row["date"]),
            value=float(row["value"]),
            unit=str(row["unit"]),
            source=str(row["source"]),
        )

    def span(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """The first and last day the world's dated rows name (events, observations, period starts)."""
        columns = [*DATED.items(), *((name, start) for name, (start, _) in PERIODS.items())]
        days = pd.concat([pd.to_datetime(self._tables[name][column]) for name, column in columns])
        days = days.dropna()
        return days.min().normalize(), days.max().normalize()

    def at(self, date: DateLike) -> World:
        """The world as it stood on ``date``.

        Keeps memberships, tenures and periods of control that hold that day, attributes of that year
        or earlier, and votes, organisations, sanctions, events and series dated on or before it. Borders, seas and regions are
        the de jure geography and do not change.
        """
        day = as_timestamp(date)
        t = self._tables
        memberships = t["memberships"]
        leaders = t["leaders"]
        control = t["region_control"]
        resolutions = t["resolutions"][t["resolutions"]["date"] <= day]
        tables = dict(t)
        tables.update(
            memberships=memberships[_holds_on(memberships["joined"], memberships["left"], day)],
            leaders=leaders[_holds_on(leaders["took_office"], leaders["left_office"], day)],
            region_control=control[_holds_on(control["since"], control["until"], day)],
            attributes=t["attributes"][t["attributes"]["year"] <= day.year],
            region_attributes=t["region_attributes"][t["region_attributes"]["year"] <= day.year],
            organizations=t["organizations"][holds_on("organizations", t["organizations"], day)],
            resolutions=resolutions,
            sanctions=t["sanctions"][t["sanctions"]["date"] <= day],
            events=t["events"][t["events"]["date"] <= day],
            series=t["series"][t["series"]["date"] <= day],
            projections=t["projections"][t["projections"]["published"] <= day],
            votes=t["votes"][t["votes"]["resolution"].isin(resolutions["resolution"])],
        )
        return World({name: frame.reset_index(drop=True) for name, frame in tables.items()}, day)

    def known_on(self, cutoff: DateLike) -> World:
        """The world as anyone standing on ``cutoff`` could know it: a data vintage.

        Keeps every row whose ``known_from`` day (see :mod:`postsoviet.world.vintage`) is on or
        before ``cutoff``, the whole history up to it included (unlike :meth:`at`, which keeps only
        what holds that day), and of a fact revised by then its latest revision known on the
        cutoff. End dates after the cutoff are censored (set missing): a period still running on
        the cutoff runs on, as it did for anyone standing there. Votes are known from their
        resolution's date, organisations from their founding, annual figures (attributes, region
        attributes) by the vintage rules. The geography (borders, seas, regions) does not change.
        The result's ``date`` and ``cutoff`` are the cutoff.
        """
        day = as_timestamp(cutoff, argument="cutoff")
        tables = {
            name: vintage_rows(name, frame, known, day, has_revisions=several)
            for name, (frame, known, several) in self._known_from.items()
        }
        return World(tables, day, cutoff=day)

    @cached_property
    def _known_from(self) -> dict[str, tuple[pd.DataFrame, pd.Series | None, bool]]:
        """Every table with its earlier revisions, each row's ``known_from`` day, and whether any
        fact has several rows: the same for every cutoff, so computed once per world."""
        every = {
            name: pd.concat([frame, self._revisions[name]], ignore_index=True)
            if name in self._revisions
            else frame
            for name, frame in self._tables.items()
        }
        return {
            name: (frame, known_from(name, frame, every), revised(name, frame))
            for name, frame in every.items()
        }

    def held_back(self, cutoff: DateLike) -> pd.DataFrame:
        """What :meth:`known_on` of ``cutoff`` holds back, per dated table.

        Columns: ``table``, ``rows`` (every row, revisions included), ``kept`` (rows of the
        vintage), ``known_later`` (rows first known after the cutoff), ``superseded`` (earlier
        revisions replaced by one known by the cutoff), ``ends_censored`` (end dates after the
        cutoff set missing).
        """
        day = as_timestamp(cutoff, argument="cutoff")
        rows = []
        for name, frame in self._tables.items():
            parts = [frame, self._revisions[name]] if name in self._revisions else [frame]
            every = pd.concat(parts, ignore_index=True)
            known = known_from(name, every, self._tables)
            if known is None:
                continue
            by_cutoff = known <= day
            kept, _ = split_revisions(name, every[by_cutoff], known[by_cutoff])
            end = END_COLUMNS.get(name)
            rows.append(
                {
                    "table": name,
                    "rows": len(every),
                    "kept": len(kept),
                    "known_later": int((~by_cutoff).sum()),
                    "superseded": int(by_cutoff.sum()) - len(kept),
                    "ends_censored": int((kept[end] > day).sum()) if end else 0,
                }
            )
        return pd.DataFrame(rows)

    def summary(self, on: DateLike | None = None) -> pd.DataFrame:
        """One row per actor: key figures (latest values), head of state, full memberships on ``on``."""
        day = self._day(on)
        actors = self._tables["actors"][["iso3", "name", "group"]].set_index("iso3")
        for variable in SUMMARY_VARIABLES:
            actors[variable] = self.attribute(variable, year=day.year)
        heads = self.heads_of_state(day).set_index("iso3")
        actors["head_of_state"] = heads["name"]
        memberships = self._tables["memberships"]
        full = memberships[
            (memberships["status"] == "member")
            & _holds_on(memberships["joined"], memberships["left"], day)
        ]
        actors["memberships"] = (
            full.sort_values("organization").groupby("iso3")["organization"].agg(" ".join)
        )
        actors["memberships"] = actors["memberships"].fillna("")
        return actors.reset_index()

    def facts(self, iso3: str) -> pd.DataFrame:
        """Every fact about one actor with its source: ``topic, fact, value, date, source, url``."""
        self.check_actor(iso3)
        t = self._tables
        a = t["attributes"].loc[t["attributes"]["iso3"] == iso3]
        leaders = t["leaders"].loc[t["leaders"]["iso3"] == iso3]
        m = t["memberships"].loc[t["memberships"]["iso3"] == iso3]
        votes = self.votes
        v = votes.loc[votes["iso3"] == iso3]
        borders = self.borders
        b = borders.loc[borders["a_state"] == iso3]
        seas = t["seas"].loc[t["seas"]["iso3"] == iso3]
        regions = t["regions"]
        r = regions.loc[[iso3 in str(codes).split(";") for codes in regions["de_jure"]]]
        parts = [
            _facts("attribute", a, a["variable"] + " (" + a["unit"] + ")", a["value"], a["year"]),
            _facts(
                "leader",
                leaders,
                leaders["office"],
                leaders["name"],
                _period(leaders["took_office"], leaders["left_office"]),
            ),
            _facts(
                "membership", m, m["organization"], m["status"], _period(m["joined"], m["left"])
            ),
            _facts("UNGA vote", v, v["resolution"], v["vote"], v["date"].dt.strftime("%Y-%m-%d")),
            _facts("land border", b, b["a"] + "-" + b["b"], b["km"].map("{:g} km".format), ""),
            _facts("sea", seas, seas["sea"], "littoral", ""),
            _facts("region (de jure)", r, r["id"], r["name"], ""),
        ]
        facts = pd.concat(parts, ignore_index=True)
        urls = t["sources"].set_index("id")["url"]
        facts["url"] = [
            "; ".join(urls.get(ident, "") for ident in source.split(";"))
            for source in facts["source"]
        ]
        return facts


def _facts(topic: str, rows: pd.DataFrame, fact: Any, value: Any, date: Any) -> pd.DataFrame:
    """Facts of one topic as rows of ``topic, fact, value, date, source``."""
    frame = pd.DataFrame(
        {"fact": fact, "value": value, "date": date, "source": rows["source"]}, index=rows.index
    )
    frame.insert(0, "topic", topic)
    return frame.astype(str) if not frame.empty else frame.astype(object)


def _period(start: pd.Series, end: pd.Series) -> pd.Series:
    begin = start.dt.strftime("%Y-%m-%d")
    finish = end.dt.strftime("%Y-%m-%d").fillna("")
    return begin + " to " + finish.where(finish != "", "today")


def load_world(data_dir: str | Path | None = None) -> World:
    """Load the embedded world dataset, overlaid by the files in ``data_dir`` if given.

    Of a fact with several revisions (rows differing only in ``known_from``) the world shows the
    latest; :meth:`World.known_on` picks the one known on its cutoff.

    Raises :class:`postsoviet.errors.DataError` listing every problem in the data.

    The embedded world, parsed and checked once, is kept on disk (:mod:`postsoviet.disk_cache`)
    under its data version and read back while neither the data nor the code change; an overlay
    is parsed and checked on every load.
    """
    version = data_version(data_dir)
    if data_dir is None:
        latest, revisions = disk_cache.kept_or_built("world", lambda: _parsed(None), version)
    else:
        latest, revisions = _parsed(data_dir)
    return World(latest, _revisions=revisions, digest=version)


def _parsed(
    data_dir: str | Path | None,
) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """The tables read and checked from the files, each revised fact split into its latest row
    and its earlier revisions."""
    tables = read_tables(data_dir)
    latest, revisions = {}, {}
    for name, frame in tables.items():
        known = known_from(name, frame, tables)
        if known is None:
            latest[name] = frame
            continue
        current, earlier = split_revisions(name, frame, known)
        latest[name] = current.reset_index(drop=True)
        revisions[name] = earlier.reset_index(drop=True)
    return latest, revisions

"""Shocks: pure functions that take a world and return a changed one through ``World.with_tables``.

A shock never changes the world it is given and never reads a file.
"""

from __future__ import annotations

import pandas as pd

from postsoviet.errors import ShockError
from postsoviet.world import World
from postsoviet.world.world import DateLike, as_timestamp, holds_on


def merge_actors(world: World, absorbed: str, into: str, on: DateLike) -> World:
    """The world in which state ``absorbed`` becomes part of state ``into`` on day ``on``.

    The essay's case is Belarus absorbed by Russia (``merge_actors(world, "BLR", "RUS", day)``).

    What changes
    ------------
    - **Land borders** (``borders``): every border of ``absorbed`` becomes a border of ``into``, seen
      from both sides. The border between the two (and between either and a region of the other)
      disappears. Where both had a border with the same third territory, the lengths are summed into
      one row (Belarus-Ukraine 1,111 km + Russia-Ukraine 1,944 km = Russia-Ukraine 3,055 km); the
      row keeps the sources of both lengths and its note says how it was formed. A border of a
      region of ``into`` (``kaliningrad``) stays a separate row.
    - **Regions** (``regions.de_jure``): regions of ``absorbed`` become regions of ``into``; in a
      region spanning several states (a resource belt) ``absorbed`` is replaced by ``into``.
    - **Region groups and belts** (``region_members``): ``absorbed`` as a member is replaced by
      ``into`` (once: if ``into`` was already a member its own row is kept).
    - **Sea coasts** (``seas``): ``into`` becomes littoral to every sea ``absorbed`` was on; the
      coastline lengths are added (unknown if either is unknown).
    - **Memberships** (``memberships``): every membership of ``absorbed`` (any status) that holds on
      ``on`` ends on ``on`` (its ``left`` becomes ``on``); one that would start after ``on`` is
      dropped. ``absorbed`` is no longer a separate member of anything from ``on``; ``into``'s own
      memberships are unchanged (it joins nothing ``absorbed`` was in).
    - **Leaders** (``leaders``): tenures of ``absorbed`` that hold on ``on`` end on ``on``; later
      ones are dropped. ``into``'s leaders are unchanged.
    - **De facto control** (``region_control``): a period in which ``absorbed`` controls or backs a
      region is split at ``on``; from ``on`` the controller (or backer) is ``into``. The new row's
      source is ``judgment`` and its note names this shock.
    - **Events** (``events``): a ``merger`` event on ``on`` with actors ``absorbed;into``, which
      models read (the integration ladder's top rung).

    What does not change
    --------------------
    The actor list (``absorbed`` stays an actor: its past is history), attributes (population, GDP,
    shares of ``absorbed`` are not added to ``into``'s; a model that wants the merged state's totals
    must add them itself), votes, resolutions, sanctions, series, sources, organisations, and
    the world's date. Borders, seas and regions carry no dates, so the merged geography holds for
    every day: ask models about days on or after ``on``.

    Parameters
    ----------
    world
        The world to change (left unchanged).
    absorbed, into
        ISO3 codes of two different actors.
    on
        The first day on which ``absorbed`` is part of ``into`` (ISO text, date or Timestamp).

    Raises
    ------
    ShockError
        Naming the argument: an unknown actor, ``absorbed`` equal to ``into``, or a bad date.
    """
    actors = set(world.actors["iso3"])
    for argument, code in (("absorbed", absorbed), ("into", into)):
        if code not in actors:
            raise ShockError(
                f"argument '{argument}': unknown actor '{code}': expected one of "
                f"{', '.join(sorted(actors))}"
            )
    if absorbed == into:
        raise ShockError(
            f"argument 'absorbed': expected a state other than 'into', got '{absorbed}' for both"
        )
    gone = _absorbed(world)
    for argument, code in (("absorbed", absorbed), ("into", into)):
        if code in gone:
            raise ShockError(
                f"argument '{argument}': '{code}' was already merged into {gone[code]}"
            )
    day = as_timestamp(on, argument="on")
    note = f"scenario shock: {absorbed} merged into {into} on {day:%Y-%m-%d}"
    state = {
        code: (into if owner == absorbed else owner)
        for code, owner in world.territory_states().items()
    }
    return world.with_tables(
        borders=_merged_borders(world, absorbed, into, state, note),
        regions=_merged_regions(world.regions, absorbed, into),
        region_members=_renamed_members(world.region_members, absorbed, into),
        seas=_merged_seas(world.seas, absorbed, into, note),
        memberships=_ended(world.memberships, absorbed, "joined", "left", day, note),
        leaders=_ended(world.leaders, absorbed, "took_office", "left_office", day, note),
        region_control=_transferred_control(world.region_control, absorbed, into, day, note),
        events=_scenario_rows(
            world.events,
            [
                {
                    "id": f"scenario-merger-{absorbed}-{into}-{day:%Y%m%d}",
                    "date": day,
                    "kind": "merger",
                    "actors": f"{absorbed};{into}",
                    "title": f"{absorbed} merged into {into}",
                    "source": "judgment",
                    "note": note,
                }
            ],
        ),
    )


def _absorbed(world: World) -> dict[str, str]:
    """``{absorbed: into}`` for every merger among the world's events (``actors`` is ``A;B``)."""
    mergers = world.events.loc[world.events["kind"] == "merger", "actors"]
    pairs = (str(actors).split(";") for actors in mergers)
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}


def _with_note(notes: pd.Series, extra: str) -> pd.Series:
    """Append ``extra`` to each note (a missing note becomes ``extra``)."""
    return notes.map(lambda text: f"{text}; {extra}" if isinstance(text, str) and text else extra)


def _joined_sources(sources: pd.Series) -> str:
    """The distinct source ids of several rows, in order, ``;``-separated."""
    ids = [ident for text in sources for ident in str(text).split(";")]
    return ";".join(dict.fromkeys(ids))


def _merged_borders(
    world: World, absorbed: str, into: str, state: dict[str, str], note: str
) -> pd.DataFrame:
    borders = world.borders.drop(columns=["a_state", "b_state"])
    touched = (borders["a"] == absorbed) | (borders["b"] == absorbed)
    moved = borders[touched].replace({"a": {absorbed: into}, "b": {absorbed: into}})
    moved = moved[moved["a"].map(state) != moved["b"].map(state)]
    keys = pd.MultiIndex.from_frame(borders[["a", "b"]])
    collides = keys.isin(pd.MultiIndex.from_frame(moved[["a", "b"]])) & ~touched.to_numpy()
    rows = [borders[~touched & ~collides]]
    for (a, b), group in pd.concat([borders[collides], moved]).groupby(["a", "b"], sort=False):
        parts = " + ".join(
            f"{x}-{y} {km:g} km"
            for x, y, km in borders.loc[group.index, ["a", "b", "km"]].itertuples(index=False)
        )
        how = f"sum of {parts}" if len(group) > 1 else f"was {parts}"
        rows.append(
            pd.DataFrame(
                {
                    "a": [a],
                    "b": [b],
                    "km": [group["km"].sum()],
                    "source": [_joined_sources(group["source"])],
                    "note": [f"{note} ({how})"],
                }
            )
        )
    merged = pd.concat(rows, ignore_index=True).astype(borders.dtypes.to_dict())
    # A border between a region of one and the other (Kaliningrad when Russia merges into
    # Lithuania) is internal once both belong to one state.
    internal = merged["a"].map(state) == merged["b"].map(state)
    return merged[~internal].reset_index(drop=True)


def _merged_regions(regions: pd.DataFrame, absorbed: str, into: str) -> pd.DataFrame:
    def replace(codes: object) -> object:
        if not isinstance(codes, str):
            return codes
        renamed = [into if code == absorbed else code for code in codes.split(";")]
        return ";".join(dict.fromkeys(renamed))

    regions = regions.copy()
    regions["de_jure"] = regions["de_jure"].map(replace).astype(regions["de_jure"].dtype)
    return regions


def _renamed_members(members: pd.DataFrame, absorbed: str, into: str) -> pd.DataFrame:
    moved = members["member"] == absorbed
    renamed = members[moved].assign(member=into)
    combined = pd.concat([members[~moved], renamed])
    combined = combined.drop_duplicates(["region", "member"], keep="first").sort_index()
    return combined.reset_index(drop=True)


def _merged_seas(seas: pd.DataFrame, absorbed: str, into: str, note: str) -> pd.DataFrame:
    touched = seas["iso3"].isin([absorbed, into])
    seas_of_absorbed = set(seas.loc[seas["iso3"] == absorbed, "sea"])
    merging = touched & seas["sea"].isin(seas_of_absorbed)
    rows = [seas[~merging]]
    for sea, group in seas[merging].groupby("sea", sort=False):
        parts = " + ".join(
            f"{iso3} {km:g} km" for iso3, km in group[["iso3", "coastline_km"]].values
        )
        rows.append(
            pd.DataFrame(
                {
                    "sea": [sea],
                    "iso3": [into],
                    "coastline_km": [group["coastline_km"].sum(skipna=False)],
                    "source": [_joined_sources(group["source"])],
                    "note": [f"{note} (coastline {parts})"],
                }
            )
        )
    return pd.concat(rows, ignore_index=True).astype(seas.dtypes.to_dict())


def _ended(
    table: pd.DataFrame, absorbed: str, start: str, end: str, day: pd.Timestamp, note: str
) -> pd.DataFrame:
    """Periods of ``absorbed`` holding on ``day`` end on ``day``; later ones are dropped."""
    table = table.copy()
    mine = table["iso3"] == absorbed
    later = mine & (table[start] >= day)
    running = mine & ~later & (table[end].isna() | (table[end] > day))
    table.loc[running, end] = day
    table.loc[running, "note"] = _with_note(table.loc[running, "note"], note)
    return table[~later].reset_index(drop=True)


def _transferred_control(
    control: pd.DataFrame, absorbed: str, into: str, day: pd.Timestamp, note: str
) -> pd.DataFrame:
    """Split control (or backing) by ``absorbed`` at ``day``; ``into`` holds it from then on."""
    involved = (control["controller"] == absorbed) | (control["backer"] == absorbed)
    later = involved & (control["since"] >= day)
    running = involved & ~later & (control["until"].isna() | (control["until"] > day))
    before = control.copy()
    before.loc[running, "until"] = day
    after = control[later | running].copy()
    after.loc[running.loc[after.index], "since"] = day
    for column in ("controller", "backer"):
        after[column] = after[column].replace({absorbed: into})
    after["source"] = "judgment"
    after["note"] = note
    combined = pd.concat([before[~later], after], ignore_index=True)
    return combined.astype(control.dtypes.to_dict())


def _scenario_rows(table: pd.DataFrame, rows: list[dict[str, object]]) -> pd.DataFrame:
    """``table`` with ``rows`` appended, keeping its columns and dtypes."""
    added = pd.DataFrame(rows, columns=table.columns)
    combined = pd.concat([table, added], ignore_index=True)
    return combined.astype(table.dtypes.to_dict())


def _shock_note(kind: str, day: pd.Timestamp, detail: str) -> str:
    return f"scenario shock: {kind} on {day:%Y-%m-%d} ({detail})"


def add_sanctions(
    world: World, *, on: DateLike, sender: str, target: str, scope: str, name: str | None = None
) -> World:
    """The world with one more sanctions package from ``sender`` against ``target`` on day ``on``."""
    day = as_timestamp(on, argument="on")
    sanctions = world.sanctions
    row = {
        "id": f"scenario-{len(sanctions) + 1}",
        "date": day,
        "sender": sender,
        "target": target,
        "name": name or f"Scenario sanctions by {sender} on {target}",
        "scope": scope,
        "source": "judgment",
        "note": _shock_note("sanctions", day, f"{sender} on {target}, {scope}"),
    }
    return world.with_tables(sanctions=_scenario_rows(sanctions, [row]))


def change_membership(
    world: World,
    *,
    on: DateLike,
    iso3: str,
    organization: str,
    action: str,
    status: str = "member",
) -> World:
    """The world in which ``iso3`` joins, leaves or freezes its part in ``organization`` on ``on``.

    ``join`` adds a period of ``status`` starting on ``on`` (if one is not already running);
    ``leave`` ends every running period of ``status`` on ``on``; ``freeze`` adds a ``frozen`` period
    (membership in law stands, as with Armenia in the CSTO from 2024).
    """
    day = as_timestamp(on, argument="on")
    memberships = world.memberships
    note = _shock_note("membership", day, f"{iso3} {action} {organization}")
    kind = "frozen" if action == "freeze" else status
    mine = (
        (memberships["iso3"] == iso3)
        & (memberships["organization"] == organization)
        & (memberships["status"] == kind)
    )
    running = mine & holds_on("memberships", memberships, day)
    if action == "leave":
        if not running.any():
            raise ShockError(
                f"membership shock: {iso3} holds no running '{status}' period in {organization} "
                f"on {day:%Y-%m-%d} to leave"
            )
        memberships.loc[running, "left"] = day
        memberships.loc[running, "note"] = _with_note(memberships.loc[running, "note"], note)
        return world.with_tables(memberships=memberships)
    if running.any():
        return world
    row = {
        "iso3": iso3,
        "organization": organization,
        "status": kind,
        "joined": day,
        "left": pd.NaT,
        "source": "judgment",
        "note": note,
    }
    return world.with_tables(memberships=_scenario_rows(memberships, [row]))


def change_control(
    world: World,
    *,
    on: DateLike,
    region: str,
    controller: str,
    backer: str | None = None,
    area_share: float | None = None,
) -> World:
    """The world in which ``controller`` holds ``region`` (or ``area_share`` of it) from ``on``.

    Every period of control of the region running on ``on`` ends that day, and any starting on or
    after it is superseded; the new period starts that day.
    """
    day = as_timestamp(on, argument="on")
    control = world.region_control
    running = (control["region"] == region) & holds_on("region_control", control, day)
    control.loc[running, "until"] = day
    row = {
        "region": region,
        "since": day,
        "controller": controller,
        "backer": backer,
        "until": pd.NaT,
        "area_share": area_share,
        "source": "judgment",
        "note": _shock_note("control", day, f"{controller} holds {region}"),
    }
    superseded = (control["region"] == region) & (control["since"] >= day)
    kept = control[~superseded].reset_index(drop=True)
    return world.with_tables(region_control=_scenario_rows(kept, [row]))


def _add_series(
    world: World, series: str, subject: str, counterpart: str, day: pd.Timestamp, value: float
) -> World:
    table = world.series
    row = {
        "series": series,
        "subject": subject,
        "counterpart": counterpart,
        "date": day,
        "value": value,
        "unit": "USD/1000m3" if series.endswith("per_1000m3") else "USD",
        "source": "judgment",
        "note": _shock_note(series, day, f"{subject} / {counterpart}"),
    }
    same = (
        (table["series"] == series)
        & (table["subject"] == subject)
        & (table["counterpart"] == counterpart)
        & (table["date"] == day)
    )
    return world.with_tables(series=_scenario_rows(table[~same].reset_index(drop=True), [row]))


def add_aid(world: World, *, on: DateLike, recipient: str, donor: str, usd: float) -> World:
    """The world in which ``donor`` gives ``recipient`` ``usd`` of military aid in the year to ``on``."""
    day = as_timestamp(on, argument="on")
    return _add_series(world, "military_aid_usd", recipient, donor, day, usd)


def set_gas_price(
    world: World, *, on: DateLike, buyer: str, seller: str, usd_per_1000m3: float
) -> World:
    """The world in which ``buyer`` pays ``seller`` this gas price from ``on``."""
    day = as_timestamp(on, argument="on")
    series = "gas_import_price_usd_per_1000m3"
    return _add_series(world, series, buyer, seller, day, usd_per_1000m3)


def add_loan(world: World, *, on: DateLike, borrower: str, lender: str, usd: float) -> World:
    """The world in which ``lender`` agrees a state loan of ``usd`` to ``borrower`` on ``on``."""
    day = as_timestamp(on, argument="on")
    return _add_series(world, "state_loan_usd", borrower, lender, day, usd)


def change_leader(
    world: World,
    *,
    on: DateLike,
    iso3: str,
    name: str,
    born: DateLike | None = None,
    succession: str = "other",
) -> World:
    """The world in which ``name`` becomes head of state of ``iso3`` on ``on``.

    The running tenure ends that day. A succession event (kind ``succession``) is recorded with
    ``succession`` (``hereditary``, ``appointed``, ``election``, ``other``) as its tag, which models
    of succession risk read (the integration ladder's hereditary discount).
    """
    day = as_timestamp(on, argument="on")
    note = _shock_note("leader", day, f"{name}, {succession} succession in {iso3}")
    leaders = world.leaders
    running = (
        (leaders["iso3"] == iso3)
        & (leaders["office"] == "head_of_state")
        & holds_on("leaders", leaders, day)
    )
    leaders.loc[running, "left_office"] = day
    leader = {
        "iso3": iso3,
        "office": "head_of_state",
        "took_office": day,
        "name": name,
        "born": as_timestamp(born, argument="born") if born is not None else pd.NaT,
        "left_office": pd.NaT,
        "source": "judgment",
        "note": note,
    }
    events = world.events
    event = {
        "id": f"scenario-succession-{iso3}-{day:%Y%m%d}",
        "date": day,
        "kind": "succession",
        "actors": iso3,
        "title": f"{succession} succession: {name}",
        "completion": None,
        "tags": succession,
        "source": "judgment",
        "note": note,
    }
    return world.with_tables(
        leaders=_scenario_rows(leaders, [leader]), events=_scenario_rows(events, [event])
    )

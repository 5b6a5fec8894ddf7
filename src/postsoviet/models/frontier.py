"""The frontier: the land border between Russia (with any state merged into it) and NATO on a day.

The essay's Eastern-flank claim is that absorbing Belarus removes the buffer between Russia and NATO
on the Polish and Lithuanian border. This model measures that border from the world data:

    L(t) = sum of km(r, n) over land borders with r in territory(B) and state(n) in NATO(t)

where B is the bloc state (Russia), territory(B) is B and its regions (Kaliningrad counts as
Russia's, by the de jure stance of ``docs/data.md``), NATO(t) the full members on day t (half-open
membership periods), and km the CIA World Factbook border lengths in ``borders.csv``. A state merged
into Russia by :func:`postsoviet.scenarios.shocks.merge_actors` has handed its borders to Russia, so
it is counted without any special case.

Definitions
-----------
- **Buffer state**: a state that has a land border with the bloc and a land border with a NATO
  member, and is neither the bloc nor a NATO member on that day (in 2021: Azerbaijan, Belarus,
  Finland, Georgia, Ukraine). The bloc is Russia's own territory, not its allies: Belarus is a buffer
  until it is merged.
- **Suwalki corridor**: the Poland-Lithuania land border. Its *ends* are the territories that border
  both Poland and Lithuania (Kaliningrad to the west, Belarus to the east). The corridor is *flanked
  by the bloc* when it has two or more ends and every end belongs to the bloc.
- **Kaliningrad's neighbours**: the territories with a land border with ``kaliningrad``.

Geography is de jure and undated (borders do not follow de facto control of Crimea or Donbas); only
NATO membership depends on the day. Units: km.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from postsoviet.errors import ModelInputError
from postsoviet.world import World
from postsoviet.world.world import DateLike, as_timestamp

BLOC = "RUS"
KALININGRAD = "kaliningrad"
CORRIDOR = ("POL", "LTU")


@dataclass(frozen=True)
class Segment:
    """One stretch of land border between the bloc and a NATO member.

    ``a`` is the bloc state, ``b`` the NATO member, ``territory`` the bloc-side territory code
    (the state itself, or a region such as ``kaliningrad``).
    """

    a: str
    b: str
    km: float
    territory: str


@dataclass(frozen=True)
class Neighbour:
    """A land neighbour of a territory: its code, state, border length and alignment that day."""

    territory: str
    state: str
    km: float
    nato: bool
    bloc: bool


@dataclass(frozen=True)
class End:
    """A territory at one end of the Suwalki corridor, its state, and whether it is the bloc's."""

    territory: str
    state: str
    bloc: bool


@dataclass(frozen=True)
class Corridor:
    """The Suwalki corridor: its length (km, ``None`` if the border is absent) and its ends."""

    km: float | None
    ends: tuple[End, ...]
    flanked_by_bloc: bool


@dataclass(frozen=True)
class Frontier:
    """The frontier on one day; ``to_dict()`` is the CLI's JSON shape."""

    date: pd.Timestamp
    bloc: str
    segments: tuple[Segment, ...]
    buffer_states: tuple[str, ...]
    suwalki: Corridor
    kaliningrad: tuple[Neighbour, ...]

    @property
    def nato_land_border_km(self) -> float:
        """Total length of land border between the bloc and NATO members (km)."""
        return float(sum(segment.km for segment in self.segments))

    def segments_df(self) -> pd.DataFrame:
        """The segments as a DataFrame ``a, b, km, territory`` (km in kilometres)."""
        frame = pd.DataFrame(
            [(s.a, s.b, s.km, s.territory) for s in self.segments],
            columns=["a", "b", "km", "territory"],
        )
        frame.attrs["units"] = {"km": "km"}
        return frame

    def to_dict(self) -> dict[str, Any]:
        """``{"date", "nato_land_border_km", "segments", "buffer_states", ...}`` for JSON."""
        return {
            "date": f"{self.date:%Y-%m-%d}",
            "nato_land_border_km": self.nato_land_border_km,
            "segments": [
                {"a": s.a, "b": s.b, "km": s.km, "territory": s.territory} for s in self.segments
            ],
            "buffer_states": list(self.buffer_states),
            "bloc": self.bloc,
            "suwalki_corridor": {
                "km": self.suwalki.km,
                "ends": [
                    {"territory": e.territory, "state": e.state, "bloc": e.bloc}
                    for e in self.suwalki.ends
                ],
                "flanked_by_bloc": self.suwalki.flanked_by_bloc,
            },
            "kaliningrad": {
                "neighbours": [_neighbour_dict(n) for n in self.kaliningrad],
                "surrounded_by_nato": bool(self.kaliningrad)
                and all(n.nato for n in self.kaliningrad),
            },
        }


def _neighbour_dict(neighbour: Neighbour) -> dict[str, Any]:
    return {
        "territory": neighbour.territory,
        "state": neighbour.state,
        "km": neighbour.km,
        "nato": neighbour.nato,
        "bloc": neighbour.bloc,
    }


def nato_members(world: World, on: DateLike) -> frozenset[str]:
    """Full NATO members on ``on``; none if the world has no NATO organisation (a user world)."""
    if "NATO" not in set(world.organizations["code"]):
        return frozenset()
    return world.members("NATO", on)


def frontier(world: World, on: DateLike, *, bloc: str = BLOC) -> Frontier:
    """The land frontier between ``bloc`` (Russia) and NATO on day ``on``.

    Parameters
    ----------
    world
        The world, possibly changed by shocks (e.g. Belarus merged into Russia).
    on
        The day (ISO text, date or Timestamp); NATO membership is taken on that day.
    bloc
        The ISO3 code of the bloc state.

    Raises
    ------
    ModelInputError
        If ``bloc`` is not an actor; PostsovietError naming ``on`` for a bad date.
    """
    day = as_timestamp(on, argument="on")
    actors = set(world.actors["iso3"])
    if bloc not in actors:
        raise ModelInputError(
            f"argument 'bloc': unknown actor '{bloc}': expected one of {', '.join(sorted(actors))}"
        )
    nato = nato_members(world, day) - {bloc}
    borders = world.borders

    def neighbour(row: Any) -> Neighbour:
        return Neighbour(
            row.b, row.b_state, float(row.km), row.b_state in nato, row.b_state == bloc
        )

    edge = borders[(borders["a_state"] == bloc) & borders["b_state"].isin(nato)]
    segments = tuple(
        Segment(bloc, row.b_state, float(row.km), row.a)
        for row in edge.sort_values(
            ["km", "b_state", "a"], ascending=[False, True, True]
        ).itertuples()
    )
    touches_bloc = set(borders.loc[borders["b_state"] == bloc, "a_state"])
    touches_nato = set(borders.loc[borders["b_state"].isin(nato), "a_state"])
    buffers = tuple(sorted((touches_bloc & touches_nato) - nato - {bloc}))
    return Frontier(
        date=day,
        bloc=bloc,
        segments=segments,
        buffer_states=buffers,
        suwalki=_corridor(borders, bloc),
        kaliningrad=tuple(
            neighbour(row)
            for row in borders[borders["a"] == KALININGRAD].sort_values("b").itertuples()
        ),
    )


def _corridor(borders: pd.DataFrame, bloc: str) -> Corridor:
    west, east = CORRIDOR
    line = borders[(borders["a_state"] == west) & (borders["b_state"] == east)]
    km = float(line["km"].sum()) if not line.empty else None
    sides = [
        set(borders.loc[(borders["b_state"] == side) & (borders["a_state"] != other), "a"])
        for side, other in ((west, east), (east, west))
    ]
    states = dict(zip(borders["a"], borders["a_state"], strict=False))
    ends = tuple(
        End(code, states[code], states[code] == bloc) for code in sorted(sides[0] & sides[1])
    )
    flanked = len(ends) >= 2 and all(end.bloc for end in ends)
    return Corridor(km, ends, flanked)

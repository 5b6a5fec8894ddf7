"""The exposure index: how exposed each state is to Russian pressure or force on a day.

The essay argues that Kazakhstan, with its Russian-populated north and its share of the Caspian
energy belt, is the most exposed state once Ukraine and Belarus are settled. The index makes that
ranking explicit and arguable: a weighted sum of saturating scores,

    E_s = sum over components c of  w_c * min(max(x_sc / k_c, 0), 1)

where x_sc is state s's input for component c, k_c the value at which the score saturates and w_c the
weight (both from ``data/models/exposure_weights.csv``, each row ``judgment`` with its reasoning).
Protections (NATO, EU membership) have negative weights, so E lies in [sum of negative weights,
sum of positive weights] = [-0.4, 1] with the embedded weights. This is an analyst's index, not an
estimated model: no published index of this kind exists to reproduce, and the weights are judgments.

Inputs (all for the bloc state B, Russia):

- ``ethnic_russian_share``: latest census share at or before the data year (attributes.csv);
- ``border_with_russia_km``: land border with B's territory, Kaliningrad included (borders.csv);
- ``gas_import_share_russia``, ``trade_share_russia``: latest value at or before the data year;
- ``csto_member``, ``eaeu_member``, ``nato_member``, ``eu_member``: 1 if a full member on the day;
- ``russian_troops``: sum over the state's regions of the latest ``russian_troops`` at or before
  the data year (region_attributes.csv);
- ``russian_backed_regions``: the number of the state's regions (de jure) controlled on the day by
  B or by an authority B backs (region_control.csv);
- ``resource_belts``: the number of resource belts (black_sea_coast, caspian_energy_belt) of which
  the state or one of its regions is a member (region_members.csv);
- ``succession_risk`` = (a + t) / 2 * (1 - F / 100), with a = clip((age - 50) / 30, 0, 1) the head
  of state's age on the day, t = clip(tenure / 20, 0, 1) the years in the current tenure, and F the
  Freedom House total (0-100): an old, long-serving leader without institutions of succession.

Missing inputs: a value the data do not hold (a share, the head of state, a birth date, the Freedom
House score) gives that component a score of 0, and the component is listed in the ranking's
``missing`` column; it is never guessed. Memberships, borders, troops, backed regions and belts are
read from complete tables, where no row means none (0), not missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.data.model_weights import ComponentWeight
from postsoviet.errors import ModelInputError
from postsoviet.world import World
from postsoviet.world.world import DateLike, as_timestamp

COMPONENTS = (
    "ethnic_russian_share",
    "border_with_russia_km",
    "gas_import_share_russia",
    "trade_share_russia",
    "csto_member",
    "eaeu_member",
    "russian_troops",
    "russian_backed_regions",
    "resource_belts",
    "succession_risk",
    "nato_member",
    "eu_member",
)
SHARES = ("ethnic_russian_share", "gas_import_share_russia", "trade_share_russia")
MEMBERSHIPS = {
    "csto_member": "CSTO",
    "eaeu_member": "EAEU",
    "nato_member": "NATO",
    "eu_member": "EU",
}
# The components that protect a state: by the index's definition their score lowers it.
PROTECTIONS = frozenset({"nato_member", "eu_member"})
UNWEIGHTED_SOURCE = (
    "equal weights, each input over its largest value among the ranked states (OECD & JRC 2008, "
    "Handbook on Constructing Composite Indicators, sections 5-6)"
)
AGE_FLOOR, AGE_SPAN = 50.0, 30.0
TENURE_SPAN = 20.0
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Exposure:
    """The exposure index on one day.

    ``ranking``: ``rank, iso3, index`` then one column per component holding its contribution
    w_c * score (index points), then ``missing`` (``;``-separated components whose input is
    missing). ``inputs``: the raw inputs per state (NaN where missing), with the succession inputs
    ``leader_age_years``, ``leader_tenure_years``, ``freedom_house_total``.
    """

    date: pd.Timestamp
    data_year: int
    bloc: str
    weights: tuple[ComponentWeight, ...]
    ranking: pd.DataFrame
    inputs: pd.DataFrame

    def to_df(self) -> pd.DataFrame:
        """The ranking (a copy)."""
        return self.ranking.copy()

    def to_dict(self) -> dict[str, Any]:
        """``{"date", "data_year", "bloc", "ranking": [...], "weights": {...}}`` for JSON."""
        return {
            "date": f"{self.date:%Y-%m-%d}",
            "data_year": self.data_year,
            "bloc": self.bloc,
            "ranking": [
                {
                    "rank": int(row["rank"]),
                    "iso3": row["iso3"],
                    "index": float(row["index"]),
                    "contributions": {c: float(row[c]) for c in COMPONENTS},
                    "missing": [m for m in row["missing"].split(";") if m],
                }
                for _, row in self.ranking.iterrows()
            ],
            "weights": {w.component: w.weight for w in self.weights},
        }


def check_weights(weights: Sequence[ComponentWeight]) -> dict[str, ComponentWeight]:
    """The weights by component, after checking that they cover exactly :data:`COMPONENTS`."""
    by_name = {w.component: w for w in weights}
    missing = [c for c in COMPONENTS if c not in by_name]
    unknown = sorted(set(by_name) - set(COMPONENTS))
    if missing or unknown:
        raise ModelInputError(
            f"argument 'weights': missing components {missing}, unknown components {unknown}; "
            f"expected exactly {list(COMPONENTS)}"
        )
    return by_name


def default_states(world: World, day: pd.Timestamp, bloc: str) -> list[str]:
    """Every actor but the bloc and states merged away by ``day`` (the first actor of a ``merger``
    event dated on or before it)."""
    mergers = world.dated("events", day)
    mergers = mergers[mergers["kind"] == "merger"]
    absorbed = {actors.split(";")[0] for actors in mergers["actors"]}
    return sorted(set(world.actors["iso3"]) - absorbed - {bloc})


def exposure(
    world: World,
    on: DateLike,
    *,
    weights: Sequence[ComponentWeight],
    states: Iterable[str] | None = None,
    data_year: int | None = None,
    bloc: str = "RUS",
) -> Exposure:
    """Rank states by their exposure to Russia on day ``on``.

    Parameters
    ----------
    world
        The world (possibly changed by shocks).
    on
        The day: memberships, leaders and de facto control are taken that day.
    weights
        One :class:`ComponentWeight` per component of :data:`COMPONENTS`
        (``postsoviet.load_config().exposure``).
    states
        ISO3 codes to rank; default :func:`default_states`.
    data_year
        Latest year of attributes and region attributes used (default: the year of ``on``); a later
        year lets a historical date use data published since (say so when you do).
    bloc
        The ISO3 code of the state exposure is measured against.

    Raises
    ------
    ModelInputError
        Naming the argument: weights not covering the components, an unknown state or bloc.
    """
    day = as_timestamp(on, argument="on")
    check_weights(weights)
    known = exposure_inputs(world, day, states=states, data_year=data_year, bloc=bloc)
    return score_exposure(known, weights)


@dataclass(frozen=True)
class ExposureInputs:
    """What the index reads of the world on one day: the raw inputs per state (see :class:`Exposure`)."""

    date: pd.Timestamp
    data_year: int
    bloc: str
    inputs: pd.DataFrame

    @property
    def states(self) -> np.ndarray:
        """The states' ISO3 codes, in the order of :attr:`raw`'s rows."""
        return self.inputs.index.to_numpy(dtype=str)

    @property
    def raw(self) -> np.ndarray:
        """The raw inputs of :data:`COMPONENTS` as a states x components array (NaN where missing)."""
        return self.inputs[list(COMPONENTS)].to_numpy(dtype=float)

    def with_values(self, values: Mapping[tuple[str, str], float]) -> ExposureInputs:
        """A copy with some raw inputs replaced: ``(state, component) -> value``."""
        if not values:
            return self
        frame = self.inputs.copy()
        for (state, component), value in values.items():
            if state not in frame.index or component not in COMPONENTS:
                raise ModelInputError(
                    f"exposure input '{state}.{component}': expected a ranked state and one of "
                    f"{list(COMPONENTS)}"
                )
            frame.at[state, component] = float(value)
        return ExposureInputs(self.date, self.data_year, self.bloc, frame)


def exposure_inputs(
    world: World,
    day: pd.Timestamp,
    *,
    states: Iterable[str] | None = None,
    data_year: int | None = None,
    bloc: str = "RUS",
) -> ExposureInputs:
    """The raw inputs of :func:`exposure` (its arguments, the same errors), without the weights."""
    actors = set(world.actors["iso3"])
    if bloc not in actors:
        raise ModelInputError(f"argument 'bloc': unknown actor '{bloc}'")
    chosen = default_states(world, day, bloc) if states is None else list(dict.fromkeys(states))
    unknown = [s for s in chosen if s not in actors]
    if unknown:
        raise ModelInputError(
            f"argument 'states': unknown actors {unknown}: expected ISO3 codes of the world's actors"
        )
    year = day.year if data_year is None else int(data_year)
    return ExposureInputs(day, year, bloc, _inputs(world, day, year, bloc, chosen))


def score_exposure(known: ExposureInputs, weights: Sequence[ComponentWeight]) -> Exposure:
    """The index from the raw inputs: ``E_s = sum_c w_c * min(max(x_sc / k_c, 0), 1)``, missing 0."""
    by_name = check_weights(weights)
    raw = known.raw
    scale = np.array([by_name[c].scale for c in COMPONENTS])
    weight = np.array([by_name[c].weight for c in COMPONENTS])
    parts = contributions(raw, scale, weight)
    index = parts.sum(axis=1)
    order, rank = ranked(index, known.states)
    names = np.array(COMPONENTS)
    ranking = pd.DataFrame(parts[order], columns=list(COMPONENTS))
    ranking.insert(0, "rank", rank)
    ranking.insert(1, "iso3", known.states[order])
    ranking.insert(2, "index", index[order])
    ranking["missing"] = [";".join(names[row]) for row in np.isnan(raw[order])]
    ranking.attrs["units"] = {"index": "index points", **dict.fromkeys(COMPONENTS, "index points")}
    weights_used = tuple(by_name[c] for c in COMPONENTS)
    return Exposure(known.date, known.data_year, known.bloc, weights_used, ranking, known.inputs)


def unweighted_weights(known: ExposureInputs) -> tuple[ComponentWeight, ...]:
    """The index without an analyst's values: every component at weight +1, or -1 for a
    protection (:data:`PROTECTIONS`), and scaled by its largest value among the ranked states on
    the day, so that score lies in [0, 1] and the largest saturates (1 where no state has a
    positive value).

    Equal weights with max normalisation is the composite indicator's default where nothing
    grounds other weights (OECD & JRC 2008, *Handbook on Constructing Composite Indicators*,
    sections 5.1 and 6.1). Read from the inputs alone, it uses no value set with hindsight.
    """
    largest = np.max(np.nan_to_num(known.raw, nan=0.0), axis=0, initial=0.0)
    return tuple(
        ComponentWeight(
            component=component,
            weight=-1.0 if component in PROTECTIONS else 1.0,
            scale=float(top) if top > 0 else 1.0,
            unit="largest value on the day",
            source=UNWEIGHTED_SOURCE,
            reasoning=UNWEIGHTED_SOURCE,
        )
        for component, top in zip(COMPONENTS, largest, strict=True)
    )


def contributions(raw: np.ndarray, scale: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Each component's part of each state's index: ``w_c * min(max(x_sc / k_c, 0), 1)``.

    ``raw`` is states x :data:`COMPONENTS` (NaN where missing: the score is then 0), ``scale``
    (k_c > 0) and ``weight`` (w_c) one value per component. The index ``E_s`` is the row sum.
    """
    scores = np.nan_to_num(np.clip(raw / scale, 0.0, 1.0), nan=0.0)
    # + 0.0 turns -0.0 (a zero score times a negative weight) into 0.0.
    return scores * weight + 0.0


def ranked(index: np.ndarray, states: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The order of the ranking (index descending, then ISO3) and each place's rank there: 1 for
    the most exposed state, ties sharing the lower rank (1 + the number of states above)."""
    order = np.lexsort((states, -index))
    descending = -index[order]
    return order, np.searchsorted(descending, descending, side="left") + 1


def _inputs(
    world: World, day: pd.Timestamp, year: int, bloc: str, states: list[str]
) -> pd.DataFrame:
    """The raw inputs, one row per state (NaN where the data hold no value)."""
    frame = pd.DataFrame(index=pd.Index(states, name="iso3"))
    for variable in SHARES:
        frame[variable] = world.attribute(variable, year=year).reindex(states)
    borders = world.borders
    with_bloc = borders[borders["b_state"] == bloc].groupby("a_state")["km"].sum()
    frame["border_with_russia_km"] = with_bloc.reindex(states, fill_value=0.0).astype(float)
    for column, organization in MEMBERSHIPS.items():
        members = world.members(organization, day, founded_only=True)
        frame[column] = [float(s in members) for s in states]
    state_of = world.territory_states()
    frame["russian_troops"] = _troops(world, year, state_of).reindex(states, fill_value=0.0)
    frame["russian_backed_regions"] = _backed(world, day, bloc, state_of).reindex(
        states, fill_value=0.0
    )
    frame["resource_belts"] = _belts(world, state_of).reindex(states, fill_value=0.0)
    succession = _succession(world, day, year).reindex(states)
    frame = frame.join(succession)
    return frame[[*COMPONENTS, *succession.columns.drop("succession_risk")]]


def _troops(world: World, year: int, state_of: dict[str, str]) -> pd.Series:
    table = world.region_attributes
    rows = table[(table["variable"] == "russian_troops") & (table["year"] <= year)]
    latest = rows.sort_values("year").groupby("region").tail(1)
    values = pd.to_numeric(latest["value"], errors="coerce").to_numpy(dtype=float)
    owners = latest["region"].map(state_of)
    return pd.Series(values, index=owners.to_numpy()).groupby(level=0).sum()


def _backed(world: World, day: pd.Timestamp, bloc: str, state_of: dict[str, str]) -> pd.Series:
    control = world.holding("region_control", day)
    rows = control[(control["controller"] == bloc) | (control["backer"] == bloc)]
    owners = rows["region"].drop_duplicates().map(state_of)
    return owners.value_counts().astype(float)


def _belts(world: World, state_of: dict[str, str]) -> pd.Series:
    regions = world.regions
    belts = set(regions.loc[regions["kind"] == "resource_belt", "id"])
    members = world.region_members
    rows = members[members["region"].isin(belts)]
    owners = pd.DataFrame({"belt": rows["region"], "state": rows["member"].map(state_of)})
    return owners.drop_duplicates().groupby("state")["belt"].count().astype(float)


def _succession(world: World, day: pd.Timestamp, year: int) -> pd.DataFrame:
    """``succession_risk`` and its inputs per state (NaN when an input is missing)."""
    heads = world.heads_of_state(day).sort_values("took_office").groupby("iso3").tail(1)
    heads = heads.set_index("iso3")
    age = (day - heads["born"]).dt.days / DAYS_PER_YEAR
    tenure = (day - heads["took_office"]).dt.days / DAYS_PER_YEAR
    fh = world.attribute("freedom_house_total", year=year)
    frame = pd.DataFrame({"leader_age_years": age, "leader_tenure_years": tenure})
    frame = frame.reindex(frame.index.union(fh.index))
    frame["freedom_house_total"] = fh
    age_term = ((frame["leader_age_years"] - AGE_FLOOR) / AGE_SPAN).clip(0.0, 1.0)
    tenure_term = (frame["leader_tenure_years"] / TENURE_SPAN).clip(0.0, 1.0)
    autocracy = 1.0 - frame["freedom_house_total"].astype(float) / 100.0
    frame["succession_risk"] = (age_term + tenure_term) / 2.0 * autocracy
    return frame.astype(np.float64)

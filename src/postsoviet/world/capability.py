"""A capability index of the actors, in the manner of the Correlates of War CINC."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from postsoviet.errors import PostsovietError
from postsoviet.world.world import World

CAPABILITY_VARIABLES = ("population", "gdp_usd", "milex_usd")


def capability_index(
    world: World, year: int | None = None, *, actors: Sequence[str] | None = None
) -> pd.Series:
    """Each actor's share of the capabilities of the actors modelled, indexed by ISO3.

    .. math:: C_i = \\frac{1}{|K_i|} \\sum_{k \\in K_i} \\frac{x_{ik}}{\\sum_j x_{jk}}

    where ``k`` runs over population, GDP (current US$) and military expenditure (current US$,
    SIPRI), ``x_ik`` is actor ``i``'s latest value at or before ``year`` (:meth:`World.attribute`),
    the totals run over ``actors`` only, and ``K_i`` is the set of components ``i`` has a value for.
    This is the composite index of national capability (CINC) of the Correlates of War project
    (Singer, Bremer & Stuckey 1972; National Material Capabilities v6.0, 2021) with three of its six
    components: GDP stands in for iron and steel production and energy consumption, and urban
    population is left out. Its reference set is the actors modelled, not the world.

    Missing values: an actor without a value for a component is left out of that component's total
    and its index is the mean of the shares it has (COW's own rule for missing components), so a
    missing military expenditure (SIPRI publishes none for Turkmenistan or Uzbekistan) neither counts
    as zero nor is guessed. An actor with no component at all raises an error.

    Parameters
    ----------
    world : World
        The world to read (its date sets ``year`` when ``year`` is None).
    year : int, optional
        Use values of this year or earlier.
    actors : sequence of str, optional
        The actors modelled (ISO3); default every actor of the world.

    Returns
    -------
    pandas.Series
        ``capability`` (fraction, the index sums to 1 only when no value is missing), in the order of
        ``actors``. ``attrs``: ``unit``, ``components`` (a DataFrame of each actor's share per
        component, NaN where missing), ``years`` (the year of each value used) and ``missing``
        (``{iso3: [component, ...]}``).

    Raises
    ------
    PostsovietError
        For an unknown actor, or an actor without any component.
    """
    codes = list(world.actors["iso3"]) if actors is None else [world.check_actor(a) for a in actors]
    if len(set(codes)) != len(codes):
        raise PostsovietError(f"argument 'actors': expected distinct ISO3 codes, got {codes}")
    shares = {}
    years = {}
    for variable in CAPABILITY_VARIABLES:
        values = world.attribute(variable, year=year).reindex(codes)
        shares[variable] = values / values.sum()
        years[variable] = {a: values.attrs["year"].get(a) for a in codes}
    components = pd.DataFrame(shares, index=pd.Index(codes, name="iso3"))
    empty = components.index[components.isna().all(axis=1)]
    if len(empty):
        raise PostsovietError(
            f"capability_index: no population, GDP or military expenditure at or before {year} "
            f"for {', '.join(empty)}"
        )
    index = components.mean(axis=1, skipna=True).rename("capability")
    index.attrs = {
        "unit": "fraction of the actors' capabilities",
        "components": components,
        "years": years,
        "missing": {
            a: [k for k in CAPABILITY_VARIABLES if pd.isna(components.loc[a, k])]
            for a in codes
            if components.loc[a].isna().any()
        },
    }
    return index

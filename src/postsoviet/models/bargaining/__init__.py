"""Bargaining models over one contested issue: expected utility (BDM), weighted mean, weighted median."""

from postsoviet.models.bargaining.actors import Actors
from postsoviet.models.bargaining.baselines import (
    mean_model,
    median_model,
    weighted_mean,
    weighted_median,
)
from postsoviet.models.bargaining.bdm import (
    BdmOptions,
    bdm_model,
    expected_utility,
    risk_exponent,
    win_probability,
)
from postsoviet.models.bargaining.results import BargainingResult, BdmRound, Round

__all__ = [
    "Actors",
    "BargainingResult",
    "BdmOptions",
    "BdmRound",
    "Round",
    "bdm_model",
    "expected_utility",
    "mean_model",
    "median_model",
    "risk_exponent",
    "weighted_mean",
    "weighted_median",
    "win_probability",
]

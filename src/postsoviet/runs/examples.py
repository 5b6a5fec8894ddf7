"""Runnable examples: test functions with known answers, to check designs, analyses and executors."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from postsoviet.runs.distributions import Distribution
from postsoviet.runs.problem import SamplingProblem, UncertainInput


@dataclass(frozen=True)
class Ishigami:
    """The Ishigami function, a standard test of global sensitivity analysis.

        f(x) = sin x1 + a sin^2 x2 + b x3^4 sin x1,   x_i ~ U(-pi, pi)

    (Ishigami and Homma 1990; analytic indices in Saltelli et al. 2008, *Global Sensitivity
    Analysis: The Primer*, section 4.4). With ``noise`` > 0 each draw adds ``noise`` times a
    standard normal drawn from the draw's own seed, which shows per-draw seeds at work.
    """

    a: float = 7.0
    b: float = 0.1
    noise: float = 0.0

    @property
    def labels(self) -> list[tuple[str, str]]:
        """One output."""
        return [("ishigami", "f")]

    def evaluate(self, values: np.ndarray, seeds: np.ndarray) -> np.ndarray:
        """f for each row of ``values`` (draws x 3); one column."""
        x1, x2, x3 = values[:, 0], values[:, 1], values[:, 2]
        f = np.sin(x1) + self.a * np.sin(x2) ** 2 + self.b * x3**4 * np.sin(x1)
        if self.noise:
            f = f + self.noise * np.array(
                [np.random.default_rng(int(s)).standard_normal() for s in seeds]
            )
        return f[:, None]

    def indices(self) -> dict[str, tuple[float, float, float]]:
        """The analytic first-order (``S1``) and total-order (``ST``) indices of x1, x2, x3."""
        a, b, pi = self.a, self.b, math.pi
        v1 = 0.5 * (1 + b * pi**4 / 5) ** 2
        v2 = a**2 / 8
        v13 = b**2 * pi**8 * (1 / 18 - 1 / 50)
        total = v1 + v2 + v13
        return {
            "S1": (v1 / total, v2 / total, 0.0),
            "ST": ((v1 + v13) / total, v2 / total, v13 / total),
        }

    @staticmethod
    def problem() -> SamplingProblem:
        """x1, x2, x3 uniform on [-pi, pi]."""
        spread = Distribution("uniform", (-math.pi, math.pi))
        return SamplingProblem(
            tuple(UncertainInput(f"x{i}", spread, 0.0, "test") for i in (1, 2, 3))
        )

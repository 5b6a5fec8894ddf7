"""An optional adapter: a scenario as an EMA Workbench model (``pip install 'postsoviet[ema]'``).

Each uncertain input becomes a ``RealParameter`` on its quantile in [0, 1] (the workbench samples
uniformly; the input's distribution maps the quantile to the value, as in :mod:`.sample`), and each
output of the scenario's chain of registered models (:mod:`.chain`) a ``ScalarOutcome``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from postsoviet.data.config import Config
from postsoviet.runs.chain import scenario_chain
from postsoviet.runs.problem import SamplingProblem
from postsoviet.scenarios.spec import Scenario
from postsoviet.world import World


def _outcome_name(output: str) -> str:
    return output.replace(".", "_")


def ema_model(
    world: World,
    scenario: Scenario,
    problem: SamplingProblem,
    *,
    config: Config | None = None,
    models: Sequence[str] | None = None,
) -> Any:
    """An ``ema_workbench.Model`` of ``scenario`` over ``problem``'s inputs (every registered model,
    or ``models``); the workbench's experiments run seed 0."""
    from ema_workbench import Model, RealParameter, ScalarOutcome

    chain = scenario_chain(world, scenario, problem.names, config=config, models=models)
    labels = [output for _, output in chain.labels]
    keys = [f"u{j}" for j in range(len(problem.inputs))]

    def function(**quantiles: float) -> dict[str, float]:
        unit = np.array([[quantiles[k] for k in keys]])
        row = chain.evaluate(problem.transform(unit), np.zeros(1, dtype=np.uint64))[0]
        return {_outcome_name(o): float(v) for o, v in zip(labels, row, strict=True)}

    # the workbench takes letters and digits only in a model's name
    model = Model("".join(c for c in scenario.name if c.isalnum()), function=function)
    model.uncertainties = [RealParameter(k, 0.0, 1.0) for k in keys]
    model.outcomes = [ScalarOutcome(_outcome_name(o)) for o in labels]
    return model

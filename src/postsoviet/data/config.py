"""The models' configuration as one typed value, read and validated once, then passed down.

A :class:`Config` holds everything the models read besides the world: the weights of each model
(``data/models/<model>_weights.csv``), the exposure index's scaled components, the next-direction
model's directions, the integration ladder's stages, the bargaining issues (already parsed) and the
run parameters (draw counts and seeds that must agree wherever they are used).

Faces (the CLI, the report) call :func:`load_config` once, beside :func:`postsoviet.load_world`, and
pass the value down; scenarios, runs and models never open a file for it. Library callers who pass
no configuration get :func:`default_config`, the embedded files read once per process.

Overlay: ``load_config(overlay_dir)`` replaces an embedded file by the file of the same name in
``overlay_dir/models/`` (e.g. ``models/landscape_weights.csv``: the whole file, every row of it), and
the embedded issues by ``overlay_dir/issues/`` when that folder exists. The world overlay (the CSV
files at the top of the same folder) is untouched by this.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from postsoviet.data.directions import DIRECTIONS_FILE, Direction, read_directions
from postsoviet.data.integration_ladder import STAGES_FILE, Stage, read_ladder_stages
from postsoviet.data.issues import ISSUES_DIR, Issue, list_issues, load_issue
from postsoviet.data.model_files import MODELS_DIR
from postsoviet.data.model_weights import ComponentWeight, read_model_weights, read_weights
from postsoviet.errors import PostsovietError
from postsoviet.parameters import PARAMETERS

# The models with a weights file, by the file's name (``<model>_weights.csv``).
WEIGHTED_MODELS = ("landscape", "exposure", "next_direction", "attrition", "integration_ladder")
SCALED = "exposure"
# The documented default spread of a judgment value v: triangular from v/2 to 3v/2 with mode v
# (for a negative v, from 3v/2 to v/2), clipped to the value's admissible range.
JUDGMENT_SPREAD = 0.5


def judgment_range(
    value: float, *, low: float = -math.inf, high: float = math.inf
) -> tuple[float, float, float]:
    """``(low, mode, high)`` of a judgment value's default triangular spread, +-50 %, clipped."""
    a, b = sorted((value * (1 - JUDGMENT_SPREAD), value * (1 + JUDGMENT_SPREAD)))
    return (max(a, low), value, min(b, high))


@dataclass(frozen=True)
class WeightRow:
    """One row of a weights file: the component, its weight, source and reasoning."""

    component: str
    weight: float
    source: str
    reasoning: str


@dataclass(frozen=True)
class Config:
    """Everything the models read besides the world; build it with :func:`load_config`.

    Attributes
    ----------
    weight_rows : mapping of str to tuple of WeightRow
        Each model of :data:`WEIGHTED_MODELS` to its weights file's rows, in file order.
    exposure : tuple of ComponentWeight
        The exposure index's components with their saturation scales and units.
    directions : tuple of Direction
        The next-direction model's directions, in file order.
    stages : tuple of Stage
        The integration ladder's rungs, 0 first.
    issues : tuple of Issue
        The bargaining issues, in ``issues.csv`` order.
    parameters : mapping of str to float
        Run parameters (:data:`PARAMETERS`).
    """

    weight_rows: Mapping[str, tuple[WeightRow, ...]]
    exposure: tuple[ComponentWeight, ...]
    directions: tuple[Direction, ...]
    stages: tuple[Stage, ...]
    issues: tuple[Issue, ...]
    parameters: Mapping[str, float] = field(default_factory=lambda: PARAMETERS)

    def __post_init__(self) -> None:
        missing = [m for m in WEIGHTED_MODELS if m not in self.weight_rows]
        if missing:
            raise PostsovietError(
                f"argument 'weight_rows': expected the weights of {list(WEIGHTED_MODELS)}, "
                f"missing {missing}"
            )
        object.__setattr__(self, "weight_rows", MappingProxyType(dict(self.weight_rows)))
        object.__setattr__(self, "parameters", MappingProxyType(dict(self.parameters)))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle through the constructor (a read-only mapping does not pickle), e.g. for Dask."""
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        fields["weight_rows"] = dict(self.weight_rows)
        fields["parameters"] = dict(self.parameters)
        return (_config_from, (fields,))

    def weights(self, model: str) -> dict[str, float]:
        """``{component: weight}`` of ``model`` (a name of :data:`WEIGHTED_MODELS`), a fresh dict."""
        return {row.component: row.weight for row in self._rows(model)}

    def with_weights(self, model: str, weights: Mapping[str, float], source: str) -> Config:
        """A copy whose weights of ``model`` are ``weights`` (one per component of its file, in the
        file's order), each row's source and reasoning replaced by ``source``."""
        rows = self._rows(model)
        components = [r.component for r in rows]
        lacking = [c for c in components if c not in weights]
        unknown = sorted(set(weights) - set(components))
        if lacking or unknown:
            raise PostsovietError(
                f"argument 'weights': expected one weight per component of {model} "
                f"{components}, missing {lacking}, unknown {unknown}"
            )
        replaced = tuple(
            WeightRow(r.component, float(weights[r.component]), source, source) for r in rows
        )
        return dataclasses.replace(self, weight_rows={**self.weight_rows, model: replaced})

    def weights_table(self, model: str) -> pd.DataFrame:
        """The weights file of ``model`` as a DataFrame ``component, weight, reasoning, source``."""
        return pd.DataFrame(
            [(r.component, r.weight, r.reasoning, r.source) for r in self._rows(model)],
            columns=["component", "weight", "reasoning", "source"],
        )

    def parameter(self, name: str) -> float:
        """The run parameter ``name`` (e.g. ``attrition.draws``)."""
        if name not in self.parameters:
            raise PostsovietError(
                f"argument 'name': unknown parameter '{name}': expected one of "
                f"{sorted(self.parameters)}"
            )
        return self.parameters[name]

    def issue(self, issue_id: str) -> Issue:
        """The issue ``issue_id``."""
        for issue in self.issues:
            if issue.id == issue_id:
                return issue
        known = ", ".join(i.id for i in self.issues) or "none"
        raise PostsovietError(f"unknown issue '{issue_id}': expected one of {known}")

    def _rows(self, model: str) -> tuple[WeightRow, ...]:
        if model not in self.weight_rows:
            raise PostsovietError(
                f"argument 'model': no weights for '{model}': expected one of "
                f"{list(self.weight_rows)}"
            )
        return self.weight_rows[model]


def _file(overlay: Path | None, embedded: Path) -> Path:
    if overlay is not None and (overlay / "models" / embedded.name).is_file():
        return overlay / "models" / embedded.name
    return embedded


def load_config(overlay_dir: str | Path | None = None) -> Config:
    """Read and validate the models' configuration: the embedded files, or an overlay's.

    Parameters
    ----------
    overlay_dir : str or Path, optional
        A folder whose ``models/`` files replace the embedded files of the same name and whose
        ``issues/`` folder, if any, replaces the embedded issues (module docstring).

    Raises
    ------
    DataError
        Listing the problems of a file, each naming the file, row and field.
    """
    overlay = Path(overlay_dir) if overlay_dir is not None else None
    rows = {}
    for model in WEIGHTED_MODELS:
        path = _file(overlay, MODELS_DIR / f"{model}_weights.csv")
        table = read_model_weights(model, path=path, scaled=model == SCALED)
        rows[model] = tuple(
            WeightRow(str(r.component), float(r.weight), str(r.source), str(r.reasoning))
            for r in table.itertuples(index=False)
        )
    issues_dir = ISSUES_DIR
    if overlay is not None and (overlay / "issues").is_dir():
        issues_dir = overlay / "issues"
    return Config(
        weight_rows=rows,
        exposure=read_weights(_file(overlay, MODELS_DIR / f"{SCALED}_weights.csv")),
        directions=read_directions(_file(overlay, DIRECTIONS_FILE)),
        stages=read_ladder_stages(_file(overlay, STAGES_FILE)),
        issues=tuple(
            load_issue(i, folder=issues_dir) for i in list_issues(folder=issues_dir)["id"]
        ),
    )


@functools.cache
def default_config() -> Config:
    """The embedded configuration, read once per process (for callers that pass none)."""
    return load_config()


def _config_from(fields: dict[str, Any]) -> Config:
    """A :class:`Config` from its fields (the inverse of ``Config.__reduce__``)."""
    return Config(**fields)

"""``import postsoviet`` gives the loaders, the registry, scenarios and runs, one name per idea."""

from __future__ import annotations

from importlib import import_module

import pytest

from postsoviet.models import registry


def test_import_postsoviet_gives_loaders_registry_scenarios_and_runs():
    import postsoviet
    from postsoviet.runs.run import run_uncertainty
    from postsoviet.scenarios.run import run_scenario

    assert postsoviet.run_scenario is run_scenario
    assert postsoviet.run_uncertainty is run_uncertainty
    assert callable(postsoviet.load_config) and callable(postsoviet.load_scenario)
    assert set(postsoviet.models.names()) == set(registry.names())


def test_one_name_per_idea_the_sampling_problem_is_not_the_file_problem():
    import postsoviet
    from postsoviet.errors import Problem
    from postsoviet.runs.problem import SamplingProblem

    assert postsoviet.Problem is Problem
    assert postsoviet.SamplingProblem is SamplingProblem
    assert SamplingProblem is not Problem


@pytest.mark.parametrize("module", ["postsoviet.runs", "postsoviet.runs.problem"])
def test_the_old_name_of_the_sampling_problem_still_imports_with_a_deprecation_warning(module):
    from postsoviet.runs.problem import SamplingProblem

    with pytest.warns(DeprecationWarning, match="use SamplingProblem"):
        old = import_module(module).Problem
    assert old is SamplingProblem


def test_an_unknown_name_of_the_runs_package_is_still_an_attribute_error():
    import postsoviet.runs

    with pytest.raises(AttributeError, match="Nothing"):
        postsoviet.runs.Nothing  # noqa: B018

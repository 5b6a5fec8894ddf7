"""``import postsoviet`` gives the loaders, the registry, scenarios and runs, one name per idea."""

from __future__ import annotations

from postsoviet.models import registry


def test_import_postsoviet_gives_loaders_registry_scenarios_and_runs():
    import postsoviet
    from postsoviet.runs.run import run_uncertainty
    from postsoviet.scenarios.run import run_scenario

    assert postsoviet.run_scenario is run_scenario
    assert postsoviet.run_uncertainty is run_uncertainty
    assert callable(postsoviet.load_config) and callable(postsoviet.load_scenario)
    assert set(postsoviet.models.names()) == set(registry.names())

"""``postsoviet models`` through the real console script."""

from __future__ import annotations

import json

from postsoviet.models import registry


def test_models_json_lists_every_registered_model(postsoviet):
    result = postsoviet("models", "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert list(listed) == ["models"]
    assert [m["name"] for m in listed["models"]] == list(registry.names())
    for entry in listed["models"]:
        assert list(entry) == [
            "name",
            "summary",
            "citations",
            "quantities",
            "uncertain_inputs",
            "stochastic",
        ]
        assert entry["citations"] and isinstance(entry["stochastic"], bool)
        for quantity in entry["quantities"]:
            assert list(quantity) == ["name", "unit", "kind"]
            assert quantity["name"].startswith(f"{entry['name']}.")
        for item in entry["uncertain_inputs"]:
            assert list(item) == ["name", "nominal", "distribution"]
            assert set(item["distribution"]) == {"kind", "params"}


def test_models_json_names_the_quantities_forecasts_ask_for(postsoviet):
    listed = json.loads(postsoviet("models", "--json").stdout)
    names = {q["name"] for m in listed["models"] for q in m["quantities"]}
    assert names >= {
        "ladder.rung_at_least",
        "landscape.side",
        "landscape.with_russia",
        "attrition.share_held",
        "bargaining.position",
        "exposure.rank",
        "exposure.index",
        "directions.rank",
        "directions.net",
        "frontier.length",
    }


def test_models_table_names_each_model(postsoviet):
    result = postsoviet("models")
    assert result.returncode == 0, result.stderr
    for name in registry.names():
        assert name in result.stdout


def test_models_reads_an_overlay_of_weights(postsoviet, tmp_path):
    folder = tmp_path / "models"
    folder.mkdir()
    (folder / "landscape_weights.csv").write_text(
        "component,weight,reasoning,source\nmemberships,2,because,judgment\n", encoding="utf-8"
    )
    result = postsoviet("models", "--json", "--data", str(tmp_path))
    assert result.returncode == 0, result.stderr
    landscape = next(m for m in json.loads(result.stdout)["models"] if m["name"] == "landscape")
    assert [i["name"] for i in landscape["uncertain_inputs"]] == ["weight.landscape.memberships"]
    assert landscape["uncertain_inputs"][0]["nominal"] == 2.0


def test_a_broken_overlay_is_one_line_naming_the_file(postsoviet, tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "landscape_weights.csv").write_text(
        "component,weight,reasoning,source\nmemberships,heavy,because,judgment\n",
        encoding="utf-8",
    )
    result = postsoviet("models", "--data", str(tmp_path))
    assert result.returncode == 1
    assert "landscape_weights.csv" in result.stderr and "weight" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_command_runs_on_an_overlay_of_only_model_files(postsoviet, tmp_path):
    """A ``--data`` folder may hold only ``models/`` files; the command uses them, not the embedded."""
    (tmp_path / "models").mkdir()
    rows = [
        "component,weight,reasoning,source",
        *(f"{c},0,off,judgment" for c in ("gain_russians", "gain_resources", "gain_buffer")),
        *(f"{c},1,on,judgment" for c in ("cost_military", "cost_alliance", "cost_western_aid")),
        "aligned_discount,0,off,judgment",
    ]
    (tmp_path / "models" / "next_direction_weights.csv").write_text(
        "\n".join(rows) + "\n", encoding="utf-8"
    )
    args = ("directions", "--date", "2021-12-31", "--json")
    result = postsoviet(*args, "--data", str(tmp_path))
    assert result.returncode == 0, result.stderr
    nets = [d["net"] for d in json.loads(result.stdout)["directions"]]
    assert all(net <= 0 for net in nets)
    embedded = [d["net"] for d in json.loads(postsoviet(*args).stdout)["directions"]]
    assert any(net > 0 for net in embedded)

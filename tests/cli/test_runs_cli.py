"""``postsoviet scenario run --samples``, ``sensitivity`` and ``runs ...`` on a real DuckDB file."""

from __future__ import annotations

import json

import duckdb
import pandas as pd

VOLATILE = ("run_id", "created_at", "finished_at", "seconds", "executor", "workers")


def _stable(text: str) -> dict:
    shape = json.loads(text)
    for key in VOLATILE:
        shape.pop(key)
    return shape


def test_sampled_json_is_identical_on_every_executor(postsoviet, tmp_path):
    store = str(tmp_path / "runs.duckdb")
    # 24 draws are two chunks (runs.executors.CHUNK = 20): both workers take part
    base = ["scenario", "run", "essay-redirect", "--samples", "24", "--seed", "4"]
    shapes = []
    for executor in ("seq", "process", "dask"):
        done = postsoviet(
            *base, "--executor", executor, "--workers", "2", "--store", store, "--json"
        )
        assert done.returncode == 0, done.stderr
        shapes.append(_stable(done.stdout))
    assert shapes[0] == shapes[1] == shapes[2]
    names = json.loads(postsoviet("models", "--json").stdout)["models"]
    outputs = shapes[0]["outputs"]["essay-redirect"]
    assert {o.split(".")[0] for o in outputs} == {m["name"] for m in names}
    assert shapes[0]["models"] == sorted(m["name"] for m in names)
    quantiles = shapes[0]["outputs"]["essay-redirect"]["directions.net.ukraine"]
    assert quantiles["q05"] <= quantiles["q50"] <= quantiles["q95"]
    listed = json.loads(postsoviet("runs", "list", "--store", store, "--json").stdout)
    assert len(listed) == 3


def test_runs_show_compare_export_and_rerun(postsoviet, tmp_path):
    store = str(tmp_path / "runs.duckdb")
    ids = []
    for seed in ("1", "2"):
        done = postsoviet(
            "scenario", "run", "essay-kazakhstan", "--samples", "30", "--method", "lhs",
            "--seed", seed, "--store", store, "--json", "--models", "exposure,directions",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        ids.append(json.loads(done.stdout)["run_id"])
    shown = json.loads(postsoviet("runs", "show", ids[0], "--store", store, "--json").stdout)
    assert shown["seed"] == 1 and shown["method"] == "lhs" and shown["inputs"]
    compared = json.loads(
        postsoviet("runs", "compare", ids[0], ids[1], "--store", store, "--json").stdout
    )
    assert "seed" in compared["differs"] and compared["outputs"]
    for file_format in ("csv", "parquet"):
        out = tmp_path / file_format
        done = postsoviet(
            "runs", "export", ids[0], "--format", file_format, "--out", str(out), "--store", store
        )
        assert done.returncode == 0, done.stderr
    # Read back with DuckDB (a dependency) rather than pandas, which would need pyarrow.
    parquet = tmp_path / "parquet" / f"{ids[0]}_outputs.parquet"
    outputs = duckdb.read_parquet(str(parquet)).df()
    assert len(outputs) == len(pd.read_csv(tmp_path / "csv" / f"{ids[0]}_outputs.csv"))
    assert set(outputs.columns) >= {"draw", "scenario", "output", "value"}
    rerun = postsoviet("runs", "rerun", ids[0], "--store", store, "--json")
    assert rerun.returncode == 0, rerun.stderr
    assert json.loads(rerun.stdout)["identical"] is True


def test_sensitivity_reports_sobol_indices(postsoviet, tmp_path):
    done = postsoviet(
        "sensitivity", "essay-redirect", "--samples", "64", "--models", "directions",
        "--store", str(tmp_path / "runs.duckdb"), "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    indices = pd.DataFrame(json.loads(done.stdout)["indices"])
    ukraine = indices[
        (indices["output"] == "directions.net.ukraine") & (indices["index"] == "ST")
    ].set_index("input")["value"]
    assert ukraine.idxmax() == "parameter.next_direction.cost.ukraine"


def test_bad_options_give_one_line_errors(postsoviet, tmp_path):
    store = str(tmp_path / "runs.duckdb")
    done = postsoviet(
        "scenario", "run", "baseline", "--samples", "10", "--method", "x", "--store", store
    )
    assert done.returncode == 2
    assert "argument 'method'" in done.stderr and "Traceback" not in done.stderr
    missing = postsoviet("runs", "show", "0123456789ab", "--store", store)
    assert missing.returncode == 2 and "unknown run '0123456789ab'" in missing.stderr

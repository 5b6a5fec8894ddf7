"""``postsoviet runs export``: writes into the folder its help names, all files or none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run_postsoviet

from postsoviet.cli.common import atomic_files
from postsoviet.errors import PostsovietError

TABLES = ("runs", "inputs", "draws", "outputs", "summaries", "indices")


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> tuple[str, str]:
    """A store holding one small sampled run, and the run's id."""
    store = str(tmp_path_factory.mktemp("store") / "runs.duckdb")
    done = run_postsoviet(
        "scenario", "run", "baseline", "--samples", "2", "--models", "exposure",
        "--store", store, "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return store, json.loads(done.stdout)["run_id"]


def _export(stored: tuple[str, str], out: Path):
    store, run_id = stored
    return run_postsoviet("runs", "export", run_id, "--format", "csv", "--out", str(out),
                          "--store", store)  # fmt: skip


def test_export_writes_every_table_into_a_new_or_existing_folder(stored, tmp_path):
    run_id = stored[1]
    for out in (tmp_path / "new" / "folder", tmp_path):
        done = _export(stored, out)
        assert done.returncode == 0, done.stderr
        assert sorted(p.name for p in out.glob(f"{run_id}_*.csv")) == sorted(
            f"{run_id}_{t}.csv" for t in TABLES
        )
        assert not list(out.glob(".postsoviet-*"))


def test_export_to_a_file_is_a_clear_error(stored, tmp_path):
    out = tmp_path / "export.csv"
    out.write_text("mine\n")
    done = _export(stored, out)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"error: option '--out': '{out}' is not a folder (expected a folder to write into)"
    )
    assert out.read_text() == "mine\n"


def test_an_export_refused_on_one_file_writes_none(stored, tmp_path):
    """A link where the last table goes is refused, and the tables before it are not written."""
    run_id = stored[1]
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep\n")
    (tmp_path / f"{run_id}_indices.csv").symlink_to(elsewhere)
    done = _export(stored, tmp_path)
    assert done.returncode == 2
    assert "is a symbolic link" in done.stderr
    assert {p.name for p in tmp_path.iterdir()} == {"elsewhere.txt", f"{run_id}_indices.csv"}
    assert elsewhere.read_text() == "keep\n"


def test_files_written_before_a_failure_never_appear(tmp_path):
    with (
        pytest.raises(KeyboardInterrupt),
        atomic_files(tmp_path, ["a.csv", "b.csv"], option="--out") as parts,
    ):
        parts["a.csv"].write_text("a\n")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    folder = blocker / "sub"
    with (
        pytest.raises(PostsovietError, match="cannot write into"),
        atomic_files(folder, ["a.csv"], option="--out"),
    ):
        pass

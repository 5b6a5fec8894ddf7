"""Start-up: --help and --version, of the program and of every command, answer without importing
pandas or the models; numba's cache always has a writable home."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import typer.main

from postsoviet import numba_cache
from postsoviet.cli.app import app
from postsoviet.cli.catalogue import COMMANDS, HELP
from postsoviet.cli.main import main

PACKAGE = Path(numba_cache.__file__).parent

LIGHT = (
    "import sys\nfrom postsoviet.cli.main import main\ntry:\n    main(['--help'])\n"
    "except SystemExit:\n    pass\n"
    "heavy = sorted(m for m in ('scipy', 'numba', 'plotly', 'duckdb', 'pandas', 'postsoviet.models')"
    " if m in sys.modules); print(heavy)"
)


def test_the_catalogue_lists_the_full_applications_commands_in_order():
    full = typer.main.get_command(app)
    listed = [
        (name, full.get_command(None, name).get_short_help_str(limit=300))
        for name in full.list_commands(None)
    ]
    assert listed == list(COMMANDS)
    assert full.help == HELP


def test_help_imports_none_of_the_heavy_modules():
    result = subprocess.run(
        [sys.executable, "-c", LIGHT], capture_output=True, text=True, timeout=120, check=True
    )
    assert "Usage: postsoviet" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"


# Every command's --help in one fresh process, through the console script's entry point: whatever
# any of them imported is still in sys.modules at the end.
EVERY_HELP = """
import sys
import typer.main
from postsoviet.cli.app import app
from postsoviet.cli.main import main

def paths(command, prefix):
    yield prefix
    if hasattr(command, "list_commands"):
        for name in command.list_commands(None):
            yield from paths(command.get_command(None, name), [*prefix, name])

failed = []
for path in paths(typer.main.get_command(app), []):
    try:
        main([*path, "--help"])
    except SystemExit as stop:
        if stop.code:
            failed.append(path)
heavy = ("pandas", "numpy", "scipy", "numba", "duckdb", "dask", "plotly", "uvicorn", "fastapi")
ours = ("postsoviet.models.", "postsoviet.forecasts", "postsoviet.runs", "postsoviet.scenarios.run",
        "postsoviet.reports.", "postsoviet.serve.app", "postsoviet.data", "postsoviet.world")
loaded = sorted(m for m in sys.modules if m.split(".")[0] in heavy or m.startswith(ours))
print(failed, sorted({m.split(".")[0] if m.split(".")[0] in heavy else m for m in loaded}))
"""


def test_every_commands_help_imports_neither_pandas_nor_the_models():
    result = subprocess.run(
        [sys.executable, "-c", EVERY_HELP], capture_output=True, text=True, timeout=300, check=True
    )
    for usage in ("world show", "runs export", "scenario run", "forecast", "report", "serve"):
        assert f"Usage: postsoviet {usage} [OPTIONS]" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[] []"


def test_version_prints_the_package_version(capsys):
    main(["--version"])
    assert capsys.readouterr().out == "postsoviet 0.1.0\n"


def test_numba_cache_moves_to_a_private_temp_folder_when_nothing_else_is_writable(
    monkeypatch, tmp_path
):
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(numba_cache.tempfile, "tempdir", None)
    monkeypatch.setattr(numba_cache, "_writable", lambda folder: False)
    folder = numba_cache.ensure_cache_dir()
    assert folder == str(tmp_path / f"postsoviet-numba-{os.getuid()}")
    assert os.environ["NUMBA_CACHE_DIR"] == folder
    assert os.stat(folder).st_mode & 0o777 == 0o700


def test_numba_cache_is_left_alone_when_the_user_chose_one_or_a_default_works(monkeypatch):
    monkeypatch.setenv("NUMBA_CACHE_DIR", "/somewhere")
    assert numba_cache.ensure_cache_dir() == "/somewhere"
    monkeypatch.delenv("NUMBA_CACHE_DIR")
    monkeypatch.setattr(numba_cache, "_writable", lambda folder: True)
    assert numba_cache.ensure_cache_dir() is None
    assert "NUMBA_CACHE_DIR" not in os.environ


def test_a_missing_home_is_not_a_writable_cache(monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    assert numba_cache._user_cache() is None


def test_a_home_that_cannot_be_written_breaks_neither_help_nor_a_command(tmp_path):
    """Nowhere numba looks for a cache can be written, even by root (for whom chmod stops
    nothing): HOME lies under a regular file, and in a copy of the package the folders numba
    caches in beside the sources are regular files; NUMBA_CACHE_DIR is not set. ``--help`` and an
    alignment, which loads the numba-compiled landscape, still succeed, the cache moved to a
    private temporary folder (:mod:`postsoviet.numba_cache`)."""
    package = tmp_path / "src" / "postsoviet"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    for folder in numba_cache.CACHED:
        (package / folder / "__pycache__").write_text("")
    blocker = tmp_path / "file"
    blocker.write_text("")
    (tmp_path / "tmp").mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in (
            "NUMBA_CACHE_DIR",
            "POSTSOVIET_CACHE_DIR",
            "XDG_CACHE_HOME",
            "XDG_DATA_HOME",
            "XDG_CONFIG_HOME",
        )
    }
    env |= {
        "HOME": str(blocker / "home"),
        "TMPDIR": str(tmp_path / "tmp"),
        "PYTHONPATH": str(tmp_path / "src"),
    }
    actors = tmp_path / "actors.csv"
    actors.write_text("actor,size\nA,1\nB,2\nC,1\n")
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("actor_a,actor_b,propensity\nA,B,1\nB,C,-1\nA,C,-1\n")
    script = str(Path(sys.executable).parent / "postsoviet")
    align = ["align", "--actors", str(actors), "--propensities", str(pairs), "--json"]
    for args in (["--help"], align):
        done = subprocess.run(
            [script, *args], capture_output=True, text=True, env=env, timeout=300, check=False
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
    assert '"energy": -6.0' in done.stdout
    assert list((tmp_path / "tmp" / f"postsoviet-numba-{os.getuid()}").rglob("*.nbi"))


def test_every_numba_cached_function_lives_where_numba_cache_looks():
    """numba caches a ``cache=True`` function beside its source; numba_cache checks those folders."""
    cached = {
        path.parent.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "cache=True" in path.read_text(encoding="utf-8") and path.name != "numba_cache.py"
    }
    assert cached == set(numba_cache.CACHED)

"""``postsoviet align --actors FILE --propensities FILE``, run through the real console script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import command

DATA = Path(__file__).parents[1] / "data" / "landscape"
SIZES_1936 = DATA / "wwii_1936_sizes.csv"
PROPENSITIES_1936 = DATA / "wwii_1936_propensities_RECONSTRUCTED.csv"
GOOD_ACTORS = "actor,size\nA,1\nB,2\nC,3\n"
GOOD_PAIRS = "actor_a,actor_b,propensity\nA,B,1\nB,C,-1\n"


run = command("align")


def files(tmp_path: Path, actors: str, pairs: str) -> tuple[str, str]:
    (tmp_path / "actors.csv").write_text(actors, encoding="utf-8")
    (tmp_path / "pairs.csv").write_text(pairs, encoding="utf-8")
    return "--actors", str(tmp_path / "actors.csv"), "--propensities", str(tmp_path / "pairs.csv")


def test_json_has_the_documented_shape_for_the_realist_great_powers(tmp_path):
    """Axelrod & Bennett (1993) p. 224: all propensities -1 give 4 stable configurations."""
    powers = {"Britain": 7.45, "France": 5.32, "Germany": 11.49, "Italy": 4.03, "USSR": 15.01}
    actors = "actor,size\n" + "".join(f"{a},{s}\n" for a, s in powers.items())
    names = list(powers)
    pairs = "actor_a,actor_b,propensity\n" + "".join(
        f"{a},{b},-1\n" for i, a in enumerate(names) for b in names[i + 1 :]
    )
    result = run(*files(tmp_path, actors, pairs), "--json")
    assert result.returncode == 0, result.stderr
    shape = json.loads(result.stdout)
    assert list(shape) == ["configurations"]
    configs = shape["configurations"]
    assert len(configs) == 4
    assert all(list(c) == ["energy", "coalitions", "basin_share", "global"] for c in configs)
    assert [c["energy"] for c in configs] == sorted(c["energy"] for c in configs)
    assert [c["global"] for c in configs] == [True, False, False, False]
    assert sum(c["basin_share"] for c in configs) == pytest.approx(1.0)
    assert configs[0]["coalitions"] == [["Britain", "USSR"], ["France", "Germany", "Italy"]]
    assert configs[0]["energy"] == pytest.approx(-2 * (7.45 + 15.01) * (5.32 + 11.49 + 4.03))


def test_table_lists_the_reconstructed_1936_minimum():
    result = run("--actors", str(SIZES_1936), "--propensities", str(PROPENSITIES_1936))
    assert result.returncode == 0, result.stderr
    assert "all 65536 configurations" in result.stdout
    assert "| Soviet Union" in result.stdout
    assert "100.0%" in result.stdout


def test_heuristic_with_three_coalitions_runs_from_a_seed():
    args = ("--actors", str(SIZES_1936), "--propensities", str(PROPENSITIES_1936))
    first = run(*args, "--coalitions", "3", "--heuristic", "--restarts", "500", "--json")
    again = run(*args, "--coalitions", "3", "--heuristic", "--restarts", "500", "--json")
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout
    assert max(len(c["coalitions"]) for c in json.loads(first.stdout)["configurations"]) == 3


def test_pairs_not_listed_are_zero_and_either_order_is_accepted(tmp_path):
    pairs = "actor_a,actor_b,propensity\nB,A,1\nA,B,1\nC,B,-1\n"
    result = run(*files(tmp_path, GOOD_ACTORS, pairs), "--json")
    assert result.returncode == 0, result.stderr
    configs = json.loads(result.stdout)["configurations"]
    assert [c["coalitions"] for c in configs] == [[["A", "B"], ["C"]]]


@pytest.mark.parametrize(
    ("actors", "pairs", "message"),
    [
        (
            GOOD_ACTORS,
            "actor_a,actor_b,propensity\nA,B,1\nA,Z,1\n",
            "pairs.csv, row 3, field 'actor_b': actor 'Z' is not in the actors file",
        ),
        (
            GOOD_ACTORS,
            "actor_a,actor_b,propensity\nA,B,lots\n",
            "pairs.csv, row 2, field 'propensity': expected a number, got 'lots'",
        ),
        (
            "actor_a,size\nA,1\n",
            GOOD_PAIRS,
            "actors.csv: missing column 'actor' (expected columns actor,size)",
        ),
        (
            "actor,size\nA,1\nB,-2\n",
            GOOD_PAIRS,
            "actors.csv, row 3, field 'size': expected a size > 0, got -2",
        ),
        (
            "actor,size\nA,1\nB,big\n",
            GOOD_PAIRS,
            "actors.csv, row 3, field 'size': expected a number, got 'big'",
        ),
        (
            "actor,size\nA,1\nA,2\n",
            GOOD_PAIRS,
            "actors.csv, row 3, field 'actor': duplicate actor 'A' (first on row 2)",
        ),
        (
            GOOD_ACTORS,
            "actor_a,actor_b,propensity\nA,B,1\nB,A,2\n",
            "pairs.csv, row 3, field 'propensity': pair 'B'-'A' is 2 here but 1 on row 2",
        ),
        (
            GOOD_ACTORS,
            "actor_a,actor_b,propensity\nA,A,1\n",
            "pairs.csv, row 2, field 'actor_b': an actor has no propensity with itself ('A')",
        ),
        ("actor,size\nA,1\n", GOOD_PAIRS, "actors.csv: expected at least 2 actors, got 1"),
    ],
)
def test_bad_input_gets_a_one_line_error(tmp_path, actors, pairs, message):
    result = run(*files(tmp_path, actors, pairs))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_too_many_actors_for_exact_enumeration_asks_for_heuristic(tmp_path):
    names = [f"X{i}" for i in range(30)]
    actors = "actor,size\n" + "".join(f"{n},1\n" for n in names)
    pairs = "actor_a,actor_b,propensity\n" + "".join(
        f"{a},{b},{(-1) ** (i + j)}\n"
        for i, a in enumerate(names)
        for j, b in enumerate(names)
        if i < j
    )
    args = files(tmp_path, actors, pairs)
    refused = run(*args)
    assert refused.returncode != 0
    assert "30 actors in up to 2 coalitions are too many" in refused.stderr
    assert "add --heuristic" in refused.stderr
    sampled = run(*args, "--heuristic", "--restarts", "200", "--json")
    assert sampled.returncode == 0, sampled.stderr
    assert json.loads(sampled.stdout)["configurations"][0]["global"] is True


def test_restarts_past_the_limit_are_refused_before_any_work(tmp_path):
    args = files(tmp_path, "actor,size\nA,1\nB,1\n", "actor_a,actor_b,propensity\nA,B,1\n")
    refused = run(*args, "--heuristic", "--restarts", "1000000000")
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        "error: option '--restarts': expected an integer from 1 to 100,000, got 1,000,000,000"
    )


def test_missing_files_option_is_an_error():
    result = run("--actors", str(SIZES_1936))
    assert result.returncode != 0
    assert "expected --actors FILE and --propensities FILE" in result.stderr

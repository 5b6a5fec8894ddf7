"""Reading targets files: dates quoted or not, the bare ``on:`` key, per-target problems."""

from __future__ import annotations

import pandas as pd
import pytest

from postsoviet.errors import PostsovietError
from postsoviet.forecasts import read_resolutions, read_targets


def test_bare_on_key_and_unquoted_dates_are_read(targets_file):
    targets, problems = read_targets(
        targets_file(
            """
            targets:
              - id: T1
                asked_on: 2022-07-15
                quantity: membership.holds
                args: {actor: FIN, org: NATO, on: 2024-01-01}
            """
        )
    )
    assert problems == []
    assert targets[0].args["on"] == pd.Timestamp("2024-01-01")
    assert targets[0].asked_on == pd.Timestamp("2022-07-15")


def test_quoted_dates_and_defaults(targets_file):
    targets, _ = read_targets(
        targets_file(
            """
            targets:
              - id: T.2-b
                asked_on: "2022-07-15"
                quantity: membership.starts
                args: {actor: FIN, org: NATO, by: "2023-12-31"}
            """
        )
    )
    args = targets[0].args
    assert args["by"] == pd.Timestamp("2023-12-31")
    assert args["from"] == pd.Timestamp("2022-07-15")
    assert args["status"] == "member"


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ("quantity: nothing.at_all\n    args: {}", "quantity", "unknown quantity"),
        ("quantity: membership.holds\n    args: {actor: FIN, org: NATO, on: 2024-01-01, x: 1}", "args.x", "unknown argument"),
        ("quantity: membership.holds\n    args: {actor: FIN, org: NATO}", "args.on", "missing"),
        ("quantity: membership.holds\n    args: {actor: FIN, org: NATO, on: soon}", "args.on", "ISO date"),
        ("quantity: membership.holds\n    args: {actor: FIN, org: NATO, on: 2024-01-01}\n    event: {op: '>', value: 1}", "event", "numeric"),
        ("quantity: series.value\n    args: {series: s, subject: RUS, period: 2023}\n    event: {op: '!=', value: 1}", "event", "op"),
        ("quantity: series.value\n    args: {series: s, subject: RUS, period: 2023}\n    event: {op: '>', value: .inf}", "event", "finite"),
        ("quantity: event.occurs\n    args: {kind: loan, by: 2023-01-01, min_value: lots}", "args.min_value", "number"),
        ("quantity: leader.changes\n    args: {actor: RUS, by: 2025-12-31, office: foreign_minister}", "args.office", "defence_minister"),
        ("quantity: sanctions.new\n    args: {sender: EU, target: RUS, scope: weapons, by: 2023-01-01}", "args.scope", "transport"),
    ],
)  # fmt: skip
def test_a_broken_target_is_reported_and_the_others_answered(targets_file, body, field, words):
    text = f"""\
targets:
  - id: BAD
    asked_on: 2022-07-15
    {body}
  - id: GOOD
    asked_on: 2022-07-15
    quantity: leader.changes
    args: {{actor: KAZ, by: 2024-12-31}}
"""
    targets, problems = read_targets(targets_file(text))
    assert [t.id for t in targets] == ["GOOD"]
    assert len(problems) == 1
    assert problems[0].id == "BAD" and problems[0].field == field
    assert words in str(problems[0])


def test_numbers_yaml_leaves_as_text_are_read_as_numbers(targets_file):
    """YAML 1.1 reads ``6.0e10`` and ``1e9`` (an exponent without its sign) as text."""
    targets, problems = read_targets(
        targets_file(
            """
            targets:
              - id: gdp
                asked_on: 2022-07-15
                quantity: series.value
                args: {series: gdp_usd, subject: BLR, period: 2023}
                event: {op: ">", value: 6.0e10}
              - id: loan
                asked_on: 2022-07-15
                quantity: event.occurs
                args: {kind: loan, actors: [RUS, BLR], by: 2023-12-31, min_value: 1e9}
            """
        )
    )
    assert problems == []
    assert targets[0].event.value == 6.0e10
    assert targets[1].args["min_value"] == 1e9


def test_bad_and_duplicate_ids_are_problems(targets_file):
    targets, problems = read_targets(
        targets_file(
            """
            targets:
              - id: "a b"
                asked_on: 2022-07-15
                quantity: leader.changes
                args: {actor: KAZ, by: 2024-12-31}
              - id: A
                asked_on: 2022-07-15
                quantity: leader.changes
                args: {actor: KAZ, by: 2024-12-31}
              - id: A
                asked_on: 2022-07-15
                quantity: leader.changes
                args: {actor: KAZ, by: 2024-12-31}
            """
        )
    )
    assert [t.id for t in targets] == ["A"]
    assert [(p.id, p.field) for p in problems] == [("#1", "id"), ("A", "id")]


def test_how_a_question_was_written_is_read_per_target_or_for_the_file(targets_file):
    targets, problems = read_targets(
        targets_file(
            """
            origin: recalled
            targets:
              - id: A
                asked_on: 2022-07-15
                quantity: leader.changes
                args: {actor: KAZ, by: 2024-12-31}
              - id: B
                asked_on: 2022-07-15
                quantity: leader.changes
                args: {actor: KAZ, by: 2024-12-31}
                origin: posed
              - id: C
                asked_on: 2022-07-15
                quantity: leader.changes
                args: {actor: KAZ, by: 2024-12-31}
                origin: guessed
            """
        )
    )
    assert [(t.id, t.origin) for t in targets] == [("A", "recalled"), ("B", "posed")]
    assert [(p.id, p.field) for p in problems] == [("C", "origin")]
    assert "'guessed'" in str(problems[0]) and "posed" in str(problems[0])
    unsaid, _ = read_targets(
        targets_file(
            """
            targets:
              - {id: A, asked_on: 2022-07-15, quantity: leader.changes, args: {actor: KAZ, by: 2024-12-31}}
            """
        )
    )
    assert unsaid[0].origin is None


def test_a_file_origin_that_is_not_known_is_an_error(targets_file):
    with pytest.raises(PostsovietError, match=r"targets\.yaml.*'origin'.*posed.*'later'"):
        read_targets(targets_file("origin: later\ntargets: []\n"))


def test_a_file_without_targets_is_an_error(targets_file):
    with pytest.raises(PostsovietError, match="list under 'targets'"):
        read_targets(targets_file("nothing: here\n"))


def test_resolutions_read_outcomes(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("id,outcome,resolved_on,source\nA,1,2023-04-04,u\nB,false,,u\n")
    table = read_resolutions(path)
    assert list(table["outcome"]) == [1.0, 0.0]


def test_a_bad_outcome_names_row_and_field(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("id,outcome,resolved_on,source\nA,maybe,2023-04-04,u\n")
    with pytest.raises(PostsovietError, match="row 2, field 'outcome'"):
        read_resolutions(path)


@pytest.mark.parametrize(
    ("quantity", "name", "written", "read"),
    [
        ("sanctions.new", "scope", "oil", "energy"),
        ("sanctions.lifted", "scope", "Aviation", "transport"),
        ("sanctions.new", "scope", "financial", "financial"),
        ("sanctions.new", "scope", "LNG", "energy"),
        ("sanctions.new", "scope", "price cap", "energy"),
        ("sanctions.new", "scope", "potash", "trade"),
        ("sanctions.new", "scope", "food", "trade"),
        ("sanctions.new", "scope", "individual", "individuals"),
        ("sanctions.new", "scope", "dual-use", "technology"),
        ("sanctions.new", "scope", "economic", "sectoral"),
        # a phrase of which one word names a scope (the fourteenth blind set's P25)
        ("sanctions.new", "scope", "oil_majors_blocking", "energy"),
        ("sanctions.new", "scope", "banks and insurers", "financial"),
        # nuclear fuel is an energy import (the twenty-first blind set's W37)
        ("sanctions.new", "scope", "nuclear_fuel", "energy"),
        ("sanctions.new", "scope", "enriched uranium", "energy"),
        ("leader.changes", "office", "President", "head_of_state"),
        ("leader.changes", "office", "prime minister", "head_of_government"),
        ("leader.changes", "office", "Minister of Defense", "defence_minister"),
    ],
)
def test_everyday_words_for_a_scope_or_an_office(quantity, name, written, read):
    """The data's sanctions scopes and offices are few; the words people use for them are read
    as them (oil sanctions are energy sanctions, an airline ban a transport one)."""
    from postsoviet.forecasts.quantities import QUANTITIES

    base = (
        {"sender": "EU", "target": "RUS"} if quantity.startswith("sanctions") else {"actor": "RUS"}
    )
    args = QUANTITIES[quantity].parse(
        {**base, name: written, "by": "2025-12-31"}, pd.Timestamp("2022-07-15")
    )
    assert args[name] == read


def test_a_quoted_year_is_the_year(targets_file):
    """A period written ``"2022"`` is the year 2022 (its projection and annual value), not the
    day 2022-01-01; a quoted day stays a day."""
    targets, problems = read_targets(
        targets_file(
            """
            targets:
              - id: year
                asked_on: "2022-05-25"
                quantity: series.value
                args: {series: gdp_growth, subject: RUS, period: "2022"}
                event: {op: "<", value: -5.0}
              - id: day
                asked_on: "2022-05-25"
                quantity: series.value
                args: {series: brent_oil_price, subject: WLD, period: "2022-09-30"}
            """
        )
    )
    assert problems == []
    assert targets[0].args["period"] == 2022
    assert targets[1].args["period"] == pd.Timestamp("2022-09-30")


def test_a_phrase_naming_two_scopes_or_none_is_refused():
    """``oil and banks`` names two scopes and ``everything else`` none: both stay errors."""
    from postsoviet.forecasts.quantities import QUANTITIES, ArgumentError

    for written in ("oil and banks", "everything else"):
        with pytest.raises(ArgumentError, match="sanctions scope"):
            QUANTITIES["sanctions.new"].parse(
                {"sender": "EU", "target": "RUS", "scope": written, "by": "2025-12-31"},
                pd.Timestamp("2022-07-15"),
            )

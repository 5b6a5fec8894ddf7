"""vintage_rules.csv: every dated table has a rule, and a broken rule file names row and field."""

from __future__ import annotations

import pytest

from postsoviet.data.schema import DATED_TABLES
from postsoviet.data.vintage_rules import read_vintage_rules
from postsoviet.errors import DataError

HEADER = "table,variable,lag_days,basis,source,note\n"
STARS = "".join(f"{t},*,0,date,judgment,a reason\n" for t in DATED_TABLES)


def test_the_embedded_rules_cover_every_dated_table() -> None:
    rules = read_vintage_rules()
    assert {r.table for r in rules if r.variable == "*"} == set(DATED_TABLES)


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ("attributes,population,-3,year_end,judgment,x\n", "lag_days", "expected days >= 0"),
        ("attributes,population,3,sometime,judgment,x\n", "basis", "expected one of"),
        ("attributes,gdp,3,year_end,judgment,x\n", "variable", "expected '*' or a variable"),
        ("borders,*,0,date,judgment,x\n", "table", "expected one of"),
        ("attributes,population,3,year_end,judgment,\n", "note", "expected text"),
    ],
)
def test_a_broken_rule_is_named_by_row_and_field(tmp_path, row, field, message) -> None:
    path = tmp_path / "rules.csv"
    path.write_text(HEADER + STARS + row, encoding="utf-8")
    with pytest.raises(DataError) as error:
        read_vintage_rules(path)
    problem = error.value.problems[0]
    assert (problem.row, problem.field) == (len(DATED_TABLES) + 2, field)
    assert message in problem.message


def test_a_dated_table_without_a_star_rule_is_a_problem(tmp_path) -> None:
    path = tmp_path / "rules.csv"
    path.write_text(HEADER + STARS.replace("events,*,0,date,judgment,a reason\n", ""))
    with pytest.raises(DataError, match="expected a '\\*' rule for table 'events'"):
        read_vintage_rules(path)

"""The ISO 3166-2 subdivisions list: its shape, its exclusions, and errors that name the row."""

from __future__ import annotations

import pytest

from postsoviet.data.subdivisions import read_subdivisions
from postsoviet.errors import DataError


def test_the_shipped_list_covers_the_states_and_leaves_out_contested_ones():
    table = read_subdivisions()
    assert table["code"].is_unique
    assert set(table["state"]) == {
        "ARM", "AZE", "BLR", "EST", "FIN", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "POL",
        "RUS", "TJK", "TKM", "UZB",
    }  # fmt: skip
    # every code starts with its state's ISO 3166-1 alpha-2 code (KAZ: KZ-...)
    assert all(code[2] == "-" for code in table["code"])
    assert {"KZ-23", "LT-AL", "PL-20", "BY-MI", "RU-BRY"} <= set(table["code"])
    # held in part by another controller since 1991 (data/reference/README.md)
    assert {"AZ-XA", "AZ-SUS", "GE-SK", "MD-BD", "RU-CE", "AM-SU"}.isdisjoint(table["code"])


def test_a_bad_row_is_named(tmp_path):
    bad = tmp_path / "subdivisions.csv"
    bad.write_text("code,name,type,state\nKZ-23,Atyrau,Region,KAZ\nKZ23,Nowhere,Region,KZ\n")
    with pytest.raises(DataError, match=r"row 3, field 'code'.*ISO 3166-2"):
        read_subdivisions(bad)


def test_a_missing_column_is_named(tmp_path):
    bad = tmp_path / "subdivisions.csv"
    bad.write_text("code,name,type\nKZ-23,Atyrau,Region\n")
    with pytest.raises(DataError, match=r"field 'state'"):
        read_subdivisions(bad)

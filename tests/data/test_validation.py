"""Every validation rule has a broken fixture that triggers it, and a test that reads its message.

Each case is an overlay folder of one or two small CSV files laid over the embedded data; the
expected problem names the file, the CSV line (header = line 1), the field and the message.
"""

from __future__ import annotations

import pytest

from postsoviet.data import check_folder
from postsoviet.errors import DataError
from postsoviet.world import load_world

ATTR = "iso3,year,variable,value,unit,source,note\n"
MEMB = "iso3,organization,status,joined,left,source,note\n"
ORG = "code,name,founded,source,note\nTESTORG,Test organisation,1990-01-01,iso3166_m49,\n"
BORD = "a,b,km,source,note\n"
SRC = "id,title,publisher,url,published,accessed,note\n"

CASES = {
    "wrong type (year)": (
        {"attributes.csv": ATTR + "RUS,20x1,population,1,persons,iso3166_m49,\n"},
        ("attributes.csv", 2, "year", "expected a four-digit year, got '20x1'"),
    ),
    "wrong type (number)": (
        {"attributes.csv": ATTR + "RUS,2021,population,many,persons,iso3166_m49,\n"},
        ("attributes.csv", 2, "value", "expected a number, got 'many'"),
    ),
    "bad date": (
        {
            "organizations.csv": ORG,
            "memberships.csv": MEMB + "RUS,TESTORG,member,2021-02-30,,iso3166_m49,\n",
        },
        ("memberships.csv", 2, "joined", "expected an ISO date YYYY-MM-DD, got '2021-02-30'"),
    ),
    "unknown ISO3": (
        {"attributes.csv": ATTR + "XYZ,2021,population,1,persons,iso3166_m49,\n"},
        ("attributes.csv", 2, "iso3", "unknown code 'XYZ': expected an actor listed in actors.csv"),
    ),
    "malformed ISO3": (
        {"attributes.csv": ATTR + "Rus,2021,population,1,persons,iso3166_m49,\n"},
        ("attributes.csv", 2, "iso3", "expected an ISO3 code of three capital letters, got 'Rus'"),
    ),
    "duplicate row": (
        {
            "attributes.csv": ATTR
            + "RUS,2021,population,1,persons,iso3166_m49,\nRUS,2021,population,2,persons,iso3166_m49,\n"
        },
        (
            "attributes.csv",
            3,
            None,
            "duplicate row: (iso3, year, variable) = (RUS, 2021, population)",
        ),
    ),
    "missing source": (
        {"attributes.csv": ATTR + "RUS,2021,population,1,persons,,\n"},
        ("attributes.csv", 2, "source", "is empty: expected a value"),
    ),
    "unknown source": (
        {"attributes.csv": ATTR + "RUS,2021,population,1,persons,nowhere,\n"},
        (
            "attributes.csv",
            2,
            "source",
            "unknown source 'nowhere': expected an id from sources.csv",
        ),
    ),
    "judgment without reasoning": (
        {"attributes.csv": ATTR + "RUS,2021,population,1,persons,judgment,\n"},
        ("attributes.csv", 2, "note", "a 'judgment' row needs its reasoning in the note column"),
    ),
    "negative population": (
        {"attributes.csv": ATTR + "RUS,2021,population,-5,persons,iso3166_m49,\n"},
        ("attributes.csv", 2, "value", "expected population >= 1, got -5"),
    ),
    "share above one": (
        {"attributes.csv": ATTR + "KAZ,2021,ethnic_russian_share,15.5,fraction,iso3166_m49,\n"},
        ("attributes.csv", 2, "value", "expected ethnic_russian_share [0, 1], got 15.5"),
    ),
    "unknown variable": (
        {"attributes.csv": ATTR + "KAZ,2021,populaton,1,persons,iso3166_m49,\n"},
        ("attributes.csv", 2, "variable", "unknown variable 'populaton'"),
    ),
    "wrong unit": (
        {"attributes.csv": ATTR + "KAZ,2021,population,1,people,iso3166_m49,\n"},
        ("attributes.csv", 2, "unit", "expected unit 'persons' for population, got 'people'"),
    ),
    "border listed one way only": (
        {"borders.csv": BORD + "ARM,KGZ,10,iso3166_m49,\n"},
        ("borders.csv", 2, None, "border ARM-KGZ is listed one way only: expected a row KGZ,ARM"),
    ),
    "border with two lengths": (
        {"borders.csv": BORD + "ARM,KGZ,10,iso3166_m49,\nKGZ,ARM,12,iso3166_m49,\n"},
        ("borders.csv", 2, "km", "border ARM-KGZ has two lengths: 10 km here, 12 km as KGZ,ARM"),
    ),
    "border with itself": (
        {"borders.csv": BORD + "ARM,ARM,10,iso3166_m49,\n"},
        ("borders.csv", 2, "b", "a border of 'ARM' with itself"),
    ),
    "left before joined": (
        {
            "organizations.csv": ORG,
            "memberships.csv": MEMB + "RUS,TESTORG,member,2020-01-01,2019-12-31,iso3166_m49,\n",
        },
        (
            "memberships.csv",
            2,
            "left",
            "left before joined: left 2019-12-31 is before joined 2020-01-01",
        ),
    ),
    "unknown organisation": (
        {"memberships.csv": MEMB + "RUS,NOPE,member,2020-01-01,,iso3166_m49,\n"},
        ("memberships.csv", 2, "organization", "unknown organisation 'NOPE'"),
    ),
    "unknown status": (
        {
            "organizations.csv": ORG,
            "memberships.csv": MEMB + "RUS,TESTORG,friend,2020-01-01,,iso3166_m49,\n",
        },
        ("memberships.csv", 2, "status", "expected one of ['member', 'associate'"),
    ),
    "vote outside yes/no/abstain/absent": (
        {
            "resolutions.csv": "resolution,date,title,yes,no,abstain,absent,source\nT/1,2022-03-02,Test,1,0,0,0,iso3166_m49\n",
            "votes.csv": "resolution,iso3,vote,source,note\nT/1,RUS,maybe,iso3166_m49,\n",
        },
        ("votes.csv", 2, "vote", "expected one of ['yes', 'no', 'abstain', 'absent'], got 'maybe'"),
    ),
    "projection of a rate the world does not hold": (
        {
            "projections.csv": "series,subject,period,published,value,unit,edition,source,note\n"
            "gdp_usd,RUS,2022,2022-04-19,1,percent,IMF World Economic Outlook,iso3166_m49,\n"
        },
        (
            "projections.csv",
            2,
            "series",
            "expected one of ['gdp_growth_pct', 'inflation_cpi_pct'], got 'gdp_usd'",
        ),
    ),
    "source without URL": (
        {"sources.csv": SRC + "s1,Title,Publisher,www.example.org,2020,,\n"},
        ("sources.csv", 2, "url", "expected a URL starting with http:// or https://"),
    ),
    "source without a date": (
        {"sources.csv": SRC + "s1,Title,Publisher,https://example.org,,,\n"},
        (
            "sources.csv",
            2,
            "published",
            "expected a publication date (or year) or an accessed date",
        ),
    ),
    "area share above one": (
        {
            "region_control.csv": "region,since,controller,backer,until,area_share,source,note\n"
            "kaliningrad,1991-12-26,RUS,,,1.5,iso3166_m49,\n",
            "regions.csv": "id,name,kind,de_jure,iso3166_2,source,note\nkaliningrad,Kaliningrad,exclave,RUS,RU-KGD,iso3166_m49,\n",
        },
        ("region_control.csv", 2, "area_share", "expected a share in [0, 1], got 1.5"),
    ),
    "region with unknown de jure state": (
        {
            "regions.csv": "id,name,kind,de_jure,iso3166_2,source,note\natlantis,Atlantis,oblast,ATL,,iso3166_m49,\n"
        },
        ("regions.csv", 2, "de_jure", "unknown code 'ATL'"),
    ),
    "event completion above one": (
        {
            "events.csv": "id,date,kind,actors,title,completion,source,note\n"
            "e1,2021-11-04,union_state_programme,RUS;BLR,Programmes,1.2,iso3166_m49,\n"
        },
        ("events.csv", 2, "completion", "expected a share in [0, 1], got 1.2"),
    ),
    "event with unknown actor": (
        {
            "events.csv": "id,date,kind,actors,title,completion,source,note\n"
            "e1,2021-11-04,union_state_programme,RUS;XYZ,Programmes,,iso3166_m49,\n"
        },
        ("events.csv", 2, "actors", "unknown code 'XYZ'"),
    ),
    "series subject neither an actor nor the world": (
        {
            "series.csv": "series,subject,counterpart,date,value,unit,source,note\n"
            "brent_usd_per_bbl,WRLD,,2021-12-31,70.86,USD/bbl,iso3166_m49,\n"
        },
        ("series.csv", 2, "subject", "WLD (the world as a whole)"),
    ),
    "event side names an actor not in the event": (
        {
            "events.csv": "id,date,kind,actors,title,completion,source,note,sides\n"
            "e1,2021-11-04,armed_clash,RUS;UKR,Clash,,iso3166_m49,,RUS|BLR\n"
        },
        ("events.csv", 2, "sides", "'BLR' is not among the event's actors"),
    ),
    "event sides without a bar": (
        {
            "events.csv": "id,date,kind,actors,title,completion,source,note,sides\n"
            "e1,2021-11-04,armed_clash,RUS;UKR,Clash,,iso3166_m49,,RUS;UKR\n"
        },
        ("events.csv", 2, "sides", "expected two sides separated by '|'"),
    ),
    "sanctions relief without a sender": (
        {
            "events.csv": "id,date,kind,actors,title,completion,source,note,tags\n"
            "e1,2021-11-04,sanctions_relief,BLR,Relief,,iso3166_m49,,aviation\n"
        },
        ("events.csv", 2, "actors", "a sanctions relief needs its sender and target"),
    ),
    "unknown series": (
        {
            "series.csv": "series,subject,counterpart,date,value,unit,source,note\n"
            "gas_price,BLR,RUS,2021-01-01,128,USD/1000m3,iso3166_m49,\n"
        },
        ("series.csv", 2, "series", "unknown series 'gas_price'"),
    ),
    "series subject unknown": (
        {
            "series.csv": "series,subject,counterpart,date,value,unit,source,note\n"
            "military_aid_usd,UKR,ATLANTIS,2023-12-31,1,USD,iso3166_m49,\n"
        },
        ("series.csv", 2, "counterpart", "unknown code 'ATLANTIS': expected an actor, a region"),
    ),
    "sanction scope unknown": (
        {
            "sanctions.csv": "id,date,sender,target,name,scope,source,note\n"
            "s1,2022-02-23,EU,RUS,Package 1,harsh,iso3166_m49,\n"
        },
        ("sanctions.csv", 2, "scope", "expected one of ['financial'"),
    ),
    "missing column": (
        {"attributes.csv": "iso3,year,variable,value,source,note\n"},
        ("attributes.csv", 1, "unit", "missing column: expected it in the header"),
    ),
    "unknown column": (
        {"attributes.csv": ATTR.strip() + ",extra\n"},
        ("attributes.csv", 1, "extra", "unknown column"),
    ),
    "row with too few cells": (
        {"attributes.csv": ATTR + "RUS,2021,population\n"},
        ("attributes.csv", 2, None, "has 3 cells: expected 7 like the header"),
    ),
    "misspelt file name": (
        {"atributes.csv": ATTR},
        ("atributes.csv", None, None, "unknown data file: expected one of"),
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_broken_fixture_gets_one_clear_message(write_folder, case):
    files, (filename, row, field, message) = case
    folder = write_folder(files)
    problems = check_folder(folder)
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert problem.file == f"{folder}/{filename}"
    assert problem.row == row
    assert problem.field == field
    assert message in problem.message
    assert str(problem).startswith(f"{folder}/{filename}")


def test_all_problems_are_reported_at_once(write_folder):
    folder = write_folder(
        {
            "attributes.csv": ATTR + "XYZ,2021,population,1,persons,iso3166_m49,\n"
            "RUS,2021,population,-1,persons,iso3166_m49,\n",
            "borders.csv": BORD + "ARM,KGZ,10,iso3166_m49,\n",
        }
    )
    problems = check_folder(folder)
    assert [(p.file.rsplit("/", 1)[1], p.row) for p in problems] == [
        ("attributes.csv", 2),
        ("borders.csv", 2),
        ("attributes.csv", 3),
    ]


def test_loading_broken_data_raises_data_error_listing_every_problem(write_folder):
    folder = write_folder({"attributes.csv": ATTR + "XYZ,2021,population,-1,persons,nowhere,\n"})
    with pytest.raises(DataError) as raised:
        load_world(folder)
    assert len(raised.value.problems) == 3
    assert "and 2 more problems" in str(raised.value)


def test_missing_folder_is_a_problem(tmp_path):
    problems = check_folder(tmp_path / "absent")
    assert [p.message for p in problems] == ["is not a folder: expected a data folder"]


def test_folder_without_data_files_is_a_problem(tmp_path):
    problems = check_folder(tmp_path)
    assert [p.message for p in problems] == ["holds no .csv data files"]


def test_embedded_data_has_no_problems():
    assert check_folder_embedded() == []


def check_folder_embedded():
    from postsoviet.data import collect_tables

    return [str(p) for p in collect_tables()[1]]

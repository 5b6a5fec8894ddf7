"""Shipped values checked by hand against the sources they cite (2026-11-25).

Each case records what was read in the cited source; the test keeps the shipped value from drifting
away from it. How each was checked:
- population: World Bank SP.POP.TOTL rows in the datasets/population mirror (data/population.csv);
- military expenditure: SIPRI Milex 1949-2024 workbook, sheet "Current US$" (US$ m, times 1e6);
- borders: CIA World Factbook, Russia, "Land boundaries" (factbook.json mirror, 2026-01-22);
- ES-11/1 votes: the per-country list of A/RES/ES-11/1 (141 yes, 5 no, 35 abstain, 12 absent);
- accession dates: NATO's own pages (Finland 4 April 2023, Sweden 7 March 2024);
- events (2026-11-30): UCDP BRD 24.1 dyad-year rows (BattleDeaths_v24_1.csv: dyad_id, year, bd_best),
  CoW MID 5.0 incidents (MIDI 5.0.csv and MIDIP 5.0.csv: start day, action, participants and side A),
  ATOP 4.01 alliances (atop-alliance-level.csv: begyr, begmo, begday; atop-member-level.csv: members),
  ParlGov cabinets (view_cabinet.csv: election_date), GPTAD agreements (GPTAD.csv: members, Date.of.Signature) and the Kyiv Independent on the end of the
  Karabakh withdrawal (12 June 2024, per Azerbaijan's defence ministry).
"""

from __future__ import annotations

import pandas as pd
import pytest

ATTRIBUTES = [
    ("RUS", 2021, "population", 144_746_762),
    ("KAZ", 2021, "population", 19_743_603),
    ("BLR", 2024, "population", 9_132_629),
    ("RUS", 2021, "milex_usd", 65_907_705_047),
    ("RUS", 2024, "milex_usd", 148_967_275_140),
    ("UKR", 2024, "milex_usd", 64_704_990_025),
    ("POL", 2024, "milex_usd", 38_000_728_652),
    ("KAZ", 2024, "milex_usd", 1_208_967_906),
]
BORDERS = [("RUS", "KAZ", 7644), ("RUS", "FIN", 1309), ("RUS", "NOR", 191), ("RUS", "BLR", 1312)]
BORDERS += [("kaliningrad", "LTU", 261), ("kaliningrad", "POL", 209), ("RUS", "UKR", 1944)]
ES_11_1 = {"BLR": "no", "RUS": "no", "KAZ": "abstain", "CHN": "abstain", "UZB": "absent"}
ES_11_1 |= {"AZE": "absent", "TKM": "absent", "GEO": "yes", "UKR": "yes"}
# id, date, kind, actors (initiator or side A first), value (deaths) or None
EVENTS = [
    ("ev_ucdp_brd_852_1995", "1995-12-31", "armed_clash", "RUS", 1754),
    ("ev_ucdp_brd_841_1992", "1992-12-31", "armed_clash", "MDA", 585),
    ("ev_ucdp_brd_833_2020", "2020-12-31", "armed_clash", "AZE;TUR;ARM", 7646),
    ("ev_ucdp_brd_14117_2022", "2022-12-31", "armed_clash", "RUS;UKR", 91723),
    ("ev_ucdp_brd_14236_2022", "2022-12-31", "armed_clash", "KGZ;TJK", 150),
    ("ev_mid_3561001", "1992-06-13", "armed_clash", "RUS;GEO", 15),
    ("ev_mid_4436005", "2008-04-20", "attack", "RUS;GEO", None),
    ("ev_mid_4436006", "2008-08-07", "armed_clash", "GEO;RUS", None),
    ("ev_mid_4682001", "2014-04-02", "mobilization", "UKR;RUS", None),
    ("ev_atop_4470", "1993-05-25", "treaty", "RUS;TJK", None),
    ("ev_atop_4115", "1991-12-06", "treaty", "HUN;RUS", None),
    ("ev_ucdp_brd_14620_2016", "2016-12-31", "armed_clash", "IRN;RUS", 10903),
    ("ev_parlgov_pol_2015_10_25", "2015-10-25", "election", "POL", None),
    ("ev_gptad_georgia_russia_1994", "1994-02-03", "treaty", "GEO;RUS", None),
    ("ev_gptad_russian_federation_ukraine_1993", "1993-06-24", "treaty", "RUS;UKR", None),
    (
        "ev_gptad_eurasian_economic_community_eaec_1996",
        "1996-03-29",
        "treaty",
        "BLR;KAZ;KGZ;RUS;TJK",
        None,
    ),
    ("ev_nk_2024_06_12", "2024-06-12", "troop_withdrawal", "RUS;AZE", None),
]


@pytest.mark.parametrize(("iso3", "year", "variable", "expected"), ATTRIBUTES)
def test_attribute_matches_its_source(world, iso3, year, variable, expected):
    attributes = world.attributes.set_index(["iso3", "year", "variable"])["value"]
    assert attributes[(iso3, year, variable)] == pytest.approx(expected, abs=1.0)


@pytest.mark.parametrize(("a", "b", "km"), BORDERS)
def test_border_length_matches_the_factbook(world, a, b, km):
    borders = world.borders.set_index(["a", "b"])["km"]
    assert borders[(a, b)] == km


def test_es_11_1_votes_match_the_record(world):
    votes = world.votes.query("resolution == 'ES-11/1'").set_index("iso3")["vote"]
    assert {iso3: votes[iso3] for iso3 in ES_11_1} == ES_11_1


@pytest.mark.parametrize(("iso3", "joined"), [("FIN", "2023-04-04"), ("SWE", "2024-03-07")])
def test_nato_accession_dates(world, iso3, joined):
    rows = world.memberships.query(
        "iso3 == @iso3 and organization == 'NATO' and status == 'member'"
    )
    assert list(rows["joined"]) == [pd.Timestamp(joined)]


@pytest.mark.parametrize(("event", "day", "kind", "actors", "value"), EVENTS)
def test_event_matches_its_source(world, event, day, kind, actors, value):
    row = world.events.set_index("id").loc[event]
    assert (row["date"], row["kind"], row["actors"]) == (pd.Timestamp(day), kind, actors)
    if value is not None:
        assert float(row["value"]) == value

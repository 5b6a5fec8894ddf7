"""Settlements as places, sanctions' liftings and events' tags and values, hand-checked on the data."""

from __future__ import annotations

import pandas as pd
import pytest
from resolving import D, outcome

from postsoviet.forecasts.forecast import forecast_targets
from postsoviet.forecasts.history import generate
from postsoviet.forecasts.quantities import QUANTITIES
from postsoviet.forecasts.targets import Target
from postsoviet.models.event_hazard import places
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import facts_of
from postsoviet.models.event_hazard.world_models import p_world


@pytest.mark.parametrize(
    ("place", "on", "expected"),
    [
        # settlement_control.csv: Bakhmut RUS from 2023-05-20; Kherson RUS 2022-03-02 to 2022-11-11
        ("UKR:Bakhmut", "2023-06-01", True),
        ("UKR:Bakhmut", "2023-01-01", False),
        ("UKR:Kherson", "2022-06-01", True),
        ("UKR:Kherson", "2022-12-01", False),
        ("ukr:bakhmut", "2023-06-01", True),
        ("Bakhmut", "2023-06-01", True),
        ("UKR:Bakhmút", "2023-06-01", True),
        # settlements.aliases (GeoNames' other spellings and former names)
        ("UKR:Artemivsk", "2023-06-01", True),
        ("Artyomovsk", "2023-06-01", True),
        ("UKR:Kherson", "2022-06-01", True),
        # RUS:Sudzha: UKR from 2024-08-15 to 2025-03-13
        ("RUS:Sudzha", "2024-09-01", False),
        ("RUS:Sudzha", "2025-04-01", True),
        # places that are not towns: Snake Island (RUS 2022-02-24 to 2022-06-30), the nuclear
        # plant by one of its short names (RUS from 2022-03-04)
        ("UKR:Snake Island", "2022-05-01", True),
        ("Zmiinyi Island", "2022-07-01", False),
        ("ZNPP", "2023-01-01", True),
    ],
)
def test_settlement_control_resolves_from_the_gazetteer(world, place, on, expected):
    raw = {"place": place, "controller": "RUS", "on": on}
    assert outcome(world, "control.holds", "2020-01-01", **raw) is expected


def test_a_settlement_is_held_whole_or_not_at_all(world):
    raw = {"place": "UKR:Bakhmut", "controller": "RUS"}
    assert outcome(world, "control.share", "2020-01-01", **raw, on="2023-06-01") == 1.0
    assert outcome(world, "control.share", "2020-01-01", **raw, on="2023-01-01") == 0.0


@pytest.mark.parametrize(
    ("place", "controller", "start", "by", "expected"),
    [
        ("UKR:Bakhmut", "RUS", "2023-01-01", "2023-12-31", True),
        ("UKR:Bakhmut", "RUS", "2023-06-01", "2023-12-31", False),
        # Kherson retaken by Ukraine 2022-11-11
        ("UKR:Kherson", "UKR", "2022-07-15", "2022-12-31", True),
        # Popasna's Ukrainian period from 2022-02-24 is where its record starts, not a capture
        ("UKR:Popasna", "UKR", "2022-01-01", "2022-03-31", False),
        # Irpin's first record is its liberation on 2022-03-28 (the occupation is not dated)
        ("UKR:Irpin", "UKR", "2022-03-01", "2022-04-30", True),
        # Shchastia's first record is a Russian capture on 2022-02-24
        ("UKR:Shchastia", "RUS", "2022-02-01", "2022-03-31", True),
        # Donetsk oblast (UA-14): Soledar 2023-01-12, Bakhmut 2023-05-20, Marinka 2023-12-25
        ("UA-14", "RUS", "2022-07-15", "2023-12-31", True),
        ("donetsk", "RUS", "2022-07-15", "2023-12-31", True),
        # Kharkiv oblast (UA-63, not a region of regions.csv): Kupiansk, Izium, Balakliia retaken
        ("UA-63", "UKR", "2022-07-15", "2022-12-31", True),
        ("Kharkiv Oblast", "RUS", "2022-07-15", "2022-12-31", False),
    ],
)
def test_gains_count_the_settlements_of_a_place(world, place, controller, start, by, expected):
    raw = {"place": place, "controller": controller, "from": start, "by": by}
    assert outcome(world, "control.gains", start, **raw) is expected


def test_an_ambiguous_or_unknown_place_says_why(world):
    with pytest.raises(q.UnanswerableError, match=r"args\.place.*UKR:Bakhmut"):
        q.normalised(facts_of(world), {"place": "UKR:Atlantis"})


def _control_target(place: str, quantity: str = "control.gains") -> Target:
    asked_on = D("2022-07-15")
    spec = QUANTITIES[quantity]
    raw = {"place": place, "controller": "RUS", "by": "2023-12-31"}
    return Target(place, asked_on, spec, spec.parse(raw, asked_on))


def _with_capture(world, settlement: str, since: str, known_from: str):
    extra = pd.DataFrame(
        [
            {
                "settlement": settlement,
                "since": D(since),
                "controller": "RUS",
                "until": pd.NaT,
                "source": "test",
                "known_from": D(known_from),
            }
        ]
    )
    rows = pd.concat([world.settlement_control, extra], ignore_index=True)
    return world.with_tables(settlement_control=rows)


def _p(world, place: str) -> float:
    return forecast_targets(world, [_control_target(place)])[0].p


@pytest.mark.parametrize("place", ["UKR:Bakhmut", "UA-14", "UA-63"])
def test_a_capture_known_after_the_cutoff_never_changes_the_forecast(world, place):
    later = _with_capture(world, "UKR:Kramatorsk", "2022-08-01", "2022-08-02")
    assert _p(later, place) == _p(world, place)


def test_a_capture_known_by_the_cutoff_raises_the_gain_hazard(world):
    # Siversk, like Bakhmut, was on the front (forecasts/front.py) and in Donetsk oblast: a capture
    # there raises the rate at which Russia takes such settlements
    earlier = _with_capture(world, "UKR:Siversk", "2022-07-01", "2022-07-02")
    assert _p(earlier, "UKR:Bakhmut") > _p(world, "UKR:Bakhmut")


def test_settlements_are_answered_with_probabilities(world):
    answers = forecast_targets(world, [_control_target("UKR:Kharkiv"), _control_target("UA-14")])
    assert all(a.answered and 0.0 < a.p < 1.0 for a in answers)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # sanctions.csv: Russia's 2006 wine and water ban on Georgia lifted 2013-01-01
        ({"sender": "RUS", "target": "GEO", "from": "2012-01-01", "by": "2013-12-31"}, True),
        ({"sender": "RUS", "target": "GEO", "from": "2014-01-01", "by": "2018-12-31"}, False),
        # Russia's 2015 measures against Türkiye lifted 2016-06-30
        (
            {
                "sender": "RUS",
                "target": "TUR",
                "scope": "trade",
                "from": "2016-01-01",
                "by": "2016-12-31",
            },
            True,
        ),
        # the EU's 2016 decision on Belarus ended its 2004-2012 listings (lifted 2016-02-25; the
        # arms embargo stayed): a lifting; its suspension of them from 2015-10-29 (a relief
        # event) is one too; before it, none
        ({"sender": "EU", "target": "BLR", "from": "2016-01-01", "by": "2016-03-31"}, True),
        ({"sender": "EU", "target": "BLR", "from": "2015-10-01", "by": "2015-12-31"}, True),
        ({"sender": "EU", "target": "BLR", "from": "2013-01-01", "by": "2015-09-30"}, False),
    ],
)
def test_liftings_resolve_from_the_lifted_column(world, raw, expected):
    assert outcome(world, "sanctions.lifted", raw["from"], **raw) is expected


@pytest.mark.parametrize(("on", "expected"), [("2016-01-01", True), ("2016-07-01", False)])
def test_a_lifted_measure_is_no_longer_in_force(world, on, expected):
    raw = {"sender": "RUS", "target": "TUR", "scope": "trade", "on": on}
    assert outcome(world, "sanctions.in_force", "2015-12-01", **raw) is expected


def test_a_lifting_after_the_cutoff_is_not_known_on_it(world):
    facts = facts_of(world.known_on("2016-01-01"))
    args = {"sender": "RUS", "target": "TUR", "scope": "trade"}
    assert q.state_sanctions_in_force(facts, args, D("2016-01-01"))
    assert not q.state_sanctions_lifted(facts, {**args, "from": D("2015-01-01")}, D("2016-12-31"))


def test_a_lifting_row_is_not_a_new_measure(world):
    raw = {"sender": "EU", "target": "BLR", "scope": "individuals"}
    assert outcome(world, "sanctions.new", "2016-02-01", **raw, by="2016-03-31") is False


def test_recorded_liftings_raise_the_lifting_hazard(world):
    # blind to every lifting: no lifted days, and no relief events (read as liftings)
    unlifted = world.sanctions.assign(lifted=pd.NaT)
    unrelieved = world.events[world.events["kind"] != "sanctions_relief"]
    args = {"sender": "RUS", "target": "TUR", "scope": "any", "from": D("2020-01-01")}
    known = facts_of(world.known_on("2020-01-01"))
    blind = facts_of(
        world.with_tables(sanctions=unlifted, events=unrelieved).known_on("2020-01-01")
    )
    assert p_world(known, "sanctions.lifted", args, 2.0) > p_world(
        blind, "sanctions.lifted", args, 2.0
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # events.csv: Finland closes all crossings 2023-11-30; Poland only from 2025-09-12
        (
            {
                "kind": "border_closure",
                "actors": ["FIN"],
                "tags": ["all crossings"],
                "by": "2023-12-31",
            },
            True,
        ),
        (
            {
                "kind": "border_closure",
                "actors": ["POL"],
                "tags": ["all_crossings"],
                "by": "2024-12-31",
            },
            False,
        ),
        # Russian loans to Belarus: US$2.0 bn 2016-03-25, at most US$1.7 bn since 2017
        (
            {
                "kind": "loan",
                "actors": ["RUS", "BLR"],
                "min_value": 2e9,
                "from": "2016-01-01",
                "by": "2016-12-31",
            },
            True,
        ),
        (
            {
                "kind": "loan",
                "actors": ["RUS", "BLR"],
                "min_value": 2e9,
                "from": "2017-01-01",
                "by": "2022-12-31",
            },
            False,
        ),
        # a programme's completion stands for its magnitude: 46% on 2022-08-24
        (
            {
                "kind": "programme_completion",
                "min_value": 0.45,
                "from": "2022-07-01",
                "by": "2022-12-31",
            },
            True,
        ),
    ],
)
def test_events_match_tags_and_magnitudes(world, raw, expected):
    asked_on = raw.get("from", "2023-01-01")
    assert outcome(world, "event.occurs", asked_on, **raw) is expected


def test_generated_history_poses_settlements_and_oblasts(world):
    resolved = generate(world, D("2022-07-01"), D("2022-07-01"), (1.0,))
    posed = {r.target.args["place"] for r in resolved if r.target.quantity.family == "control"}
    assert "UKR:Bakhmut" in posed and "kharkiv" in posed
    kherson = [
        r
        for r in resolved
        if r.target.args.get("place") == "UKR:Kherson"
        and r.target.quantity.name == "control.gains"
        and r.target.args["controller"] == "UKR"
    ]
    assert [r.outcome for r in kherson] == [1.0]


def test_a_settlement_share_is_drawn_whole(world):
    asked_on = D("2022-07-15")
    spec = QUANTITIES["control.share"]
    args = spec.parse({"place": "UKR:Bakhmut", "controller": "RUS", "on": "2023-12-31"}, asked_on)
    answer = forecast_targets(world, [Target("s", asked_on, spec, args)], draws=200)[0]
    assert answer.answered and set(answer.quantiles.values()) <= {0.0, 1.0}


@pytest.mark.parametrize("code", ["KZ-59", "KZ-SEV", "kz-sev", "north_kazakhstan"])
def test_a_region_is_named_by_its_current_or_former_iso_code(world, code):
    # regions.csv: North Kazakhstan is KZ-59 since ISO moved Kazakhstan to numeric codes, KZ-SEV
    # before (pycountry 22.3.5, March 2022); both name the same region
    raw = {"place": code, "controller": "KAZ", "on": "2022-01-01"}
    assert outcome(world, "control.holds", "2021-01-01", **raw) is True


def test_a_name_of_its_own_wins_over_another_settlements_alias(world):
    # GeoNames lists "Mykolaiv" among the other spellings of Mykolaivka near Sloviansk
    # (settlements.aliases); the city named Mykolaiv is the one meant
    from postsoviet.models.event_hazard import places

    facts = facts_of(world)
    assert "UKR:Mykolaivka" in facts.settlement_aliases["ukr:mykolaiv"]
    assert places.find_settlement(facts, "UKR:Mykolaiv") == ("UKR:Mykolaiv",)
    assert places.find_settlement(facts, "UKR:Kupyansk") == ("UKR:Kupiansk",)
    # an alias two settlements share names both, and the target must say which
    assert places.find_settlement(facts, "Liman") == ("UKR:Lyman", "UKR:Rodynske")
    assert places.find_settlement(facts, "UKR:Atlantis") == ()
    # "city" is a word people add, not part of the name
    assert places.find_settlement(facts, "UKR:Kherson city") == ("UKR:Kherson",)
    assert places.find_settlement(facts, "UKR:Atlantis city") == ()
    # a name written as an id, words joined by "_"
    assert places.find_settlement(facts, "zaporizhzhia_nuclear_power_plant") == (
        "UKR:Zaporizhzhia Nuclear Power Plant",
    )
    assert places.find_settlement(facts, "UKR:Kryvyi_Rih") == ("UKR:Kryvyi Rih",)
    assert places.find_settlement(facts, "atlantis_city") == ()


@pytest.mark.parametrize(
    ("place", "controller", "expected"),
    [
        # data/reference/subdivisions.csv: Atyrau region, Alytus county, Podlaskie (by name)
        ("KZ-23", "KAZ", True),
        ("kz-23", "RUS", False),
        ("LT-AL", "LTU", True),
        ("Podlaskie", "POL", True),
    ],
)
def test_an_iso_subdivision_is_a_place_held_by_its_state(world, place, controller, expected):
    raw = {"place": place, "controller": controller, "on": "2024-01-01"}
    assert outcome(world, "control.holds", "2023-01-01", **raw) is expected
    share = outcome(world, "control.share", "2023-01-01", **raw)
    assert share == (1.0 if expected else 0.0)


def test_the_worlds_own_places_win_over_the_subdivision_list(world):
    facts = facts_of(world)
    # KZ-59 is regions.csv's north_kazakhstan, UA-63 the gazetteer's Kharkiv oblast, RU-KRS its
    # Kursk oblast: none of them becomes a bare subdivision
    assert q.normalised(facts, {"place": "KZ-59"})["place"] == "north_kazakhstan"
    assert q.normalised(facts, {"place": "RU-KRS"})["place"] == "kursk"
    assert {"KZ-59", "UA-63", "RU-KRS", "RU-KGD"}.isdisjoint(facts.subdivisions)
    assert facts.subdivisions["LT-AL"] == "LTU"


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("South Ossetia", "south_ossetia"),
        ("Tskhinvali region", "south_ossetia"),
        ("Suwalki Gap", "suwalki_corridor"),
        ("suwalki corridor", "suwalki_corridor"),
        ("South Ossetia (Tskhinvali region)", "south_ossetia"),
    ],
)
def test_a_region_is_found_by_either_part_of_a_name_with_a_parenthesis(world, name, region):
    assert q.normalised(facts_of(world), {"place": name})["place"] == region


def test_a_subdivision_with_a_contested_record_is_left_out(world):
    # Khankendi (AZ-XA) was held by Karabakh's Armenian authorities until 2023: listing it as held
    # by Azerbaijan throughout would be false, so it is not a place
    with pytest.raises(q.UnanswerableError, match=r"ISO 3166-2 subdivision"):
        q.normalised(facts_of(world), {"place": "AZ-XA"})


def _forecasts(world, quantity: str, asked_on: str, *raws: dict, draws: int = 1000):
    """The forecasts of ``quantity`` with each of ``raws`` as arguments, asked on ``asked_on``."""
    day, spec = D(asked_on), QUANTITIES[quantity]
    targets = [Target(f"t{i}", day, spec, spec.parse(raw, day)) for i, raw in enumerate(raws)]
    return forecast_targets(world, targets, draws=draws)


def test_a_quiet_subdivision_gets_a_small_gain_probability(world):
    raw = {"place": "LT-AL", "controller": "RUS", "by": "2025-12-31"}
    (answer,) = _forecasts(world, "control.gains", "2022-07-15", raw)
    assert answer.answered and answer.model == "event_hazard"
    assert answer.p_raw < 0.02


def test_an_end_known_only_with_the_capture_is_not_known_before_it(world):
    # Kinburn Spit: Russia's capture of 10 June 2022 is first reported in the sources read on
    # 22 November 2022, and the end of the Ukrainian period is a revision known from that day
    before = facts_of(world.known_on(D("2022-07-15"))).settlements["UKR:Kinburn Spit"]
    after = facts_of(world.known_on(D("2022-12-01"))).settlements["UKR:Kinburn Spit"]
    assert [(s.label, s.end) for s in before] == [("UKR", None)]
    assert [(s.label, s.start) for s in after] == [
        ("UKR", D("1991-08-24")),
        ("RUS", D("2022-06-10")),
    ]
    assert after[0].end == D("2022-06-10")


def test_a_region_across_a_border_pools_with_both_states(world):
    # regions.csv: the Suwalki corridor is Poland's and Lithuania's. Pooled with no state's
    # regions, Russia's gain there took its rate from its gains anywhere, Ukraine's oblasts of
    # 2022 included (0.096 by 2025, asked in July 2022); pooled with the Polish and Lithuanian
    # regions, where Russia never took ground, it is as small as theirs
    from postsoviet.models.event_hazard import places

    facts = facts_of(world)
    assert places.states_of(facts, "suwalki_corridor") == {"POL", "LTU"}
    answers = _forecasts(
        world,
        "control.gains",
        "2022-07-15",
        {"place": "suwalki_corridor", "controller": "RUS", "by": "2025-12-31"},
        {"place": "LT-AL", "controller": "RUS", "by": "2025-12-31"},
    )
    suwalki, alytus = (a.p_raw for a in answers)
    assert suwalki < 0.01
    assert suwalki < 5 * alytus


@pytest.mark.parametrize(
    ("place", "controller", "expected"),
    [
        # towns outside the war's theatre are answered as their region or subdivision:
        # Petropavl as North Kazakhstan (KZ-59), Tiraspol as Transnistria (held by its
        # authorities, backed by Russia), Narva as Ida-Viru county (EE-45)
        ("KAZ:Petropavl", "KAZ", True),
        ("Petropavlovsk", "RUS", False),
        ("MDA:Tiraspol", "RUS", True),
        ("MDA:Tiraspol", "MDA", False),
        ("Narva", "EST", True),
    ],
)
def test_a_town_outside_the_theatre_is_answered_as_its_region(world, place, controller, expected):
    raw = {"place": place, "controller": controller, "on": "2022-01-01"}
    assert outcome(world, "control.holds", "2021-01-01", **raw) is expected


def test_a_town_of_the_theatre_without_a_record_stays_unanswered(world):
    facts = facts_of(world)
    assert q.normalised(facts, {"place": "KAZ:Petropavl"})["place"] == "north_kazakhstan"
    with pytest.raises(q.UnanswerableError, match=r"Dokuchaievsk.*no control period"):
        q.normalised(facts, {"place": "UKR:Dokuchaievsk"})


def test_a_state_keeps_its_quiet_subdivisions(world):
    # Lithuania has no record of its own in the control history: its counties, held and never
    # lost, are its record, so it keeps Vilnius county as surely as Kazakhstan keeps Atyrau region
    answers = _forecasts(
        world,
        "control.holds",
        "2022-07-15",
        {"place": "LTU:Vilnius", "controller": "LTU", "on": "2025-12-31"},
        {"place": "KZ-23", "controller": "KAZ", "on": "2025-12-31"},
    )
    vilnius, atyrau = (a.p_raw for a in answers)
    assert vilnius > 0.99 and atyrau > 0.99


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        # region_control.csv: the DPR's third of Donetsk oblast from 2014, 55% by Ukraine's own
        # regional administration on 23 June 2022; Luhansk oblast by its governor's figures of
        # spring 2022 (80% after Kreminna, known from 23 April; 90% on 15 May; 95% on 25 May),
        # 99% from Lysychansk's fall
        ("donetsk", "2022-06-01", 0.33),
        ("donetsk", "2022-07-15", 0.55),
        ("luhansk", "2022-04-20", 0.33),
        ("luhansk", "2022-05-01", 0.8),
        ("luhansk", "2022-05-20", 0.9),
        ("luhansk", "2022-07-01", 0.95),
        ("luhansk", "2022-07-15", 0.99),
        # the annexation row of 30 September 2022 records no share: it continues the 55%, not
        # the whole; Crimea, with no share ever recorded, is held whole
        ("donetsk", "2022-10-15", 0.55),
        ("crimea", "2015-01-01", 1.0),
    ],
)
def test_the_donbas_shares_of_2022_are_known_on_the_day(world, region, day, expected):
    facts = facts_of(world.known_on(D(day)))
    assert q.share_on(facts, region, "RUS", D(day)) == pytest.approx(expected)


def test_a_quiet_regions_share_stays_while_a_front_regions_walks(world):
    # a share moves only when ground changes hands: Russia's whole of Crimea and Kazakhstan's of
    # North Kazakhstan stay whole in nearly every draw (a random walk from 1 had put half the
    # draws below 0.99); Donetsk oblast in 2022, where Russia was taking ground, still walks
    crimea, north, donetsk = _forecasts(
        world,
        "control.share",
        "2022-07-20",
        {"place": "crimea", "controller": "RUS", "on": "2025-12-31"},
        {"place": "KZ-59", "controller": "KAZ", "on": "2025-12-31"},
        {"place": "donetsk", "controller": "RUS", "on": "2025-12-31"},
        draws=400,
    )
    assert crimea.quantiles["q05"] == north.quantiles["q05"] == 1.0
    assert donetsk.quantiles["q05"] < 0.55 < donetsk.quantiles["q95"]


@pytest.mark.parametrize("named", ["LTU", "Lithuania", "lithuania"])
def test_a_state_named_as_a_place_stands_for_its_places(world, named):
    """ "Russia gains ground in Lithuania" asks about any of Lithuania's places: its counties
    (ISO 3166-2) and any region of the world data wholly in it; the answer is its likeliest
    place's, and Russia, holding none of it, holds none of it."""
    facts = facts_of(world.known_on(pd.Timestamp("2022-07-15")))
    args = {"place": named, "controller": "RUS", "by": pd.Timestamp("2025-12-31")}
    resolved = q.normalised(facts, args)
    assert resolved["place"] == "LTU"
    parts = places.state_parts(facts, "LTU")
    assert "LT-AL" in parts and "LT-VL" in parts and not any(p.startswith("PL-") for p in parts)
    whole = p_world(facts, "control.gains", resolved, 3.0)
    each = [p_world(facts, "control.gains", {**resolved, "place": p}, 3.0) for p in parts]
    assert whole == max(each) and 0.0 < whole < 0.05
    assert not q.state_control_holds(facts, resolved, pd.Timestamp("2022-07-15"))


def test_a_state_is_held_and_gained_through_any_of_its_places(world):
    """Russia held part of Ukraine on the first day of 2023 and gained ground in it in March
    2022; it held no part of Lithuania; Lithuania's share held by Russia is not recorded, so it
    is refused (Ukraine's is its territory series: test_the_share_of_a_whole_state_...)."""
    facts = facts_of(world)
    ukraine = {"place": "UKR", "controller": "RUS"}
    assert q.state_control_holds(facts, ukraine, pd.Timestamp("2023-01-01"))
    assert q.gains_in(facts, ukraine, pd.Timestamp("2022-03-01"), pd.Timestamp("2022-03-31"))
    lithuania = {"place": "LTU", "controller": "RUS"}
    assert not q.state_control_holds(facts, lithuania, pd.Timestamp("2023-01-01"))
    assert not q.gains_in(facts, lithuania, pd.Timestamp("2022-01-01"), pd.Timestamp("2025-12-31"))
    (share,) = forecast_targets(
        world,
        [
            Target(
                "s",
                D("2022-07-15"),
                QUANTITIES["control.share"],
                {**lithuania, "on": D("2025-12-31")},
            )
        ],
        draws=20,
    )
    assert not share.answered and "no share of the whole state 'LTU'" in share.reason


def test_the_share_of_a_whole_state_is_its_territory_models_answer(world):
    """Russia's share of Ukraine (its territory series, the attrition model's record) is asked as
    ``control.share`` of the state: answered as ``attrition.share_held`` is on the same day; a
    state whose share the world does not record is refused, naming it and the controller."""
    asked = {"place": "UKR", "controller": "RUS", "on": "2023-12-31"}
    share, kazakhstan = _forecasts(
        world,
        "control.share",
        "2022-07-15",
        asked,
        {"place": "KAZ", "controller": "RUS", "on": "2023-12-31"},
        draws=400,
    )
    spec = QUANTITIES["attrition.share_held"]
    day = D("2022-07-15")
    (model,) = forecast_targets(
        world, [Target("t0", day, spec, spec.parse({"on": "2023-12-31"}, day))], draws=400
    )
    assert share.answered and share.quantiles == model.quantiles and share.model == model.model
    assert not kazakhstan.answered
    assert "'KAZ'" in kazakhstan.reason and "'RUS'" in kazakhstan.reason

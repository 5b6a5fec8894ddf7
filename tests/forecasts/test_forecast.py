"""Forecasts: probabilities in range, deterministic for a seed, and blind to facts known later."""

from __future__ import annotations

import pandas as pd
import pytest

import postsoviet
from postsoviet.forecasts import forecast_targets
from postsoviet.forecasts.backtest import backtest_history, history_calibration
from postsoviet.forecasts.history import generate
from postsoviet.forecasts.targets import parse_targets
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import facts_of
from postsoviet.models.event_hazard.hazard import Level, pooled_rate

ASKED = "2022-07-15"


def _targets(*items):
    return parse_targets({"targets": list(items)})[0]


def _t(ident, quantity, asked_on=ASKED, event=None, **args):
    item = {"id": ident, "asked_on": asked_on, "quantity": quantity, "args": args}
    if event:
        item["event"] = event
    return item


QUESTIONS = (
    _t("a", "membership.starts", actor="KAZ", org="NATO", by="2024-12-31"),
    _t("b", "leader.changes", actor="KAZ", by="2024-12-31"),
    _t("c", "event.occurs", kind="transit_restriction", actors=["LTU"], by="2024-12-31"),
    _t("d", "sanctions.new", sender="EU", target="BLR", by="2023-12-31"),
    _t("e", "control.holds", place="UA-43", controller="RUS", on="2025-06-30"),
    _t("f", "series.value", series="gas_hub_price_usd_per_1000m3", subject="EU", period=2024, event={"op": ">", "value": 300}),
)  # fmt: skip


def _ps(world, **options):
    answers = forecast_targets(world, _targets(*QUESTIONS), draws=200, seed=3, **options)
    return {a.id: (a.p, a.p_raw) for a in answers}


def test_every_question_is_answered_with_a_probability(world):
    ps = _ps(world)
    assert all(0 < p < 1 for p, _ in ps.values()), ps


def test_forecasts_repeat_for_a_seed(world):
    assert _ps(world) == _ps(world)


def test_a_fact_known_after_the_cutoff_changes_nothing(world, tmp_path):
    """An overlay adds facts dated after the cutoff (KAZ applies to NATO, a new transit restriction)."""
    (tmp_path / "memberships.csv").write_text(
        "iso3,organization,status,joined,left,source,note\n"
        "KAZ,NATO,applicant,2023-01-01,,judgment,test overlay\n"
    )
    (tmp_path / "events.csv").write_text(
        "id,date,kind,actors,title,completion,source,note\n"
        "x_evt_1,2023-03-01,transit_restriction,LTU;RUS,test,,judgment,test overlay\n"
    )
    later = postsoviet.load_world(tmp_path)
    assert _ps(world) == _ps(later)


def test_a_fact_known_before_the_cutoff_does_change_the_forecast(world, tmp_path):
    (tmp_path / "memberships.csv").write_text(
        "iso3,organization,status,joined,left,source,note\n"
        "KAZ,NATO,candidate,2021-01-01,,judgment,test overlay\n"
    )
    earlier = postsoviet.load_world(tmp_path)
    assert _ps(world)["a"] != _ps(earlier)["a"]


def test_unanswerable_targets_say_why(world):
    answers = forecast_targets(
        world,
        _targets(_t("x", "control.holds", place="UKR:Atlantis", controller="RUS", on="2023-01-01")),
    )
    assert answers[0].answered is False and "gazetteer" in answers[0].reason


def test_numeric_targets_get_ordered_quantiles(world):
    answers = forecast_targets(
        world,
        _targets(_t("n", "control.share", place="zaporizhzhia", controller="RUS", on="2024-12-31")),
        draws=500,
    )
    quantiles = list(answers[0].quantiles.values())
    assert quantiles == sorted(quantiles) and quantiles[0] >= 0 and quantiles[-1] <= 1


def test_a_rare_kind_is_not_zero():
    rate = pooled_rate([Level(10.0, 100.0), Level(0.0, 0.0)])
    assert rate.p_any(1.0) > 0.05


def test_history_targets_are_resolved_and_dated(world):
    resolved = generate(world, pd.Timestamp("2021-01-01"), pd.Timestamp("2021-07-01"), (1.0,))
    assert len(resolved) > 300
    assert {r.target.quantity.family for r in resolved} >= {"membership", "leader", "control"}
    assert all(r.target.end <= pd.Timestamp("2022-07-01") for r in resolved)


def test_history_poses_events_per_kind_and_single_actor(world):
    cutoff = pd.Timestamp("2021-01-01")
    resolved = generate(world, cutoff, cutoff, (1.0,))
    posed = [r.target.args for r in resolved if r.target.quantity.name == "event.occurs"]
    assert all(len(a["actors"]) <= 1 for a in posed)
    known = world.known_on(cutoff).events
    # rows of no kind ("other") pose no question
    known = known[known["kind"] != "other"]
    kinds = set(known["kind"])
    assert {a["kind"] for a in posed if not a["actors"]} == kinds
    russian = {a["kind"] for a in posed if list(a["actors"]) == ["RUS"]}
    assert russian == {
        k
        for k, actors in zip(known["kind"], known["actors"], strict=True)
        if "RUS" in actors.split(";")
    }


def test_calibration_uses_only_windows_closed_by_the_day(world):
    on = history_calibration(world)
    calibration = on(pd.Timestamp("2006-01-01"))
    assert calibration is None or all(n > 0 for _, _, n in calibration.maps.values())


def test_history_backtest_beats_the_baselines_on_a_slice(world):
    result = backtest_history(world, pd.Timestamp("2014-01-01"), pd.Timestamp("2016-01-01"))
    project = result["scores"]["project"]["brier"]
    assert project < result["scores"]["flat"]["brier"]
    assert project < result["scores"]["base_rate"]["brier"]


def test_a_window_closed_before_the_cutoff_is_answered_from_the_record(world):
    answers = forecast_targets(
        world,
        _targets(
            _t("fin", "membership.starts", asked_on="2024-01-01", actor="FIN", org="NATO", by="2023-12-31", **{"from": "2023-01-01"}),
            _t("swe", "membership.starts", asked_on="2024-01-01", actor="SWE", org="NATO", by="2023-12-31", **{"from": "2023-01-01"}),
        ),
    )  # fmt: skip
    assert [(a.p, a.model) for a in answers] == [
        (0.99, "known_on_cutoff"),
        (0.01, "known_on_cutoff"),
    ]


def test_a_later_window_is_less_likely_than_one_from_the_cutoff(world):
    now, later = forecast_targets(
        world,
        _targets(
            _t("now", "leader.changes", actor="KAZ", by="2025-12-31"),
            _t("later", "leader.changes", actor="KAZ", by="2025-12-31", **{"from": "2025-01-01"}),
        ),
    )
    assert later.p_raw < now.p_raw


def test_calibrated_forecasts_do_not_see_later_facts_either(world, tmp_path):
    (tmp_path / "memberships.csv").write_text(
        "iso3,organization,status,joined,left,source,note\n"
        "KAZ,CSTO,member,1992-05-15,2009-01-01,judgment,test overlay: a withdrawal after the cutoff\n"
    )
    later = postsoviet.load_world(tmp_path)
    targets = _targets(
        _t("k", "membership.ends", asked_on="2008-06-30", actor="KAZ", org="CSTO", by="2010-12-31"),
        _t("s", "sanctions.new", asked_on="2008-06-30", sender="EU", target="RUS", by="2010-12-31"),
    )
    answers = [
        forecast_targets(w, targets, calibration_on=history_calibration(w)) for w in (world, later)
    ]
    assert [a.to_dict() for a in answers[0]] == [a.to_dict() for a in answers[1]]


def test_a_status_already_held_must_end_before_it_can_start_again(world):
    """Ukraine has been an EU candidate since 2022-06-23: a new start by the end of 2022 needs the
    status to end first, so it is unlikely (it was 0.99 when the chain started from the target)."""
    (answer,) = forecast_targets(
        world,
        _targets(
            _t(
                "ukr",
                "membership.starts",
                actor="UKR",
                org="EU",
                status="candidate",
                by="2022-12-31",
            )
        ),
    )
    assert answer.p_raw < 0.1


def test_a_pair_is_at_risk_as_one_of_all_pairs_of_the_kind(world):
    """Russia and Lithuania never clashed; Russia and Kazakhstan only stood on one side abroad.
    Pooled with every pair of the kind's participants (not only the pairs seen together) and
    read side by side, both are rare; Russia and Ukraine, at war, are not."""
    answers = forecast_targets(
        world,
        _targets(
            *(
                _t(
                    pair,
                    "event.occurs",
                    kind="armed_clash",
                    actors=pair.split("-"),
                    by="2025-12-31",
                )
                for pair in ("RUS-LTU", "RUS-KAZ", "RUS-UKR")
            )
        ),
    )
    p = {a.id: a.p_raw for a in answers}
    assert p["RUS-LTU"] < 0.05
    assert p["RUS-KAZ"] < 0.05
    assert p["RUS-UKR"] > 0.5


def test_a_series_asked_for_the_wrong_pair_lists_the_pairs_it_has(world):
    """The Belarusian gas price is held with Russia as counterpart: asked without one, the
    reason names the pairs the series has."""
    (answer,) = forecast_targets(
        world,
        _targets(_t("g", "series.value", series="gas_import_price_usd_per_1000m3", subject="BLR", period=2023)),
    )  # fmt: skip
    assert answer.answered is False
    assert "no values for subject BLR" in answer.reason and "BLR/RUS" in answer.reason


def _answer(world, quantity, **args):
    (answer,) = forecast_targets(world, _targets(_t("n", quantity, **args)), draws=50)
    return answer


def test_a_party_may_be_named_or_coded_in_any_case(world):
    """Russia, rus and RUS are one actor; the European Union is EU; a breakaway region's
    controller label is matched whatever its case."""
    coded = _answer(world, "membership.holds", actor="RUS", org="CSTO", on="2024-12-31")
    named = _answer(world, "membership.holds", actor="Russia", org="CSTO", on="2024-12-31")
    lower = _answer(world, "membership.holds", actor="rus", org="CSTO", on="2024-12-31")
    assert coded.p == named.p == lower.p and coded.p > 0.9
    union = _answer(
        world, "sanctions.new", sender="European Union", target="Belarus", by="2023-12-31"
    )
    assert (
        union.answered
        and union.p == _answer(world, "sanctions.new", sender="EU", target="BLR", by="2023-12-31").p
    )
    # the World Bank's code for the European Union (the sixty-third blind set's GQ36)
    world_bank = _answer(world, "sanctions.new", sender="EUU", target="BLR", by="2023-12-31")
    assert world_bank.answered and world_bank.p == union.p
    shouted = _answer(world, "sanctions.new", sender="ANY", target="BLR", by="2023-12-31")
    anyone = _answer(world, "sanctions.new", sender="any", target="BLR", by="2023-12-31")
    assert shouted.answered and shouted.p == anyone.p
    held = _answer(
        world, "control.holds", place="transnistria", controller="Transnistria", on="2024-12-31"
    )
    assert held.answered and held.p > 0.9


def test_a_party_the_world_does_not_name_is_unanswerable(world):
    """Absent from the data, an actor would read as "never a member": it is refused instead."""
    answer = _answer(world, "membership.holds", actor="Narnia", org="CSTO", on="2024-12-31")
    assert answer.answered is False
    assert "args.actor: 'NARNIA' is not a party of the world data" in answer.reason


def test_a_surname_alone_names_the_office_holder(world):
    full = _answer(
        world, "leader.holds", actor="BLR", person="Alexander Lukashenko", on="2024-12-31"
    )
    surname = _answer(world, "leader.holds", actor="BLR", person="Lukashenko", on="2024-12-31")
    assert surname.p == full.p > 0.5


def test_a_person_without_an_office_is_asked_about_the_office_they_hold(world):
    """Pashinyan was Armenia's prime minister on 15 July 2022 (leaders.csv): "Pashinyan holds
    office" means that office, not "Pashinyan becomes president" (the head of state default)."""
    unwritten = _answer(
        world, "leader.holds", actor="ARM", person="Nikol Pashinyan", on="2025-12-31"
    )
    prime = _answer(world, "leader.holds", actor="ARM", person="Nikol Pashinyan", on="2025-12-31", office="prime minister")  # fmt: skip
    president = _answer(world, "leader.holds", actor="ARM", person="Nikol Pashinyan", on="2025-12-31", office="head_of_state")  # fmt: skip
    assert unwritten.p_raw == prime.p_raw != president.p_raw
    assert president.p_raw < prime.p_raw


def test_the_office_held_is_the_one_on_the_day_else_the_last_one(world):
    """Putin was prime minister from 2008 to 2012 and president since (leaders.csv); a person
    the data never names gets the head of state."""
    facts = facts_of(world)
    assert (
        q.office_held(facts, "RUS", "Vladimir Putin", pd.Timestamp("2010-01-01"))
        == "head_of_government"
    )
    assert q.office_held(facts, "RUS", "Putin", pd.Timestamp("2022-07-15")) == "head_of_state"
    assert (
        q.office_held(facts, "GEO", "Irakli Garibashvili", pd.Timestamp("2025-01-01"))
        == "head_of_government"
    )
    assert (
        q.office_held(facts, "RUS", "Alexei Navalny", pd.Timestamp("2020-01-01")) == "head_of_state"
    )


def test_a_tag_no_event_of_the_kind_carried_by_the_cutoff_is_not_read_and_said_so(world):
    """No weapons delivery known on 15 July 2022 is tagged ATACMS (the first came in October
    2023): the question is answered for the deliveries with the other arguments, and the
    forecast names the tag it left out. A tag the record holds (``all crossings``) still filters,
    and a plural finds its singular."""
    kw = {"kind": "weapons_delivery", "actors": "USA;UKR", "by": "2025-12-31"}
    tagged = _answer(world, "event.occurs", tags=["ATACMS"], **kw)
    plain = _answer(world, "event.occurs", **kw)
    assert tagged.answered and tagged.p_raw == plain.p_raw
    assert "ATACMS" in tagged.reason and plain.reason is None
    closure = {"kind": "border_closure", "actors": "POL;BLR", "by": "2025-12-31"}
    every = _answer(world, "event.occurs", tags=["all crossings"], **closure)
    any_closure = _answer(world, "event.occurs", **closure)
    assert every.reason is None and every.p_raw < any_closure.p_raw
    singular = _answer(world, "event.occurs", tags=["all crossing"], **closure)
    assert singular.p_raw == every.p_raw


def test_a_model_is_read_with_its_words_run_together(world):
    """The data tags Ukraine's first F-16s (4 August 2024) ``f16`` and Su-30SMs ``su30sm``: a
    question asked after them about ``F-16`` or ``Su-30SM`` reads those tags. Before the first
    F-16 was known the tag is not read (the thirtieth blind set's FA11)."""
    late = facts_of(world.known_on(pd.Timestamp("2025-01-12")))
    assert q.split_tags(late, "weapons_delivery", ["F-16", "Su-30SM"]) == (("f16", "su30sm"), ())
    early = facts_of(world.known_on(pd.Timestamp("2022-06-01")))
    assert q.split_tags(early, "weapons_delivery", ["F-16"]) == ((), ("F-16",))
    kw = {"kind": "weapons_delivery", "actors": "UKR", "by": "2025-12-31", "asked_on": "2025-01-12"}
    written = _answer(world, "event.occurs", tags=["F-16"], **kw)
    coded = _answer(world, "event.occurs", tags=["f16"], **kw)
    assert written.reason is None and written.p_raw == coded.p_raw


def test_a_tag_is_read_by_its_abbreviation_or_its_other_spelling(world):
    """Russia's recognition of the "DPR" and "LPR" (21 February 2022) is tagged ``dnr`` and
    ``lnr`` in the data; a treaty on "defence" is the data's ``defense``."""
    facts = facts_of(world.known_on(pd.Timestamp("2022-07-15")))
    read, unread = q.split_tags(facts, "recognition", ["DPR", "LPR", "Ukraine-made-up"])
    assert read == ("dnr", "lnr") and unread == ("Ukraine-made-up",)
    assert q.split_tags(facts, "treaty", ["defence"]) == (("defense",), ())
    kw = {"kind": "recognition", "actors": "RUS;UKR", "by": "2025-12-31"}
    abbreviated = _answer(world, "event.occurs", tags=["DPR"], **kw)
    coded = _answer(world, "event.occurs", tags=["dnr"], **kw)
    assert abbreviated.reason is None and abbreviated.p_raw == coded.p_raw
    # a ceasefire "along the full front" is the data's general one
    assert q.split_tags(facts, "ceasefire", ["full front"]) == (("general",), ())
    # a place's code is its region's id (Kaliningrad's Iskanders), or the id's alias: the
    # Donbas oblasts' codes name the republics Russia recognised
    assert q.split_tags(facts, "missile_deployment", ["RU-KGD"]) == (("kaliningrad",), ())
    assert q.split_tags(facts, "recognition", ["UA-14", "UA-09"]) == (("dnr", "lnr"), ())


def test_an_actor_named_among_the_tags_is_a_participant(world):
    """Belarus entering combat tagged ``UKR`` (the twenty-second blind set's X20) is Belarus and
    Ukraine as its actors, and no tag is reported unread; a tag the kind's events carry stays a
    tag."""
    kw = {"kind": "combat_entry", "by": "2025-12-31", "asked_on": "2022-08-17"}
    tagged = _answer(world, "event.occurs", actors="BLR", tags=["UKR"], **kw)
    paired = _answer(world, "event.occurs", actors="BLR;UKR", **kw)
    assert tagged.reason is None and tagged.p_raw == paired.p_raw
    alone = _answer(world, "event.occurs", actors="BLR", **kw)
    assert alone.p_raw != paired.p_raw
    facts = facts_of(world.known_on(pd.Timestamp("2022-08-17")))
    assert q.actor_tags(facts, "combat_entry", ["Ukraine", "kherson"]) == (("UKR",), ("kherson",))


def test_an_event_kind_is_read_in_any_case_and_one_outside_the_vocabulary_is_refused(world):
    """``Armed Clash`` is ``armed_clash``; a kind the world never records (``invasion``) would
    always resolve "no", so it is unanswered, naming the field and the known kinds."""
    spelled = _answer(world, "event.occurs", kind="Armed Clash", actors="RUS;UKR", by="2023-12-31")
    coded = _answer(world, "event.occurs", kind="armed_clash", actors="RUS;UKR", by="2023-12-31")
    assert spelled.answered and spelled.p == coded.p
    unknown = _answer(world, "event.occurs", kind="invasion", actors="RUS", by="2023-12-31")
    assert unknown.answered is False
    assert "args.kind: 'invasion' is not an event kind" in unknown.reason
    assert "military_operation" in unknown.reason
    close = _answer(world, "event.occurs", kind="ceasfire", by="2023-12-31")
    assert "did you mean ceasefire" in close.reason


def test_an_unknown_series_lists_the_known_ones(world):
    answer = _answer(world, "series.value", series="gdp_usd_bn", subject="BLR", period="2023")
    assert answer.answered is False
    assert "no series or attribute 'gdp_usd_bn'" in answer.reason
    assert "did you mean gdp_usd" in answer.reason and "milex_usd" in answer.reason


@pytest.mark.parametrize(
    ("everyday", "held", "parties"),
    [
        ("military_expenditure", "milex_usd", {"subject": "RUS"}),
        ("Military spending", "milex_usd", {"subject": "RUS"}),
        ("gdp", "gdp_usd", {"subject": "RUS"}),
        ("gas price", "gas_import_price_usd_per_1000m3", {"subject": "BLR", "counterpart": "RUS"}),
        ("trade_with_russia", "trade_share_russia", {"subject": "GEO"}),
        # the words that only say "as a share" are dropped (the fourteenth blind set's P39)
        ("defence_spending_pct_gdp", "milex_share_gdp_pct", {"subject": "POL"}),
        ("military expenditure as percent of GDP", "milex_share_gdp_pct", {"subject": "POL"}),
        # a currency against the dollar is its units per dollar (the fifteenth blind set's Q40)
        ("usd_rub_rate", "exchange_rate_lcu_per_usd", {"subject": "RUS"}),
        ("RUB/USD", "exchange_rate_lcu_per_usd", {"subject": "RUS"}),
        # an alias's words in another order (the twenty-first blind set's W40)
        ("oil_price_brent", "brent_usd_per_bbl", {"subject": "WLD"}),
        # the Bank of Russia's key rate (the nineteenth's U40, the twenty-first's W39)
        ("key_rate", "policy_rate_pct", {"subject": "RUS"}),
        ("refinancing rate", "policy_rate_pct", {"subject": "RUS"}),
    ],
)
def test_a_series_may_be_asked_by_its_everyday_name(world, everyday, held, parties):
    asked = _answer(world, "series.value", series=everyday, period="2023", **parties)
    coded = _answer(world, "series.value", series=held, period="2023", **parties)
    assert asked.answered and asked.quantiles == coded.quantiles


def test_an_alias_shared_by_two_series_is_not_read_in_another_order():
    """Words in another order are read only where they name one series: ``rate_key`` is the key
    rate, and no set of words maps to two series."""
    from postsoviet.models.event_hazard.questions import ALIASES_BY_WORDS, SERIES_ALIASES

    assert ALIASES_BY_WORDS[frozenset({"rate", "key"})] == "policy_rate_pct"
    assert set(ALIASES_BY_WORDS.values()) <= set(SERIES_ALIASES.values())


def test_the_key_rate_walks_from_its_last_decision(world):
    """Asked on 2022-12-05, the Bank of Russia's key rate stands at 7.5% (since 16 September
    2022): its median at the end of 2023 and at the end of 2025 is near it, and its spread three
    years out is wide both ways (it was 21% in late 2024 and 16% at the end of 2025)."""
    near = _answer(
        world,
        "series.value",
        series="key_rate",
        subject="RUS",
        period="2023-12-31",
        asked_on="2022-12-05",
    )
    assert near.answered and 6.0 < near.quantiles["q50"] < 10.0
    far = _answer(
        world,
        "series.value",
        series="policy_rate_pct",
        subject="RUS",
        period="2025-12-31",
        asked_on="2022-12-05",
    )
    assert far.quantiles["q05"] < 7.5 < far.quantiles["q95"]
    assert 5.0 < far.quantiles["q50"] < 12.0


def test_a_settlements_share_is_asked_as_whether_it_is_held(world):
    """A settlement is held whole or not at all, so "more than half of Mariupol" is its holding
    (answered, like it, by the hazard models) and "less than half" its complement."""
    place = {"place": "UKR:Mariupol", "controller": "RUS", "on": "2022-06-30"}
    answers = forecast_targets(
        world,
        _targets(
            _t("held", "control.holds", asked_on="2022-05-06", **place),
            _t("most", "control.share", asked_on="2022-05-06", event={"op": ">", "value": 0.5}, **place),
            _t("few", "control.share", asked_on="2022-05-06", event={"op": "<", "value": 0.5}, **place),
            _t("any", "control.share", asked_on="2022-05-06", event={"op": ">=", "value": 0.0}, **place),
        ),
        draws=200,
        seed=3,
    )  # fmt: skip
    by_id = {a.id: a for a in answers}
    assert by_id["most"].model == by_id["held"].model == "event_hazard"
    assert by_id["most"].p == pytest.approx(by_id["held"].p)
    assert by_id["few"].p == pytest.approx(1.0 - by_id["held"].p)
    assert by_id["most"].quantity == "control.share"
    assert by_id["any"].model != "event_hazard"  # true either way: not a holding question

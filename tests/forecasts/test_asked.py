"""The asked-question map: fitted only on questions resolved before the cutoff, and read with care."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from postsoviet.errors import PostsovietError
from postsoviet.forecasts import calibration, forecast_targets
from postsoviet.forecasts.asked import MIN_ASKED, AskedSet, fit_asked
from postsoviet.forecasts.backtest import history_maps, with_asked_map
from postsoviet.forecasts.targets import parse_targets

ACTORS = ("ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "TJK", "TKM")
ACTORS += ("UKR", "UZB", "RUS", "POL", "DEU", "FRA", "USA", "CHN", "TUR")


# A change question about each actor (an event: nothing standing ends) and an ending (an office
# with a holder changing hands: the complement of a state question).
CHANGE = "event.occurs, args: {{kind: military_exercise, actors: [{a}], by: 2006-12-31}}"
ENDING = "leader.changes, args: {{actor: {a}, by: 2006-12-31}}"


def _write_set(
    folder: Path, resolved_on: str, outcome: int, origin: str = "posed", form: str = CHANGE
) -> Path:
    """One question per actor, asked 2005-01-01, all with the same outcome and day."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "set.yaml").write_text(f"origin: {origin}\n")
    items = [
        f"  - {{id: q.{a}, asked_on: 2005-01-01, quantity: {form.format(a=a)}}}" for a in ACTORS
    ]
    (folder / "targets.yaml").write_text("targets:\n" + "\n".join(items) + "\n")
    rows = [f"q.{a},{outcome},{resolved_on},https://example.org/{a}" for a in ACTORS]
    (folder / "resolutions.csv").write_text("id,outcome,resolved_on,source\n" + "\n".join(rows))
    return folder


QUESTION = parse_targets(
    {
        "targets": [
            {
                "id": "x",
                "asked_on": "2008-06-30",
                "quantity": "event.occurs",
                "args": {"kind": "military_exercise", "actors": ["KAZ"], "by": "2010-06-30"},
            }
        ]
    }
)[0]


@pytest.fixture(scope="module")
def history_on(world):
    """The history maps, built once for the module's cutoff."""
    on = history_maps(world)
    on(QUESTION[0].asked_on)
    return on


def _p(world, history_on, folder: Path) -> tuple[float, object]:
    on = with_asked_map(world, history_on, AskedSet.read(folder))
    (answer,) = forecast_targets(world, QUESTION, calibration_on=on)
    return answer.p, on(QUESTION[0].asked_on).asked.get("change")


def test_the_map_needs_enough_questions():
    few = pd.DataFrame({"id": "a", "p": [0.1] * 5, "outcome": 1.0, "recalled": False, "years": 1.0})
    assert fit_asked(few) is None
    many = pd.DataFrame(
        {"id": "a", "p": [0.1] * MIN_ASKED, "outcome": 1.0, "recalled": False, "years": 1.0}
    )
    fitted = fit_asked(many)
    assert fitted.n == MIN_ASKED
    # questions that all came true: p rises
    assert fitted.a + fitted.b * np.log(0.1 / 0.9) > np.log(0.1 / 0.9)


def test_questions_resolved_before_the_cutoff_move_the_forecast(world, history_on, tmp_path):
    yes, fitted_yes = _p(world, history_on, _write_set(tmp_path / "yes", "2007-01-01", 1))
    no, fitted_no = _p(world, history_on, _write_set(tmp_path / "no", "2007-01-01", 0))
    assert fitted_yes is not None and fitted_no is not None
    assert yes > no


def test_questions_resolved_after_the_cutoff_are_not_read(world, history_on, tmp_path):
    """The same questions resolved on the cutoff day itself or later: no map, whatever they say."""
    yes, fitted_yes = _p(world, history_on, _write_set(tmp_path / "yes", "2008-06-30", 1))
    no, fitted_no = _p(world, history_on, _write_set(tmp_path / "no", "2008-07-01", 0))
    assert fitted_yes is None and fitted_no is None
    assert yes == no


def test_a_question_without_a_resolution_is_named(tmp_path):
    folder = _write_set(tmp_path / "set", "2007-01-01", 1)
    text = (folder / "resolutions.csv").read_text().splitlines()
    (folder / "resolutions.csv").write_text("\n".join(line for line in text if "q.ARM" not in line))
    with pytest.raises(PostsovietError, match=r"q\.ARM"):
        AskedSet.read(folder)


def test_a_question_resolved_twice_is_named(tmp_path):
    folder = _write_set(tmp_path / "set", "2007-01-01", 1)
    with (folder / "resolutions.csv").open("a") as file:
        file.write("\nq.GEO,0,2007-02-01,https://example.org/again")
    with pytest.raises(PostsovietError, match=r"more than one resolution for q\.GEO"):
        AskedSet.read(folder)


def test_the_shipped_sets_are_resolved_after_they_are_asked():
    shipped = AskedSet.read()
    assert len(shipped.targets) >= MIN_ASKED
    assert set(shipped.resolutions["recalled"]) == {True, False}  # both origins ship
    assert all(t.asked_on < shipped.resolutions.at[t.id, "resolved_on"] for t in shipped.targets)
    # the recalled questions end in 2021; questions posed in public run on into the war years
    recalled = shipped.resolutions[shipped.resolutions["recalled"]]
    assert recalled["resolved_on"].max() < pd.Timestamp("2022-01-01")
    posed_before_mid_2022 = shipped.resolved_before(pd.Timestamp("2022-07-15"))
    assert sum(not shipped.resolutions.at[t.id, "recalled"] for t in posed_before_mid_2022) >= 30


def test_the_map_never_reverses_the_ranking():
    """Outcomes against the forecasts (yes where p is low): the slope is held at 0, and the
    intercept is the shrunk log-odds of the yes share (a hand-checked 1-D optimum)."""
    p = np.array([0.05, 0.1, 0.2, 0.8, 0.9, 0.95] * 5)
    y = np.array([1.0, 1.0, 1.0, 0.0, 0.0, 1.0] * 5)
    fitted = fit_asked(
        pd.DataFrame({"id": "x", "p": p, "outcome": y, "recalled": False, "years": 1.0})
    )
    assert (fitted.b, fitted.n, fitted.recall, fitted.recall_slope) == (0.0, 30, 0.0, 0.0)
    # argmin of -(20 a - 30 log(1 + e^a)) + a^2 / 2 (scipy.optimize.minimize: 0.60386)
    assert fitted.a == pytest.approx(0.60386, abs=1e-4)


def _kazakh_president_in_2010(id_: str, person: str):
    """Whether ``person`` is Kazakhstan's president on 2010-06-30, asked on 2008-06-30."""
    args = {"actor": "KAZ", "person": person, "on": "2010-06-30"}
    target = {"id": id_, "asked_on": "2008-06-30", "quantity": "leader.holds", "args": args}
    return parse_targets({"targets": [target]})[0]


STATE_QUESTION = _kazakh_president_in_2010("s", "Nursultan Nazarbayev")


def test_a_map_learned_on_changes_leaves_a_state_question_alone(world, history_on, tmp_path):
    """Only change questions were asked: a question whether a state holds keeps the answer of
    the history map alone."""
    on = with_asked_map(
        world, history_on, AskedSet.read(_write_set(tmp_path / "yes", "2007-01-01", 1))
    )
    assert set(on(STATE_QUESTION[0].asked_on).asked) == {"change"}
    (mapped,) = forecast_targets(world, STATE_QUESTION, calibration_on=on)
    (plain,) = forecast_targets(world, STATE_QUESTION, calibration_on=history_on)
    assert mapped.answered and mapped.p == plain.p


ENTRY_QUESTION = _kazakh_president_in_2010("e", "Kassym-Jomart Tokayev")


def test_a_state_that_does_not_hold_on_the_day_asked_is_a_change(world, history_on, tmp_path):
    """Tokayev president in 2010, asked in 2008 while Nazarbayev was: a yes needs a succession,
    so the question goes through the map learned on changes, while Nazarbayev staying does not."""
    from postsoviet.forecasts.forecast import Vintages, question_type
    from postsoviet.models.event_hazard import questions as q

    _, facts = Vintages(world)(ENTRY_QUESTION[0].asked_on)
    for target, expected in ((ENTRY_QUESTION[0], "change"), (STATE_QUESTION[0], "state")):
        assert question_type(target, facts, q.normalised(facts, target.args)) == expected
    on = with_asked_map(
        world, history_on, AskedSet.read(_write_set(tmp_path / "yes", "2007-01-01", 1))
    )
    (mapped,) = forecast_targets(world, ENTRY_QUESTION, calibration_on=on)
    (plain,) = forecast_targets(world, ENTRY_QUESTION, calibration_on=history_on)
    assert mapped.answered and mapped.p > plain.p


def test_questions_recalled_later_are_discounted():
    """Recalled questions all came true, questions posed at the time one in four: the map for a
    new question follows the posed ones; the recalled ones' surplus goes to ``recall``."""
    posed = pd.DataFrame({"id": "p", "p": 0.1, "outcome": [1.0] * 5 + [0.0] * 15})
    recalled = pd.DataFrame({"id": "r", "p": 0.1, "outcome": [1.0] * 20})
    track = pd.concat([posed.assign(recalled=False), recalled.assign(recalled=True)])
    fitted = fit_asked(track.assign(years=1.0))
    x = np.log(0.1 / 0.9)
    new_question = 1 / (1 + np.exp(-(fitted.a + fitted.b * x)))
    assert fitted.recall + fitted.recall_slope * x > 1.5  # the recalled surplus at p = 0.1
    assert 0.2 < new_question < 0.5


def test_memory_bending_the_slope_does_not_flatten_the_map_for_new_questions():
    """Recalled questions came true where the forecasts were low (memory keeps the unlikely
    things that happened) and half the time where they were high; the posed ones follow the
    forecasts. Pooled, the slope would be held at 0; with the recalled questions' own intercept
    and slope, the map for a new question keeps the ranking."""
    posed = pd.DataFrame(
        {
            "id": "p",
            "p": [0.05] * 10 + [0.6] * 10,
            "outcome": [1.0] * 1 + [0.0] * 9 + [1.0] * 7 + [0.0] * 3,
        }
    )
    recalled = pd.DataFrame(
        {"id": "r", "p": [0.05] * 30 + [0.6] * 30, "outcome": [1.0] * 27 + [0.0] * 3 + [1.0] * 15 + [0.0] * 15}
    )  # fmt: skip
    track = pd.concat([posed.assign(recalled=False), recalled.assign(recalled=True)])
    fitted = fit_asked(track.assign(years=1.0))
    assert fitted.b > 0.3
    assert fitted.recall_slope < 0
    low, high = (fitted.a + fitted.b * np.log(p / (1 - p)) for p in (0.05, 0.6))
    assert low < 0 < high  # a new question at 0.05 is a likely no, at 0.6 a likely yes


def test_a_set_must_say_how_it_was_written(tmp_path):
    folder = _write_set(tmp_path / "set", "2007-01-01", 1)
    (folder / "set.yaml").write_text("origin: guessed\n")
    with pytest.raises(PostsovietError, match=r"set\.yaml.*'guessed'.*recalled"):
        AskedSet.read(folder)
    (folder / "set.yaml").unlink()
    with pytest.raises(PostsovietError, match=r"set\.yaml.*cannot read it"):
        AskedSet.read(folder)


def test_sets_below_the_folder_are_read_and_ids_kept_apart(tmp_path):
    folder = _write_set(tmp_path / "set", "2007-01-01", 1, origin="recalled")
    _write_set(folder / "more", "2007-01-01", 0)
    with pytest.raises(PostsovietError, match=r"an id used in two sets: q\.ARM"):
        AskedSet.read(folder)


ENDING_QUESTION = parse_targets(
    {
        "targets": [
            {
                "id": "c",
                "asked_on": "2008-06-30",
                "quantity": "leader.changes",
                "args": {"actor": "KAZ", "by": "2010-06-30"},
            }
        ]
    }
)[0]


def test_an_ending_is_mapped_as_the_complement_of_a_state(world, history_on, tmp_path):
    """Kazakhstan's head of state changing by mid-2010, asked in 2008 while Nazarbayev held it,
    is "no" exactly when his tenure lasts: a state question, mapped as ``1 - map(1 - p)`` by the
    map learned on asked questions whose state lasted (the posed endings here, all "no"), so the
    change and Nazarbayev's staying add up to about one after the maps as before them."""
    from postsoviet.forecasts.forecast import Vintages, ends_a_standing_state, question_type
    from postsoviet.models.event_hazard import questions as q

    target = ENDING_QUESTION[0]
    _, facts = Vintages(world)(target.asked_on)
    args = q.normalised(facts, target.args)
    assert ends_a_standing_state(target, facts, args)
    assert question_type(target, facts, args) == "state"
    on = with_asked_map(
        world,
        history_on,
        AskedSet.read(_write_set(tmp_path / "kept", "2007-01-01", 0, form=ENDING)),
    )
    fitted = on(target.asked_on).asked
    assert set(fitted) == {"state"}
    (change, stays) = forecast_targets(world, [target, STATE_QUESTION[0]], calibration_on=on)
    (plain_change, plain_stays) = forecast_targets(
        world, [target, STATE_QUESTION[0]], calibration_on=history_on
    )
    # the endings all failed to come: the map makes a change less likely, and a stay likelier
    assert change.p < plain_change.p and stays.p > plain_stays.p
    expected = 1 - calibration.expit(
        fitted["state"].a
        + fitted["state"].horizon * calibration.horizon_term(target.horizon_years)
        + fitted["state"].b * calibration.logit(1 - plain_change.p)
    )
    assert change.p == pytest.approx(float(expected), abs=1e-6)
    assert abs((plain_change.p + plain_stays.p) - 1) < 0.05
    assert abs((change.p + stays.p) - 1) < 0.05


def test_a_question_is_mapped_as_its_origin_says():
    """Posed, the asked map; recalled, the map with the recalled intercept and slope; of unknown
    origin, read as recalled, the way a backtest's questions are written
    (``calibration.UNKNOWN_RECALLED``)."""
    fitted = calibration.AskedMap(a=-0.5, b=0.8, n=40, recall=1.2, recall_slope=-0.3)
    maps = calibration.Calibration(asked={"change": fitted})
    x = calibration.logit(0.2)
    posed = float(calibration.expit(-0.5 + 0.8 * x))
    recalled = float(calibration.expit(-0.5 + 1.2 + (0.8 - 0.3) * x))
    assert maps.apply_asked("change", 0.2, "posed") == pytest.approx(posed)
    assert maps.apply_asked("change", 0.2, "recalled") == pytest.approx(recalled)
    unknown = maps.apply_asked("change", 0.2)
    assert posed < recalled
    assert calibration.UNKNOWN_RECALLED == 1.0
    assert unknown == pytest.approx(recalled)
    # a type without a map keeps its answers, whatever the origin
    assert maps.apply_asked("state", 0.2, "recalled") == 0.2


def test_longer_windows_that_came_true_less_often_lower_the_map():
    """At the same forecast, questions with a quarter-year window came true three times in four
    and those with a three-year window one time in four: the horizon coefficient is negative,
    and the map gives the longer window the lower answer."""
    short = pd.DataFrame({"id": "s", "p": 0.1, "outcome": [1.0] * 15 + [0.0] * 5, "years": 0.25})
    long = pd.DataFrame({"id": "l", "p": 0.1, "outcome": [1.0] * 5 + [0.0] * 15, "years": 3.0})
    fitted = fit_asked(pd.concat([short, long]).assign(recalled=False))
    assert fitted.horizon < -0.3
    maps = calibration.Calibration(asked={"change": fitted})
    quarter, three = (maps.apply_asked("change", 0.1, "posed", y) for y in (0.25, 3.0))
    assert three < 0.5 < quarter
    # log-years, from a floor: a window closing on the day asked reads as one month
    assert calibration.horizon_term(0.0) == pytest.approx(np.log(calibration.MIN_ASKED_YEARS))
    assert maps.apply_asked("change", 0.1, "posed", 0.0) == pytest.approx(
        maps.apply_asked("change", 0.1, "posed", calibration.MIN_ASKED_YEARS)
    )


def test_a_recalled_question_is_answered_higher_than_a_posed_one(world, history_on, tmp_path):
    """Posed questions that failed and recalled ones that came true fit a positive recall shift:
    the same question said to be recalled is answered higher, of unknown origin as recalled, and
    the forecast says which origin it was given."""
    folder = _write_set(tmp_path / "posed", "2007-01-01", 0)
    _write_set(tmp_path / "posed" / "recalled", "2007-01-01", 1, origin="recalled")
    (folder / "recalled" / "targets.yaml").write_text(
        (folder / "recalled" / "targets.yaml").read_text().replace("id: q.", "id: r.")
    )
    (folder / "recalled" / "resolutions.csv").write_text(
        (folder / "recalled" / "resolutions.csv").read_text().replace("\nq.", "\nr.")
    )
    on = with_asked_map(world, history_on, AskedSet.read(folder))
    assert on(QUESTION[0].asked_on).asked["change"].recall > 0
    base = QUESTION[0]
    variants = [base, *(replace(base, id=o, origin=o) for o in ("posed", "recalled"))]
    unknown, posed, recalled = forecast_targets(world, variants, calibration_on=on)
    assert posed.p < recalled.p
    assert unknown.p == pytest.approx(recalled.p)
    assert [f.to_dict()["origin"] for f in (unknown, posed, recalled)] == [
        "unknown",
        "posed",
        "recalled",
    ]


# A state map whose recalled part pulls a standing state toward ending (recall < 0).
STATE_MAP = calibration.Calibration(
    asked={"state": calibration.AskedMap(a=0.4, b=0.7, n=40, recall=-1.5, recall_slope=0.2)}
)


def test_a_state_said_to_last_of_unknown_origin_is_answered_as_posed(world):
    """Lukashenko still in office at the end of 2025, asked in July 2022 (he held it then): a
    state question. Of unknown origin it is mapped as posed, since the recalled questions of its
    type are nearly all endings; said to be recalled, it keeps the recalled map."""
    maps = STATE_MAP
    document = {
        "targets": [
            {
                "id": "s",
                "asked_on": "2022-07-15",
                "quantity": "leader.holds",
                "args": {"actor": "BLR", "person": "Alexander Lukashenko", "on": "2025-12-31"},
            }
        ]
    }
    (target,) = parse_targets(document)[0]
    recalled = replace(target, origin="recalled")
    raw, unknown, said = (
        forecast_targets(world, [t], calibration_on=on)[0]
        for t, on in ((target, None), (target, lambda day: maps), (recalled, lambda day: maps))
    )
    assert unknown.p == pytest.approx(maps.apply_asked("state", raw.p, "posed"), abs=1e-9)
    assert said.p == pytest.approx(maps.apply_asked("state", raw.p, "recalled"), abs=1e-9)
    assert unknown.p > said.p


def test_a_kind_of_event_that_never_came_true_gets_a_lift_below_zero():
    """Peace agreements asked 20 times never came true, loans asked 20 times always did, at the
    same model answer: the map learns a lift per kind (and none for a question of another
    family), so the same answer reads low for a peace agreement and high for a loan."""
    peace = pd.DataFrame(
        {"p": 0.3, "outcome": [0.0] * 20, "asked_as": "event.occurs:peace_agreement"}
    )
    loans = pd.DataFrame({"p": 0.3, "outcome": [1.0] * 20, "asked_as": "event.occurs:loan"})
    track = pd.concat([peace, loans]).assign(id="q", recalled=False, years=1.0)
    fitted = fit_asked(track)
    assert set(fitted.lifts) == {"event.occurs:peace_agreement", "event.occurs:loan"}
    assert fitted.lifts["event.occurs:peace_agreement"] < -1 < 1 < fitted.lifts["event.occurs:loan"]
    maps = calibration.Calibration(asked={"change": fitted})
    low, unseen, high = (
        maps.apply_asked("change", 0.3, "posed", 1.0, kind)
        for kind in (
            "event.occurs:peace_agreement",
            "event.occurs:armed_clash",
            "event.occurs:loan",
        )
    )
    assert low < 0.25 < unseen < 0.75 < high
    assert maps.apply_asked("change", 0.3, "posed", 1.0, None) == pytest.approx(unseen)
    assert calibration.asked_kind("event.occurs", {"kind": "Peace agreement"}) == (
        "event.occurs:peace_agreement"
    )
    assert calibration.asked_kind("membership.starts", {"actor": "UKR", "org": "EU"}) is None


def test_the_shipped_maps_name_the_lift_each_kind_was_given(world, history_on, tmp_path):
    """Military exercises asked about every actor never happened: the map fitted on them gives
    exercises a lift below zero, and its JSON names it."""
    folder = _write_set(tmp_path / "no", "2007-01-01", 0)
    on = with_asked_map(world, history_on, AskedSet.read(folder))
    fitted = on(QUESTION[0].asked_on).asked["change"]
    assert fitted.lifts["event.occurs:military_exercise"] < 0
    maps = on(QUESTION[0].asked_on).to_dict()["asked"]["change"]
    assert maps["lifts"] == {
        "event.occurs:military_exercise": fitted.lifts["event.occurs:military_exercise"]
    }


def test_a_leader_going_of_unknown_origin_is_answered_as_posed_and_a_lifting_as_recalled(world):
    """Lukashenko leaving office by the end of 2025 and the EU lifting sanctions on Belarus, both
    asked in July 2022 without an origin: the leader's going reads the posed map (memory's
    surplus of fallen leaders is not carried over), the lifting the recalled one."""
    maps = STATE_MAP
    document = {
        "targets": [
            {
                "id": "leader",
                "asked_on": "2022-07-15",
                "quantity": "leader.changes",
                "args": {"actor": "BLR", "by": "2025-12-31"},
            },
            {
                "id": "lifting",
                "asked_on": "2022-07-15",
                "quantity": "sanctions.lifted",
                "args": {"sender": "EU", "target": "BLR", "scope": "any", "by": "2025-12-31"},
            },
        ]
    }
    targets = parse_targets(document)[0]
    raw = forecast_targets(world, targets)
    mapped = forecast_targets(world, targets, calibration_on=lambda day: maps)
    for origin, before, after in zip(("posed", "recalled"), raw, mapped, strict=True):
        held = maps.apply_asked("state", 1.0 - before.p, origin, after.horizon_years)
        assert after.p == pytest.approx(1.0 - held, abs=1e-9)
    recalled = forecast_targets(
        world, [replace(targets[0], origin="recalled")], calibration_on=lambda day: maps
    )[0]
    assert recalled.p > mapped[0].p

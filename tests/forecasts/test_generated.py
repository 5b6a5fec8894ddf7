"""The generated history resolves its questions as the forecasts read them."""

from __future__ import annotations

import pandas as pd

from postsoviet.forecasts.history import generate


def test_a_breakaway_regions_own_control_resolves_as_held(world):
    """Transnistria has held the left bank since 1992: the generated "holds" question about its
    own controller label (posed upper-cased) resolves yes, as the forecast of it reads it."""
    targets = generate(
        world, pd.Timestamp("2016-01-01"), pd.Timestamp("2016-01-01"), (1.0,), months=12
    )
    own = [
        r
        for r in targets
        if r.target.quantity.name == "control.holds"
        and r.target.args["place"] == "transnistria"
        and r.target.args["controller"].lower() == "transnistria"
    ]
    assert len(own) == 1 and own[0].outcome == 1.0


def test_no_question_is_posed_about_rows_that_fit_no_kind(world):
    """Rows kept as ``other`` (Kazakhstan's refusal to recognise the DNR/LNR in June 2022, the
    treaty suspensions) are known by 2024 but pose no question; the kinds around them still do."""
    events = world.known_on(pd.Timestamp("2024-07-01")).events
    assert (events["kind"] == "other").sum() >= 5
    targets = generate(
        world, pd.Timestamp("2024-07-01"), pd.Timestamp("2024-07-01"), (0.5,), months=12
    )
    kinds = {r.target.args.get("kind") for r in targets if r.target.quantity.name == "event.occurs"}
    assert "other" not in kinds
    assert {"recognition", "treaty"} <= kinds


def test_a_poser_chooses_the_questions(world):
    """``generate(poses=...)`` asks only the questions the poser yields, resolved as usual:
    Finland had not yet closed its border with Russia in January 2023, and did by the year's end."""

    def finland(facts, day, end):
        yield "event.occurs", {"kind": "border_closure", "actors": ["FIN", "RUS"], "by": end}

    targets = generate(
        world, pd.Timestamp("2023-01-01"), pd.Timestamp("2023-01-01"), (1.0,), months=12,
        poses=finland,
    )  # fmt: skip
    assert [(r.target.args["kind"], r.outcome) for r in targets] == [("border_closure", 1.0)]

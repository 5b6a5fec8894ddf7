"""The report's opening: the essay's story, and what the models say of each part of it now.

The essay "Post Soviet Union!" (July 2022; ../shared/seed/) makes one argument, reads four impacts
from it and ends on a rule of conduct. This section states them in our words, then, for each, puts
the models' answers on the report's day beside how sure they are and which of the essay's claims
the models bear out. Every number is read from :class:`~postsoviet.reports.content.ReportContent`;
nothing is computed here but the wording.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from postsoviet.reports.content import ReportContent
from postsoviet.reports.parts import Section, Table

ESSAY_TITLE = "Post Soviet Union!"
ESSAY_DATE = "July 2022"
THESIS = (
    "Writing after the Russia-Belarus forum of July 2022, the essay argues that Western sanctions "
    "are pushing Putin and Lukashenko to fuse their two states, the first step of a "
    "'post-Soviet union' that other former Soviet republics will be pressed to join. Such a "
    "project does not stop once started: it keeps what it has taken and goes on taking."
)
RULE = "When one direction stalls, Russia pushes another."
# The claims' impact labels (postsoviet.scenarios.claims) under the rows of the summary.
ROWS = {
    "Ukraine": "Ukraine",
    "Belarus": "Belarus",
    "Eastern flank": "eastern flank",
    "Kazakhstan": "Kazakhstan",
    "The rule": "next direction",
    "The union itself": "post-Soviet union",
}
ESSAY_SAYS = {
    "Ukraine": "Russia keeps what it took and wants more: a long tug of war, fed by Western aid.",
    "Belarus": "Integration under sanctions, bought with cheap energy and credit, is absorption.",
    "Eastern flank": "With Belarus absorbed, no buffer is left between Russia and NATO.",
    "Kazakhstan": "Its Russian north and Caspian oil make Kazakhstan the most exposed state.",
    "The rule": RULE,
    "The union itself": "Former Soviet states move closer to Russia and Belarus to stay sovereign.",
}


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def _ukraine(content: ReportContent) -> tuple[str, str]:
    result = content.attrition
    history = result.fit.history
    last = result.path.iloc[-1]
    now = (
        f"Russia held {_pct(history['observed'].iloc[-1])} of Ukraine on "
        f"{history['date'].iloc[-1]:%Y-%m-%d} (the last observation); the attrition model projects "
        f"{_pct(last['share_held'])} by {last['date']:%Y-%m-%d}."
    )
    sure = (
        f"5-95% band {_pct(last['share_low'])} to {_pct(last['share_high'])} over "
        f"{result.draws} parameter draws; it cannot foresee a breakthrough or a ceasefire."
    )
    return now, sure


def _belarus(content: ReportContent) -> tuple[str, str]:
    forecast = content.ladder
    names = [stage.name for stage in forecast.stages]
    reached = names[int(content.ladder_history.iloc[-1])]
    last = forecast.probabilities.iloc[-1]
    likely = str(last.idxmax())
    now = (
        f"Rung reached: {reached.replace('_', ' ')}. By {forecast.horizon} the likeliest rung is "
        f"{likely.replace('_', ' ')} ({_pct(last[likely])}); one state "
        f"{_pct(last[names[-1]])}."
    )
    sure = "A probability from a Markov chain whose drivers' weights are judgment."
    return now, sure


def _flank(content: ReportContent) -> tuple[str, str]:
    today = content.frontiers[1].frontier
    merged = sorted(
        (v for v in content.frontiers if "BLR" in v.russian),
        key=lambda v: not v.label.startswith("essay-eastern-flank"),
    )
    now = (
        f"Russia-NATO land border {today.nato_land_border_km:,.0f} km on the report day; "
        f"buffer states: {', '.join(today.buffer_states) or 'none'}."
    )
    if merged:
        after = merged[0].frontier
        now += (
            f" With Belarus merged ({merged[0].label}): {after.nato_land_border_km:,.0f} km, "
            f"Suwalki corridor flanked by Russia: {'yes' if after.suwalki.flanked_by_bloc else 'no'}."
        )
    sure = (
        "Border arithmetic, exact given the data; what is uncertain is the merger itself "
        "(see Belarus)."
    )
    return now, sure


def _kazakhstan(content: ReportContent) -> tuple[str, str]:
    ranking = content.exposure.ranking.set_index("iso3")
    top = ranking["index"].idxmax()
    now = (
        f"Kazakhstan ranks {int(ranking.loc['KAZ', 'rank'])} of {len(ranking)} on the exposure "
        f"index ({ranking.loc['KAZ', 'index']:.3f})"
        + ("." if top == "KAZ" else f"; first is {top}.")
    )
    sure = "A point index on judgment weights; --samples N gives its range."
    if content.sampled is not None:
        rows = content.sampled.summary
        kaz = rows[(rows["output"] == "exposure.index.KAZ") & (rows["scenario"] == "baseline")]
        if len(kaz):
            low, high = kaz.iloc[0]["q05"], kaz.iloc[0]["q95"]
            sure = (
                f"5-95% of the index over {content.sampled.samples:,} draws of its weights: "
                f"{low:.3f} to {high:.3f}."
            )
    return now, sure


def _rule(content: ReportContent) -> tuple[str, str]:
    now = f"Top direction on the report day: {content.directions.top}."
    redirect = [run for run in content.runs if run.scenario.name == "essay-redirect"]
    if redirect:
        now += (
            f" With Ukraine stalled (essay-redirect): {redirect[0].results['directions']['top']}."
        )
    sure = "A ranking of incentives on judgment weights, not a forecast of decisions."
    return now, sure


def _union(content: ReportContent) -> tuple[str, str]:
    with_russia = sorted(content.landscape.sides().pipe(lambda s: s[s == "Russia"]).index)
    now = f"Predicted on Russia's side: {', '.join(with_russia)}."
    sure = "The global minimum of the landscape's energy; the fence table gives the margins."
    return now, sure


SAYS_NOW: dict[str, Callable[[ReportContent], tuple[str, str]]] = {
    "Ukraine": _ukraine,
    "Belarus": _belarus,
    "Eastern flank": _flank,
    "Kazakhstan": _kazakhstan,
    "The rule": _rule,
    "The union itself": _union,
}


def _claims_text(claims: pd.DataFrame) -> tuple[str, str]:
    """Which tested claims hold, and which claims cannot fail (not counted)."""
    tests = claims[claims["kind"] == "test"]
    pairs = zip(tests["id"], tests["borne_out"], strict=True)
    held = [f"{c} ({'yes' if b else 'no'})" for c, b in pairs]
    kinds = zip(claims["id"], claims["kind"], strict=True)
    others = [f"{c} ({k})" for c, k in kinds if k != "test"]
    return "; ".join(held) or "no test", "; ".join(others)


def story(content: ReportContent) -> Section:
    """The essay, its thesis, four impacts and rule; per impact the models' answer now."""
    rows = []
    for row, impact in ROWS.items():
        now, sure = SAYS_NOW[row](content)
        tested, uncounted = _claims_text(content.claims[content.claims["impact"] == impact])
        rows.append(
            {
                "": row,
                "the essay says": ESSAY_SAYS[row],
                "the models say now": now,
                "how sure": sure,
                "tests borne out": tested,
                "not counted (cannot fail)": uncounted,
            }
        )
    kinds = content.claims["kind"].value_counts()
    tests = content.claims[content.claims["kind"] == "test"]
    text = [
        f'The essay "{ESSAY_TITLE}" ({ESSAY_DATE}). {THESIS}',
        "It draws four impacts: Ukraine (a long war), Belarus (absorption), the Eastern flank "
        f"(no buffer left before NATO) and Kazakhstan (the next exposed state), and one rule: {RULE}",
        f"Of the essay's {len(content.claims)} claims as the models state them, "
        f"{kinds.get('test', 0)} are tests that could fail; {int(tests['borne_out'].sum())} of "
        f"them hold. The other {len(content.claims) - kinds.get('test', 0)} restate a scenario's "
        "premise or follow from a model's construction, so they are shown but not counted "
        "(section Claims).",
    ]
    track = content.track
    if track is not None:
        scores = track.backtest["scores"]
        text.append(
            f"Track record: on {track.backtest['scored']} resolved example questions, the "
            f"project's Brier score is {scores['project']['brier']:.3f} against "
            + ", ".join(
                f"{name} {scores[name]['brier']:.3f}" for name in scores if name != "project"
            )
            + " (lower is better; section Track record)."
        )
    return Section(
        "story",
        "The essay and what the models say now",
        text,
        [],
        [Table(f"The four impacts and the rule, on {content.day:%Y-%m-%d}", pd.DataFrame(rows))],
    )

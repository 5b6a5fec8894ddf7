"""The report: geometry and stance, self-containment, sections, twins and the sources appendix."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from plotly.offline import get_plotlyjs
from report_setup import DAY, SAMPLES, SCENARIOS, with_samples

from postsoviet.reports import build_report, geometry, render
from postsoviet.reports import content as report_content
from postsoviet.reports.content import TOP_STATES, sources_used
from postsoviet.reports.figures import all_figures
from postsoviet.reports.html import _cell
from postsoviet.reports.sections import build_sections


def _outer_boxes(code: str) -> list[tuple[float, float, float, float]]:
    collection = geometry._collection()
    feature = next(f for f in collection["features"] if f["id"] == code)
    boxes = []
    for polygon in feature["geometry"]["coordinates"]:
        xs, ys = zip(*polygon[0], strict=True)
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


def _in_crimea(box: tuple[float, float, float, float]) -> bool:
    return box[0] >= 32.3 and box[2] <= 36.8 and box[1] >= 44.2 and box[3] <= 46.3


def test_geometry_draws_crimea_as_ukraine_not_russia():
    assert any(_in_crimea(b) for b in _outer_boxes("UKR"))
    assert not any(_in_crimea(b) for b in _outer_boxes("RUS"))
    assert "crimea" in geometry.shapes()


def test_geometry_has_a_line_for_every_frontier_segment(content):
    lines = geometry.border_lines()
    for view in content.frontiers:
        for segment in view.frontier.segments:
            sides = [segment.territory] if segment.territory != segment.a else view.russian
            assert any(frozenset((s, segment.b)) in lines for s in sides), segment
    assert frozenset(("LTU", "POL")) in lines


def test_the_merger_scenario_counts_belarus_as_russian(content):
    merged = next(v for v in content.frontiers if v.label.startswith("essay-eastern-flank"))
    assert "BLR" in merged.russian
    assert merged.frontier.suwalki.flanked_by_bloc


def test_every_figure_has_traces(content):
    for figure_id, figure in all_figures(content).items():
        assert len(figure.data) > 0, figure_id


def test_html_embeds_plotly_once_and_loads_nothing(content):
    page = render(content, "html")
    assert page.count(get_plotlyjs()) == 1
    page = page.replace(get_plotlyjs(), "")  # the library's own strings name its web pages
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    assert "@import" not in page


def test_html_has_every_section_and_figure(sampled):
    page = render(sampled, "html")
    assert page.count(get_plotlyjs()) == 1
    for section in build_sections(sampled):
        assert f'<section id="{section.id}">' in page
        for figure_id in section.figures:
            assert f'data-figure="{figure_id}"' in page
    assert 'data-figure="uncertainty-chart"' in page


def test_markdown_twin_has_the_same_sections_as_the_page(content):
    text = render(content, "md")
    for section in build_sections(content):
        assert f"## {section.title}" in text
    assert "Crimea" in text


def test_json_twin_holds_every_model(content):
    data = json.loads(render(content, "json"))
    assert data["date"] == DAY
    for key in ("blocs", "exposure", "frontier", "attrition", "bargaining", "directions", "claims"):
        assert data[key], key
    assert [s["scenario"] for s in data["scenarios"]] == ["baseline", "essay-eastern-flank"]
    assert data["frontier"][0]["nato_land_border_km"] == 1317


def test_sources_appendix_resolves_every_cited_source(content):
    table = sources_used(content.world, content.issues)
    assert not (table["title"] == "(not in sources.csv)").any()
    assert (table["url"] != "").all()
    assert "borders.csv" in " ".join(table["cited_by"])


def test_without_samples_nothing_is_sampled_and_the_report_says_how(world, content, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("sampled without --samples")

    monkeypatch.setattr(report_content, "sample_scenarios", refuse)
    unsampled = build_report(world, [], day=DAY)
    assert unsampled.sampled is None
    assert content.sampled is None
    assert content.notes == [report_content.SAMPLES_HINT]
    assert "uncertainty" not in [s.id for s in build_sections(content)]
    assert "uncertainty-chart" not in all_figures(content)
    assert "uncertainty" not in json.loads(render(content, "json"))


def test_samples_add_the_section_with_n_draws_and_ordered_quantiles(sampled):
    section = next(s for s in build_sections(sampled) if s.id == "uncertainty")
    assert section.title == f"How sure: {SAMPLES} sampled draws"
    text = " ".join(section.text)
    assert "seed 0" in text and "method mc" in text and "executor seq" in text
    assert "judgment" in text
    assert section.figures == ["uncertainty-chart"]
    summary = sampled.sampled.summary
    assert set(summary["scenario"]) == set(SCENARIOS)
    assert (summary["draws"] == SAMPLES).all()
    assert (summary["q05"] <= summary["q50"]).all()
    assert (summary["q50"] <= summary["q95"]).all()
    charted = sampled.sampled.charted()
    assert (charted["q05"] <= charted["q50"]).all() and (charted["q50"] <= charted["q95"]).all()
    states = charted.loc[charted["kind"] == "exposure index", "name"]
    assert states.nunique() == TOP_STATES  # a state merged away has no row in that scenario
    inputs = sampled.sampled.inputs()
    assert (inputs["origin"] == "judgment").all()
    assert (inputs["scenarios"] == "all").all()


def test_the_sampled_chart_draws_each_scenario_with_its_range(sampled):
    figure = all_figures(sampled)["uncertainty-chart"]
    assert {trace.name for trace in figure.data} == set(SCENARIOS)
    for trace in figure.data:
        assert (trace.error_x.array >= 0).all() and (trace.error_x.arrayminus >= 0).all()


def test_the_same_seed_gives_the_same_json_bytes(world, content, sampled):
    again = with_samples(world, content)
    assert render(again, "json") == render(sampled, "json")


def test_the_twins_carry_the_same_sampled_numbers(sampled):
    data = json.loads(render(sampled, "json"))["uncertainty"]
    assert (data["samples"], data["method"], data["seed"], data["executor"]) == (
        SAMPLES,
        "mc",
        0,
        "seq",
    )
    assert [run["draws"] for run in data["runs"]] == [SAMPLES] * len(SCENARIOS)
    assert len(data["outputs"]) == len(sampled.sampled.summary)
    text = render(sampled, "md")
    section = text[text.index(f"## How sure: {SAMPLES} sampled draws") :]
    for row in data["charted"]:
        cells = [_cell(row[q]) for q in ("q05", "q50", "q95")]
        assert (
            f"| {row['scenario']} | {row['kind']} | {row['name']} | " + " | ".join(cells) in section
        ), row


def test_samples_without_scenarios_sample_nothing(world, content):
    empty = replace(content, sampled=report_content.sample_scenarios(world, [], samples=100))
    section = next(s for s in build_sections(empty) if s.id == "uncertainty")
    assert "nothing was sampled" in " ".join(section.text)
    assert "uncertainty-chart" not in all_figures(empty)
    assert json.loads(render(empty, "json"))["uncertainty"]["outputs"] == []


def test_only_tests_can_be_borne_out(content):
    table = content.claims
    tests = table["kind"] == "test"
    assert tests.any() and (~tests).any()
    assert table.loc[~tests, "borne_out"].isna().all()
    assert (table.loc[tests, "borne_out"] == table.loc[tests, "holds"]).all()

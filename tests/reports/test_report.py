"""The report: geometry and stance, self-containment, sections, twins and the sources appendix."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from plotly.offline import get_plotlyjs
from report_setup import DAY, SAMPLES, SCENARIOS, with_samples

from postsoviet.models import registry
from postsoviet.reports import content as report_content
from postsoviet.reports import geometry, labels, render
from postsoviet.reports.content import TOP_STATES, sources_used
from postsoviet.reports.figures import all_figures
from postsoviet.reports.html import _cell
from postsoviet.reports.links import PUBLISHED_AT
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
    assert not re.search(r"""src=["']?https?:""", page)
    assert not re.search(r"<link[^>]+href=", page)
    # Links a reader may follow are anchors; nothing else names an address.
    assert all(tag.startswith("<a ") for tag in re.findall(r"<[^>]+href=[\"']?https?:", page))
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


def test_without_samples_nothing_is_sampled_and_the_report_says_how(content):
    # the shared report is built with sampling refused (conftest), so it did not sample
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


def _body(page: str) -> str:
    return page.replace(get_plotlyjs(), "").split("<body>", 1)[1]


def test_the_report_opens_on_the_essay_its_impacts_and_the_rule(content):
    first = build_sections(content)[0]
    text = " ".join(first.text)
    assert first.id == "story"
    assert '"Post Soviet Union!" (July 2022)' in text
    for impact in ("Ukraine", "Belarus", "Eastern flank", "Kazakhstan"):
        assert impact in text
    assert "When one direction stalls, Russia pushes another." in text
    table = first.tables[0].frame
    assert list(table[""]) == [
        "Ukraine",
        "Belarus",
        "Eastern flank",
        "Kazakhstan",
        "The rule",
        "The union itself",
    ]
    assert table["the models say now"].str.len().gt(20).all()
    assert table["how sure"].str.len().gt(20).all()


def test_every_url_and_doc_path_is_a_link_and_sources_are_collapsed(content):
    body = _body(render(content, "html"))
    unlinked = re.sub(r"<a [^>]*>.*?</a>", "", body, flags=re.S)
    assert not re.search(r"https?://", unlinked)
    assert not re.search(r"\bdocs/[\w/.-]+\.md", unlinked)
    assert f'<a href="{PUBLISHED_AT}docs/models/attrition.md">' in body
    assert re.search(r'<section id="sources"><h2>Sources</h2>\s*<details><summary>', body)
    assert "<details open" not in body


def test_the_claims_table_counts_only_tests(content):
    section = next(s for s in build_sections(content) if s.id == "claims")
    table = section.tables[0].frame.set_index("id")
    assert table.loc["buffer-disappears", "borne_out"] == "not counted (premise)"
    assert table.loc["push-redirects", "borne_out"] == "not counted (construction)"
    assert table.loc["kazakhstan-most-exposed", "borne_out"] in ("yes", "no")


def test_the_track_record_scores_the_project_beside_every_baseline_with_its_audit(content):
    section = next(s for s in build_sections(content) if s.id == "track-record")
    assert section.figures == ["track-record-chart"]
    scores = section.tables[0].frame
    assert scores["family"].iloc[0] == "all"
    assert scores["n"].iloc[0] == content.track.backtest["scored"] > 0
    for forecaster in ("project", "flat", "persistence", "base_rate"):
        assert scores[f"brier {forecaster}"].between(0, 1).all()
    assert (scores["cutoff"] == "2022-07-15").all()
    assert (scores["leak audit"] == "no leaks").all()
    data = json.loads(render(content, "json"))["track_record"]
    assert data["leaks"] == {"2022-07-15": []}
    assert set(data["scores"]) == {"project", "flat", "persistence", "base_rate"}


def test_the_frontier_map_draws_each_distinct_frontier_once_in_its_own_colour(content):
    figure = all_figures(content)["frontier-map"]
    lines = [t for t in figure.data if t.name and t.name.endswith(" km") and t.mode == "lines"]
    distinct = {v.frontier.nato_land_border_km for v in content.frontiers}
    assert len(lines) >= len(distinct)
    assert len({t.line.color for t in lines}) == len(lines)
    assert sum(t.name.count("(") for t in lines) >= len(content.frontiers)
    fills = {t.name for t in figure.data if t.showlegend and t.fill == "toself"}
    assert fills == {"Russia", "NATO member on the report day", "neither"}


def test_labels_of_close_points_take_different_spots_or_none():
    positions, texts = labels.place(
        [0.0, 1.0, 2.0, 50.0],
        [0.0, 0.0, 0.0, 0.0],
        ["ARM", "AZE", "GEO", "KAZ"],
        px_per_x=1.0,
        px_per_y=1.0,
    )
    close = [p for p, t in zip(positions[:3], texts[:3], strict=True) if t]
    assert len(close) >= 2 and len(set(close)) == len(close)
    assert texts[3] == "KAZ" and positions[3] == "top center"


def test_how_sure_covers_every_registered_model(sampled):
    table = sampled.sampled.by_model()
    for scenario in SCENARIOS:
        assert set(table[table["scenario"] == scenario]["model"]) == set(registry.names())
    section = next(s for s in build_sections(sampled) if s.id == "uncertainty")
    assert any(t.title.startswith("Every model") for t in section.tables)


def test_the_sources_appendix_covers_every_table_a_registered_model_reads():
    for spec in registry.specs():
        assert set(spec.reads) <= set(report_content.TABLES_USED), spec.name
    assert set(report_content.REPORT_READS) <= set(report_content.TABLES_USED)


def test_a_new_models_tables_join_the_sources_appendix_without_an_edit(monkeypatch):
    extra = replace(registry.get("bargaining"), name="extra", quantities=(), reads=("seas",))
    monkeypatch.setattr(registry, "MODELS", (*registry.MODELS, extra))
    assert "seas" not in report_content.TABLES_USED
    assert "seas" in report_content.tables_used()

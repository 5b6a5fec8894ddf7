"""The report: geometry and stance, self-containment, sections, twins and the sources appendix."""

from __future__ import annotations

import json
import re

from plotly.offline import get_plotlyjs

from postsoviet.reports import build_report, geometry, render
from postsoviet.reports.content import sources_used
from postsoviet.reports.figures import all_figures
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


def test_html_has_every_section_and_figure(content):
    page = render(content, "html")
    for section in build_sections(content):
        assert f'<section id="{section.id}">' in page
        for figure_id in section.figures:
            assert f'data-figure="{figure_id}"' in page


def test_markdown_twin_has_the_same_sections_as_the_page(content):
    text = render(content, "md")
    for section in build_sections(content):
        assert f"## {section.title}" in text
    assert "Crimea" in text


def test_json_twin_holds_every_model(content):
    data = json.loads(render(content, "json"))
    assert data["date"] == "2026-06-01"
    for key in ("blocs", "exposure", "frontier", "attrition", "bargaining", "directions", "claims"):
        assert data[key], key
    assert [s["scenario"] for s in data["scenarios"]] == ["baseline", "essay-eastern-flank"]
    assert data["frontier"][0]["nato_land_border_km"] == 1317


def test_sources_appendix_resolves_every_cited_source(content):
    table = sources_used(content.world, content.issues)
    assert not (table["title"] == "(not in sources.csv)").any()
    assert (table["url"] != "").all()
    assert "borders.csv" in " ".join(table["cited_by"])


def test_samples_are_accepted_and_said_to_be_unused(world):
    content = build_report(world, [], day="2026-06-01", samples=100)
    assert any("--samples 100" in note for note in content.notes)


def test_the_stance_names_whose_border_is_drawn_for_crimea(content):
    section = next(s for s in build_sections(content) if s.id == "geometry")
    text = " ".join(section.text)
    assert "Crimea" in text and "Ukraine" in text and "de jure" in text

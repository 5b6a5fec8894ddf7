"""The report in a real browser: Debian's chromium driven by Playwright, with the network cut.

Every request that leaves ``file://`` (or ``data:``/``blob:``) is blocked and counted; the test
fails on any blocked request or console error, checks that each map and chart drew its shapes, and
saves a screenshot of each section in its tmp dir and one of the frontier in ``docs/``. The page is
the report with ``--samples 20`` and the example track record, so the sampled chart and the
reliability diagram are checked too. At 1280 px wide it checks the layout: no sideways scroll, the
navigation still on screen after scrolling to the end, the sources folded, every address a link,
and no two labels of the labelled charts overlapping.

The browser: ``$POSTSOVIET_CHROMIUM`` if set, else ``/usr/bin/chromium`` (``apt-get install
chromium``; ``.ci/run`` installs it). Playwright's own browser download is never used. Without a
browser the test fails under CI (``CI=true``) and is skipped, with the reason, elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chromium_path import chromium
from postsoviet.reports import render
from postsoviet.reports.sections import build_sections

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "report-frontier.png"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ALLOWED = ("file:", "data:", "blob:")
# Shapes each figure must draw at least: filled states for maps, traces for charts.
MIN_PATHS = {
    "bloc-map": 60,
    "exposure-map": 60,
    "frontier-map": 60,
    "frontier-lengths": 5,
    "ladder-chart": 5,
    "attrition-chart": 3,
    "bargaining-chart": 3,
    "directions-chart": 3,
    "uncertainty-chart": 20,  # one marker per scenario and charted output
    "track-record-chart": 2,
}
WIDTH = 1280
# Figures whose marker labels must not overlap or touch one another.
LABELLED = ("bloc-map", "attrition-chart", "bargaining-chart")
# The page's layout, measured in the browser: sideways scroll, the navigation's box after a
# scroll to the end, the sources' fold, addresses outside anchors, and overlapping labels.
LAYOUT = r"""(labelled) => {
  const overlaps = (a, b) =>
    a.left < b.right + 1 && b.left < a.right + 1 && a.top < b.bottom + 1 && b.top < a.bottom + 1;
  const crowded = {};
  for (const id of labelled) {
    const boxes = [...document.querySelectorAll(`#${id} .textpoint text`)]
      .filter((t) => t.textContent.trim())
      .map((t) => [t.textContent, t.getBoundingClientRect()]);
    crowded[id] = [];
    boxes.forEach(([a, ra], i) => boxes.slice(i + 1).forEach(([b, rb]) => {
      if (overlaps(ra, rb)) crowded[id].push(a + "/" + b);
    }));
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const bare = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (/https?:\/\//.test(node.textContent) && !node.parentElement.closest("a, script, svg")) {
      bare.push(node.textContent.slice(0, 80));
    }
  }
  window.scrollTo(0, document.body.scrollHeight);
  const nav = document.querySelector("nav").getBoundingClientRect();
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    nav: {top: nav.top, bottom: nav.bottom, left: nav.left, right: nav.right},
    innerHeight: window.innerHeight,
    sourcesOpen: document.querySelector("#sources > details").open,
    bare: bare,
    crowded: crowded,
  };
}"""


def test_report_renders_offline_in_chromium(sampled, tmp_path):
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    sections = build_sections(sampled)
    shown = [figure_id for section in sections for figure_id in section.figures]
    assert sorted(shown) == sorted(MIN_PATHS)
    page_file = tmp_path / "report.html"
    page_file.write_text(render(sampled, "html"), encoding="utf-8")
    blocked: list[str] = []
    errors: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(ALLOWED):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": WIDTH, "height": 900})
            page.route("**/*", route)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")
            drawn = {
                figure_id: page.locator(
                    f"#{figure_id} .scatterlayer path, #{figure_id} .barlayer path"
                ).count()
                for figure_id in shown
            }
            for section in sections:
                page.locator(f"section#{section.id}").screenshot(
                    path=str(tmp_path / f"section-{section.id}.png")
                )
            SCREENSHOT.parent.mkdir(exist_ok=True)
            page.locator('[data-figure="frontier-map"]').screenshot(path=str(SCREENSHOT))
            layout = page.evaluate(LAYOUT, list(LABELLED))
        finally:
            browser.close()
    assert blocked == [], f"{len(blocked)} request(s) left file://: {blocked[:5]}"
    assert errors == [], errors
    for figure_id in shown:
        assert drawn[figure_id] >= MIN_PATHS[figure_id], (figure_id, drawn[figure_id])
    for section in sections:
        assert (tmp_path / f"section-{section.id}.png").stat().st_size > 1000
    assert layout["scrollWidth"] <= layout["innerWidth"], "the page scrolls sideways at 1280 px"
    nav = layout["nav"]
    assert nav["top"] >= 0 and nav["bottom"] <= layout["innerHeight"] / 4, nav
    assert nav["left"] >= 0 and nav["right"] <= layout["innerWidth"], nav
    assert not layout["sourcesOpen"], "the sources section is not collapsed"
    assert layout["bare"] == [], "addresses that are not links"
    assert layout["crowded"] == {key: [] for key in LABELLED}, "overlapping labels"

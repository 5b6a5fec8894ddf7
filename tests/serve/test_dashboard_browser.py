"""The dashboard in a real browser: Debian's chromium driven by Playwright, every request that is
not to the server on loopback blocked and counted.

The test loads a view of two figures, moves a lever (Belarus merged in 2028), sees the exposure map
and the URL change, reloads the URL and gets the same view. The browser: ``$POSTSOVIET_CHROMIUM``
or ``/usr/bin/chromium``; without one the test fails under CI and is skipped elsewhere.
"""

from __future__ import annotations

import pytest

from chromium_path import chromium

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
VIEW = "/?figures=exposure,directions&date=2030-12-31"
TIMEOUT = 60_000  # ms: the first answers run the models


def _settled(page) -> None:
    page.wait_for_selector("body[data-busy=false]", timeout=TIMEOUT)


def _map_values(page) -> str:
    return page.get_attribute("#fig-exposure", "data-values")


def test_a_lever_moves_the_map_and_the_link_reproduces_the_view(server, tmp_path):
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    blocked: list[str] = []
    errors: list[str] = []

    def route(request_route):
        if request_route.request.url.startswith(server):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.route("**/*", route)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(server + VIEW)
            _settled(page)
            assert page.get_attribute("#fig-exposure", "data-mode") == "map"
            states = page.locator("#fig-exposure .scatterlayer path").count()
            before = _map_values(page)
            page.select_option("#lever-merger", "2028")
            page.wait_for_function(
                "v => document.querySelector('#fig-exposure').dataset.values !== v",
                arg=before,
                timeout=TIMEOUT,
            )
            _settled(page)
            after = _map_values(page)
            link = page.url
            page.screenshot(path=str(tmp_path / "dashboard.png"))
            page.goto(link)
            _settled(page)
            reloaded = _map_values(page)
            merger = page.input_value("#lever-merger")
        finally:
            browser.close()
    assert blocked == [], blocked[:5]
    assert errors == [], errors
    assert states > 100  # the countries of both maps, baseline and scenario
    assert "merger=2028" in link
    assert after != before
    assert (reloaded, merger) == (after, "2028")

"""Take the README's screenshot of the dashboard, ``docs/img/dashboard.png``, by hand.

Run with ``.venv/bin/python scripts/dashboard_screenshot.py``: starts ``postsoviet serve`` on a free
loopback port (a run store in a temporary folder), opens a view of the essay's Belarus scenario with
two levers moved in Debian's chromium (``$POSTSOVIET_CHROMIUM`` or ``/usr/bin/chromium``, driven by
Playwright; every request off loopback is blocked), waits for every figure and saves the page's
first screen as an 8-colour-deep PNG small enough for the repository.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "serve"))

from serve_setup import start  # noqa: E402

OUT = ROOT / "docs" / "img" / "dashboard.png"
VIEW = (
    "/?scenario=essay-belarus-levers&date=2030-12-31&seed=0&merger=2029&cost.ukraine=2"
    "&figures=exposure,directions,frontier,ladder"
)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]


def main() -> None:
    browser_path = os.environ.get("POSTSOVIET_CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as folder:
        server, base = start(Path(folder) / "runs.duckdb")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=browser_path, args=ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 860})
                page.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith(base) else r.abort(),
                )
                page.goto(base + VIEW)
                page.wait_for_selector("body[data-busy=false]", timeout=300_000)
                OUT.parent.mkdir(exist_ok=True)
                page.screenshot(path=str(OUT))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"{OUT}: {OUT.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()

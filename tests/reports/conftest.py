"""One report, built once per session, shared by the report tests (building it takes seconds)."""

from __future__ import annotations

import pytest

from postsoviet.reports import ReportContent, build_report

DAY = "2026-06-01"
SCENARIOS = ("baseline", "essay-eastern-flank")


@pytest.fixture(scope="session")
def content(world) -> ReportContent:
    return build_report(world, SCENARIOS, day=DAY)

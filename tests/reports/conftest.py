"""One report, built once per session, shared by the report tests (building it takes seconds);
``sampled`` is the same report with the section of ``--samples 200``. Both carry the track record
of the example targets (the section 'Track record')."""

from __future__ import annotations

import pytest
from report_setup import DAY, SCENARIOS, example_track, with_samples

from postsoviet.reports import ReportContent, build_report
from postsoviet.reports import content as report_content


def _refuse(*args, **kwargs):
    raise AssertionError("sampled without --samples")


@pytest.fixture(scope="session")
def content(world) -> ReportContent:
    """The report without ``--samples``: built with sampling refused, so it cannot sample."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(report_content, "sample_scenarios", _refuse)
        return build_report(world, SCENARIOS, day=DAY, track=example_track(world))


@pytest.fixture(scope="session")
def sampled(world, content) -> ReportContent:
    return with_samples(world, content)

"""``postsoviet.world.coverage``: events per kind and source, and sources and facts by tier."""

from __future__ import annotations

import pytest

from postsoviet.world import coverage


def test_event_counts_add_up_to_the_events_table(world):
    counts = coverage.event_counts(world)
    assert counts["rows"].sum() == len(world.events)
    assert set(counts["kind"]) == set(world.events["kind"])
    assert (counts["first"] <= counts["last"]).all()


def test_event_sources_count_each_cited_source_of_each_row(world):
    sources = coverage.event_sources(world)
    cited = world.events["source"].str.split(";").map(len).sum()
    assert sources["rows"].sum() == cited
    assert set(sources["tier"]) <= {"primary", "secondary", "tertiary", "", "judgment"}


def test_a_fact_counts_under_the_best_tier_it_cites():
    tiers = {"a": "tertiary", "b": "primary", "c": "untiered"}
    assert coverage.best_tier("a;b", tiers) == "primary"
    assert coverage.best_tier("a", tiers) == "tertiary"
    assert coverage.best_tier("c;judgment", tiers) == "untiered"
    assert coverage.best_tier("judgment", tiers) == "judgment"
    assert coverage.best_tier("unknown", tiers) == "untiered"


def test_tier_shares_cover_every_source_and_fact(world):
    shares = coverage.tier_shares(world).set_index("tier")
    assert shares["sources"].sum() == len(world.sources)
    assert shares.loc["untiered", "sources"] == 0
    assert shares["source_share"].sum() == pytest.approx(1.0)

"""A named set's long-run record of a kind is a level of its own, between the kind's rate per set
and the set's last year (sanctions_and_events.p_event): a pair quiet lately but active for years is not
taken for a pair that acted once."""

from __future__ import annotations

import pandas as pd

import postsoviet
from postsoviet.models.event_hazard import sanctions_and_events
from postsoviet.models.event_hazard.facts import facts_of

HEADER = "id,date,kind,actors,title,completion,source,note\n"
LAST = "x_last,2018-06-01,seizure,NOR;FIN,test,,judgment,test overlay\n"
EARLIER = "".join(
    f"x_{year},{year}-03-01,seizure,NOR;FIN,test,,judgment,test overlay\n"
    for year in (2012, 2014, 2016)
)


def _p(tmp_path, name: str, rows: str) -> float:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "events.csv").write_text(HEADER + rows)
    facts = facts_of(postsoviet.load_world(folder).known_on(pd.Timestamp("2019-07-01")))
    args = {"kind": "seizure", "actors": ["NOR", "FIN"], "tags": [], "min_value": None}
    return sanctions_and_events.p_event(facts, "event.occurs", args, 1.0, True)


def test_a_long_record_raises_a_pair_quiet_lately(tmp_path):
    """Norway and Finland (no seizure on record) with one seizure a year before the cutoff, or with
    three more in 2012-2016: the same last year, but the longer record makes the next one likelier
    (with the last year alone the old seizures weighed exp(-3) of a recent one at most)."""
    once = _p(tmp_path, "once", LAST)
    often = _p(tmp_path, "often", LAST + EARLIER)
    assert often > 1.3 * once
    assert 0 < once < often < 1


def test_the_long_record_alone_is_not_a_recent_burst(tmp_path):
    """Without the event of 2018 the old seizures still count, less than with it."""
    old = _p(tmp_path, "old", EARLIER)
    both = _p(tmp_path, "both", LAST + EARLIER)
    assert 0 < old < both

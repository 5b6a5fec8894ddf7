"""The event vocabulary a target may ask about: each kind, how often the world records it, and
the tags its events carry.

``event.occurs(kind, tags=[...])`` matches an event of the kind whose tags include the ones
asked (:func:`postsoviet.models.event_hazard.questions.event_matches`). The kinds are a fixed
vocabulary (``EVENT_KINDS`` in :mod:`postsoviet.data.schema`); the tags are whatever the sourced
rows carry, so this table is read from the world itself (or a vintage of it) and cannot drift from
the data. A tag never recorded for a kind can still be asked about, but nothing in the world
could resolve it "yes".
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from postsoviet.data.schema import EVENT_KINDS
from postsoviet.models.event_hazard.facts import tag_set
from postsoviet.world import World

COLUMNS = ["kind", "events", "first", "last", "tags"]


def event_vocabulary(world: World) -> pd.DataFrame:
    """One row per kind of the vocabulary: ``events`` (rows of that kind in ``world``), the
    ``first`` and ``last`` dates (NaT without events) and ``tags``, a dict of each tag (as a
    target writes it) and the number of events carrying it, most frequent first."""
    events = world.events
    rows = []
    for kind in sorted(EVENT_KINDS):
        chosen = events[events["kind"] == kind]
        counts = Counter(t for cell in chosen["tags"] for t in tag_set(cell))
        rows.append(
            {
                "kind": kind,
                "events": len(chosen),
                "first": chosen["date"].min() if len(chosen) else pd.NaT,
                "last": chosen["date"].max() if len(chosen) else pd.NaT,
                "tags": dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)

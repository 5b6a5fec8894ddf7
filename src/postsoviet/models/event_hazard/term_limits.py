"""Term limits: a head of state who may not run again leaves office after the vote that is due.

A constitution may cap the terms a president serves in a row (Poland, Lithuania, Finland: two).
The state's cap for a year is the attribute :data:`TERM_LIMIT` (the latest row up to that year;
``0``: no cap), dated by the constitution's article in ``attributes.csv``. A holder's terms at a
vote are the state's presidential votes (:func:`elections.votes`) that fell within their tenure
up to it, counting from :data:`CHOSEN_BEFORE` before the tenure began (the vote that brought
them in), and none before the cap's rule began (a new constitution starts the count again:
Shevardnadze's re-election of 2000 was his first under Georgia's constitution of 1995). Duda,
elected in May 2015 and again in June 2020, had two terms at the vote of May 2025, and Poland's
cap is two, so that vote was **limited**; Nausėda, elected in 2019, had one at the vote of May
2024 and could run again.

A limited vote hands the office on in the months after it (:data:`elections.AFTER_VOTE`) unless
the holder stays: the chance of staying is read from every limited vote in the record known at the
cutoff, ``(stays + 1/2) / (votes + 1)`` (Jeffreys), a stay being the same person in office
:data:`STAY_AFTER` after the vote (a term may run some months past its vote: Slovakia's
president hands over in June after a March vote). In the record of the states with a cap, no
limited vote has yet left its holder in office (Poland 2005, Lithuania 2019, Finland 2012, the United
States 2000, 2008 and 2016, ...), so a window holding one is answered near certain change.
Source of the rules: each state's constitution (``sources.csv``, ``const_*``).
"""

from __future__ import annotations

import pandas as pd

from postsoviet.models.event_hazard import elections
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import Facts, Spell, derived, holder_on
from postsoviet.models.event_hazard.hazard import YEAR_DAYS

TERM_LIMIT = "head_of_state_term_limit"
OFFICE = "head_of_state"
# A presidential vote this long before a holder's tenure began is the one that chose them (the
# longest gap from a vote to an inauguration in the record is under three months; judgment).
CHOSEN_BEFORE = pd.Timedelta(days=round(1.0 * YEAR_DAYS))
# A holder still in office this long after a limited vote stayed through it (judgment, as above).
STAY_AFTER = CHOSEN_BEFORE


def cap(facts: Facts, actor: str, year: int) -> tuple[int, int] | None:
    """The state's cap on a president's terms in a row for ``year`` and the year its rule began
    (None: none known or none set)."""
    rows = [(y, v) for y, v in facts.attributes.get((TERM_LIMIT, actor), []) if y <= year]
    if not rows:
        return None
    since, value = max(rows)
    return (int(value), since) if value > 0 else None


def terms_won(
    facts: Facts, actor: str, tenure_start: pd.Timestamp, vote: pd.Timestamp, since: int
) -> int:
    """The presidential votes from :data:`CHOSEN_BEFORE` before ``tenure_start`` up to (not
    including) ``vote``, none before the year ``since``."""
    return sum(
        1
        for day in elections.votes(facts, actor, elections.PRESIDENTIAL)
        if tenure_start - CHOSEN_BEFORE <= day < vote and day.year >= since
    )


def limited(facts: Facts, actor: str, tenure_start: pd.Timestamp, vote: pd.Timestamp) -> bool:
    """Whether a holder whose tenure began on ``tenure_start`` may not run at ``vote``."""
    rule = cap(facts, actor, vote.year)
    if rule is None:
        return False
    limit, since = rule
    return terms_won(facts, actor, tenure_start, vote, since) >= limit


def limited_votes(facts: Facts, actor: str) -> list[pd.Timestamp]:
    """The state's presidential votes known at the cutoff at which the holder on the day was
    limited (tenures as held, not followed across offices: the cap is on the presidency)."""
    spells = q.leader_spells(facts, actor, OFFICE)
    found = []
    for vote in elections.votes(facts, actor, elections.PRESIDENTIAL):
        holder = holder_on(spells, vote)
        if holder is not None and limited(facts, actor, _tenure(spells, holder), vote):
            found.append(vote)
    return found


def stay_record(facts: Facts) -> tuple[int, int]:
    """``(stays, votes)``: the limited votes of every state whose outcome is known at the cutoff,
    and those after which the holder was still in office (:data:`STAY_AFTER` later)."""

    def build(facts: Facts) -> tuple[int, int]:
        cutoff = q.known_until(facts)
        stays = total = 0
        for (name, actor), _ in facts.attributes.items():
            if name != TERM_LIMIT:
                continue
            spells = q.leader_spells(facts, actor, OFFICE)
            for vote in limited_votes(facts, actor):
                after = vote + STAY_AFTER
                if after > cutoff:
                    continue
                # a limited vote has a holder on its day (limited_votes)
                before, later = holder_on(spells, vote), holder_on(spells, after)
                total += 1
                stays += int(later is not None and later.label == before.label)
        return stays, total

    return derived(facts, "term-limit-stays", build)


def p_stays(facts: Facts, actor: str, office: str, spell: Spell, years: float) -> float:
    """P(the holder of ``spell`` stays through a limited vote whose handover falls within the
    window of ``years`` from the cutoff); 1 when none does (or the office is not the
    presidency)."""
    if office != OFFICE or years <= 0:
        return 1.0
    cutoff = q.known_until(facts)
    end = cutoff + pd.Timedelta(days=round(years * YEAR_DAYS))
    listed = elections.held_and_due(facts, actor, elections.PRESIDENTIAL, cutoff, end)
    # the votes whose handover is still to come at the cutoff
    coming = [d for d in listed if d + elections.AFTER_VOTE > cutoff]
    start = _tenure(q.leader_spells(facts, actor, OFFICE), spell)
    if not any(d + elections.AFTER_VOTE <= end and limited(facts, actor, start, d) for d in coming):
        return 1.0
    stays, total = stay_record(facts)
    return (stays + 0.5) / (total + 1.0)


def _tenure(spells: list[Spell], spell: Spell) -> pd.Timestamp:
    """When the holder of ``spell`` began holding the presidency without a break (consecutive
    spells of the same person joined)."""
    start = spell.start
    for other in sorted(spells, key=lambda s: s.start, reverse=True):
        if (
            other.label == spell.label
            and other.start < start
            and other.end is not None
            and other.end >= start - pd.Timedelta(days=1)
        ):
            start = other.start
    return start

"""The claims: each says what kind of check it is (evaluated in tests/reports, on the report's runs)."""

from __future__ import annotations

import pytest

from postsoviet.scenarios.claims import CLAIMS, KINDS, Claim


def test_every_claim_says_what_kind_of_check_it_is_and_why():
    for claim in CLAIMS:
        assert claim.kind in KINDS, claim.id
        assert len(claim.why) > 20, claim.id


def test_a_claim_of_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind 'proof'"):
        Claim("x", "Ukraine", "x", "baseline", "attrition.share_held", max, "x", "proof", "x")

"""Bueno de Mesquita's expected-utility ("challenge") model, as reconstructed by Scholz et al.

Source: J. B. Scholz, G. J. Calbert and G. A. Smith, "Unravelling Bueno de Mesquita's Group
Decision Model", ICAART 2011, pp. 18-30, DOI 10.5220/0003121500180030 (section numbers below
refer to it), which reconstructs B. Bueno de Mesquita, "Political Forecasting: An Expected
Utility Method", in *European Community Decision Making*, Yale University Press, 1994.

Every actor i holds a position x_i, a capability c_i and a salience s_i in [0, 1]. In each round
each actor weighs challenging each other actor; the dyadic expected utilities place every pair in
one of the octants (conflict, compromise, capitulation, status quo), each actor makes offers where
it expects to gain, and each actor accepts one of the offers it receives. One round is
O(n^3): each win probability sums the votes of all n actors over n^2 pairs. All dyads are computed
at once with numpy.

Index convention: a matrix ``M[i, j]`` reads "actor i about (or against) actor j".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from postsoviet.errors import BargainingInputError
from postsoviet.models.bargaining.actors import Actors, FloatArray, frozen_array
from postsoviet.models.bargaining.baselines import Tie, weighted_mean, weighted_median
from postsoviet.models.bargaining.results import BargainingResult, BdmRound

Denominator = Literal["all_pairs", "dyad"]
Perspective = Literal["proposer", "receiver", "own"]
Choice = Literal["scholz_program", "nearest", "strongest"]
Scale = Literal["initial", "current"]
VoteUtility = Literal["risk", "linear"]

# Octant codes of an offer, in the order Scholz's program ranks them.
CONFLICT, COMPROMISE, CAPITULATION, NONE = 0, 1, 2, 3

# Votes are summed over blocks of voters so that one block holds at most this many numbers.
_BLOCK_ELEMENTS = 4_000_000


@dataclass(frozen=True)
class BdmOptions:
    """The reconstruction's choices where Scholz et al. (2011) leave a step open.

    The defaults are the combination that comes closest to Scholz's Table 2 (round 1 exactly);
    ``docs/models/bargaining.md`` gives the match of every alternative.

    Attributes
    ----------
    q
        Q, the probability that the status quo persists if i does not challenge j (eq. 1).
    t
        T, the probability that, if the status quo changes anyway, it changes in i's favour
        (eq. 1). Irrelevant when ``q == 1``.
    denominator
        The denominator of the win probability P_ij (section 4). ``"all_pairs"`` sums the
        absolute votes of every actor over every ordered pair of actors, as Scholz's own program
        did (P_ij is then small and P_ij + P_ji < 1); ``"dyad"`` sums them over the pair (i, j)
        only, so that P_ij + P_ji = 1 as in BDM (1994).
    vote_utility
        The utility an actor k votes with (section 4): ``"risk"`` uses -(|x_k - x|/D)^r_k with
        k's risk exponent; ``"linear"`` uses -|x_k - x|/D.
    perspective
        Whose estimates classify a dyad into an octant (section 6). ``"proposer"``: the actor
        that makes the offer judges both expected utilities with its own risk exponent (BDM's
        quadrant figures are drawn from one actor's perspective); ``"receiver"``: the actor that
        would move judges both; ``"own"``: each side's own estimate of its own expected utility.
    choice
        Which received offer an actor accepts (section 6). ``"nearest"``: the one that moves it
        least, as the paper and BDM (1994) describe; ``"strongest"``: the one whose proposer
        expects most; ``"scholz_program"``: the rule a public reimplementation reports from
        Scholz's own program (github.com/jmckib/bdm-scholz-expected-utility-model): a lost
        conflict first (nearest), else the compromise whose point (|E_loss| x_m + E_gain x_p) /
        (|E_loss| + E_gain) is lowest on the scale, else a capitulation (nearest). It is the only
        rule that reproduces the shape of Table 2; its compromise key favours low positions.
    scale
        D, the length of the issue scale in the utilities (section 3): ``"initial"`` keeps
        max - min of the input positions in every round; ``"current"`` uses this round's.
    tie
        The weighted-median tie rule (see :func:`~postsoviet.models.bargaining.weighted_median`).
    """

    q: float = 1.0
    t: float = 1.0
    denominator: Denominator = "all_pairs"
    vote_utility: VoteUtility = "risk"
    perspective: Perspective = "receiver"
    choice: Choice = "scholz_program"
    scale: Scale = "initial"
    tie: Tie = "lower"

    def __post_init__(self) -> None:
        for name, value in (("q", self.q), ("t", self.t)):
            if not 0 <= value <= 1:
                raise BargainingInputError(f"{name}: expected a probability in [0, 1], got {value}")
        allowed = {
            "denominator": ("all_pairs", "dyad"),
            "vote_utility": ("risk", "linear"),
            "perspective": ("proposer", "receiver", "own"),
            "choice": ("scholz_program", "nearest", "strongest"),
            "scale": ("initial", "current"),
            "tie": ("lower", "upper", "midpoint"),
        }
        for name, values in allowed.items():
            if getattr(self, name) not in values:
                raise BargainingInputError(
                    f"{name}: expected one of {', '.join(values)}, got {getattr(self, name)!r}"
                )


def win_probability(
    position: FloatArray,
    weight: FloatArray,
    risk: FloatArray,
    scale: float,
    *,
    denominator: Denominator = "all_pairs",
    vote_utility: VoteUtility = "risk",
) -> FloatArray:
    """P_ij: the probability that i wins a contest with j, from the votes of all actors.

    Actor k votes for i over j with strength (section 4; BDM 1994, p. 81)

    .. math:: v^k_{ij} = c_k s_k \\left[ \\left(\\frac{|x_k - x_j|}{D}\\right)^{r_k}
                                        - \\left(\\frac{|x_k - x_i|}{D}\\right)^{r_k} \\right]

    (exponent 1 with ``vote_utility="linear"``), and

    .. math:: P_{ij} = \\frac{\\sum_{k:\\, v^k_{ij} > 0} v^k_{ij}}{\\text{denominator}}

    with denominator :math:`\\sum_k |v^k_{ij}|` (``"dyad"``) or
    :math:`\\sum_k \\sum_{a, b} |v^k_{ab}|` over all ordered pairs of actors (``"all_pairs"``).
    Where the denominator is 0 (nobody cares), P_ij = 0.5.

    Parameters
    ----------
    position, weight, risk
        x_k, c_k s_k and r_k for every actor.
    scale
        D > 0, the length of the issue scale.

    Returns
    -------
    numpy.ndarray
        An n-by-n matrix, ``P[i, j]``; the diagonal is 0.5 (no contest).
    """
    n = position.size
    exponent = risk if vote_utility == "risk" else np.ones(n)
    # loss[k, a]: voter k's disutility of position x_a.
    loss = (np.abs(position[:, None] - position[None, :]) / scale) ** exponent[:, None]
    numerator = np.zeros((n, n))
    absolute = np.zeros((n, n))
    block = max(1, _BLOCK_ELEMENTS // (n * n))
    for start in range(0, n, block):
        rows = slice(start, start + block)
        votes = weight[rows, None, None] * (loss[rows, None, :] - loss[rows, :, None])
        numerator += np.maximum(votes, 0.0).sum(axis=0)
        if denominator == "dyad":
            absolute += np.abs(votes).sum(axis=0)
    if denominator == "dyad":
        total = absolute
    else:
        # sum over ordered pairs (a, b) of |y_a - y_b| = 2 sum_m (2m - n + 1) y_(m), y sorted.
        ranks = 2 * np.arange(n) - n + 1
        per_voter = 2 * (np.sort(loss, axis=1) @ ranks)
        total = np.full((n, n), float(np.dot(weight, per_voter)))
    probability = np.full((n, n), 0.5)
    np.divide(numerator, total, out=probability, where=total > 0)
    np.fill_diagonal(probability, 0.5)
    return probability


def expected_utility(
    position: FloatArray,
    salience: FloatArray,
    probability: FloatArray,
    exponent: FloatArray,
    median: float,
    scale: float,
    *,
    q: float = 1.0,
    t: float = 1.0,
) -> FloatArray:
    """E(U_ij): the expected utility of i challenging j, for every ordered pair at once.

    Equation 1 of Scholz et al. (2011), after BDM (1994):

    .. math::
        E(U_{ij}) = s_j \\left[P_{ij} U^s_{ij} + (1 - P_{ij}) U^f_{ij}\\right]
                    + (1 - s_j) U^s_{ij}
                    - Q\\, U^{sq} - (1 - Q)\\left[T\\, U^b_{ij} + (1 - T)\\, U^w_{ij}\\right]

    with the basic utilities of section 3, d_ij = |x_i - x_j| / D, m_i = |x_i - mu| / D, mu the
    weighted median and r the exponent of the actor whose estimate this is:

    .. math::
        U^s = 2 - 4(0.5 - 0.5\\, d_{ij})^r,\\quad U^f = 2 - 4(0.5 + 0.5\\, d_{ij})^r,\\quad
        U^{sq} = 2 - 4(0.5)^r,

        U^b = 2 - 4\\left(0.5 - 0.25(m_i + d_{ij})\\right)^r,\\quad
        U^w = 2 - 4\\left(0.5 + 0.25(m_i + d_{ij})\\right)^r

    Parameters
    ----------
    position, salience
        x and s for every actor (salience on 0-1: s_j is the chance that j resists).
    probability
        P, n by n (:func:`win_probability`).
    exponent
        r used for each pair, n by n: ``exponent[i, j]`` is the risk exponent of whoever makes
        the estimate of i challenging j.
    median
        mu, the weighted median position.
    scale
        D > 0.
    q, t
        Q and T of equation 1.

    Returns
    -------
    numpy.ndarray
        ``E[i, j]``; the diagonal is 0 (nobody challenges itself).
    """
    d = np.abs(position[:, None] - position[None, :]) / scale
    m = np.abs(position - median)[:, None] / scale

    def utility(base: FloatArray) -> FloatArray:
        return 2 - 4 * np.maximum(base, 0.0) ** exponent

    success = utility(0.5 - 0.5 * d)
    failure = utility(0.5 + 0.5 * d)
    status_quo = utility(np.full_like(d, 0.5))
    s = salience[None, :]
    # Written so that it is exactly U^s when x_i = x_j (then U^s = U^f = U^sq and E = 0 for Q = 1).
    challenge = success - s * (1 - probability) * (success - failure)
    value = challenge - q * status_quo
    if q < 1:
        better = utility(0.5 - 0.25 * (m + d))
        worse = utility(0.5 + 0.25 * (m + d))
        value = value - (1 - q) * (t * better + (1 - t) * worse)
    np.fill_diagonal(value, 0.0)
    return value


def risk_exponent(eu_challenge: FloatArray) -> FloatArray:
    """r_i, each actor's risk exponent, from how attractive a target it is (section 5).

    The security of i is the sum of what the others expect from challenging it,
    S_i = sum_{j != i} E^j(U_ji); then

    .. math:: R_i = \\frac{2 S_i - \\max_k S_k - \\min_k S_k}{\\max_k S_k - \\min_k S_k},
              \\qquad r_i = \\frac{1 - R_i / 3}{1 + R_i / 3}

    so r lies in [0.5, 2]. When every S_k is equal, R = 0 and r = 1.
    """
    off_diagonal = eu_challenge - np.diag(np.diag(eu_challenge))
    security = off_diagonal.sum(axis=0)
    spread = security.max() - security.min()
    if spread <= 0:
        return np.ones_like(security)
    big_r = (2 * security - security.max() - security.min()) / spread
    return (1 - big_r / 3) / (1 + big_r / 3)


def _offers(
    position: FloatArray, gain: FloatArray, loss: FloatArray
) -> tuple[FloatArray, np.ndarray]:
    """Classify each ordered pair (p, m) by octant; return m's offered position and the octant.

    ``gain[p, m]`` is p's expected utility of challenging m and ``loss[p, m]`` m's expected
    utility of challenging p, as the chosen perspective estimates them (section 6; BDM 1994,
    figure 4.2). p makes m an offer only if it expects to gain (gain > 0):

    - conflict, when both expect to gain and p more (gain > loss > 0): m moves to x_p;
    - compromise, when m expects to lose less than p gains (0 < -loss < gain):
      m moves toward x_p by the fraction |loss| / gain;
    - capitulation, when m expects to lose at least as much as p gains: m moves to x_p.
    """
    target = np.broadcast_to(position[:, None], gain.shape).astype(np.float64)
    kind = np.full(gain.shape, NONE)
    conflict = (gain > 0) & (loss > 0) & (gain > loss)
    yields = (gain > 0) & (loss < 0)
    compromise = yields & (-loss < gain)
    capitulation = yields & ~compromise
    kind[conflict] = CONFLICT
    kind[compromise] = COMPROMISE
    kind[capitulation] = CAPITULATION
    fraction = np.divide(-loss, gain, out=np.zeros_like(gain), where=compromise)
    mover = np.broadcast_to(position[None, :], gain.shape)
    target = np.where(compromise, mover + fraction * (target - mover), target)
    np.fill_diagonal(kind, NONE)
    kind[np.abs(target - mover) == 0] = NONE
    return target, kind


def _accept(
    position: FloatArray,
    target: FloatArray,
    kind: np.ndarray,
    gain: FloatArray,
    loss: FloatArray,
    choice: Choice,
) -> FloatArray:
    """Each actor m accepts one of the offers in column m (see :class:`BdmOptions`); else stays.

    Remaining ties go to the offer with the larger gain, then to the lower proposer index.
    """
    valid = kind != NONE
    move = np.where(valid, np.abs(target - position[None, :]), np.inf)
    strength = np.where(valid, -gain, np.inf)
    if choice == "nearest":
        keys: tuple[np.ndarray, ...] = (strength, move)
    elif choice == "strongest":
        keys = (move, strength)
    else:
        point = np.divide(
            np.abs(loss) * position[None, :] + gain * position[:, None],
            np.abs(loss) + gain,
            out=np.zeros_like(gain),
            where=kind == COMPROMISE,
        )
        within_kind = np.where(kind == COMPROMISE, point, move)
        keys = (strength, within_kind, np.where(valid, kind, np.inf))
    new = position.copy()
    for m in np.flatnonzero(valid.any(axis=0)):
        # np.lexsort sorts by the last key first.
        best = np.lexsort(tuple(key[:, m] for key in keys))[0]
        new[m] = target[best, m]
    return new


def bdm_round(
    position: FloatArray,
    capability: FloatArray,
    salience: FloatArray,
    scale: float,
    options: BdmOptions,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, float]:
    """One round (Scholz et al. 2011, appendix steps 2-11): assess every dyad, then move.

    Steps: r_i = 1; weighted median; basic utilities; probabilities; expected utilities;
    security and risk exponents; the same again with the new exponents; offers; acceptance.

    Returns
    -------
    tuple
        New positions, then the assessment made at ``position``: risk exponents, P, E^i(U_ij),
        E^i(U_ji), and the weighted median.
    """
    weight = capability * salience
    median = weighted_median(position, weight, tie=options.tie)
    n = position.size

    common = {"median": median, "scale": scale, "q": options.q, "t": options.t}

    def assess(risk: FloatArray) -> tuple[FloatArray, FloatArray]:
        probability = win_probability(
            position,
            weight,
            risk,
            scale,
            denominator=options.denominator,
            vote_utility=options.vote_utility,
        )
        rows = np.broadcast_to(risk[:, None], (n, n))
        return probability, expected_utility(position, salience, probability, rows, **common)

    # The first pass (r_i = 1) only sets the risk exponents: its E^i(U_ji) is not needed.
    _, first_pass = assess(np.ones(n))
    risk = risk_exponent(first_pass)
    probability, challenge = assess(risk)
    # E^i(U_ji): j challenging i, estimated with i's exponent, stored at [i, j].
    columns = np.broadcast_to(risk[None, :], (n, n))
    perceived = expected_utility(position, salience, probability, columns, **common).T
    if options.perspective == "proposer":
        gain, loss = challenge, perceived
    elif options.perspective == "receiver":
        gain, loss = perceived.T, challenge.T
    else:
        gain, loss = challenge, challenge.T
    target, kind = _offers(position, gain, loss)
    new = _accept(position, target, kind, gain, loss, options.choice)
    return new, risk, probability, challenge, perceived, median


def bdm_model(
    actors: Actors, *, rounds: int = 8, options: BdmOptions | None = None
) -> BargainingResult:
    """Run the expected-utility model for ``rounds`` rounds; forecast the final weighted median.

    Parameters
    ----------
    actors
        Positions, capabilities and saliences (salience on 0-1).
    rounds
        Number of rounds after round 0 (Scholz et al. report 8 in Table 2).
    options
        The reconstruction's open choices and Q, T (:class:`BdmOptions`); defaults reproduce
        Scholz's round 1.

    Returns
    -------
    BargainingResult
        Round 0 (input) to round ``rounds``, each a :class:`BdmRound` with the dyadic
        assessment made at its positions; the forecast is the last round's weighted median.
    """
    if rounds < 0:
        raise BargainingInputError(f"rounds: expected a number >= 0, got {rounds}")
    options = options or BdmOptions()
    position = np.array(actors.position)
    spread = float(position.max() - position.min())
    if spread <= 0:
        raise BargainingInputError("position: expected at least two different positions")
    weight = actors.weight
    records = []
    for number in range(rounds + 1):
        scale = spread if options.scale == "initial" else float(position.max() - position.min())
        if scale > 0:
            new, risk, probability, challenge, perceived, median = bdm_round(
                position, actors.capability, actors.salience, scale, options
            )
        else:  # everyone agrees: nothing left to bargain over
            n = position.size
            new, risk, median = position, np.ones(n), float(position[0])
            probability, challenge, perceived = (
                np.full((n, n), 0.5),
                np.zeros((n, n)),
                np.zeros((n, n)),
            )
        records.append(
            BdmRound(
                round=number,
                positions=frozen_array(position),
                median=median,
                mean=weighted_mean(position, weight),
                risk=frozen_array(risk),
                probability=frozen_array(probability),
                eu_challenge=frozen_array(challenge),
                eu_perceived=frozen_array(perceived),
            )
        )
        position = new
    return BargainingResult(
        model="bdm", actors=actors.names, rounds=tuple(records), forecast=records[-1].median
    )

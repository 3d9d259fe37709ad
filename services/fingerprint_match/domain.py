"""Fingerprint match: a Livescan search against IABS, standing in for the Home Office database.

Whether IABS holds a person's prints is a seeded draw per booking, shaped by the
scenario's hit and discrepancy rates.
"""

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nexus_contracts.ids import is_returning
from nexus_contracts.nationalities import BRITISH, COUNTRIES
from nexus_contracts.randomness import choose_weighted, lognormal_minutes
from nexus_contracts.vocabulary import DiscrepancyKind, IabsOutcome, NationalityGroup

if TYPE_CHECKING:
    from nexus_contracts.scenario import IabsModel

__all__ = ["Finding", "draw_key", "search_iabs"]


@dataclass(frozen=True)
class Finding:
    outcome: IabsOutcome
    search_minutes: float
    home_office_reference: str | None = None
    record_nationality: str | None = None
    discrepancy: DiscrepancyKind | None = None
    prior_immigration_encounters: int = 0


def draw_key(booking_id: object, person_ref: str) -> object:
    """What the search's draws are keyed by: the booking, or a returning person, whose prints IABS answers
    the same way (same match, Home Office reference and history) at every arrest."""
    return person_ref if is_returning(person_ref) else booking_id


def search_iabs(
    claimed_nationality: str,
    model: "IabsModel",
    claimed_british_foreign_share: float,
    foreign_mix: Mapping[str, float],
    rng: random.Random,
) -> Finding:
    """Search the prints; a match may reveal an identity held under another nationality."""
    minutes = lognormal_minutes(rng, model.search.median_minutes, model.search.spread)
    if rng.random() < model.unusable_share:
        return Finding(IabsOutcome.UNUSABLE_PRINTS, minutes)
    if claimed_nationality == BRITISH:
        if rng.random() >= claimed_british_foreign_share:
            return Finding(IabsOutcome.NO_MATCH, minutes)
        held = choose_weighted(rng, foreign_mix)
        return _match(minutes, held, DiscrepancyKind.CLAIMS_BRITISH_HELD_FOREIGN, model, rng)
    group = COUNTRIES[claimed_nationality]
    if rng.random() >= model.match_share.get(group, 0.0):
        return Finding(IabsOutcome.NO_MATCH, minutes)
    if rng.random() < model.different_nationality_share:
        held = _other_country(claimed_nationality, foreign_mix, rng)
        return _match(minutes, held, DiscrepancyKind.DIFFERENT_NATIONALITY, model, rng)
    return _match(minutes, claimed_nationality, None, model, rng)


def _match(minutes: float, nationality: str, discrepancy: DiscrepancyKind | None, model: "IabsModel",
           rng: random.Random) -> Finding:
    reference = f"HO-{rng.getrandbits(40):010X}"
    encounters = min(model.prior_encounters_max, int(rng.expovariate(model.prior_encounters_rate)))
    return Finding(IabsOutcome.MATCH, minutes, reference, nationality, discrepancy, encounters)


def _other_country(claimed: str, mix: Mapping[str, float], rng: random.Random) -> str:
    others = {code: w for code, w in mix.items() if code != claimed and COUNTRIES[code] is not NationalityGroup.BRITISH}
    return choose_weighted(rng, others) if others else claimed

"""Versioned "high harm" definitions (Rec 5): one national definition with regional variation.

Plain data (stdlib dataclasses) so that both Home Office services apply the very
same definition, and domain code may import it.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from .vocabulary import OffenceCategory

__all__ = ["DEFINITIONS", "HighHarmDefinition", "definition_for", "definition_named"]


@dataclass(frozen=True)
class HighHarmDefinition:
    version: str = field(metadata={"description": "Version id, e.g. national-2015.1"})
    scope: str = field(metadata={"description": "'national' or the force id it was written for"})
    offence_categories: frozenset[OffenceCategory] = frozenset()
    counts_non_conviction: bool = False
    prior_encounters_threshold: int | None = None

    def covers(self, offence: OffenceCategory, prior_immigration_encounters: int) -> bool:
        """Whether a case is high harm: a listed offence, or a long immigration history."""
        if offence in self.offence_categories:
            return True
        threshold = self.prior_encounters_threshold
        return threshold is not None and prior_immigration_encounters >= threshold


_SERIOUS = frozenset({OffenceCategory.VIOLENCE, OffenceCategory.SEXUAL, OffenceCategory.ROBBERY,
                      OffenceCategory.WEAPONS})

DEFINITIONS: dict[str, HighHarmDefinition] = {
    d.version: d
    for d in (
        # London launch: the Met's own working definition, drawing on intelligence as well as convictions.
        HighHarmDefinition("met-2012.1", "met", _SERIOUS | {OffenceCategory.DRUGS_SUPPLY}, True, None),
        # West Midlands' variant before the single definition.
        HighHarmDefinition("west-midlands-2014.1", "west-midlands", _SERIOUS, True, None),
        # The single national definition (Rec 5): convictions only; regional additions below.
        HighHarmDefinition("national-2015.1", "national", _SERIOUS | {OffenceCategory.DRUGS_SUPPLY}, False, 3),
    )
}

# Regional variation permitted under the national definition: force id -> extra categories.
REGIONAL_ADDITIONS: dict[str, dict[str, frozenset[OffenceCategory]]] = {
    "national-2015.1": {
        "met": frozenset({OffenceCategory.BURGLARY}),
        "west-midlands": frozenset({OffenceCategory.BURGLARY}),
    },
}


@lru_cache(maxsize=None)
def definition_for(version: str, force: str) -> HighHarmDefinition:
    """The definition ``version`` as it applies in ``force`` (with its regional additions)."""
    try:
        base = DEFINITIONS[version]
    except KeyError:
        raise KeyError(f"unknown high-harm definition {version!r}; known: {', '.join(sorted(DEFINITIONS))}") from None
    extra = REGIONAL_ADDITIONS.get(version, {}).get(force, frozenset())
    if not extra:
        return base
    return HighHarmDefinition(
        f"{base.version}+{force}",
        base.scope,
        base.offence_categories | extra,
        base.counts_non_conviction,
        base.prior_encounters_threshold,
    )


def definition_named(version: str) -> HighHarmDefinition:
    """The definition a status answer names, e.g. ``national-2015.1+met`` (with a force's additions)."""
    base, _, force = version.partition("+")
    return definition_for(base, force) if force else definition_for(base, "")

"""Countries used by the synthetic population, with their nationality group, and who counts as a
foreign national (stdlib only)."""

from .vocabulary import DiscrepancyKind, NationalityGroup

__all__ = ["BRITISH", "COUNTRIES", "EU_MEMBERS", "group_of", "is_foreign_national"]

BRITISH = "GB"
COUNTRIES: dict[str, NationalityGroup] = {
    BRITISH: NationalityGroup.BRITISH,
    **dict.fromkeys(
        ["RO", "PL", "LT", "LV", "BG", "PT", "IT", "IE", "ES", "FR", "DE", "HU", "SK", "CZ", "NL", "GR"],
        NationalityGroup.EU,
    ),
    **dict.fromkeys(["AL", "UA", "RU", "TR", "XK", "MD"], NationalityGroup.EUROPE_OTHER),
    **dict.fromkeys(["NG", "SO", "GH", "ER", "SD", "ZW", "CD", "DZ"], NationalityGroup.AFRICA),
    **dict.fromkeys(["IN", "PK", "BD", "LK", "CN", "VN", "AF"], NationalityGroup.ASIA),
    **dict.fromkeys(["IQ", "IR", "SY"], NationalityGroup.MIDDLE_EAST),
    **dict.fromkeys(["BR", "JM", "CO", "US", "TT"], NationalityGroup.AMERICAS),
    **dict.fromkeys(["AU", "NZ"], NationalityGroup.OCEANIA),
}
EU_MEMBERS = frozenset(code for code, group in COUNTRIES.items() if group is NationalityGroup.EU)


def group_of(country: str) -> NationalityGroup:
    return COUNTRIES[country]


def is_foreign_national(claimed_nationality: str, discrepancy: DiscrepancyKind | None) -> bool:
    """A foreign national claims another nationality, or claims to be British while IABS holds
    their prints under a foreign identity."""
    return claimed_nationality != BRITISH or discrepancy is DiscrepancyKind.CLAIMS_BRITISH_HELD_FOREIGN

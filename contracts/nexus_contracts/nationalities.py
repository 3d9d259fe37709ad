"""Countries used by the synthetic population, with their nationality group (stdlib only)."""

from .vocabulary import NationalityGroup as G

__all__ = ["COUNTRIES", "EU_MEMBERS", "group_of"]

COUNTRIES: dict[str, G] = {
    "GB": G.BRITISH,
    **dict.fromkeys(
        ["RO", "PL", "LT", "LV", "BG", "PT", "IT", "IE", "ES", "FR", "DE", "HU", "SK", "CZ", "NL", "GR"], G.EU
    ),
    **dict.fromkeys(["AL", "UA", "RU", "TR", "XK", "MD"], G.EUROPE_OTHER),
    **dict.fromkeys(["NG", "SO", "GH", "ER", "SD", "ZW", "CD", "DZ"], G.AFRICA),
    **dict.fromkeys(["IN", "PK", "BD", "LK", "CN", "VN", "AF"], G.ASIA),
    **dict.fromkeys(["IQ", "IR", "SY"], G.MIDDLE_EAST),
    **dict.fromkeys(["BR", "JM", "CO", "US", "TT"], G.AMERICAS),
    **dict.fromkeys(["AU", "NZ"], G.OCEANIA),
}
EU_MEMBERS = frozenset(code for code, group in COUNTRIES.items() if group is G.EU)


def group_of(country: str) -> G:
    return COUNTRIES[country]

"""A schematic of custody suites (no map tiles, no network): one row per force, one tile per suite,
its area by journeys, its colour by the share of foreign nationals checked (red none, green all,
grey none to check), a tooltip with the figures."""

from html import escape
from typing import Any

__all__ = ["suite_schematic"]

TILE, GAP, PER_ROW, LABEL_W = 56, 6, 10, 120


def _colour(share: float | None) -> str:
    if share is None:
        return "#cccccc"
    red, green = round(200 * (1 - share) + 40 * share), round(60 * (1 - share) + 160 * share)
    return f"#{red:02x}{green:02x}50"


def _tile(x: float, y: float, suite: str, row: dict[str, Any], biggest: int) -> str:
    side = TILE * (0.45 + 0.55 * (row["journeys"] / biggest) ** 0.5) if biggest else TILE * 0.45
    offset = (TILE - side) / 2
    share = row["share_checked"]
    shown = "n/a" if share is None else f"{share:.0%}"
    text = (f"{suite} ({row['force']}): {row['journeys']:,.0f} journeys, {row['foreign_nationals']:,.0f} foreign "
            f"nationals, {shown} checked, {row['released_before_attendance']:,.0f} released before attendance")
    return (f'<g class="suite"><rect class="mark" x="{x + offset:.1f}" y="{y + offset:.1f}" width="{side:.1f}" '
            f'height="{side:.1f}" fill="{_colour(share)}"><title>{escape(text)}</title></rect>'
            f'<text class="cat" x="{x + TILE / 2:.1f}" y="{y + TILE + 11:.1f}" text-anchor="middle">{escape(suite)}</text></g>')


def suite_schematic(svg_id: str, suites: dict[str, dict[str, Any]]) -> str:
    forces = list(dict.fromkeys(row["force"] for row in suites.values()))
    biggest = max((row["journeys"] for row in suites.values()), default=0)
    parts, y = [], 24.0
    for force in forces:
        members = [(s, row) for s, row in suites.items() if row["force"] == force]
        parts.append(f'<text class="title" x="0" y="{y + TILE / 2:.1f}">{escape(force)}</text>')
        for i, (suite, row) in enumerate(members):
            parts.append(_tile(LABEL_W + (i % PER_ROW) * (TILE + GAP), y + (i // PER_ROW) * (TILE + 16 + GAP),
                               suite, row, biggest))
        y += -(-len(members) // PER_ROW) * (TILE + 16 + GAP) + 8
    width, height = LABEL_W + PER_ROW * (TILE + GAP), y + 8
    legend = ('<text class="legend" x="0" y="14">Suites by share of foreign nationals checked: red none, green all, '
              'grey none to check; size by journeys</text>')
    return (f'<svg class="chart" id="{escape(svg_id)}" data-marks="{len(suites)}" viewBox="0 0 {width} '
            f'{height:.0f}" width="{width}" height="{height:.0f}" role="img" xmlns="http://www.w3.org/2000/svg">'
            + legend + "".join(parts) + "</svg>")

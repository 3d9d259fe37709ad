"""The HTML page of a sweep: per headline measure, its response curve over the first varied field
(one line per combination of the others), each point the mean of its runs with the 95% interval
as error bars and a band; self-contained as the report (inline SVG, no network)."""

from html import escape
from typing import Any

from .headlines import is_share
from .html_page import page_style_and_script
from .svg import line_chart

__all__ = ["render_sweep_html"]


def _series_name(point: dict[str, str], fields: list[str]) -> str:
    return ", ".join(f"{field}={point[field]}" for field in fields) or "mean"


def _curve(svg_id: str, name: str, rows: list[dict[str, Any]], vary: dict[str, list[str]]) -> str:
    x_field, *others = list(vary)
    series: dict[str, list[float]] = {}
    intervals: dict[str, list[tuple[float, float] | None]] = {}
    for row in rows:
        line = _series_name(row, others)
        series.setdefault(line, []).append(row["mean"])
        intervals.setdefault(line, []).append((row["low"], row["high"]) if row["low"] is not None else None)
    fmt = "{:.0%}".format if is_share(rows[0]["path"]) else "{:,.1f}".format
    return line_chart(svg_id, f"{name} by {x_field}", vary[x_field], series, fmt=fmt, intervals=intervals)


def render_sweep_html(table: dict[str, Any]) -> str:
    vary, rows = table["vary"], table["rows"]
    style, script = page_style_and_script()
    title = f"sweep of {table['scenario']} over {', '.join(vary)}"
    paths = list(dict.fromkeys(row["path"] for row in rows))
    figures = "".join(
        f'<figure data-chart="response-{i}">{_curve(f"response-{i}", name, at, vary)}</figure>'
        for i, path in enumerate(paths)
        for at in ([row for row in rows if row["path"] == path],) for name in (at[0]["measure"],))
    sets = "".join(f" --set {o}" for o in table["overrides"])
    meta = (f"{escape(table['scenario'])}{escape(sets)}; {table['days']} days; seeds {table['seeds'][0]}-"
            f"{table['seeds'][-1]} at every point ({len(table['seeds'])} runs each); varied: "
            + escape("; ".join(f"{field} = {', '.join(values)}" for field, values in vary.items())))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Nexus Flow: {escape(title)}</title>'
            f"<style>{style}</style></head><body><h1>Nexus Flow: {escape(title)}</h1>"
            f'<p class="meta">Synthetic data. All figures are simulated. {meta}. Each point is the mean of its runs, '
            f'with its 95% interval.</p><div class="row">{figures}</div><script>{script}</script></body></html>\n')

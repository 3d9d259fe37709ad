"""The HTML report: one self-contained file (inline CSS, SVG and a few lines of script).

One column per run: a single report, or A and B side by side for ``--compare`` (each chart of A
beside B's on a shared y-axis, and the difference table); replicates draw every point as a mean
with its 95% interval. The script only checks what the browser drew: it counts the rendered marks of each chart
into ``data-drawn`` (its interval bars into ``data-intervals-drawn``) and the page title, which the
browser test reads.
"""

from html import escape
from pathlib import Path
from typing import Any

from .chart_sides import Side, chart_sections
from .differences import comparison, label
from .html_after_decision import after_decision_html
from .html_appendix import assumptions_html
from .html_capacity import capacity_html
from .html_decisions import decisions_html
from .html_tables import difference_table, interval_table

__all__ = ["page_style_and_script", "render_html", "render_replicates_html", "write_html"]

_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222;background:#fafafa}
h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #ddd}
.row{display:flex;gap:16px;flex-wrap:wrap} figure{margin:0;background:#fff;border:1px solid #e3e3e3;padding:4px;
width:560px}
figcaption{font-size:12px;color:#666} .meta{color:#555;font-size:13px}
svg .title{font-size:13px;font-weight:600} svg .tick,svg .cat,svg .legend{font-size:11px;fill:#444}
svg .grid{stroke:#e6e6e6}
table.capacity,table.figures{border-collapse:collapse;background:#fff;margin:8px 0;font-size:13px}
table.capacity th,table.capacity td,table.figures th,table.figures td{border:1px solid #e3e3e3;padding:3px 8px;
text-align:right}
table.capacity td:first-child,table.capacity th:first-child,table.figures td:first-child,
table.figures th:first-child{text-align:left}
table.differences tr.excludes-zero td{background:#fff4d6;font-weight:600} h3{font-size:14px;margin:16px 0 4px}
figure.wide{width:auto}
"""
_SCRIPT = """
window.addEventListener('load', () => {
  const charts = [...document.querySelectorAll('svg.chart')];
  let drawn = 0;
  for (const svg of charts) {
    const marks = [...svg.querySelectorAll('.mark')].filter(m => {
      const box = m.getBBox(); return box.width > 0 || box.height > 0; });
    svg.setAttribute('data-drawn', String(marks.length));
    const intervals = [...svg.querySelectorAll('.interval')].filter(m => {
      const box = m.getBBox(); return box.width > 0 || box.height > 0; });
    svg.setAttribute('data-intervals-drawn', String(intervals.length));
    if (marks.length > 0) drawn += 1;
  }
  document.body.setAttribute('data-charts-drawn', drawn + '/' + charts.length);
  document.title = 'charts drawn ' + drawn + '/' + charts.length + ' - ' + document.title;
});
"""


def page_style_and_script() -> tuple[str, str]:
    """The page's CSS and its checking script, for the other pages drawn the same way (a sweep's)."""
    return _STYLE, _SCRIPT


def _summary(report: dict[str, Any]) -> str:
    rec1 = report["rec1_status_checks"]
    return (f'<p class="meta"><b>{escape(label(report))}</b>: {report["days"]} days, seed {report["seed"]}; '
            f'{report["arrests"]:,} arrests, {report["foreign_nationals"]:,} foreign nationals, '
            f'{report["status_checks"]:,} status checks ({rec1["share_checked"]:.1%} of foreign nationals), '
            f'{report["referrals"]:,} referrals. Digest <code>{report["digest"][:16]}…</code></p>')


def _page(title: str, sides: list[Side], figures: str) -> str:
    """The page: title, ``figures`` (summaries and tables), the charts, the decision section, capacity."""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Nexus Flow: {escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body><h1>Nexus Flow rollout report: {escape(title)}</h1>"
            "<p class=\"meta\">Synthetic data. All figures are simulated.</p>"
            + figures + chart_sections(sides) + decisions_html(sides)
            + capacity_html(sides)
            + after_decision_html([side.report for side in sides]) + assumptions_html([side.report for side in sides])
            + f"<script>{_SCRIPT}</script></body></html>\n")


def render_html(reports: list[dict[str, Any]]) -> str:
    """The page for one report, or for two compared side by side (A first) with their differences."""
    sides = [Side(label(r), r) for r in reports]
    figures = "".join(_summary(r) for r in reports) + (difference_table(comparison(*reports)) if len(reports) == 2 else "")
    return _page(" vs ".join(side.label for side in sides), sides, figures)


def render_replicates_html(data: dict[str, Any], runs: list[list[dict[str, Any]]]) -> str:
    """The page for replicates (``mode`` replicates) or two compared seed by seed (compare-replicates):
    every chart point a mean with its 95% interval, the tables with intervals, and the differences."""
    summaries = [data["a"], data["b"]] if data["mode"] == "compare-replicates" else [data]
    sides = [Side(s["label"], s["mean"], reports, s["measures"]) for s, reports in zip(summaries, runs, strict=True)]
    figures = "".join(interval_table(s) for s in summaries)
    if data["mode"] == "compare-replicates":
        figures += difference_table(data)
    return _page(" vs ".join(side.label for side in sides), sides, figures)


def write_html(reports: list[dict[str, Any]], path: Path) -> None:
    path.write_text(render_html(reports))

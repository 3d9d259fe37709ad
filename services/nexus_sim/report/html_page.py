"""The HTML report: one self-contained file (inline CSS, SVG and a few lines of script).

One column per run: a single report, or A and B side by side for ``--compare``. The
script only checks what the browser drew: it counts the rendered marks of each chart
into ``data-drawn`` and the page title, which the browser test reads.
"""

from html import escape
from pathlib import Path
from typing import Any

from .charts import CHARTS
from .html_after_decision import after_decision_html
from .html_appendix import assumptions_html
from .html_capacity import capacity_html

__all__ = ["render_html", "write_html"]

_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222;background:#fafafa}
h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #ddd}
.row{display:flex;gap:16px;flex-wrap:wrap} figure{margin:0;background:#fff;border:1px solid #e3e3e3;padding:4px;
width:560px}
figcaption{font-size:12px;color:#666} .meta{color:#555;font-size:13px}
svg .title{font-size:13px;font-weight:600} svg .tick,svg .cat,svg .legend{font-size:11px;fill:#444}
svg .grid{stroke:#e6e6e6}
table.capacity{border-collapse:collapse;background:#fff;margin:8px 0;font-size:13px}
table.capacity th,table.capacity td{border:1px solid #e3e3e3;padding:3px 8px;text-align:right}
table.capacity td:first-child,table.capacity th:first-child{text-align:left}
"""
_SCRIPT = """
window.addEventListener('load', () => {
  const charts = [...document.querySelectorAll('svg.chart')];
  let drawn = 0;
  for (const svg of charts) {
    const marks = [...svg.querySelectorAll('.mark')].filter(m => {
      const box = m.getBBox(); return box.width > 0 || box.height > 0; });
    svg.setAttribute('data-drawn', String(marks.length));
    if (marks.length > 0) drawn += 1;
  }
  document.body.setAttribute('data-charts-drawn', drawn + '/' + charts.length);
  document.title = 'charts drawn ' + drawn + '/' + charts.length + ' - ' + document.title;
});
"""


def _summary(report: dict[str, Any]) -> str:
    rec1 = report["rec1_status_checks"]
    return (f'<p class="meta"><b>{escape(report["scenario"])}</b>: {report["days"]} days, seed {report["seed"]}; '
            f'{report["arrests"]:,} arrests, {report["foreign_nationals"]:,} foreign nationals, '
            f'{report["status_checks"]:,} status checks ({rec1["share_checked"]:.1%} of foreign nationals), '
            f'{report["referrals"]:,} referrals. Digest <code>{report["digest"][:16]}…</code></p>')


def _sections(reports: list[dict[str, Any]]) -> str:
    """Charts by section; with two reports, each chart of A is followed by the same chart of B."""
    parts = []
    for section in dict.fromkeys(section for _, section, _ in CHARTS):
        figures = "".join(f'<figure data-chart="{chart_id}"><figcaption>{escape(r["scenario"])}</figcaption>'
                          f'{draw(f"{chart_id}-{i}", r)}</figure>'
                          for chart_id, in_section, draw in CHARTS if in_section == section
                          for i, r in enumerate(reports))
        parts.append(f'<h2>{escape(section)}</h2><div class="row">{figures}</div>')
    return "".join(parts)


def render_html(reports: list[dict[str, Any]]) -> str:
    """The page for one report, or for two compared side by side."""
    title = " vs ".join(r["scenario"] for r in reports)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Nexus Flow: {escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body><h1>Nexus Flow rollout report: {escape(title)}</h1>"
            "<p class=\"meta\">Synthetic data. All figures are simulated.</p>"
            + "".join(_summary(r) for r in reports) + _sections(reports) + capacity_html(reports)
            + after_decision_html(reports) + assumptions_html(reports)
            + f"<script>{_SCRIPT}</script></body></html>\n")


def write_html(reports: list[dict[str, Any]], path: Path) -> None:
    path.write_text(render_html(reports))

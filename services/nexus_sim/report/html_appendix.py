"""The HTML report's appendix: every assumption the run used, with its value and reason."""

import json
from html import escape
from typing import Any

__all__ = ["assumptions_html"]


def assumptions_html(reports: list[dict[str, Any]]) -> str:
    parts = []
    for report in reports:
        section = report.get("assumptions")
        if not section:
            continue
        rows = "".join(f"<tr><td><code>{escape(a['parameter'])}</code></td><td>{escape(_short(a['value']))}</td>"
                       f"<td>{escape(a['source'])}</td></tr>" for a in section["assumptions"])
        parts.append(f'<h3>{escape(report["scenario"])}: {len(section["assumptions"])} of {section["parameters"]} '
                     f'parameters are assumptions</h3><table class="capacity assumptions"><tr><th>parameter</th>'
                     f"<th>value</th><th>why</th></tr>{rows}</table>")
    if not parts:
        return ""
    return ('<h2>Appendix: assumptions</h2><p class="meta">Every parameter of the run no seed or public figure gives; '
            "<code>nexus scenarios show NAME</code> lists all parameters with their sources.</p>" + "".join(parts))


def _short(value: Any) -> str:
    text = json.dumps(value, separators=(", ", ": "))
    return text if len(text) <= 90 else text[:87] + "..."

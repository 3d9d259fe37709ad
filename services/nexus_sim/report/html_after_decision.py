"""The HTML report's after-decision section: departures by month and route, and the cases' figures
(ETDs, open cases, both removal definitions), one table per run."""

from html import escape
from typing import Any

__all__ = ["after_decision_html"]

_ROUTES = ("enforced_removal", "deportation", "voluntary_departure")


def after_decision_html(reports: list[dict[str, Any]]) -> str:
    parts = [_report(r) for r in reports if r.get("removals") and r["removals"]["cases_opened"]]
    if not parts:
        return ""
    return ('<h2>After the decision: removals and departures</h2><p class="meta">Removal cases opened on IE '
            "decisions; a departure counts in the month the person left the UK, if by the run's end.</p>"
            + "".join(parts))


def _report(report: dict[str, Any]) -> str:
    removals = report["removals"]
    head = "".join(f"<th>{route}</th>" for route in _ROUTES)
    rows = "".join(f"<tr><td>{escape(month)}</td>" + "".join(f"<td>{counts.get(route, 0):,}</td>" for route in _ROUTES)
                   + "</tr>" for month, counts in removals["departures_by_month"].items())
    etd, open_, days = removals["etd"], removals["open_at_run_end"], removals["custody_to_departure_days"]
    figures = {
        "left the UK by the run's end": f"{removals['departures']:,}",
        "removals after high-harm referrals (police's count)":
            f"{removals['definitions']['removals_after_high_harm_referrals']:,}",
        "departures of everyone referred (minister's count)": f"{removals['definitions']['departures_of_all_referred']:,}",
        "custody to departure, days (median / p90)": f"{days['median']:.0f} / {days['p90']:.0f}",
        "ETD applications / completed / issued": f"{etd['applications']:,} / {etd['completed']:,} / {etd['issued']:,}",
        "ETD delay, days (median / p90)": f"{etd['delay_days']['median']:.0f} / {etd['delay_days']['p90']:.0f}",
        "cases still open at the run's end (detained)": f"{open_['cases']:,} ({open_['detained']:,})",
    }
    listed = "".join(f"<tr><td>{escape(k)}</td><td>{v}</td></tr>" for k, v in figures.items())
    return (f'<h3>{escape(report["scenario"])}</h3><div class="row"><table class="capacity removals-by-month">'
            f"<tr><th>month</th>{head}</tr>{rows}</table>"
            f'<table class="capacity removals-figures">{listed}</table></div>')

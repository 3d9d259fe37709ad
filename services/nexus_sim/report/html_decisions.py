"""The HTML report's decision section, per side (a run, or the mean of replicates with intervals):
the Rec 1-5 table, IE decisions, what the checks cost against what they found, per-force and
per-suite tables, and the schematic of suites coloured by share checked."""

from html import escape
from typing import Any

from .chart_sides import Side
from .html_tables import html_table, measure_cell
from .suite_map import suite_schematic

__all__ = ["decisions_html"]

Report = dict[str, Any]
REC_ROWS = (
    ("Rec 1", "foreign nationals", "rec1_status_checks.foreign_nationals"),
    ("Rec 1", "foreign nationals checked", "rec1_status_checks.foreign_nationals_checked"),
    ("Rec 1", "share of foreign nationals checked", "rec1_status_checks.share_checked"),
    ("Rec 1", "not referred for a check", "rec1_status_checks.not_referred"),
    ("Rec 1", "checks missed before release", "capacity.missed_checks"),
    ("Rec 2", "released before an officer attended", "rec2_non_attendance.records"),
    ("Rec 2", "share of persons of immigration interest", "rec2_non_attendance.share_of_persons_of_interest"),
    ("Rec 2", "after a missed check (interest unknown)", "rec2_non_attendance.after_missed_checks"),
    ("Rec 2", "no officer could attend at all", "rec2_non_attendance.no_officer_could_attend"),
    ("Rec 3", "bookings", "rec3_central_record.bookings"),
    ("Rec 3", "journey records (ERF)", "rec3_central_record.journey_records"),
    ("Rec 4", "ETD applications", "rec4_etd.applications"),
    ("Rec 4", "removal decisions (detained, deportation consideration)", "rec4_etd.removal_decisions"),
    ("Rec 5", "high-harm cases", "rec5_high_harm.high_harm_cases"),
)
COST_ROWS = (
    ("staff cost (GBP): rostered officer-hours x price", "decision_costs.staff_cost_gbp"),
    ("rostered officer-hours", "decision_costs.officer_hours"),
    ("foreign nationals checked", "decision_costs.foreign_nationals_checked"),
    ("staff cost per foreign national checked (GBP)", "decision_costs.cost_per_foreign_national_checked_gbp"),
    ("immigration offenders identified (overstayer, illegal entrant, absconder)",
     "decision_costs.immigration_offenders_identified"),
    ("staff cost per immigration offender identified (GBP)",
     "decision_costs.cost_per_immigration_offender_identified_gbp"),
    ("custody cost of immigration detainees (GBP, seed 004 prices)", "custody_cost_gbp"),
)
PLACE_COLUMNS = ("journeys", "foreign_nationals", "foreign_nationals_checked", "share_checked", "checks_missed",
                 "released_before_attendance", "referrals", "high_harm", "custody_cost_gbp")


def _at(report: Report, path: str) -> Any:
    value: Any = report
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _figures(side: Side, rows, measures) -> list[tuple[str, ...]]:
    return [(*row[:-1], measure_cell(_at(side.report, row[-1]), row[-1], measures)) for row in rows]


def _places(side: Side, key: str, extra: tuple[str, ...]) -> str:
    figures = PLACE_COLUMNS + (("officer_cost_gbp",) if key == "by_force" else ())
    rows = [(name, *(str(row[c]) for c in extra),
             *(measure_cell(row[c], f"{key}.{name}.{c}", side.measures) for c in figures))
            for name, row in side.report.get(key, {}).items()]
    return html_table(f"figures {key.replace('_', '-')}", (key.removeprefix("by_"), *extra, *figures), rows)


def _side(side: Side, index: int) -> str:
    r, measures = side.report, side.measures
    definitions = ", ".join(r["rec5_high_harm"]["definitions"]) or "-"
    costs = r["decision_costs"]
    decisions = [(name, measure_cell(n, f"ie_decisions.{name}", measures)) for name, n in r["ie_decisions"].items()]
    price = (f"Price: £{costs['officer_hour_gbp']:g} per officer-hour. Source: {costs['price_source']}"
             if costs["officer_hour_gbp"] is not None else "No capacity pools: no staff cost.")
    return (f'<div class="side"><h3>{escape(side.label)}</h3>'
            + html_table("figures recs", ("rec", "measure", "value"), _figures(side, REC_ROWS, measures))
            + f'<p class="meta">Rec 5 definition(s): {escape(definitions)}</p>'
            + html_table("figures ie-decisions", ("IE decision", "decisions"), decisions)
            + html_table("figures costs", ("measure", "value"), _figures(side, COST_ROWS, measures))
            + f'<p class="meta">{escape(price)}</p>'
            + _places(side, "by_force", ("suites",))
            + f'<figure class="wide" data-chart="suite-map">{suite_schematic(f"suite-map-{index}", r["by_suite"])}</figure>'
            + _places(side, "by_suite", ("force",)) + "</div>")


def decisions_html(sides: list[Side]) -> str:
    return ("<h2>What the decision rests on</h2>"
            + "".join(_side(side, i) for i, side in enumerate(sides)))

"""The terminal report's after-decision tables: departures by route and month, ETDs, open cases, and
how many of the run's parameters are assumptions."""

from typing import Any

from rich.console import Console
from rich.table import Table

__all__ = ["print_after_decision"]


def print_after_decision(report: dict[str, Any], console: Console) -> None:
    removals, assumptions = report.get("removals"), report.get("assumptions")
    if removals and removals["cases_opened"]:
        if removals["departures_by_month"]:
            console.print(_months(removals))
        console.print(_cases(removals))
    returning = report.get("returning_people")
    if returning and returning["arrests"]:
        console.print(f"returning people: {returning['arrests']:,} arrests of {returning['people']:,} people, "
                      f"{returning['arrested_more_than_once']:,} arrested more than once (at most "
                      f"{returning['most_arrests_of_one_person']} times)")
    if assumptions and assumptions["parameters"]:
        console.print(f"[dim]{len(assumptions['assumptions'])} of {assumptions['parameters']} parameters are "
                      f"assumptions: nexus scenarios show {report['scenario']} --assumptions[/]")


def _months(removals: dict[str, Any]) -> Table:
    routes = ("enforced_removal", "deportation", "voluntary_departure")
    table = Table(title="Departures by month and route (left the UK by the run's end)", title_justify="left")
    for column in ("month", *routes):
        table.add_column(column, justify="left" if column == "month" else "right")
    for month, counts in removals["departures_by_month"].items():
        table.add_row(month, *(f"{counts.get(route, 0):,}" for route in routes))
    return table


def _cases(removals: dict[str, Any]) -> Table:
    etd, open_, days = removals["etd"], removals["open_at_run_end"], removals["custody_to_departure_days"]
    definitions = removals["definitions"]
    rows = [
        ("removal cases opened", ", ".join(f"{k} {v:,}" for k, v in removals["cases_opened"].items())),
        ("left the UK by the run's end", f"{removals['departures']:,}"),
        ("  removals after high-harm referrals (police's count)", f"{definitions['removals_after_high_harm_referrals']:,}"),
        ("  departures of everyone referred (minister's count)", f"{definitions['departures_of_all_referred']:,}"),
        ("custody to departure, days (median / p90)", f"{days['median']:.0f} / {days['p90']:.0f}"),
        ("Rec 4  ETD applications / completed / issued", f"{etd['applications']:,} / {etd['completed']:,} / {etd['issued']:,}"),
        ("  ETD delay, days (median / p90)", f"{etd['delay_days']['median']:.0f} / {etd['delay_days']['p90']:.0f}"),
        ("cases still open at the run's end (detained)", f"{open_['cases']:,} ({open_['detained']:,})"),
        ("closed by outcome", ", ".join(f"{k} {v:,}" for k, v in removals["closed_by_outcome"].items()) or "-"),
    ]
    table = Table(title="After the decision", title_justify="left", show_header=False, box=None, pad_edge=False)
    table.add_column("measure", style="cyan")
    table.add_column("value", justify="right")
    for name, value in rows:
        table.add_row(name, value)
    return table

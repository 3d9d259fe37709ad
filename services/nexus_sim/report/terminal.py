"""Show a report in the terminal with rich tables, and two compared: their headline measures side by side."""

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from .differences import differences, label
from .headlines import HEADLINES, is_share
from .terminal_after_decision import print_after_decision

__all__ = ["HEADLINES", "cell", "headline_rows", "print_comparison", "print_report", "signed"]

_ROUTE_MEASURE = "time_to_status_minutes.{route}.mean"


def _table(title: str, rows: list[tuple[str, Any]]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, pad_edge=False)
    table.add_column("measure", style="cyan")
    table.add_column("value", justify="right")
    for name, value in rows:
        table.add_row(name, f"{value:,}" if isinstance(value, int) else str(value))
    return table


def _grid(title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]], text_column: str) -> Table:
    """A table with a header; ``text_column`` is left-aligned, the figures right-aligned."""
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, justify="left" if column == text_column else "right")
    for row in rows:
        table.add_row(*row)
    return table


def _route_table(times: dict[str, dict[str, float]]) -> Table:
    rows = [(route, f"{s['count']:,}", f"{s['mean']:.0f}", f"{s['median']:.0f}", f"{s['p90']:.0f}")
            for route, s in times.items()]
    return _grid("Time to status by route (minutes)", ("route", "checks", "mean", "median", "p90"), rows, "route")


def _groups_table(groups: dict[str, dict[str, float]]) -> Table:
    rows = [(group, f"{g['journeys']:,}", f"{g['checked']:,}", f"{g['share_checked']:.1%}", f"{g['referrals']:,}")
            for group, g in groups.items()]
    return _grid("Safeguards: checks and referrals by nationality group",
                 ("group", "journeys", "checked", "share", "referrals"), rows, "group")


def _weekly_table(weekly: dict[str, Any]) -> Table:
    rows = [(str(w["week"]), w["from"], str(w["suites_live"]), f"{w['checks']:,}", f"{w['share_checked']:.1%}",
             f"{w['non_attendance']:,}", f"{w['custody_cost_gbp']:,}") for w in weekly["weeks"]]
    columns = ("week", "from", "suites live", "checks", "FNs checked", "released before attendance", "cost GBP")
    return _grid(f"Weekly (suites live of {weekly['suites']})", columns, rows, "from")


def _capacity_table(capacity: dict[str, Any]) -> Table:
    rows = [(name, f"{p['utilisation']:.0%}", f"{max(p['utilisation_by_hour']):.0%}", f"{p['checks']:,}",
             f"{p['wait_minutes']['p50']:.0f}/{p['wait_minutes']['p90']:.0f}", f"{max(p['queue_length_by_hour']):.1f}",
             f"{sum(p['overflows'].values()):,}", f"{p['missed']:,}", f"{p['officer_cost_gbp']:,}")
            for name, p in capacity["pools"].items()]
    columns = ("pool", "busy", "peak", "checks", "wait", "queue", "in", "missed", "GBP")
    table = _grid(f"Capacity: busy share of rostered time, at the peak hour of day; wait p50/p90 minutes; mean "
                  f"queue at its peak hour; checks overflowed in; cost at an assumed £{capacity['officer_hour_gbp']:g}"
                  " per officer-hour", columns, rows, "pool")
    table.box, table.pad_edge, table.columns[0].no_wrap = box.SIMPLE_HEAD, False, True
    return table


def print_report(report: dict[str, Any], console: Console, title: str) -> None:
    r1, r2, r3, custody, safe = (report["rec1_status_checks"], report["rec2_non_attendance"],
                                 report["rec3_central_record"], report["custody"], report["safeguards"])
    console.rule(title)
    console.print(_table("Volumes", [("arrests", report["arrests"]), ("foreign nationals", report["foreign_nationals"]),
                                     ("IABS matches", report["iabs"]["match"]),
                                     ("identity discrepancies", report["iabs"]["identity_discrepancies"])]))
    console.print(_table("Performance framework", [
        ("Rec 1  foreign nationals checked", f"{r1['foreign_nationals_checked']:,} ({r1['share_checked']:.1%})"),
        ("Rec 1  not referred for a check", r1["not_referred"]),
        ("Rec 1  checks missed before release", report["capacity"].get("missed_checks", 0)),
        ("Rec 2  released before an officer attended", f"{r2['records']:,}: {r2['of_persons_of_interest']:,} of "
                                                       f"interest ({r2['share_of_persons_of_interest']:.1%} of them), "
                                                       f"{r2['after_missed_checks']:,} after a missed check"),
        ("Rec 3  journey records / bookings", f"{r3['journey_records']:,} / {r3['bookings']:,} ({'complete' if r3['complete'] else 'INCOMPLETE'})"),
        ("Rec 4  ETD applications", report["rec4_etd"]["applications"]),
        ("Rec 5  high-harm cases", f"{report['rec5_high_harm']['high_harm_cases']:,} under {', '.join(report['rec5_high_harm']['definitions']) or '-'}"),
        ("ACRO requests", f"{report['acro']['requests']:,} ({report['acro']['share_of_foreign_nationals']:.1%} of foreign nationals)"),
        ("referrals", report["referrals"]),
    ]))
    if report["weekly"]["weeks"]:
        console.print(_weekly_table(report["weekly"]))
    console.print(_route_table(report["time_to_status_minutes"]))
    if report["capacity"]["pools"]:
        console.print(_capacity_table(report["capacity"]))
    console.print(_table("Custody", [
        ("mean custody hours", custody["custody_hours"]["mean"]), ("total custody hours", custody["total_custody_hours"]),
        ("immigration detainees", custody["immigration_detainees"]),
        ("mean immigration detention hours", custody["immigration_detention_hours"]["mean"]),
        ("custody cost of immigration detainees (GBP)", report["custody_cost_gbp"]),
    ]))
    console.print(_groups_table(safe["checks_by_nationality_group"]))
    console.print(_table("Safeguards", [
        ("claimed British, checked", f"{safe['claimed_british_checked']:,} of {safe['claimed_british']:,}"),
        ("held waiting for a check (persons / hours)", f"{safe['held_waiting_for_check']['persons']:,} / {safe['held_waiting_for_check']['total_hours']}"),
        ("referrals resting on allegations only", safe["referrals_on_allegation_only"]),
        ("overseas records by reliability", ", ".join(f"{k} {v}" for k, v in safe["overseas_records_by_reliability"].items()) or "-"),
        ("victim/witness information shared", safe["victim_witness_info_shared"]),
    ]))
    print_after_decision(report, console)


def headline_rows(paths) -> list[tuple[str, str]]:
    """The headline measures among ``paths``, then the mean minutes to status of each route there."""
    routes = sorted({path.split(".")[1] for path in paths if path.startswith("time_to_status_minutes.")})
    route_rows = [(f"minutes to status, {route} (mean)", _ROUTE_MEASURE.format(route=route)) for route in routes]
    return [row for row in (*HEADLINES, *route_rows) if row[1] in paths]


def cell(value: float | None, share: bool) -> str:
    """A measure as shown: n/a when it does not apply."""
    if value is None:
        return "n/a"
    if share:
        return f"{value:.1%}"
    if float(value).is_integer() or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.1f}" if abs(value) >= 1 else f"{value:.2g}"


def signed(delta: float, share: bool) -> str:
    """A difference with its sign: points for shares."""
    if delta == 0:
        return "0"
    if share:
        return f"{delta * 100:+.1f} pts"
    return f"{delta:+,}" if isinstance(delta, int) else f"{delta:+,.2f}" if abs(delta) < 10 else f"{delta:+,.0f}"


def _change(a: float | None, b: float | None, share: bool) -> str:
    if a is None or b is None:
        return "[dim]n/a[/]"
    if a == b:
        return "[dim]=[/]"
    delta = a - b
    relative = f" ({delta / b:+.0%})" if b and not share else ""
    return f"[{'green' if delta > 0 else 'red'}]{signed(delta, share)}{relative}[/]"


def print_comparison(a: dict[str, Any], b: dict[str, Any], console: Console) -> None:
    diffs = differences(a, b)
    table = Table(title=f"Comparison: A = {label(a)}, B = {label(b)} ({a['days']} days, seed {a['seed']})",
                  title_justify="left")
    for column in ("measure", f"A: {label(a)}", f"B: {label(b)}", f"A - B ({label(a)} less {label(b)})"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for name, path in headline_rows(diffs):
        entry, share = diffs[path], is_share(path)
        table.add_row(name, cell(entry["a"], share), cell(entry["b"], share), _change(entry["a"], entry["b"], share))
    console.print(table)
    console.print(f"[dim]digest A {a['digest'][:16]}…  B {b['digest'][:16]}…  "
                  f"({sum(1 for d in diffs.values() if d['delta'] != 0)} of {len(diffs)} measures differ)[/]")

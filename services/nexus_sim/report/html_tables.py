"""The HTML report's tables of figures: the headline measures with their intervals (replicates), and
the difference table of a comparison, A - B, with A and B named by scenario and overrides on every
column, n/a where a measure does not apply, and (replicates) whether A - B's interval excludes zero."""

from html import escape
from typing import Any

from .headlines import is_share
from .terminal import cell, headline_rows, signed
from .terminal_replicates import delta_interval, interval_text

__all__ = ["difference_table", "html_table", "interval_table", "measure_cell"]


def html_table(css: str, columns: tuple[str, ...], rows: list[tuple[str, ...]],
               row_classes: list[str] | None = None) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join(_row(row, (row_classes or [])[i] if row_classes else "") for i, row in enumerate(rows))
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _row(cells: tuple[str, ...], css: str) -> str:
    attribute = f' class="{css}"' if css else ""
    return f"<tr{attribute}>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"


def measure_cell(value: Any, path: str, measures: dict[str, Any] | None) -> str:
    """A measure as shown, with its 95% interval when ``measures`` (of replicates) has one."""
    share = is_share(path)
    found = (measures or {}).get(path)
    if found is None:
        return cell(value, share)
    return f"{cell(found['mean'], share)} {interval_text(found['low'], found['high'], share)}"


def interval_table(summary: dict[str, Any]) -> str:
    measures = summary["measures"]
    rows = [(name, cell(m["mean"], share := is_share(path)), interval_text(m["low"], m["high"], share),
             f"{cell(m['min'], share)} - {cell(m['max'], share)}", str(m["n"]))
            for name, path in headline_rows(measures) for m in (measures[path],)]
    return (f'<h3>{escape(summary["label"])}: mean of {len(summary["seeds"])} runs</h3>'
            + html_table("figures intervals", ("measure", "mean", "95% interval", "min - max", "runs"), rows))


def difference_table(data: dict[str, Any]) -> str:
    """The differences of a comparison (``mode`` compare or compare-replicates)."""
    a, b, diffs = data["a_label"], data["b_label"], data["differences"]
    paired = data["mode"] == "compare-replicates"
    columns = ("measure", f"A: {a}", f"B: {b}", f"A - B ({a} less {b})")
    columns += ("95% interval of A - B", "excludes 0") if paired else ()
    rows, classes = [], []
    for name, path in headline_rows(diffs):
        d, share = diffs[path], is_share(path)
        delta = "n/a" if d["delta"] is None else signed(d["delta"], share)
        row = (name, cell(d["a"], share), cell(d["b"], share), delta)
        if paired:
            verdict = "n/a" if d["excludes_zero"] is None else "yes" if d["excludes_zero"] else "no"
            row += (delta_interval(d["low"], d["high"], share), verdict)
            classes.append("excludes-zero" if d["excludes_zero"] else "")
        rows.append(row)
    note = (f" Runs paired by seed ({data['a']['seeds'][0]}-{data['a']['seeds'][-1]}): the interval is of the mean "
            "difference; where it excludes 0 the effect is not noise at 95%." if paired else
            " One seed each: a single draw, not an interval.")
    return ('<h2>Differences</h2><p class="meta">A - B: positive means A has more.' + escape(note) + "</p>"
            + html_table("figures differences", columns, rows, classes if paired else None))

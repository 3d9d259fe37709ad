"""`nexus verify SERVICE`: feed a log's inputs to an outside implementation of SERVICE on Kafka and
check, rule by rule, everything it sends; contract only by default, or with ``--reference`` also
field by field against the project's own SERVICE run in this process on the same inputs."""

from pathlib import Path
from typing import Annotated, Optional

import typer
from confluent_kafka import KafkaException
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from nexus_contracts.sharing import DisclosurePolicy, disclosure_policy
from nexus_contracts.wire import LOCAL_BOOTSTRAP

from ..eventlog import EventLog, golden_log, read_log
from ..run.external import WAIT_SECONDS, NotConsumingError, external_group, wait_until_consuming
from ..run.wiring import SERVICES
from ..verify.expectations import expectations_for
from ..verify.junit import write_junit
from ..verify.reference import ReferenceCheck, reference_outputs
from ..verify.runner import new_run, verify_on_kafka
from ..verify.tally import Tally

__all__ = ["verify"]

GOLDEN = "london-2013"
out = Console(soft_wrap=True)


def verify(
    service: Annotated[str, typer.Argument(help=f"The service your implementation stands in for: {', '.join(SERVICES)}")],
    bootstrap: Annotated[str, typer.Option(help="Kafka bootstrap servers, where your implementation runs.")]
    = LOCAL_BOOTSTRAP,
    log: Annotated[Optional[Path], typer.Option(help=f"Event log whose inputs to feed (default: the bundled "
                                                     f"golden log {GOLDEN}).")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for every reply and forwarded end marker "
                                                      "(and, with --reference, every reference output).")] = 30.0,
    junit: Annotated[Optional[Path], typer.Option(help="Also write the rule results as JUnit XML here.")] = None,
    reference: Annotated[bool, typer.Option(
        "--reference/--contract-only",
        help="Also compare each output field by field with what the project's own SERVICE sends for the same "
             "input (matched by causation, not event id; the log must name its scenario and seed).")] = False,
    group: Annotated[Optional[str], typer.Option(help="The consumer group your implementation consumes in "
                                                      "(default: nexus.SERVICE); nothing is fed before it holds "
                                                      "its topics.")] = None,
    wait: Annotated[float, typer.Option(min=0, help="Seconds to wait for that group to hold its topics.")]
    = WAIT_SECONDS,
) -> None:
    """Check an outside implementation of SERVICE against the contracts; exit 1 on any failure."""
    if service not in SERVICES:
        out.print(f"[red]error:[/] unknown service {service!r}; choose one of {', '.join(SERVICES)}", highlight=False)
        raise typer.Exit(2)
    event_log = read_log(log or golden_log(GOLDEN))
    exp = expectations_for(service, new_run(), event_log.entries, _disclosure(event_log))
    check = _reference(service, event_log, exp.inputs, exp.causes.keys()) if reference else None
    _wait_for(service, bootstrap, group or external_group(service), wait)
    out.print(f"feeding {len(exp.inputs)} inputs of {event_log.path} to {service} on {bootstrap} (run {exp.run})",
              highlight=False)
    tally = verify_on_kafka(exp, bootstrap, timeout, check)
    out.print(_table(tally, service))
    if junit:
        write_junit(junit, tally, service)
    for finding in tally.failures[:10]:
        out.print(f"[red]FAILED[/] {finding.describe()}", highlight=False)
    if not tally.passed:
        raise typer.Exit(1)
    same = " and matches the reference service output for output" if reference else ""
    out.print(f"[green]{service} honours the contracts[/] on every rule{same}", highlight=False)


def _wait_for(service: str, bootstrap: str, group: str, wait: float) -> None:
    out.print(f"waiting for your {service} to consume (consumer group {group!r})", highlight=False)
    try:
        wait_until_consuming(service, bootstrap, group, wait, rename="--group NAME if yours consumes as NAME")
    except (NotConsumingError, KafkaException) as exc:
        out.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(1) from None


def _reference(service: str, event_log: EventLog, inputs, fed) -> ReferenceCheck:
    """The project's own service's outputs for the same inputs, under the log's scenario and seed."""
    run = event_log.header.run
    if run is None:
        out.print(f"[red]error:[/] {event_log.path} names no scenario and seed, so there is no reference to "
                  "compare with; use --contract-only", highlight=False)
        raise typer.Exit(2)
    events = reference_outputs(service, run.load_scenario(), run.seed, inputs)
    out.print(f"reference: {len(events)} outputs of the project's own {service} for the same inputs "
              f"(scenario {run.scenario_ref}, seed {run.seed})", highlight=False)
    return ReferenceCheck(events, fed)


def _disclosure(event_log: EventLog) -> DisclosurePolicy:
    """What may cross the boundaries in the log's run (nothing optional when the log names no scenario)."""
    run = event_log.header.run
    return disclosure_policy(run.load_scenario().referral_policy) if run else DisclosurePolicy()


def _table(tally: Tally, service: str) -> Table:
    table = Table(title=f"nexus verify {service}")
    for column in ("rule", "passed", "failed", "example"):
        table.add_column(column)
    for row in tally.rows.values():
        example = row.failed[0].describe() if row.failed else row.example or "(not checked)"
        failed = f"[red]{len(row.failed)}[/]" if row.failed else "0"
        table.add_row(row.rule, str(row.passed), failed, example)
    return table

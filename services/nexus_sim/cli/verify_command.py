"""`nexus verify SERVICE`: feed a log's inputs to an outside implementation of SERVICE on Kafka and
check, rule by rule, everything it sends; contract only by default, or with ``--reference`` also
field by field against the project's own SERVICE run in this process on the same inputs."""

from pathlib import Path
from typing import Annotated, Optional

import typer
from confluent_kafka import KafkaException
from rich.console import Console
from rich.markup import escape

from nexus_contracts.wire import LOCAL_BOOTSTRAP

from ..eventlog import LogFormatError, golden_log, read_log
from ..run.external import WAIT_SECONDS
from ..run.wiring import SERVICES
from ..verify.session import NotConsumingError, VerifyError, rule_table, verify_service

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
    say = lambda line: out.print(escape(line), highlight=False)  # noqa: E731
    try:
        event_log = read_log(log or golden_log(GOLDEN))
    except (OSError, LogFormatError) as exc:
        out.print(f"[red]error:[/] --log: {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from None
    try:
        done = verify_service(service, event_log, bootstrap, reference=reference,
                              timeout=timeout, group=group, wait=wait, say=say)
    except VerifyError as exc:
        out.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from None
    except (NotConsumingError, KafkaException) as exc:
        out.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(1) from None
    out.print(rule_table(done.tally, service))
    if junit:
        done.write_junit(junit)
    for finding in done.failures[:10]:
        out.print(f"[red]FAILED[/] {escape(finding.describe())}", highlight=False)
    if not done.passed:
        raise typer.Exit(1)
    same = " and matches the reference service output for output" if reference else ""
    out.print(f"[green]{service} honours the contracts[/] on every rule{same}", highlight=False)

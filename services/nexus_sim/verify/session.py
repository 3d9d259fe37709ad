"""One verification from start to end, as a library call: `nexus verify` and the pytest fixture
``nexus_verify`` both run ``verify_service``.

Given an event log already read (``EventLog``: its ``path``, ``header.run`` and ``entries``), it derives
what the service is fed and must answer, computes the reference outputs when asked, waits until the
outside service's consumer group holds its topics, feeds it and checks what comes back. What goes on is
said through ``say``; what cannot start is a ``VerifyError`` or a ``NotConsumingError``.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from nexus_contracts.sharing import DisclosurePolicy, disclosure_policy

from ..run.external import WAIT_SECONDS, NotConsumingError, external_group, wait_until_consuming
from ..run.wiring import SERVICES
from .expectations import expectations_for
from .junit import write_junit
from .model import Finding
from .reference import ReferenceCheck, reference_outputs
from .runner import new_run, verify_on_kafka
from .tally import Tally

__all__ = ["NotConsumingError", "Verification", "VerifyError", "rule_table", "verify_service"]


class VerifyError(ValueError):
    """The verification cannot start as asked (unknown service, no reference for the log)."""


@dataclass(frozen=True)
class Verification:
    """The outcome of one verification: every rule's findings in ``tally``."""

    service: str
    log: Path
    run: str
    tally: Tally

    @property
    def passed(self) -> bool:
        return self.tally.passed

    @property
    def failures(self) -> list[Finding]:
        return self.tally.failures

    def report(self, width: int = 160) -> str:
        """The rule table and the first failures, as plain text (for an assertion message or a CI log)."""
        text = io.StringIO()
        Console(file=text, width=width, no_color=True, soft_wrap=True).print(rule_table(self.tally, self.service))
        text.writelines(f"FAILED {finding.describe()}\n" for finding in self.failures[:10])
        return text.getvalue()

    def write_junit(self, path: Path) -> None:
        write_junit(path, self.tally, self.service)


def verify_service(service: str, event_log: Any, bootstrap: str, *, reference: bool = False, timeout: float = 30.0,
                   group: str | None = None, wait: float = WAIT_SECONDS,
                   say: Callable[[str], None] = lambda line: None) -> Verification:
    """Feed ``event_log``'s inputs of ``service`` to the outside implementation consuming as ``group``
    (default ``nexus.<service>``) on ``bootstrap`` and check every rule (with ``reference``, also every
    output against the project's own service's)."""
    if service not in SERVICES:
        raise VerifyError(f"unknown service {service!r}; choose one of {', '.join(SERVICES)}")
    exp = expectations_for(service, new_run(), event_log.entries, _disclosure(event_log))
    check = _reference(service, event_log, exp.inputs, exp.causes.keys(), say) if reference else None
    group = group or external_group(service)
    say(f"waiting for your {service} to consume (consumer group {group!r})")
    wait_until_consuming(service, bootstrap, group, wait, rename="--group NAME if yours consumes as NAME")
    say(f"feeding {len(exp.inputs)} inputs of {event_log.path} to {service} on {bootstrap} (run {exp.run})")
    return Verification(service, Path(event_log.path), exp.run, verify_on_kafka(exp, bootstrap, timeout, check))


def _reference(service: str, event_log: Any, inputs, fed, say: Callable[[str], None]) -> ReferenceCheck:
    """The project's own service's outputs for the same inputs, under the log's scenario and seed."""
    run = event_log.header.run
    if run is None:
        raise VerifyError(f"{event_log.path} names no scenario and seed, so there is no reference to compare "
                          "with; use --contract-only")
    events = reference_outputs(service, run.load_scenario(), run.seed, inputs)
    say(f"reference: {len(events)} outputs of the project's own {service} for the same inputs "
        f"(scenario {run.scenario_ref}, seed {run.seed})")
    return ReferenceCheck(events, fed)


def _disclosure(event_log: Any) -> DisclosurePolicy:
    """What may cross the boundaries in the log's run (nothing optional when the log names no scenario)."""
    run = event_log.header.run
    return disclosure_policy(run.load_scenario().referral_policy) if run else DisclosurePolicy()


def rule_table(tally: Tally, service: str) -> Table:
    """Per rule: records passed, failed, and an example (the first failure, else a record that passed)."""
    table = Table(title=f"nexus verify {service}")
    for column in ("rule", "passed", "failed", "example"):
        table.add_column(column)
    for row in tally.rows.values():
        example = row.failed[0].describe() if row.failed else row.example or "(not checked)"
        failed = f"[red]{len(row.failed)}[/]" if row.failed else "0"
        table.add_row(row.rule, str(row.passed), failed, escape(example))
    return table

"""Findings of one verification, per rule: what each record showed, which inputs were answered,
which end markers were forwarded and, with a reference, how each output compares with the reference
service's. Pure: the runner feeds it the records it reads."""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from nexus_contracts.watermarks import ORIGIN_HEADER, WATERMARK_HEADER
from nexus_contracts.wire import RUN_HEADER

from .expectations import Cause, Expectations, expected_markers
from .model import Finding, Output, json_object
from .reference import REFERENCE, ReferenceCheck, canonical
from .rules import RECORD_RULES, check_dead_letter, check_output

__all__ = ["REPLY", "MARKERS", "REFERENCE", "RuleRow", "Tally"]

REPLY = "reply"
MARKERS = "markers forwarded"


@dataclass
class RuleRow:
    rule: str
    passed: int = 0
    failed: list[Finding] = field(default_factory=list)
    example: str = ""


class Tally:
    def __init__(self, exp: Expectations, markers: Iterable[tuple[str, int, str]] | None = None,
                 reference: ReferenceCheck | None = None) -> None:
        self.exp = exp
        self.reference = reference
        self.causes: dict[str, Cause] = dict(exp.causes)
        self.replied: set[str] = set()
        self.markers_wanted = frozenset(expected_markers(exp.service) if markers is None else markers)
        self.markers_seen: set[tuple[str, int, str]] = set()
        rules = [name for name, _, _ in RECORD_RULES] + ["no dead letters"]
        rules += [REPLY] if exp.needs_reply else []
        rules += [MARKERS] if self.markers_wanted else []
        rules += [REFERENCE] if reference is not None else []
        self.rows = {name: RuleRow(name) for name in rules}
        self.outputs = 0
        self.waiting: dict[str, list[Output]] = {}
        """Outputs whose cause, an earlier output on another topic, has not been read yet, by that cause's id."""

    def ours(self, out: Output) -> bool:
        """A record of this run: it carries the run header, or none at all but answers one of our causes."""
        run = out.headers.get(RUN_HEADER)
        if run is not None:
            return run == self.exp.run
        data = json_object(out.value) or {}
        return str(data.get("causation_id")) in self.causes

    def take(self, out: Output, dead_letter: bool = False) -> list[Finding]:
        """Check one record of the run; returns the failures it showed (none: all rules passed). An output
        whose cause is not known yet waits for it (it may sit on another topic, not read yet): it is
        checked once its cause is taken, or at ``settle``."""
        if WATERMARK_HEADER in out.headers:
            self._take_marker(out)
            return []
        cause = None if dead_letter else (json_object(out.value) or {}).get("causation_id")
        if cause is not None and str(cause) not in self.causes:
            self.waiting.setdefault(str(cause), []).append(out)
            return []
        return self._check(out, dead_letter)

    def settle(self) -> list[Finding]:
        """Check the outputs still waiting for their cause, once everything sent so far has been read: their
        cause will not come. Returns their failures."""
        waiting, self.waiting = self.waiting, {}
        return [failure for outs in waiting.values() for out in outs for failure in self._check(out, False)]

    def _check(self, out: Output, dead_letter: bool) -> list[Finding]:
        findings = [check_dead_letter(out)] if dead_letter else check_output(out, self.exp, self.causes)
        self.outputs += not dead_letter
        for finding in findings:
            self._count(finding)
        failed = [f for f in findings if not f.passed]
        data = json_object(out.value) or {}
        if not failed and not dead_letter:
            self.replied.add(str(data.get("causation_id")))
            self.causes[str(data["event_id"])] = Cause.of(data)
            compared = self.reference.check(out.where, canonical(out.value) or {}) if self.reference else None
            if compared is not None:
                self._count(compared)
                failed += [] if compared.passed else [compared]
            for effect in self.waiting.pop(str(data["event_id"]), []):
                failed += self._check(effect, False)
        return failed

    def _take_marker(self, out: Output) -> None:
        if out.headers.get(WATERMARK_HEADER) == "end" and out.partition is not None:
            self.markers_seen.add((out.topic, out.partition, out.headers.get(ORIGIN_HEADER, "")))

    def _count(self, finding: Finding) -> None:
        row = self.rows[finding.rule]
        if finding.passed:
            row.passed += 1
            row.example = row.example or finding.where
        else:
            row.failed.append(finding)

    @property
    def unanswered(self) -> list[str]:
        return sorted(self.exp.needs_reply - self.replied)

    def complete(self) -> bool:
        """Every input that needs a reply has one, every end marker came through and, with a reference,
        every reference output has its counterpart."""
        return (not self.unanswered and self.markers_wanted <= self.markers_seen
                and (self.reference is None or self.reference.done))

    def close(self, timeout: float) -> None:
        """Settle the rules over the whole run: dead letters, replies and markers, within ``timeout`` seconds."""
        self.settle()
        dead = self.rows["no dead letters"]
        if not dead.failed:
            dead.passed, dead.example = self.outputs, f"none among {self.outputs} outputs"
        if REPLY in self.rows:
            self._settle(REPLY, len(self.exp.needs_reply - set(self.unanswered)), [
                Finding(REPLY, False, f"input {event_id}", self.exp.causes[event_id].correlation_id, "causation_id",
                        f"no reply to {self.exp.causes[event_id].event_type} within {timeout:g} s")
                for event_id in self.unanswered])
        if MARKERS in self.rows:
            missing = sorted(self.markers_wanted - self.markers_seen)
            self._settle(MARKERS, len(self.markers_wanted) - len(missing), [
                Finding(MARKERS, False, f"{t}/{p}", "", WATERMARK_HEADER,
                        f"no end marker from origin {origin} within {timeout:g} s") for t, p, origin in missing])
        if self.reference is not None:
            row = self.rows[REFERENCE]
            row.failed += [replace(f, detail=f"{f.detail} within {timeout:g} s") for f in self.reference.missing()]
            row.example = row.example or (f"{row.passed} outputs as the reference's" if row.passed else "")

    def _settle(self, rule: str, passed: int, failures: list[Finding]) -> None:
        row = self.rows[rule]
        row.passed, row.failed = passed, failures
        row.example = row.example or (f"{passed} of {passed + len(failures)}" if passed else "")

    @property
    def failures(self) -> list[Finding]:
        return [f for row in self.rows.values() for f in row.failed]

    @property
    def passed(self) -> bool:
        return not self.failures

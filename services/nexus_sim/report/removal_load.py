"""What the report keeps of removal cases as their events come in (any order): each case opened, each
ETD completion, each case closed. The sections are built from it in ``removals.py``."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from nexus_contracts.events import EtdApplicationCompleted, JourneyRecorded, RemovalCaseClosed, RemovalCaseOpened
from nexus_contracts.vocabulary import IeDecision

__all__ = ["RemovalLoad"]


@dataclass(eq=False)
class RemovalLoad:
    opened: dict[str, RemovalCaseOpened] = field(default_factory=dict)  # referral id -> case opened
    etds: list[tuple[datetime, EtdApplicationCompleted]] = field(default_factory=list)  # (completed at, event)
    closed: list[tuple[datetime, RemovalCaseClosed]] = field(default_factory=list)  # (closed at, event)

    def handlers(self) -> dict[str, Any]:
        return {"RemovalCaseOpened": self._opened, "EtdApplicationCompleted": self._etd,
                "RemovalCaseClosed": self._closed}

    def _opened(self, p: RemovalCaseOpened, event: Any) -> None:
        self.opened[p.referral_id] = p

    def _etd(self, p: EtdApplicationCompleted, event: Any) -> None:
        self.etds.append((event.occurred_at, p))

    def _closed(self, p: RemovalCaseClosed, event: Any) -> None:
        self.closed.append((event.occurred_at, p))

    @staticmethod
    def promised(record: JourneyRecorded) -> dict[str, int]:
        """Removal events a journey record says were sent beside it: each decision but no action opens a case
        that closes; each ETD application completes."""
        cases = sum(decision is not IeDecision.NO_ACTION for decision in record.decisions)
        return {"RemovalCaseOpened": cases, "RemovalCaseClosed": cases,
                "EtdApplicationCompleted": record.etd_applications}

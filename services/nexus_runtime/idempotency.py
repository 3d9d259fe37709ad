"""Remember recently processed event keys so a redelivered message is not handled twice."""

from collections import deque
from collections.abc import Hashable

__all__ = ["SeenEvents"]


class SeenEvents:
    """A bounded set of event ids: the oldest are forgotten once ``capacity`` is reached."""

    def __init__(self, capacity: int = 1_000_000) -> None:
        self._capacity = capacity
        self._ids: set[Hashable] = set()
        self._order: deque[Hashable] = deque()

    def first_time(self, event_id: Hashable) -> bool:
        """True the first time an id is seen (and remembers it), False after."""
        if event_id in self._ids:
            return False
        self._ids.add(event_id)
        self._order.append(event_id)
        if len(self._order) > self._capacity:
            self._ids.discard(self._order.popleft())
        return True

    def forget(self, event_id: Hashable) -> None:
        """Let ``event_id`` be handled again (its output could not be delivered)."""
        self._ids.discard(event_id)

    def __len__(self) -> int:
        return len(self._ids)

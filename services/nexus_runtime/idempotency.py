"""Remember recently processed event keys so a redelivered message is not handled twice."""

from collections import OrderedDict
from collections.abc import Hashable

__all__ = ["SeenEvents"]


class SeenEvents:
    """A bounded set of keys in arrival order: the oldest are forgotten once ``capacity`` is reached."""

    def __init__(self, capacity: int = 1_000_000) -> None:
        self._capacity = capacity
        self._keys: OrderedDict[Hashable, None] = OrderedDict()

    def first_time(self, key: Hashable) -> bool:
        """True the first time a key is seen (and remembers it), False after."""
        if key in self._keys:
            return False
        self._keys[key] = None
        if len(self._keys) > self._capacity:
            self._keys.popitem(last=False)
        return True

    def forget(self, key: Hashable) -> None:
        """Let ``key`` be handled again (its output could not be delivered)."""
        self._keys.pop(key, None)

    def __len__(self) -> int:
        return len(self._keys)

"""Remember recently processed event keys, with a hash of each event's content, so a redelivered
message is not handled twice and another message reusing an id is told apart from a redelivery."""

from collections import OrderedDict
from collections.abc import Hashable

__all__ = ["SeenEvents"]


class SeenEvents:
    """A bounded map of keys to content hashes in arrival order: the oldest are forgotten once
    ``capacity`` is reached."""

    def __init__(self, capacity: int = 1_000_000) -> None:
        self._capacity = capacity
        self._keys: OrderedDict[Hashable, str] = OrderedDict()

    def first_time(self, key: Hashable, content: str = "") -> bool:
        """True the first time a key is seen (and remembers it), False after."""
        return self.remember(key, content) is None

    def remember(self, key: Hashable, content: str) -> str | None:
        """None the first time ``key`` is seen (it is remembered with ``content``, a hash of the event);
        after that, the content remembered with it: the same for a redelivery, another for a second
        event reusing the id."""
        earlier = self._keys.get(key)
        if earlier is not None:
            return earlier
        self._keys[key] = content
        if len(self._keys) > self._capacity:
            self._keys.popitem(last=False)
        return None

    def forget(self, key: Hashable) -> None:
        """Let ``key`` be handled again (its output could not be delivered)."""
        self._keys.pop(key, None)

    def __len__(self) -> int:
        return len(self._keys)

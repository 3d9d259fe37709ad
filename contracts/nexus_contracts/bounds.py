"""The contract's bounds on the wire models: how long a text, and times as text only. With the
numbers of ``limits.py`` the models carry them (``maxLength``, ``maximum``, ``maxItems`` in the JSON
Schemas); ``plausibility.py`` checks the times against each other. contracts/README.md lists them.
"""

import re
from typing import Annotated, Any

from pydantic import AwareDatetime, BeforeValidator, StringConstraints

__all__ = [
    "Code",
    "FreeText",
    "Name",
    "Ref",
    "WireTime",
]

_NUMERIC = re.compile(r"\s*[-+]?\d+(\.\d*)?([eE][-+]?\d+)?\s*")


def _time_as_text(value: Any) -> Any:
    """Times travel as ISO 8601 text: a number (or a numeric text), which pydantic would read as Unix
    time, is refused."""
    if isinstance(value, (int, float)) or (isinstance(value, str) and _NUMERIC.fullmatch(value)):
        raise ValueError("a time must be ISO 8601 text with a zone, not a number")
    return value


WireTime = Annotated[AwareDatetime, BeforeValidator(_time_as_text)]
"""A time on the wire: ISO 8601 text with a zone."""
Ref = Annotated[str, StringConstraints(max_length=64)]
"""An identifier or reference: custody record id, person ref, referral id, pool, definition version."""
Name = Annotated[str, StringConstraints(max_length=64)]
"""A short name: event type, force, custody suite."""
Code = Annotated[str, StringConstraints(max_length=2)]
"""An ISO 3166-1 alpha-2 country code."""
FreeText = Annotated[str, StringConstraints(max_length=2000)]
"""Free text (victim/witness details)."""

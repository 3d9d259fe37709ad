"""Nexus Flow contracts: the only code the services share.

- ``Event`` (envelope) and the payloads in ``events``;
- ``catalogue``: topics, keys, producers, consumers and sharing boundaries;
- ``codec``: bytes <-> Event with upcasting; ``wire``: record headers and names beside the value;
- ``sharing``: least-data checks and the disclosure policy;
- ``vocabulary``, ``high_harm``, ``randomness``, ``ids``: plain-Python pieces domain code may use;
- ``scenario``: the scenario file contract.
"""

from .codec import ContractError, decode_event, encode_event
from .envelope import Event
from .wire import headers_for

__all__ = ["ContractError", "Event", "decode_event", "encode_event", "headers_for"]

CONTRACTS_VERSION = "1.5.0"
"""The contracts package version (contracts/pyproject.toml and CHANGELOG.md say the same; a test checks)."""

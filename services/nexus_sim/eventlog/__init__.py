"""Event logs: record what flows on the topics, replay it through the services, diff and trace it.

- ``format``: the JSON Lines format (header line, one line per Kafka record), lossless;
- ``io``: ``LogWriter`` (any transport can record with ``write(topic, partition, offset, ...)``)
  and ``read_log``;
- ``recorder``: an observer for the in-memory bus; ``replay``: feed a log's inputs to the services;
- ``compare`` / ``trace``: per custody record differences and journeys; ``render``: rich output;
- ``golden_logs``: the recorded runs shipped with the package, ``golden_log("london-2013")``;
- ``pytest_plugin``: the ``replay`` and ``kafka_bootstrap`` fixtures for test suites (entry point ``pytest11``).
"""

from .compare import LogDiff, compare
from .format import LogEntry, LogFormatError, LogHeader
from .golden_logs import golden_log, golden_logs
from .io import EventLog, LogWriter, read_log
from .journeys import Journeys
from .recorder import MemoryRecorder
from .replay import ReplayError, replay_in_memory

__all__ = [
    "EventLog",
    "Journeys",
    "LogDiff",
    "LogEntry",
    "LogFormatError",
    "LogHeader",
    "LogWriter",
    "MemoryRecorder",
    "ReplayError",
    "compare",
    "golden_log",
    "golden_logs",
    "read_log",
    "replay_in_memory",
]

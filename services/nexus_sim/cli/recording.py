"""What `nexus simulate --record LOG` records with: observers for the run, and the log writer."""

from pathlib import Path

from ..eventlog.format import LogHeader
from ..eventlog.io import LogWriter
from ..eventlog.recorder import KafkaRecorder, MemoryRecorder
from ..run.spec import RunSpec

__all__ = ["Recording", "open_recording"]


class Recording:
    """Memory: every record the bus publishes. Kafka: every record the run's collector reads."""

    def __init__(self, writer: LogWriter | None, transport: str = "memory") -> None:
        self.writer = writer
        self.observers: tuple = ()
        if writer:
            self.observers = (MemoryRecorder(writer.write_entry) if transport == "memory" else KafkaRecorder(writer),)

    def close(self) -> None:
        if self.writer:
            self.writer.close()


def open_recording(path: Path | None, spec: RunSpec, transport: str) -> Recording:
    if path is None:
        return Recording(None)
    return Recording(LogWriter(path, LogHeader(spec, transport, "nexus simulate")), transport)

"""Failures of the local broker launcher that a user can act on."""

__all__ = [
    "ClusterRunningError",
    "ClusterStartError",
    "ClusterStopError",
    "JarDownloadError",
    "KafkaLocalError",
    "PortInUseError",
    "ToolMissingError",
    "TopicSetupError",
]


class KafkaLocalError(Exception):
    """An expected failure: ``message`` is one line; ``detail`` (log or output tail) may follow."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.message}\n{self.detail}" if self.detail else self.message


class ToolMissingError(KafkaLocalError):
    """``java`` or ``mvn`` is not installed or not on PATH."""


class JarDownloadError(KafkaLocalError):
    """Maven could not fetch the broker's jars."""


class PortInUseError(KafkaLocalError):
    """A port the cluster needs is already taken on 127.0.0.1."""


class ClusterRunningError(KafkaLocalError):
    """A cluster recorded in the state file is still running."""


class ClusterStartError(KafkaLocalError):
    """Storage formatting failed, or a node died or did not answer in time."""


class ClusterStopError(KafkaLocalError):
    """A recorded node survived SIGTERM and SIGKILL."""


class TopicSetupError(KafkaLocalError):
    """The catalogue topics could not be created or did not appear in metadata."""

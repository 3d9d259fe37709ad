"""structlog, configured once: JSON when not on a terminal, console otherwise."""

import logging
import sys
from contextvars import ContextVar
from typing import Any

import structlog

__all__ = ["configure_logging", "message_context"]

_message: ContextVar[dict[str, Any] | None] = ContextVar("nexus_message", default=None)


def message_context(**fields: Any) -> None:
    """Name the message being handled (topic, partition, offset, later its custody record and type):
    every log line until the next message carries these fields. Cheaper per message than binding
    structlog context variables, since it costs only when a line is logged."""
    _message.set(fields)


def add_message_context(logger: Any, method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    fields = _message.get()
    if fields:
        for name, value in fields.items():
            event_dict.setdefault(name, value)
    return event_dict


def configure_logging(level: str = "INFO", *, json: bool | None = None) -> None:
    as_json = (not sys.stderr.isatty()) if json is None else json
    renderer = structlog.processors.JSONRenderer() if as_json else structlog.dev.ConsoleRenderer()
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            add_message_context,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            *([structlog.processors.dict_tracebacks] if as_json else []),  # log.exception keeps its traceback
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )

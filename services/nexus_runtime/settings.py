"""Settings shared by the services: a nested Kafka section and the scenario a service models."""

import json
from collections.abc import Iterator, Mapping
from typing import Any, Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from nexus_contracts.wire import LOCAL_BOOTSTRAP

from .door import DEFAULT_MAX_MESSAGE_BYTES

__all__ = ["DEFAULT_GROUP_PREFIX", "KafkaSettings", "ServiceSettings", "consumer_group",
           "service_settings", "settings_environment"]

DEFAULT_GROUP_PREFIX = "nexus"


def consumer_group(prefix: str, service: str) -> str:
    """A service's consumer group: <prefix>.<service>."""
    return f"{prefix}.{service}"


class KafkaSettings(BaseModel):
    """Plaintext Kafka on a trusted network (the simulation carries synthetic data only)."""

    bootstrap_servers: str = Field(default=LOCAL_BOOTSTRAP, description="host:port[,host:port...]")
    group_prefix: str = Field(default=DEFAULT_GROUP_PREFIX, description="Consumer groups are <prefix>.<service>.")
    offset_reset: Literal["earliest", "latest"] = Field(
        default="earliest",
        description="Where a consumer group with no committed offset starts; earliest never skips a message. "
        "`nexus services run` commits the live end for a new group first, so it does not re-run history.",
    )

    def consumer_group(self, service: str) -> str:
        return consumer_group(self.group_prefix, service)


class ServiceSettings(BaseSettings):
    """Base for each service's settings; a service subclasses it with its own env prefix."""

    model_config = SettingsConfigDict(env_nested_delimiter="__", extra="ignore")

    scenario: str = Field(default="london-2013", description="Scenario name or path: the world the service models.")
    scenario_overrides: tuple[str, ...] = Field(default=(), description="--set style overrides.")
    seed: int = Field(default=1, description="Scenario seed.")
    kafka: KafkaSettings = KafkaSettings()
    log_level: str = "INFO"
    max_message_bytes: int = Field(
        default=DEFAULT_MAX_MESSAGE_BYTES, gt=0,
        description="Largest record (key, value and headers) the service takes in or sends; a larger one goes to the "
        "DLQ (an output: its input does). Keep it below the broker's message.max.bytes (1 MiB by default).")
    traces: Literal["off", "console", "otlp"] = Field(
        default="off", description="Where OpenTelemetry spans go: nowhere, stdout, or OTLP over HTTP to otlp_endpoint.")
    otlp_endpoint: str = Field(default="http://localhost:4318/v1/traces", description="OTLP/HTTP traces endpoint.")
    metrics_port: int | None = Field(default=None, description="Serve Prometheus metrics on this port (0 or unset: off).")
    metrics_host: str = Field(default="127.0.0.1", description="Address the metrics endpoint binds (0.0.0.0 in a container).")


def service_settings(service: str) -> type[ServiceSettings]:
    """The settings class of one service: env prefix NEXUS_<SERVICE>_, e.g. NEXUS_STATUS_CHECK_SEED."""
    prefix = f"NEXUS_{service.upper()}_"
    config = SettingsConfigDict(env_prefix=prefix, env_nested_delimiter="__", extra="ignore")
    return type(f"{service.title().replace('_', '')}Settings", (ServiceSettings,), {"model_config": config})


def settings_environment(service: str, values: Mapping[str, Any]) -> dict[str, str]:
    """The environment variables that give one service these settings, named as ``service_settings``
    reads them: ``{"seed": 3, "kafka": {"group_prefix": "p"}}`` for status_check gives
    ``NEXUS_STATUS_CHECK_SEED=3`` and ``NEXUS_STATUS_CHECK_KAFKA__GROUP_PREFIX=p``. Strings go as
    they are, other values as JSON (how pydantic-settings reads lists and numbers)."""
    config = service_settings(service).model_config
    return dict(_variables(config["env_prefix"], config["env_nested_delimiter"], values))


def _variables(prefix: str, delimiter: str, values: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    for name, value in values.items():
        if isinstance(value, Mapping):
            yield from _variables(f"{prefix}{name.upper()}{delimiter}", delimiter, value)
        else:
            yield f"{prefix}{name.upper()}", value if isinstance(value, str) else json.dumps(value)

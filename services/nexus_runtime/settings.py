"""Settings shared by the services: a nested Kafka section and the scenario a service models."""

import json
import ssl
from collections.abc import Iterator, Mapping
from typing import Any, Literal

from faststream.kafka.security import parse_security
from faststream.security import BaseSecurity, SASLScram512
from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from nexus_contracts.wire import LOCAL_BOOTSTRAP

from .door import DEFAULT_MAX_MESSAGE_BYTES

__all__ = ["DEFAULT_GROUP_PREFIX", "KafkaSettings", "ServiceSettings", "consumer_group",
           "service_settings", "settings_environment"]

DEFAULT_GROUP_PREFIX = "nexus"


def consumer_group(prefix: str, service: str, run: str = "") -> str:
    """A service's consumer group: <prefix>.<service>, or <prefix>.<service>.<run> for one run's own
    groups (so an ACL prefixed <prefix>.<service> covers both, and nothing of another service)."""
    return f"{prefix}.{service}.{run}" if run else f"{prefix}.{service}"


class KafkaSettings(BaseModel):
    """Where the brokers are, who this client is, and which consumer group it uses.

    Security: PLAINTEXT (a local broker started with ``nexus kafka up --insecure``), or SASL/SCRAM-SHA-512
    as ``username`` over plaintext (SASL_PLAINTEXT) or TLS (SASL_SSL, trusting ``ssl_cafile``).
    ``client_options()`` (aiokafka) and ``security()`` (FastStream) both come from these fields."""

    bootstrap_servers: str = Field(default=LOCAL_BOOTSTRAP, description="host:port[,host:port...]")
    group_prefix: str = Field(default=DEFAULT_GROUP_PREFIX, description="Consumer groups are <prefix>.<service>.")
    offset_reset: Literal["earliest", "latest"] = Field(
        default="earliest",
        description="Where a consumer group with no committed offset starts; earliest never skips a message. "
        "`nexus services run` commits the live end for a new group first, so it does not re-run history.",
    )

    instance: str = Field(default="1", description="This process's number among its service's instances: its "
                          "transactional id is <consumer group>.<instance>, so a restarted instance fences the one it replaces.")
    only_run: str = Field(default="", description="Handle only records of this run (the nexus.run header); the others "
                          "are skipped by header, undecoded. Empty: every run.")
    max_batch: int = Field(default=2000, ge=1, description="Records taken from one poll and handled as one transaction.")
    transaction_timeout_ms: int = Field(default=20000, ge=1000, description="How long the brokers keep a transaction "
                                        "of a dead instance open before aborting it.")
    group_run: str = Field(default="", description="One run's own consumer groups <prefix>.<service>.<run> "
                           "(simulate sets it for the services it starts); empty: <prefix>.<service>.")
    security_protocol: Literal["PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        default="PLAINTEXT", description="PLAINTEXT, or SASL/SCRAM-SHA-512 without (SASL_PLAINTEXT) or with TLS (SASL_SSL).")
    username: str | None = Field(default=None, description="SCRAM principal (User:<username>); needed with SASL.")
    password: SecretStr | None = Field(default=None, description="SCRAM password of username.")
    ssl_cafile: str | None = Field(default=None, description="CA certificate (PEM) to trust with SASL_SSL; "
                                   "unset: the system's trust store.")

    @model_validator(mode="after")
    def _credentials_with_sasl(self) -> "KafkaSettings":
        if self.security_protocol != "PLAINTEXT" and (not self.username or self.password is None):
            raise ValueError(f"kafka.username and kafka.password are needed with security_protocol "
                             f"{self.security_protocol}")
        return self

    def consumer_group(self, service: str) -> str:
        return consumer_group(self.group_prefix, service, self.group_run)

    def security(self) -> BaseSecurity | None:
        """FastStream's form of these settings: ``KafkaBroker(security=...)``; None for PLAINTEXT."""
        if self.security_protocol == "PLAINTEXT":
            return None
        tls = self.security_protocol == "SASL_SSL"
        context = ssl.create_default_context(cafile=self.ssl_cafile) if tls else None
        return SASLScram512(self.username or "", self.password.get_secret_value() if self.password else "",
                            ssl_context=context, use_ssl=tls)

    def client_options(self) -> dict[str, Any]:
        """aiokafka's keyword arguments for these settings: ``AIOKafkaConsumer(**kafka.client_options(), ...)``
        (bootstrap_servers, and security_protocol, sasl_mechanism, sasl_plain_username/password, ssl_context)."""
        return {"bootstrap_servers": self.bootstrap_servers, **parse_security(self.security())}

    def identity(self) -> dict[str, Any]:
        """The security fields alone, as a settings mapping (for ``settings_environment``)."""
        fields = {"security_protocol": self.security_protocol, "username": self.username,
                  "password": self.password.get_secret_value() if self.password else None,
                  "ssl_cafile": self.ssl_cafile}
        return {name: value for name, value in fields.items() if value is not None}

    def transactional_id(self, service: str) -> str:
        """One per instance, stable across restarts (ARCHITECTURE.md invariant 5)."""
        return f"{self.consumer_group(service)}.{self.instance}"


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

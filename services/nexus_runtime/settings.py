"""Settings shared by the services: a nested Kafka section and the scenario a service models."""

from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["KafkaSettings", "ServiceSettings", "service_settings"]


class KafkaSettings(BaseModel):
    """Plaintext Kafka on a trusted network (the simulation carries synthetic data only)."""

    bootstrap_servers: str = Field(default="127.0.0.1:9092", description="host:port[,host:port...]")
    group_prefix: str = Field(default="nexus", description="Consumer groups are <prefix>.<service>.")
    offset_reset: Literal["earliest", "latest"] = Field(
        default="earliest",
        description="Where a consumer group with no committed offset starts; earliest never skips a message. "
        "`nexus services run` commits the live end for a new group first, so it does not re-run history.",
    )


class ServiceSettings(BaseSettings):
    """Base for each service's settings; a service subclasses it with its own env prefix."""

    model_config = SettingsConfigDict(env_nested_delimiter="__", extra="ignore")

    scenario: str = Field(default="london-2013", description="Scenario name or path: the world the service models.")
    scenario_overrides: tuple[str, ...] = Field(default=(), description="--set style overrides.")
    seed: int = Field(default=1, description="Scenario seed.")
    kafka: KafkaSettings = KafkaSettings()
    log_level: str = "INFO"


def service_settings(service: str) -> type[ServiceSettings]:
    """The settings class of one service: env prefix NEXUS_<SERVICE>_, e.g. NEXUS_STATUS_CHECK_SEED."""
    prefix = f"NEXUS_{service.upper()}_"
    config = SettingsConfigDict(env_prefix=prefix, env_nested_delimiter="__", extra="ignore")
    return type(f"{service.title().replace('_', '')}Settings", (ServiceSettings,), {"model_config": config})

"""What every service's composition root does: settings -> scenario -> processor -> FastStream app."""

from collections.abc import Callable
from typing import Protocol

from faststream import FastStream

from nexus_contracts.catalogue import topics_consumed_by
from nexus_contracts.scenario import Scenario
from nexus_contracts.sharing import disclosure_policy

from .kafka_app import serve
from .log_setup import configure_logging
from .processing import Handler, Processor
from .scenarios import load_scenario
from .settings import ServiceSettings

__all__ = ["HandlerSet", "processor_for", "service_app"]


class HandlerSet(Protocol):
    """A service's handlers; one that decides over shared state also has ``ordered()``."""

    def handlers(self) -> dict[str, Handler]: ...


def processor_for(service: str, handler_set: HandlerSet, scenario: Scenario, **options) -> Processor:
    """The service's processor; ``options`` go to ``Processor`` (log binding, partition counts)."""
    ordered = handler_set.ordered() if hasattr(handler_set, "ordered") else None
    return Processor(service, handler_set.handlers(), ordered=ordered,
                     disclosure=disclosure_policy(scenario.referral_policy), **options)


def service_app(service: str, settings: ServiceSettings,
                make_handlers: Callable[[Scenario, int], HandlerSet]) -> FastStream:
    configure_logging(settings.log_level)
    scenario = load_scenario(settings.scenario, settings.scenario_overrides)
    topics = [spec.name for spec in topics_consumed_by(service)]
    processor = processor_for(service, make_handlers(scenario, settings.seed), scenario, bind_log_context=True)
    return serve(processor, topics, settings.kafka)

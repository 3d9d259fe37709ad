"""Settings of referral_exchange: environment variables NEXUS_REFERRAL_EXCHANGE_* (nested with __, e.g. NEXUS_REFERRAL_EXCHANGE_KAFKA__BOOTSTRAP_SERVERS)."""

from nexus_runtime.settings import service_settings

__all__ = ["Settings"]

Settings = service_settings("referral_exchange")

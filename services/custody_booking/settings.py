"""Settings of custody_booking: environment variables NEXUS_CUSTODY_BOOKING_* (nested with __, e.g. NEXUS_CUSTODY_BOOKING_KAFKA__BOOTSTRAP_SERVERS)."""

from nexus_runtime.settings import service_settings

__all__ = ["Settings"]

Settings = service_settings("custody_booking")

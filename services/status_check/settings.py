"""Settings of status_check: environment variables NEXUS_STATUS_CHECK_* (nested with __, e.g. NEXUS_STATUS_CHECK_KAFKA__BOOTSTRAP_SERVERS)."""

from nexus_runtime.settings import service_settings

__all__ = ["Settings"]

Settings = service_settings("status_check")

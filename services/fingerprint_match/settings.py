"""Settings of fingerprint_match: environment variables NEXUS_FINGERPRINT_MATCH_* (nested with __, e.g. NEXUS_FINGERPRINT_MATCH_KAFKA__BOOTSTRAP_SERVERS)."""

from nexus_runtime.settings import service_settings

__all__ = ["Settings"]

Settings = service_settings("fingerprint_match")

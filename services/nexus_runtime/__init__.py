"""The runtime the four services share: message processing with dead-lettering and
idempotency, settings, logging, the Kafka broker factory and scenario files.
It holds no domain rules."""

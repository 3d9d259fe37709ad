"""What `nexus top` reads: a service's metrics endpoint, parsed, and the numbers it shows from two
readings a moment apart (throughput from counter deltas, lag, dead letters, pool load)."""

import urllib.request
from dataclasses import dataclass

from prometheus_client.parser import text_string_to_metric_families

__all__ = ["PoolLine", "Reading", "Samples", "ServiceLine", "fetch_metrics", "parse_metrics", "pool_lines",
           "service_line", "total"]

Samples = dict[str, list[tuple[dict[str, str], float]]]
"""Sample name (``nexus_messages_in_total``) -> (labels, value) of each series."""


def parse_metrics(text: str) -> Samples:
    samples: Samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples.setdefault(sample.name, []).append((dict(sample.labels), sample.value))
    return samples


def fetch_metrics(url: str, timeout: float = 2.0) -> Samples:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - a URL the user gave
        return parse_metrics(response.read().decode())


def total(samples: Samples, name: str, **labels: str) -> float:
    """The sum of ``name`` over the series whose labels include ``labels``."""
    return sum(value for have, value in samples.get(name, ()) if labels.items() <= have.items())


@dataclass(frozen=True)
class Reading:
    """One endpoint at one moment (``at``, monotonic seconds); ``samples`` None when it did not answer."""

    url: str
    at: float
    samples: Samples | None
    error: str = ""


@dataclass(frozen=True)
class ServiceLine:
    service: str
    url: str
    in_per_s: float | None
    out_per_s: float | None
    lag: float
    dead_letters: float
    error: str = ""


@dataclass(frozen=True)
class PoolLine:
    pool: str
    queued: float
    busy: float
    staff: float
    utilisation: float


def _rate(before: Reading | None, now: Reading, name: str) -> float | None:
    if before is None or before.samples is None or now.samples is None or now.at <= before.at:
        return None
    return max(total(now.samples, name) - total(before.samples, name), 0.0) / (now.at - before.at)


def service_line(before: Reading | None, now: Reading) -> ServiceLine:
    """The line of one service: messages/s in and out since ``before`` (None on the first reading)."""
    samples = now.samples or {}
    named = [labels["service"] for labels, _ in samples.get("nexus_service_info", ()) if "service" in labels]
    return ServiceLine(named[0] if named else "?", now.url, _rate(before, now, "nexus_messages_in_total"),
                       _rate(before, now, "nexus_messages_out_total"), total(samples, "nexus_consumer_lag"),
                       total(samples, "nexus_dead_letters_total"), now.error)


def pool_lines(now: Reading) -> list[PoolLine]:
    """The pools an endpoint reports, by name."""
    samples = now.samples or {}

    def of(name: str, pool: str) -> float:
        return total(samples, name, pool=pool)

    pools = sorted({labels["pool"] for labels, _ in samples.get("nexus_pool_queue_length", ())})
    return [PoolLine(pool, of("nexus_pool_queue_length", pool), of("nexus_pool_busy_officers", pool),
                     of("nexus_pool_staff", pool), of("nexus_pool_utilisation", pool)) for pool in pools]

"""Small aiokafka admin helpers, callable from sync code (CLI, pytest fixtures) and async code."""

import asyncio
import socket
from collections.abc import AsyncIterator, Coroutine
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from aiokafka.admin import AIOKafkaAdminClient

from nexus_runtime.settings import KafkaSettings

__all__ = ["admin_client", "broker_ids", "kafka_settings", "ports_accepting", "run_sync"]

T = TypeVar("T")


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` to completion, in a worker thread if this thread already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coro).result()


def kafka_settings(kafka: KafkaSettings | str) -> KafkaSettings:
    """Settings as given, or a bare ``host:port[,...]`` taken as plaintext."""
    return kafka if isinstance(kafka, KafkaSettings) else KafkaSettings(bootstrap_servers=kafka)


@asynccontextmanager
async def admin_client(kafka: KafkaSettings | str, request_timeout_ms: int = 10_000) -> AsyncIterator[AIOKafkaAdminClient]:
    admin = AIOKafkaAdminClient(**kafka_settings(kafka).client_options(), request_timeout_ms=request_timeout_ms)
    try:
        await admin.start()
        yield admin
    finally:
        await admin.close()


async def _broker_ids(kafka: KafkaSettings | str) -> set[int]:
    async with admin_client(kafka, request_timeout_ms=3_000) as admin:
        cluster = await admin.describe_cluster()
    return {broker["node_id"] for broker in cluster["brokers"]}


def broker_ids(kafka: KafkaSettings | str) -> set[int]:
    """Ids of the brokers the cluster's metadata lists now; empty if it does not answer."""
    try:
        return run_sync(_broker_ids(kafka))
    except Exception:  # noqa: BLE001 - any failure here just means "not ready yet"
        return set()


def ports_accepting(host: str, ports: list[int]) -> bool:
    """True when every port accepts a TCP connection (checked before asking aiokafka, which logs errors)."""
    for port in ports:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                pass
        except OSError:
            return False
    return True

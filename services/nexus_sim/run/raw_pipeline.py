"""The plain aiokafka baselines `make bench-kafka` measures the project against.

- a pipeline of four passthrough hops, each a process of its own, with the project's delivery
  settings (acks=all, idempotence, offsets committed only after the outputs are acknowledged),
  either one message at a time (``single``: fetch, send and wait, commit) or a poll at a time
  (``batched``: send all, wait for all, commit once);
- a raw producer sending records as fast as the brokers take them.

Run a hop as ``python -m nexus_sim.run.raw_pipeline BOOTSTRAP SOURCE SINK GROUP MODE``; it runs until
SIGTERM.
"""

import asyncio
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from nexus_runtime.records import Record

from ..kafka_local.topics import create_scratch_topics

__all__ = ["HOPS", "RawPipeline", "raw_producer_rate"]

HOPS = 4
MODES = ("single", "batched")


async def _hop(bootstrap: str, source: str, sink: str, group: str, mode: str) -> None:
    consumer = AIOKafkaConsumer(source, bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False,
                                auto_offset_reset="earliest", max_poll_records=2000)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=2)
    await consumer.start()
    await producer.start()
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    try:
        while not stop.is_set():
            if mode == "single":
                message = await _one(consumer, stop)
                if message is None:
                    continue
                await producer.send_and_wait(sink, message.value, key=message.key, headers=list(message.headers))
                await consumer.commit({TopicPartition(message.topic, message.partition): message.offset + 1})
            else:
                batches = await consumer.getmany(timeout_ms=5, max_records=2000)
                sent = [await producer.send(sink, m.value, key=m.key, headers=list(m.headers))
                        for messages in batches.values() for m in messages]
                await asyncio.gather(*sent)
                if batches:
                    await consumer.commit({tp: messages[-1].offset + 1 for tp, messages in batches.items()})
    finally:
        await producer.stop()
        await consumer.stop()


async def _one(consumer: AIOKafkaConsumer, stop: asyncio.Event):
    try:
        return await asyncio.wait_for(consumer.getone(), timeout=0.5)
    except TimeoutError:
        return None


class RawPipeline:
    """Four passthrough hop processes over topics ``<prefix>.0`` .. ``<prefix>.4``, for one mode."""

    def __init__(self, bootstrap: str, mode: str, partitions: int) -> None:
        self.bootstrap, self.mode, self.partitions = bootstrap, mode, partitions
        self.prefix = f"bench-raw-{mode}-{uuid.uuid4().hex[:8]}"
        self.topics = [f"{self.prefix}.{n}" for n in range(HOPS + 1)]
        self._procs: list[subprocess.Popen] = []
        self._logs = Path(tempfile.mkdtemp(prefix="nexus-raw-pipeline-"))

    async def start(self) -> None:
        await create_scratch_topics(self.bootstrap, dict.fromkeys(self.topics, self.partitions))
        for n in range(HOPS):
            self._procs.append(subprocess.Popen(
                [sys.executable, "-m", "nexus_sim.run.raw_pipeline", self.bootstrap, self.topics[n], self.topics[n + 1],
                 f"{self.prefix}.hop{n}", self.mode], stdout=subprocess.DEVNULL,
                stderr=(self._logs / f"hop{n}.log").open("wb")))

    async def run(self, records: Sequence[Record]) -> float:
        """Seconds from the first record sent to the last arriving out of the fourth hop."""
        async with _sink(self.bootstrap, self.topics[-1]) as sink:
            producer = await _producer(self.bootstrap)
            try:
                began = time.perf_counter()
                for r in records:
                    await producer.send(self.topics[0], r.value, key=r.key, headers=_headers(r))
                await producer.flush()
                received = 0
                while received < len(records):
                    received += sum(len(m) for m in (await sink.getmany(timeout_ms=200)).values())
                    self._check_alive()
                return time.perf_counter() - began
            finally:
                await producer.stop()

    def _check_alive(self) -> None:
        for n, proc in enumerate(self._procs):
            if proc.poll() is not None:
                log = (self._logs / f"hop{n}.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"raw pipeline hop {n} ({self.mode}) exited with {proc.returncode}:\n{log}")

    def stop(self) -> None:
        for proc in self._procs:
            proc.send_signal(signal.SIGTERM)
        for proc in self._procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


async def raw_producer_rate(bootstrap: str, records: Sequence[Record], partitions: int) -> float:
    """Records per second a plain producer (acks=all, idempotent) writes ``records`` at, to a scratch topic."""
    topic = f"bench-raw-producer-{uuid.uuid4().hex[:8]}"
    await create_scratch_topics(bootstrap, {topic: partitions})
    producer = await _producer(bootstrap)
    try:
        began = time.perf_counter()
        for r in records:
            await producer.send(topic, r.value, key=r.key, partition=r.partition, headers=_headers(r))
        await producer.flush()
        return len(records) / (time.perf_counter() - began)
    finally:
        await producer.stop()


async def _producer(bootstrap: str) -> AIOKafkaProducer:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=5)
    await producer.start()
    return producer


def _headers(record: Record) -> list[tuple[str, bytes]]:
    return [(k, v.encode()) for k, v in record.headers.items()]


class _sink:
    """A consumer of every partition of ``topic``, from its end as it is now."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        self._topic = topic
        self._consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False)

    async def __aenter__(self) -> AIOKafkaConsumer:
        await self._consumer.start()
        partitions = [TopicPartition(self._topic, p) for p in self._consumer.partitions_for_topic(self._topic) or ()]
        if not partitions:
            await self._consumer._client.force_metadata_update()  # noqa: SLF001 - a fresh topic's metadata
            partitions = [TopicPartition(self._topic, p) for p in self._consumer.partitions_for_topic(self._topic)]
        self._consumer.assign(partitions)
        for tp, end in (await self._consumer.end_offsets(partitions)).items():
            self._consumer.seek(tp, end)
        return self._consumer

    async def __aexit__(self, *exc) -> None:
        await self._consumer.stop()


if __name__ == "__main__":
    asyncio.run(_hop(*sys.argv[1:6]))

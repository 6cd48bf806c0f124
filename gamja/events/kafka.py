"""The production transport: Kafka through aiokafka, behind the same `Transport`/`Subscription` protocols."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Sequence

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import IllegalStateError, TopicAlreadyExistsError, for_code

from gamja.events.consumer import dead_letter_topic
from gamja.events.transport import IncomingRecord, OutgoingRecord

__all__ = ["KafkaSubscription", "KafkaTransport"]

_DEAD_LETTER_SUFFIX = dead_letter_topic("")


def _with_dead_letters(topics: Iterable[str]) -> list[str]:
    """Each topic and its dead-letter topic, so a consumer's first poison record has somewhere to go."""
    out: list[str] = []
    for topic in topics:
        out.append(topic)
        if not topic.endswith(_DEAD_LETTER_SUFFIX):
            out.append(dead_letter_topic(topic))
    return out


def _decode(raw: bytes | None) -> str | None:
    # Another producer may write anything; a consumer must not die on one bad header.
    return None if raw is None else raw.decode("utf-8", errors="replace")


class KafkaTransport:
    """One producer (started on first publish) and one consumer per subscription.

    Records are keyed, so every record of one key lands on one partition and keeps its order; the
    producer waits for all in-sync replicas (`acks=all`). `enable_idempotence` must be off for
    brokers that lack idempotent producers (e.g. Tansu, used in tests).
    """

    def __init__(
        self,
        bootstrap_servers: str,
        *,
        enable_idempotence: bool = True,
        client_id: str = "gamja",
        topic_partitions: int = 3,
        topic_replication_factor: int = 1,
        session_timeout_ms: int = 10_000,
        catch_up_timeout: float = 10.0,
    ) -> None:
        self.bootstrap_servers = bootstrap_servers
        self.enable_idempotence = enable_idempotence
        self.client_id = client_id
        self.topic_partitions = topic_partitions
        self.topic_replication_factor = topic_replication_factor
        self.session_timeout_ms = session_timeout_ms
        # Kafka's rule of thumb: several heartbeats per session, so one late beat does not evict a member.
        self.heartbeat_interval_ms = max(1, session_timeout_ms // 3)
        self.catch_up_timeout = catch_up_timeout
        self._producer: AIOKafkaProducer | None = None
        self._known_topics: set[str] = set()
        self._subscriptions: set[KafkaSubscription] = set()
        self._lock = asyncio.Lock()

    async def ensure_topics(self, topics: Iterable[str]) -> None:
        """Create the topics (and their dead-letter topics) that this process has not seen yet."""
        missing = [topic for topic in _with_dead_letters(topics) if topic not in self._known_topics]
        if not missing:
            return
        admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap_servers, client_id=f"{self.client_id}-admin")
        await admin.start()
        try:
            new = [
                # Never trimmed, like the local log: the search index is rebuilt by replaying its topic.
                NewTopic(
                    topic, self.topic_partitions, self.topic_replication_factor, topic_configs={"retention.ms": "-1"}
                )
                for topic in missing
            ]
            try:
                response = await admin.create_topics(new)
            except TopicAlreadyExistsError:
                response = None
            for topic, code, *message in getattr(response, "topic_errors", ()):
                if code and code != TopicAlreadyExistsError.errno:
                    raise for_code(code)(f"could not create topic {topic!r}: {message[0] if message else ''}")
        finally:
            await admin.close()
        self._known_topics.update(missing)

    async def _started_producer(self) -> AIOKafkaProducer:
        async with self._lock:
            if self._producer is None:
                producer = AIOKafkaProducer(
                    bootstrap_servers=self.bootstrap_servers,
                    client_id=self.client_id,
                    acks="all",
                    enable_idempotence=self.enable_idempotence,
                )
                try:
                    await producer.start()
                except BaseException:
                    await producer.stop()
                    raise
                self._producer = producer
            return self._producer

    async def publish(self, topic: str, records: Sequence[OutgoingRecord]) -> None:
        if not records:
            return
        await self.ensure_topics([topic])
        producer = await self._started_producer()
        # Queue the whole batch first (the producer keeps one request in flight per partition, so
        # order per key holds), then wait until every record is acknowledged.
        pending = [
            await producer.send(
                topic,
                value=record.value,
                key=record.key.encode(),
                headers=[(name, value.encode()) for name, value in record.headers.items()],
            )
            for record in records
        ]
        await asyncio.gather(*pending)

    async def subscribe(self, *, group_id: str, topics: Sequence[str], from_latest: bool = False) -> KafkaSubscription:
        await self.ensure_topics(topics)
        consumer = AIOKafkaConsumer(
            *topics,
            bootstrap_servers=self.bootstrap_servers,
            client_id=self.client_id,
            group_id=group_id,
            enable_auto_commit=False,
            auto_offset_reset="latest" if from_latest else "earliest",
            session_timeout_ms=self.session_timeout_ms,
            heartbeat_interval_ms=self.heartbeat_interval_ms,
        )
        try:
            await consumer.start()
            if from_latest:
                await self._pin_positions(consumer)
        except BaseException:
            await consumer.stop()
            raise
        subscription = KafkaSubscription(consumer, catch_up_timeout=self.catch_up_timeout, on_close=self._forget)
        self._subscriptions.add(subscription)
        return subscription

    async def _pin_positions(self, consumer: AIOKafkaConsumer) -> None:
        """Resolve "latest" now rather than on the first poll, so what is published after `subscribe`
        returns is read. The group joins in the background: wait for its assignment, within the session."""
        deadline = time.monotonic() + self.session_timeout_ms / 1000
        while not consumer.assignment():
            if time.monotonic() >= deadline:
                raise TimeoutError("the consumer group was not assigned its partitions in time")
            await asyncio.sleep(0.05)
        partitions = list(consumer.assignment())
        # The end offsets, as `_lagging` reads them, fixed now.
        for partition, end in (await consumer.end_offsets(partitions)).items():
            consumer.seek(partition, end)

    async def lag(self, group_id: str, topics: Sequence[str]) -> dict[str, int]:
        """End offsets against the group's committed offsets, as `kafka-consumer-groups --describe` shows them;
        a group that never committed lags by every stored record (it starts at the earliest).

        Read by a member of the group that subscribes to nothing, so it never joins nor takes a partition.
        """
        reader = AIOKafkaConsumer(
            bootstrap_servers=self.bootstrap_servers,
            client_id=f"{self.client_id}-lag",
            group_id=group_id,
            enable_auto_commit=False,
        )
        await reader.start()
        try:
            known = await reader.topics()  # also loads the partitions of every topic
            lags = {}
            for topic in topics:
                partitions = [TopicPartition(topic, p) for p in sorted(reader.partitions_for_topic(topic) or ())]
                ends = await reader.end_offsets(partitions) if topic in known and partitions else {}
                lags[topic] = 0
                for partition, end in ends.items():
                    committed = await reader.committed(partition)
                    lags[topic] += max(0, int(end) - (committed or 0))
            return lags
        finally:
            await reader.stop()

    def _forget(self, subscription: KafkaSubscription) -> None:
        self._subscriptions.discard(subscription)

    async def close(self) -> None:
        for subscription in list(self._subscriptions):
            await subscription.close()
        if self._producer is not None:
            producer, self._producer = self._producer, None
            await producer.stop()


class KafkaSubscription:
    """One member of a consumer group; offsets are committed only through `commit`."""

    def __init__(
        self, consumer: AIOKafkaConsumer, *, catch_up_timeout: float, on_close: Callable[[KafkaSubscription], None]
    ) -> None:
        self._consumer = consumer
        self._catch_up_timeout = catch_up_timeout
        self._on_close = on_close
        self._closed = False

    async def _lagging(self) -> bool:
        """Whether records already stored on our partitions have not been handed out yet."""
        assigned = list(self._consumer.assignment())
        if not assigned:
            # The group is still joining, so nothing says the log is empty: wait (within the catch-up time)
            # instead of answering "nothing". Answering it cut `gamja check` replays short under load (the
            # fault suite saw known items "not in the log").
            return True
        try:
            ends = await self._consumer.end_offsets(assigned)
            for partition in assigned:
                if int(await self._consumer.position(partition)) < int(ends[partition]):
                    return True
        except IllegalStateError:
            pass  # a rebalance took a partition away meanwhile; the next poll sees the new assignment
        return False

    async def _fetch(self, max_records: int, timeout: float) -> list[IncomingRecord]:
        batches = await self._consumer.getmany(timeout_ms=max(0, int(timeout * 1000)), max_records=max_records)
        return [
            IncomingRecord(
                topic=message.topic,
                partition=message.partition,
                offset=message.offset,
                key=_decode(message.key),
                value=bytes(message.value or b""),
                headers={name: _decode(value) or "" for name, value in message.headers or ()},
            )
            for messages in batches.values()
            for message in messages
        ]

    async def poll(self, *, max_records: int = 100, timeout: float = 1.0) -> list[IncomingRecord]:
        records = await self._fetch(max_records, timeout)
        # Fetching runs in the background, so an empty answer may only mean "not fetched yet". Like
        # the local log, hand out records that were already stored when poll was called, so that
        # `drain()` really drains.
        deadline = time.monotonic() + self._catch_up_timeout
        while not records and time.monotonic() < deadline and await self._lagging():
            records = await self._fetch(max_records, min(0.5, max(0.0, deadline - time.monotonic())))
        return records

    async def commit(self, records: Sequence[IncomingRecord]) -> None:
        # A partition a rebalance took away is not ours to commit: its new owner gets those records again.
        assigned = self._consumer.assignment()
        last: dict[TopicPartition, int] = {}
        for record in records:
            partition = TopicPartition(record.topic, record.partition)
            if partition in assigned:
                last[partition] = max(last.get(partition, -1), record.offset)
        if last:
            await self._consumer.commit({partition: offset + 1 for partition, offset in last.items()})

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._on_close(self)
        await self._consumer.stop()

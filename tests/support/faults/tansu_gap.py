"""Does Tansu on S3 serve what it acknowledged? Reproductions outside the gamja stack (bench/faults/README.md).

    .venv/bin/python -m tests.support.faults.tansu_gap restart --store-port 5300 --broker-port 5301
    .venv/bin/python -m tests.support.faults.tansu_gap load --store-port 5300 --broker-port 5301 --seconds 30
    .venv/bin/python -m tests.support.faults.tansu_gap list-offsets --store-port 5300 --broker-port 5301
    .venv/bin/python -m tests.support.faults.tansu_gap race --store-port 5300

`restart`: 600 records from 4 concurrent producers (acks=all) to a 3-partition topic, read by a group that commits,
Tansu stopped and started again on the same S3 store, 600 more, then the group reads on from its committed offsets
and a plain consumer reads from 0; both are compared with what the producers were acknowledged, and the store with
itself (each partition's `watermark.json` against its `records/<base offset>.batch` objects: holes, overlaps).
`load`: relay-like producers and a two-member group run straight through a restart. `list-offsets`: what
ListOffsets(LATEST) answers against the acknowledged end. `race`: moto's conditional writes under contention, as it
ships and with one request at a time (`s3_store.py`). The store is `s3_store.py` (atomic) unless `--not-atomic`.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import boto3
import botocore.exceptions
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from tests.kit.kafka_broker import tansu_binary
from tests.support.faults.broker import BUCKET, accepts
from tests.support.faults.processes import Child, wait_until

__all__ = ["main"]

TOPIC = "gap"
PARTITIONS = 3
GROUP = "gap-group"
_KEYS = {"AWS_ACCESS_KEY_ID": "gap", "AWS_SECRET_ACCESS_KEY": "gap", "AWS_DEFAULT_REGION": "eu-west-2"}


@dataclass
class Acked:
    """Every record a producer was acknowledged, by (partition, offset)."""

    by_offset: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    failed: int = 0

    def add(self, partition: int, offset: int, value: str) -> None:
        self.by_offset.setdefault((partition, offset), []).append(value)


def _s3(store_port: int):  # type: ignore[no-untyped-def]
    return boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{store_port}",
        region_name="eu-west-2",
        aws_access_key_id="gap",
        aws_secret_access_key="gap",
    )


def conditional_writes(store_port: int) -> dict[str, str]:
    """What the store answers to the conditional PutObjects object_store's PutMode::Create/Update send."""
    s3 = _s3(store_port)
    key = "probe/conditional.json"
    outcome: dict[str, str] = {}

    def put(label: str, **kwargs: str) -> str | None:
        try:
            etag = str(s3.put_object(Bucket=BUCKET, Key=key, Body=label.encode(), **kwargs)["ETag"])
            outcome[label] = "accepted"
            return etag
        except botocore.exceptions.ClientError as exc:
            outcome[label] = f"refused {exc.response['ResponseMetadata']['HTTPStatusCode']}"
            return None

    first = put("create If-None-Match=*", IfNoneMatch="*")
    put("second create If-None-Match=*", IfNoneMatch="*")
    assert first is not None
    put("update If-Match=current", IfMatch=first)
    put("update If-Match=stale", IfMatch=first)
    s3.delete_object(Bucket=BUCKET, Key=key)
    return outcome


def store_state(store_port: int) -> dict[int, dict[str, object]]:
    """Per partition: the stored watermark against the batch objects, and the holes and overlaps between them."""
    s3 = _s3(store_port)
    state: dict[int, dict[str, object]] = {}
    for partition in range(PARTITIONS):
        prefix = f"clusters/tansu_cluster/topics/{TOPIC}/partitions/{partition:010d}/"
        keys = [
            obj["Key"]
            for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix + "records/")
            for obj in page.get("Contents", [])
        ]
        ranges = []
        for key in keys:
            # A Kafka record batch: baseOffset (8 bytes), batchLength, partitionLeaderEpoch (4 each), magic (1),
            # crc (4), attributes (2), then lastOffsetDelta (4) at byte 23. Tansu keys the object by its base.
            header = s3.get_object(Bucket=BUCKET, Key=key, Range="bytes=0-26")["Body"].read()
            base = int(key.rsplit("/", 1)[1][:20])
            ranges.append((base, base + int.from_bytes(header[23:27], "big", signed=True)))
        ranges.sort()
        holes = overlaps = 0
        for (_, last), (base, _) in itertools.pairwise(ranges):
            holes += max(0, base - last - 1)
            overlaps += max(0, last - base + 1)
        watermark = json.loads(s3.get_object(Bucket=BUCKET, Key=prefix + "watermark.json")["Body"].read())
        state[partition] = {
            "watermark high": watermark.get("high"),
            "batches": len(ranges),
            "end of the last batch + 1": ranges[-1][1] + 1 if ranges else 0,
            "offsets in no batch (holes)": holes,
            "offsets in two batches (overlaps)": overlaps,
        }
    return state


async def produce(bootstrap: str, acked: Acked, phase: str, records: int, producers: int) -> None:
    async def one(number: int) -> None:
        producer = AIOKafkaProducer(
            bootstrap_servers=bootstrap, acks="all", enable_idempotence=False, linger_ms=5, request_timeout_ms=20000
        )
        await producer.start()
        try:
            pending = []
            for index in range(number, records, producers):
                value = f"{phase}-{index}"
                pending.append((value, await producer.send(TOPIC, value.encode(), partition=index % PARTITIONS)))
                if len(pending) >= 20:
                    await _settle(pending, acked)
            await _settle(pending, acked)
        finally:
            await producer.stop()

    await asyncio.gather(*(one(number) for number in range(producers)))


async def _settle(pending: list[tuple[str, asyncio.Future]], acked: Acked) -> None:  # type: ignore[type-arg]
    for value, future in pending:
        try:
            metadata = await future
        except Exception:  # a refused produce is counted, not acknowledged
            acked.failed += 1
            continue
        acked.add(metadata.partition, metadata.offset, value)
    pending.clear()


async def consume(bootstrap: str, group: str | None, until: float, commit: bool) -> dict[tuple[int, int], str]:
    consumer = AIOKafkaConsumer(
        TOPIC,
        bootstrap_servers=bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    seen: dict[tuple[int, int], str] = {}
    quiet_since = time.monotonic()
    try:
        while time.monotonic() < until and time.monotonic() - quiet_since < 8:
            batch = await consumer.getmany(timeout_ms=1000)
            for messages in batch.values():
                for message in messages:
                    seen[(message.partition, message.offset)] = message.value.decode()
            if batch:
                quiet_since = time.monotonic()
                if commit:
                    await consumer.commit()
    finally:
        await consumer.stop()
    return seen


async def offsets(bootstrap: str) -> dict[str, dict[int, int]]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=GROUP, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [TopicPartition(TOPIC, p) for p in range(PARTITIONS)]
        ends = await consumer.end_offsets(partitions)
        committed = {tp.partition: await consumer.committed(tp) for tp in partitions}
        return {"end": {tp.partition: ends[tp] for tp in partitions}, "committed": committed}
    finally:
        await consumer.stop()


def compare(acked: Acked, read: dict[tuple[int, int], str]) -> dict[str, object]:
    values = [value for values in acked.by_offset.values() for value in values]
    read_values = Counter(read.values())
    return {
        "acknowledged": len(values),
        "produce errors": acked.failed,
        "offsets acknowledged to two records": sum(1 for v in acked.by_offset.values() if len(v) > 1),
        "acknowledged, not read back": sum(1 for value in values if value not in read_values),
        "read back at another offset than acknowledged": sum(
            1 for key, value in read.items() if value not in acked.by_offset.get(key, [value])
        ),
    }


def _store(args: argparse.Namespace, log_dir: Path, *extra: str) -> Child:
    flags = ["--not-atomic"] if getattr(args, "not_atomic", False) else []
    script = str(Path(__file__).with_name("s3_store.py"))
    return Child("s3-store", [sys.executable, script, "-p", str(args.store_port), *flags, *extra], {}, log_dir)


def _start_store(store: Child, port: int) -> None:
    store.start()
    wait_until(lambda: accepts("127.0.0.1", port), 60, "the S3 store", store.alive)
    _s3(port).create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})


def _broker(args: argparse.Namespace, log_dir: Path) -> Child:
    url = f"tcp://127.0.0.1:{args.broker_port}"
    argv = [str(tansu_binary()), "broker", "--listener-url", url, "--advertised-listener-url", url]
    env = {**_KEYS, "AWS_ENDPOINT": f"http://127.0.0.1:{args.store_port}", "AWS_ALLOW_HTTP": "true"}
    return Child("tansu", [*argv, "--storage-engine", f"s3://{BUCKET}/"], env, log_dir)


async def _restart(broker: Child, port: int, down: float) -> None:
    broker.stop()
    await asyncio.sleep(down)
    broker.start()
    await asyncio.to_thread(wait_until, lambda: accepts("127.0.0.1", port), 30, "Tansu", broker.alive)


async def with_broker(args: argparse.Namespace, log_dir: Path) -> dict[str, object]:
    store, broker = _store(args, log_dir), _broker(args, log_dir)
    bootstrap = f"127.0.0.1:{args.broker_port}"
    report: dict[str, object] = {}
    try:
        _start_store(store, args.store_port)
        report["conditional writes"] = conditional_writes(args.store_port)
        broker.start()
        wait_until(lambda: accepts("127.0.0.1", args.broker_port), 30, "Tansu", broker.alive)
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        await admin.start()
        await admin.create_topics([NewTopic(TOPIC, PARTITIONS, 1)])
        await admin.close()
        if args.command == "load":
            report["under load"] = await under_load(args, broker, bootstrap)
        elif args.command == "list-offsets":
            report["list offsets"] = await list_offsets(bootstrap)
        else:
            report.update(await restart(args, broker, bootstrap))
        return report
    finally:
        broker.stop()
        store.stop()


async def restart(args: argparse.Namespace, broker: Child, bootstrap: str) -> dict[str, object]:
    report: dict[str, object] = {}
    acked = Acked()
    await produce(bootstrap, acked, "before", args.records, args.producers)
    read_group = await consume(bootstrap, GROUP, time.monotonic() + 120, commit=True)
    report["before restart"] = {
        **compare(acked, read_group),
        **await offsets(bootstrap),
        "store": store_state(args.store_port),
    }
    await _restart(broker, args.broker_port, args.down)
    report["after restart, before producing"] = {**await offsets(bootstrap), "store": store_state(args.store_port)}
    after = Acked()
    await produce(bootstrap, after, "after", args.records, args.producers)
    group_read = await consume(bootstrap, GROUP, time.monotonic() + 120, commit=True)
    everything = await consume(bootstrap, None, time.monotonic() + 120, commit=False)
    both = Acked(failed=acked.failed + after.failed)
    for key, values in [*acked.by_offset.items(), *after.by_offset.items()]:
        for value in values:
            both.add(key[0], key[1], value)
    report["after restart"] = {
        "group read (from its committed offsets)": compare(after, group_read),
        "plain read from 0": compare(both, everything),
        **await offsets(bootstrap),
        "store": store_state(args.store_port),
    }
    return report


async def list_offsets(bootstrap: str) -> list[dict[str, object]]:
    """ListOffsets(LATEST) after batches of known shapes, against the end the producer was acknowledged."""
    partition = TopicPartition(TOPIC, 0)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=False)
    await consumer.start()
    await producer.start()
    answers: list[dict[str, object]] = []
    try:
        for shape, batches in (("one 5-record batch", [5]), ("two 1-record batches", [1, 1]), ("one record", [1])):
            await asyncio.sleep(1.1)  # a second of its own: S3's LastModified has a resolution of one second
            last = -1
            for size in batches:
                futures = [await producer.send(TOPIC, b"x", partition=0) for _ in range(size)]
                last = max([(await future).offset for future in futures])
            latest = (await consumer.end_offsets([partition]))[partition]
            answers.append({"produced": shape, "acknowledged end": last + 1, "ListOffsets(LATEST)": latest})
    finally:
        await producer.stop()
        await consumer.stop()
    return answers


def race(args: argparse.Namespace, log_dir: Path) -> dict[str, str]:
    """Read-modify-write of one counter with If-Match from 4 threads, as Tansu's watermarks are updated; moto's
    threads switched every microsecond so that a switch between its check and its write is likely here."""
    outcome = {}
    for label, flags in (("moto as it ships", ["--not-atomic"]), ("one request at a time (s3_store.py)", [])):
        script = str(Path(__file__).with_name("s3_store.py"))
        argv = [sys.executable, script, "-p", str(args.store_port), "--switch-interval", "1e-6", *flags]
        store = Child("s3-store-race", argv, {}, log_dir)
        try:
            _start_store(store, args.store_port)
            accepted, counter = _counter_race(args.store_port, threads=4, increments=300)
            outcome[label] = f"{accepted} conditional writes accepted, counter at {counter}: {accepted - counter} lost"
        finally:
            store.stop()
    return outcome


def _counter_race(port: int, threads: int, increments: int) -> tuple[int, int]:
    key = "race/counter.json"
    _s3(port).put_object(Bucket=BUCKET, Key=key, Body=b"0", IfNoneMatch="*")
    accepted = [0] * threads

    def work(number: int) -> None:
        s3 = _s3(port)
        while accepted[number] < increments:
            current = s3.get_object(Bucket=BUCKET, Key=key)
            value = int(current["Body"].read())
            try:
                s3.put_object(Bucket=BUCKET, Key=key, Body=str(value + 1).encode(), IfMatch=current["ETag"])
            except botocore.exceptions.ClientError:
                continue  # 412: someone else wrote first; read again
            accepted[number] += 1

    workers = [threading.Thread(target=work, args=(number,)) for number in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(accepted), int(_s3(port).get_object(Bucket=BUCKET, Key=key)["Body"].read())


async def _relay(bootstrap: str, acked: Acked, name: str, stop: asyncio.Event) -> None:
    """Like gamja's outbox relay: one record at a time per key, re-sent until acknowledged."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", enable_idempotence=False, linger_ms=5, request_timeout_ms=10000
    )
    await producer.start()
    index = 0
    try:
        while not stop.is_set():
            batch = [f"{name}-{index + n}" for n in range(5)]
            index += len(batch)
            for value in batch:
                while True:
                    try:
                        metadata = await (await producer.send(TOPIC, value.encode(), key=value.encode()))
                    except Exception:  # broker down or refusing: send again, as the relay does
                        acked.failed += 1
                        await asyncio.sleep(0.5)
                        continue
                    acked.add(metadata.partition, metadata.offset, value)
                    break
            await asyncio.sleep(0.05)
    finally:
        await producer.stop()


async def _member(bootstrap: str, seen: dict[tuple[int, int], str], stop: asyncio.Event) -> None:
    """One member of a two-member group, committing after each fetch, as gamja's consumers do."""
    consumer = AIOKafkaConsumer(
        TOPIC,
        bootstrap_servers=bootstrap,
        group_id=GROUP,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        session_timeout_ms=10000,
        heartbeat_interval_ms=3000,
    )
    await consumer.start()
    try:
        while not stop.is_set():
            try:
                batch = await consumer.getmany(timeout_ms=500)
                for messages in batch.values():
                    for message in messages:
                        seen[(message.partition, message.offset)] = message.value.decode()
                if batch:
                    await consumer.commit()
            except Exception:  # a commit in a rebalance or the outage: poll on
                await asyncio.sleep(0.5)
    finally:
        await consumer.stop()


async def under_load(args: argparse.Namespace, broker: Child, bootstrap: str) -> dict[str, object]:
    acked = Acked()
    seen: dict[tuple[int, int], str] = {}
    stop_producing, stop_consuming = asyncio.Event(), asyncio.Event()
    relays = [asyncio.create_task(_relay(bootstrap, acked, f"relay{n}", stop_producing)) for n in range(args.producers)]
    members = [asyncio.create_task(_member(bootstrap, seen, stop_consuming)) for _ in range(2)]
    await asyncio.sleep(args.seconds)
    before = len(acked.by_offset)
    await _restart(broker, args.broker_port, args.down)
    await asyncio.sleep(args.seconds)
    stop_producing.set()
    await asyncio.gather(*relays)
    # Let the group catch up with everything acknowledged, then stop it.
    deadline = time.monotonic() + 120
    wanted = {value for values in acked.by_offset.values() for value in values}
    while time.monotonic() < deadline and not wanted <= set(seen.values()):  # noqa: ASYNC110 - two conditions
        await asyncio.sleep(1)
    stop_consuming.set()
    await asyncio.gather(*members)
    everything = await consume(bootstrap, None, time.monotonic() + 120, commit=False)
    return {
        "acknowledged before the restart": before,
        "group (two members, through the restart)": compare(acked, seen),
        "plain read from 0": compare(acked, everything),
        **await offsets(bootstrap),
        "store": store_state(args.store_port),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["restart", "load", "list-offsets", "race"])
    parser.add_argument("--store-port", type=int, required=True)
    parser.add_argument("--broker-port", type=int, default=None, help="Tansu's (all but race)")
    parser.add_argument("--not-atomic", action="store_true", help="moto's own threaded server as the store")
    parser.add_argument("--records", type=int, default=600, help="restart: records produced before, and after")
    parser.add_argument("--producers", type=int, default=4, help="concurrent producers")
    parser.add_argument("--seconds", type=float, default=30.0, help="load: seconds before, and after, the restart")
    parser.add_argument("--down", type=float, default=5.0, help="seconds Tansu stays down")
    parser.add_argument("--log-dir", type=Path, default=None, help="keep the store's and Tansu's logs there")
    args = parser.parse_args()
    if args.command != "race" and args.broker_port is None:
        parser.error(f"{args.command} needs --broker-port")
    with tempfile.TemporaryDirectory(prefix="tansu-gap-") as work_dir:
        log_dir = args.log_dir or Path(work_dir)
        log_dir.mkdir(parents=True, exist_ok=True)
        report = race(args, log_dir) if args.command == "race" else asyncio.run(with_broker(args, log_dir))
        print(json.dumps(report, indent=1, default=str))


if __name__ == "__main__":
    main()

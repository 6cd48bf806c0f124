"""A TCP forwarder, run as its own process: `python -m tests.support.faults.tcp_forward LISTEN_HOST:PORT TO_HOST:PORT`.

PostgreSQL here listens on 127.0.0.1 and on its Unix socket. A namespace cannot reach the host's 127.0.0.1, and
it reaches the socket directory without crossing its veth link, so a cut replica would keep its database. The
namespaced replicas reach PostgreSQL through this forwarder on the host bridge instead: cutting a replica's link
cuts its database too, as on a real network.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys

_CHUNK = 64 * 1024


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while chunk := await reader.read(_CHUNK):
            writer.write(chunk)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        with contextlib.suppress(ConnectionError, OSError):
            writer.close()


def _split(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    return host, int(port)


async def _serve(listen: str, target: str) -> None:
    target_host, target_port = _split(target)

    async def forward(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(target_host, target_port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(_pipe(client_reader, upstream_writer), _pipe(upstream_reader, client_writer))

    host, port = _split(listen)
    server = await asyncio.start_server(forward, host, port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(_serve(sys.argv[1], sys.argv[2]))

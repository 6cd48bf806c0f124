"""moto's standalone S3 server with each request handled atomically: `python -m tests.support.faults.s3_store -p PORT`.

moto 5.2.5 answers PutObject's If-Match / If-None-Match (412 when they fail), but on a threaded server it checks
the condition and stores the object as two steps with nothing held in between: two writers holding the same ETag
can both be accepted, and one update is lost. Tansu's S3 engine relies on those conditional writes for every
watermark and consumer-group object (object_store's PutMode::Update/Create); with moto's threads switched often
(`sys.setswitchinterval(1e-6)`, standing in for a starved machine) 4 clients doing read-modify-write with If-Match
lost 21 of 1200 accepted updates (bench/faults/README.md). One lock around the WSGI application makes each request
atomic, as S3's conditional writes are; connections are still served by their own threads, so a client's idle
keep-alive connection blocks nobody.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import run_simple

__all__ = ["atomic", "main"]

Application = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def atomic(app: Application) -> Application:
    """`app` with one request at a time: moto builds its whole response before returning, so the lock covers
    both the condition's check and the write."""
    lock = threading.Lock()

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        with lock:
            return list(app(environ, start_response))

    return serve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, required=True)
    # For the reproduction only (tests/support/faults/tansu_gap.py race): moto as it is, and threads switched
    # often enough that its race shows on an idle machine.
    parser.add_argument("--not-atomic", action="store_true", help="moto's own threaded server, without the lock")
    parser.add_argument("--switch-interval", type=float, default=None, help="sys.setswitchinterval, in seconds")
    args = parser.parse_args()
    if args.switch_interval is not None:
        sys.setswitchinterval(args.switch_interval)
    os.environ.setdefault("MOTO_PORT", str(args.port))  # as moto.server does: it builds its own URLs with it
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(
        args.host,
        args.port,
        app if args.not_atomic else atomic(app),
        threaded=True,
        request_handler=MotoRequestHandler,
    )


if __name__ == "__main__":
    main()

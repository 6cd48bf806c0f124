"""Network namespaces for replicas that a test cuts off the network: a host bridge, one namespace and veth per replica.

```
 host: bridge gfb<tag> 10.217.X.1/24  (the broker listens here too, so every process reaches it alike)
   ├── veth gfv<tag>0 ══ gfp<tag>0 in namespace gamja-faults-<tag>-0: 10.217.X.2
   └── veth gfv<tag>1 ══ gfp<tag>1 in namespace gamja-faults-<tag>-1: 10.217.X.3
```
`cut(n)` sets the host end of replica n's veth down: its packets are dropped both ways, connections in flight
hang until their timeouts, new ones time out. `restore(n)` sets it up again. Needs root and iproute2 (`ip`).
The replicas reach PostgreSQL through a forwarder on the bridge (`tcp_forward.py`), so a cut severs their database too.
"""

from __future__ import annotations

import os
import random
import secrets
import shutil
import subprocess
from collections.abc import Sequence

__all__ = ["NetnsUnavailable", "ReplicaNetwork"]


class NetnsUnavailable(RuntimeError):
    """Namespaces cannot be made here; the message says precisely why."""


def _ip(*args: str, namespace: str | None = None) -> None:
    argv = ["ip", *(["netns", "exec", namespace, "ip"] if namespace else []), *args]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    if result.returncode != 0:
        raise NetnsUnavailable(f"`{' '.join(argv)}` failed: {result.stderr.strip() or result.returncode}")


def _free_subnet() -> str:
    routes = subprocess.run(["ip", "-4", "route", "show", "table", "all"], capture_output=True, text=True, check=False)
    for _ in range(50):
        prefix = f"10.217.{random.randrange(1, 255)}"
        if f"{prefix}." not in routes.stdout:
            return prefix
    raise NetnsUnavailable("no free 10.217.X.0/24 subnet for the test bridge")


class ReplicaNetwork:
    def __init__(self, replicas: int) -> None:
        tag = secrets.token_hex(2)
        prefix = _free_subnet()
        self.bridge = f"gfb{tag}"
        self.host_address = f"{prefix}.1"
        self.namespaces = [f"gamja-faults-{tag}-{n}" for n in range(replicas)]
        self.links = [f"gfv{tag}{n}" for n in range(replicas)]
        self._peers = [f"gfp{tag}{n}" for n in range(replicas)]
        self.addresses = [f"{prefix}.{n + 2}" for n in range(replicas)]
        self._made: list[str] = []

    def create(self) -> None:
        if shutil.which("ip") is None:
            raise NetnsUnavailable("iproute2's `ip` is not installed")
        if os.geteuid() != 0:
            raise NetnsUnavailable("network namespaces need root (this process is not)")
        try:
            _ip("link", "add", self.bridge, "type", "bridge")
            self._made.append("bridge")
            _ip("addr", "add", f"{self.host_address}/24", "dev", self.bridge)
            _ip("link", "set", self.bridge, "up")
            for namespace, link, peer, address in zip(
                self.namespaces, self.links, self._peers, self.addresses, strict=True
            ):
                _ip("netns", "add", namespace)
                self._made.append(namespace)
                _ip("link", "add", link, "type", "veth", "peer", "name", peer)
                _ip("link", "set", peer, "netns", namespace)
                _ip("link", "set", link, "master", self.bridge)
                _ip("link", "set", link, "up")
                _ip("addr", "add", f"{address}/24", "dev", peer, namespace=namespace)
                _ip("link", "set", peer, "up", namespace=namespace)
                _ip("link", "set", "lo", "up", namespace=namespace)
        except BaseException:
            self.close()
            raise

    def exec_prefix(self, replica: int) -> Sequence[str]:
        """Prepended to a command line, runs it inside replica's namespace (`ip netns exec` execs it: same pid)."""
        return ["ip", "netns", "exec", self.namespaces[replica]]

    def cut(self, replica: int) -> None:
        _ip("link", "set", self.links[replica], "down")

    def restore(self, replica: int) -> None:
        _ip("link", "set", self.links[replica], "up")

    def close(self) -> None:
        """Delete what `create` made (a namespace takes its veth pair with it), ignoring what is already gone."""
        for namespace in reversed([made for made in self._made if made != "bridge"]):
            subprocess.run(["ip", "netns", "del", namespace], capture_output=True, check=False, timeout=30)
        if "bridge" in self._made:
            subprocess.run(["ip", "link", "del", self.bridge], capture_output=True, check=False, timeout=30)
        self._made.clear()

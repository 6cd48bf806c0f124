"""HTTP client for subgraphs: one pooled connection pool per router, bounded time per request.

Whatever goes wrong on the wire (refused connection, timeout, a body that is not a GraphQL
response, a breaker that is open) comes back as a GraphQL error naming the subgraph, so the
executor never raises. Around each request, in this order: identical queries in flight are shared
(`dedup`), an instance is chosen (`balancer`, skipping those whose `breaker` is open), and a request whose
connection fails may be sent once more, to another instance (`resend`: any request whose connection could not
be established, only a query once it was). An instance whose connection could not be established is ejected
(its breaker opens at once) when another can take its requests. A mutation is never sent twice, and never
used as a half-open probe while another instance is closed.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import aiohttp

from router.execution import codec
from router.execution.balancer import Balancer, Instance, has_spare
from router.execution.breaker import BreakerState
from router.execution.dedup import InflightDeduplicator
from router.execution.errors import (
    SUBGRAPH_CIRCUIT_OPEN,
    SUBGRAPH_INVALID_RESPONSE,
    SUBGRAPH_TIMEOUT,
    SUBGRAPH_UNREACHABLE,
    subgraph_error,
)
from router.execution.observer import NO_OBSERVER, FetchObserver
from router.execution.policy import FetchPolicy
from router.execution.resend import ConnectionFailure, OperationKind, connection_failure, may_resend
from router.execution.types import JSONObject

__all__ = ["OperationKind", "SubgraphFetcher", "SubgraphResponse", "SubgraphState"]

logger = logging.getLogger(__name__)

_BODY_EXCERPT = 200
# An idle pooled connection is closed by us before the subgraph's server closes it: uvicorn and Node
# close after 5 s, and a request written just as the server closes fails ("Can not write request
# body"; seen under load in the differential tests). aiohttp's default is 15 s.
_KEEPALIVE_SECONDS = 4.0
_BASE_HEADERS = {"content-type": "application/json", "accept": "application/json"}
# Headers that differ on every request without changing its answer: not part of the deduplication key.
_PER_REQUEST_HEADERS = frozenset({"traceparent", "tracestate", "x-request-id"})


@dataclass(slots=True)
class SubgraphResponse:
    data: JSONObject | None
    errors: list[JSONObject] = field(default_factory=list)
    # The request never produced a GraphQL answer (unreachable, timed out, cut off, garbage): every
    # field it was asked for is null, and its errors (which carry no path) stand for all of them.
    failed: bool = False


@dataclass(frozen=True, slots=True)
class SubgraphState:
    """What `/ready` and the metrics say about one subgraph."""

    name: str
    instances: int
    available: int  # instances whose breaker lets requests through
    reachable: bool  # some instance answered its last request (or was never asked yet)
    breaker: BreakerState


@dataclass(slots=True)
class _Answer:
    status: int
    raw: bytes


@dataclass(slots=True)
class _Failure:
    code: str
    message: str
    connection: ConnectionFailure | None = None  # how far the request got, when its connection failed


_Outcome = _Answer | _Failure


class SubgraphFetcher:
    """Sends GraphQL requests to subgraphs by name over one shared `aiohttp.ClientSession`.

    aiohttp rather than httpx: under load httpx spent ~4x the CPU per subgraph request (see
    bench/router/README.md), and the subgraph client was most of the router's CPU.
    """

    def __init__(
        self,
        urls: Mapping[str, str | Sequence[str]],
        *,
        policy: FetchPolicy | None = None,
        observer: FetchObserver = NO_OBSERVER,
        max_connections: int = 200,
        max_connections_per_host: int = 100,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self.observer = observer
        self._instances: dict[str, list[Instance]] = {}
        for name, found in urls.items():
            self.set_instances(name, [found] if isinstance(found, str) else list(found))
        self._balancers: dict[str, Balancer] = {}
        self._dedup: InflightDeduplicator[_Outcome] = InflightDeduplicator()
        self._max_connections = max_connections
        self._max_connections_per_host = max_connections_per_host
        self._session: aiohttp.ClientSession | None = None

    def set_instances(self, service_name: str, urls: Sequence[str]) -> None:
        """Replace a subgraph's instances; an instance kept keeps its breaker and in-flight count."""
        known = {instance.url: instance for instance in self._instances.get(service_name, [])}
        self._instances[service_name] = [
            known.get(url) or Instance.create(service_name, url, self.policy.breaker) for url in dict.fromkeys(urls)
        ]

    def urls(self, service_name: str) -> list[str]:
        """The addresses of a subgraph's instances (subscriptions open their own streams to one of them)."""
        return [instance.url for instance in self._instances.get(service_name, [])]

    def retain(self, service_names: Sequence[str]) -> None:
        """Forget the subgraphs a new supergraph no longer has."""
        for name in set(self._instances) - set(service_names):
            del self._instances[name]
            self._balancers.pop(name, None)

    def states(self) -> list[SubgraphState]:
        return [_state(name, instances) for name, instances in sorted(self._instances.items())]

    def _client(self) -> aiohttp.ClientSession:
        # A session belongs to the event loop it was made in, so it is made on first use, not in
        # __init__ (the app is built before uvicorn starts its loop).
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(
                    limit=self._max_connections,
                    limit_per_host=self._max_connections_per_host,
                    keepalive_timeout=_KEEPALIVE_SECONDS,
                ),
                # One session serves every user's requests: a cookie a subgraph sets must never be replayed.
                cookie_jar=aiohttp.DummyCookieJar(),
                # Subgraphs are reached directly: no proxy or .netrc credentials picked up from the environment.
                trust_env=False,
            )
        return self._session

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch(
        self,
        service_name: str,
        query: str,
        variables: Mapping[str, object],
        *,
        operation_kind: OperationKind = "mutation",
        operation_name: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> SubgraphResponse:
        """`operation_kind` decides retries and sharing; it defaults to the safe side (sent once, alone)."""
        body: JSONObject = {"query": query, "variables": dict(variables)}
        if operation_name:
            body["operationName"] = operation_name
        payload = codec.dumps(body)
        observation = self.observer.fetch_started(service_name, operation_kind)
        request_headers = {**_BASE_HEADERS, **(headers or {}), **observation.headers()}
        shared = False
        if operation_kind == "query" and self.policy.dedup_queries:
            key = (service_name, payload, _identity(request_headers))
            outcome, shared = await self._dedup.run(
                key, lambda: self._exchange(service_name, payload, request_headers, operation_kind)
            )
        else:
            outcome = await self._exchange(service_name, payload, request_headers, operation_kind)
        if isinstance(outcome, _Failure):
            response = _failure(service_name, outcome)
        else:
            response = _read_response(service_name, outcome.status, outcome.raw)
        codes = [str(e.get("extensions", {}).get("code")) for e in response.errors]
        observation.finished(codes[0] if response.failed else "ok", codes, shared=shared)
        return response

    async def _exchange(
        self, service_name: str, payload: bytes, headers: Mapping[str, str], kind: OperationKind
    ) -> _Outcome:
        instances = self._instances.get(service_name, [])
        if not instances:
            return _Failure(SUBGRAPH_UNREACHABLE, f'Subgraph "{service_name}" has no instance to send requests to.')
        balancer = self._balancers.setdefault(service_name, Balancer(self.policy.balancing))
        tried: list[Instance] = []
        outcome: _Outcome | None = None
        # At most once more, to another instance (`resend` says when).
        for _ in range(2):
            # Half-open probes are left to queries while a closed instance can take a mutation: a probe may
            # fail after it was sent, and a mutation is not sent again then.
            instance = balancer.choose(instances, exclude=tried, probe=kind == "query")
            if instance is None:
                break
            tried.append(instance)
            outcome = await self._send(instance, payload, headers)
            if not (isinstance(outcome, _Failure) and may_resend(outcome.connection, kind)):
                return outcome
        if outcome is not None:
            return outcome
        retry_in = min(instance.breaker.retry_in() for instance in instances)
        return _Failure(
            SUBGRAPH_CIRCUIT_OPEN,
            f'Subgraph "{service_name}" is cut off by its circuit breaker after repeated failures; '
            f"the router tries it again in {retry_in:.1f} s.",
        )

    async def _send(self, instance: Instance, payload: bytes, headers: Mapping[str, str]) -> _Outcome:
        name = instance.service_name
        if instance.parsed_url is None:
            instance.breaker.record_failure(eject=has_spare(self._instances.get(name, []), instance))
            return _Failure(
                SUBGRAPH_UNREACHABLE, f'Subgraph "{name}" has an invalid URL: {instance.url!r}.', connection="unsent"
            )
        timeout = self.policy.timeout_for(name)
        instance.outstanding += 1
        outcome: _Outcome | None = None
        try:
            # The total timeout bounds connect, send and reading the whole body, so a trickling
            # subgraph cannot hang us.
            async with self._client().post(
                instance.parsed_url,
                data=payload,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=timeout, sock_connect=self.policy.connect_timeout),
            ) as response:
                outcome = _Answer(response.status, await response.read())
        except aiohttp.ConnectionTimeoutError as exc:  # a TimeoutError too: told apart first
            outcome = _Failure(
                SUBGRAPH_UNREACHABLE,
                f'Subgraph "{name}" did not accept a connection within {self.policy.connect_timeout:g} s '
                f"({instance.url}).",
                connection=connection_failure(exc),
            )
        except TimeoutError:
            outcome = _Failure(
                SUBGRAPH_TIMEOUT, f'Subgraph "{name}" did not answer within {timeout:g} s ({instance.url}).'
            )
        except aiohttp.ClientError as exc:
            outcome = _Failure(
                SUBGRAPH_UNREACHABLE,
                f'Subgraph "{name}" is unreachable at {instance.url}: {exc.__class__.__name__} {exc}'.rstrip() + ".",
                connection=connection_failure(exc),
            )
        finally:
            instance.outstanding -= 1
            if outcome is None:  # cancelled: no verdict on the instance
                instance.breaker.release()
            elif isinstance(outcome, _Failure) or outcome.status >= 500:
                # An instance that takes no connection is dead: out of rotation now if another can serve
                # (a single instance keeps the threshold, so one blip does not cut off the subgraph).
                unsent = isinstance(outcome, _Failure) and outcome.connection == "unsent"
                instance.breaker.record_failure(eject=unsent and has_spare(self._instances.get(name, []), instance))
            else:
                instance.breaker.record_success()
        return outcome


def _identity(headers: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The headers that can change a subgraph's answer (who asks, from where)."""
    return tuple(sorted((k, v) for k, v in headers.items() if k.lower() not in _PER_REQUEST_HEADERS))


def _state(name: str, instances: Sequence[Instance]) -> SubgraphState:
    states = [instance.breaker.state for instance in instances]
    available = sum(instance.breaker.available() for instance in instances)
    # The subgraph is open when no instance takes requests, closed when every one does.
    if states and all(state is BreakerState.OPEN for state in states):
        breaker = BreakerState.OPEN
    elif all(state is BreakerState.CLOSED for state in states):
        breaker = BreakerState.CLOSED
    else:
        breaker = BreakerState.HALF_OPEN
    reachable = any(instance.breaker.consecutive_failures == 0 for instance in instances)
    return SubgraphState(name, len(instances), available, reachable, breaker)


def _read_response(service_name: str, status: int, raw: bytes) -> SubgraphResponse:
    try:
        payload = codec.loads(raw)
    except ValueError:
        payload = None
    if not isinstance(payload, dict) or not ("data" in payload or "errors" in payload):
        excerpt = raw[: _BODY_EXCERPT * 4].decode("utf-8", "replace")[:_BODY_EXCERPT]
        return _failure(
            service_name,
            _Failure(
                SUBGRAPH_INVALID_RESPONSE,
                f'Subgraph "{service_name}" returned an invalid GraphQL response (HTTP {status}): {excerpt!r}',
            ),
        )
    data = payload.get("data")
    raw_errors = payload.get("errors") or []
    if not isinstance(data, dict):
        data = None
    errors = [_tag(service_name, e) for e in raw_errors] if isinstance(raw_errors, list) else []
    if data is None and not errors:
        errors.append(
            subgraph_error(
                service_name,
                f'Subgraph "{service_name}" returned no data (HTTP {status}).',
                SUBGRAPH_INVALID_RESPONSE,
            )
        )
    return SubgraphResponse(data=data, errors=errors, failed=data is None)


def _tag(service_name: str, error: object) -> JSONObject:
    """Keep the subgraph's message and code, and say which subgraph it came from."""
    if not isinstance(error, dict):
        return subgraph_error(
            service_name,
            f'Subgraph "{service_name}" returned a malformed error: {error!r}',
            SUBGRAPH_INVALID_RESPONSE,
        )
    tagged: JSONObject = {"message": str(error.get("message", "Unknown subgraph error"))}
    if isinstance(error.get("path"), list):
        tagged["path"] = error["path"]
    extensions = dict(error["extensions"]) if isinstance(error.get("extensions"), dict) else {}
    extensions.setdefault("code", "DOWNSTREAM_SERVICE_ERROR")
    extensions["serviceName"] = service_name
    tagged["extensions"] = extensions
    return tagged


def _failure(service_name: str, failure: _Failure) -> SubgraphResponse:
    # Clients see this in their response; operators need it in the log too (an open breaker said so once).
    level = logging.DEBUG if failure.code == SUBGRAPH_CIRCUIT_OPEN else logging.WARNING
    logger.log(level, "%s: %s", failure.code, failure.message, extra={"subgraph": service_name})
    return SubgraphResponse(
        data=None, errors=[subgraph_error(service_name, failure.message, failure.code)], failed=True
    )

"""Where subscriptions meet `/graphql`: the WebSocket route, and streaming answers to SSE and multipart POSTs."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.websockets import WebSocket

from router.server.errors import RequestError
from router.server.request import GraphQLRequest
from router.subscriptions.errors import error_response
from router.subscriptions.loop import NotASubscription, SubscriptionGateway
from router.subscriptions.transports.common import Authenticate, client_address, forwarded_headers, guarded
from router.subscriptions.transports.graphql_ws import serve_graphql_ws
from router.subscriptions.transports.multipart import accepts_multipart, multipart_response
from router.subscriptions.transports.sse import MEDIA_TYPE, sse_response

__all__ = ["SubscriptionServer"]


class SubscriptionServer:
    def __init__(self, gateway: SubscriptionGateway, *, authenticate: Authenticate | None = None) -> None:
        self.gateway = gateway
        self.authenticate = authenticate

    async def websocket(self, socket: WebSocket) -> None:
        await serve_graphql_ws(socket, self.gateway, self.authenticate)

    async def http(self, request: Request, graphql_request: GraphQLRequest) -> Response | None:
        """A streaming response for a subscription asked for as SSE or multipart; None for anything else."""
        accept = request.headers.get("accept", "")
        sse = MEDIA_TYPE in accept
        multipart = accepts_multipart(accept)
        if not (sse or multipart):
            return None
        authorization = request.headers.get("authorization")
        if self.authenticate is not None:
            try:
                self.authenticate(authorization)
            except PermissionError as exc:
                return JSONResponse(error_response(str(exc), "UNAUTHENTICATED"), status_code=401)
        try:
            events = self.gateway.open(graphql_request, forwarded_headers(request, authorization))
        except NotASubscription:
            return None
        except RequestError as exc:
            return JSONResponse({"errors": exc.errors}, status_code=exc.status_code)
        guarded_events = guarded(self.gateway, client_address(request), events)
        keepalive = self.gateway.limits.keepalive_seconds
        if multipart:
            return multipart_response(guarded_events, keepalive)
        return sse_response(guarded_events, keepalive)

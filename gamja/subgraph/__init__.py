"""The subgraph kit: schema factory, request context, error convention and the ASGI app of a service."""

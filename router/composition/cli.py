"""`python -m router compose --subgraph name=URL_or_FILE ... [--out FILE]`: print a supergraph.

A value starting with http:// or https:// is a running subgraph: its SDL is fetched with
`{ _service { sdl } }`. Anything else is a file holding the SDL (the URL recorded in the
supergraph is then the `--url name=URL` given for it, or `http://<name>/graphql`).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import httpx

from .compose import compose
from .results import SubgraphSource

__all__ = ["fetch_sdl", "main"]

SERVICE_QUERY = "{ _service { sdl } }"


class SubgraphUnreachable(Exception):
    """The SDL of a subgraph could not be obtained; the message says which and why."""


def _pairs(values: list[str], option: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values:
        name, sep, target = value.partition("=")
        if not sep or not name or not target:
            raise SystemExit(f"{option} expects name=value, got {value!r}")
        pairs[name] = target
    return pairs


async def fetch_sdl(client: httpx.AsyncClient, name: str, url: str) -> str:
    """POST `{ _service { sdl } }` to a subgraph and return its SDL."""
    try:
        response = await client.post(url, json={"query": SERVICE_QUERY})
        response.raise_for_status()
        body = response.json()
    except (httpx.HTTPError, ValueError) as e:
        raise SubgraphUnreachable(f'subgraph "{name}" at {url}: {e}') from e
    sdl = ((body.get("data") or {}).get("_service") or {}).get("sdl")
    if not isinstance(sdl, str):
        raise SubgraphUnreachable(f'subgraph "{name}" at {url} did not answer _service {{ sdl }}: {body.get("errors")}')
    return sdl


async def load_sources(
    subgraphs: dict[str, str], urls: dict[str, str], client: httpx.AsyncClient
) -> list[SubgraphSource]:
    async def load(name: str, target: str) -> SubgraphSource:
        if target.startswith(("http://", "https://")):
            return SubgraphSource(name, target, await fetch_sdl(client, name, target))
        try:
            sdl = await asyncio.to_thread(Path(target).read_text, encoding="utf-8")
        except OSError as e:
            raise SubgraphUnreachable(f'subgraph "{name}": cannot read {target}: {e.strerror}') from e
        return SubgraphSource(name, urls.get(name, f"http://{name}/graphql"), sdl)

    return list(await asyncio.gather(*(load(n, t) for n, t in subgraphs.items())))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m router compose", description=__doc__.split("\n")[0])
    parser.add_argument("--subgraph", action="append", default=[], metavar="NAME=URL_OR_FILE", required=True)
    parser.add_argument("--url", action="append", default=[], metavar="NAME=URL", help="routing URL of a file subgraph")
    parser.add_argument("--out", type=Path, help="write the supergraph here instead of standard output")
    parser.add_argument("--api-schema", type=Path, help="also write the client-facing API schema here")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each subgraph")
    return parser


async def run(argv: list[str], client: httpx.AsyncClient | None = None) -> int:
    args = _parser().parse_args(argv)
    subgraphs, urls = _pairs(args.subgraph, "--subgraph"), _pairs(args.url, "--url")
    try:
        if client is None:
            async with httpx.AsyncClient(timeout=args.timeout) as own_client:
                sources = await load_sources(subgraphs, urls, own_client)
        else:
            sources = await load_sources(subgraphs, urls, client)
    except SubgraphUnreachable as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    result = compose(sources)
    for hint in result.warnings:
        print(f"warning: {hint}", file=sys.stderr)
    if result.errors:
        for error in result.errors:
            print(f"error: {error}", file=sys.stderr)
        print(f"composition failed with {len(result.errors)} error(s)", file=sys.stderr)
        return 1
    if args.out is not None:
        await asyncio.to_thread(args.out.write_text, result.supergraph_sdl, encoding="utf-8")
    else:
        sys.stdout.write(result.supergraph_sdl)
    if args.api_schema is not None:
        await asyncio.to_thread(args.api_schema.write_text, result.api_schema_sdl, encoding="utf-8")
    return 0


def main(argv: list[str]) -> int:
    """Entry point for `python -m router compose ...` (argv excludes the `compose` word)."""
    return asyncio.run(run(argv))

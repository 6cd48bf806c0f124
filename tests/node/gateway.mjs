// Apollo Gateway as the oracle for the router's differential tests and benchmarks.
// usage: node gateway.mjs PORT SUPERGRAPHS.json
//   SUPERGRAPHS.json: {"<name>": "<supergraph SDL>", ...}; each is served at POST /<name>/graphql.
// PORT 0 picks a free port. Prints "listening <port>" on stdout once every gateway is ready.
import { readFile } from "node:fs/promises";
import http from "node:http";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer, HeaderMap } from "@apollo/server";

const [portArg, supergraphsPath] = process.argv.slice(2);
if (portArg === undefined || supergraphsPath === undefined) {
  console.error("usage: node gateway.mjs PORT SUPERGRAPHS.json");
  process.exit(2);
}
const supergraphs = JSON.parse(await readFile(supergraphsPath, "utf8"));

// Apollo Gateway refuses a supergraph that links authenticated or requiresScopes `for: SECURITY`: only
// Apollo Router enforces them. As an oracle it serves the same graph without enforcing them (the link's
// purpose is dropped), so comparisons are made as a viewer those directives hide nothing from.
function withoutUnenforcedSecurity(sdl) {
  return sdl.replace(/(@link\(url: "https:\/\/specs\.apollo\.dev\/(?:authenticated|requiresScopes)\/v[\d.]+"), for: SECURITY/g, "$1");
}

const servers = new Map();
for (const [name, supergraphSdl] of Object.entries(supergraphs)) {
  const server = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl: withoutUnenforcedSecurity(supergraphSdl), logger: quietLogger() }),
    // The router's tests compare responses, not Apollo's usage reporting or landing page.
    csrfPrevention: false,
    // This process is a test fixture: on SIGTERM it exits at once (below), no graceful drain.
    stopOnTerminationSignals: false,
  });
  await server.start();
  servers.set(name, server);
}

function quietLogger() {
  const noop = () => {};
  return { debug: noop, info: noop, warn: noop, error: (m) => console.error(m) };
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

const httpServer = http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  const match = url.pathname.match(/^\/([^/]+)\/graphql$/);
  const server = match && servers.get(match[1]);
  if (!server) {
    res.writeHead(404).end("unknown supergraph");
    return;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(key, value);
  }
  const rawBody = await readBody(req);
  const body = rawBody && (headers.get("content-type") ?? "").includes("json") ? JSON.parse(rawBody) : rawBody;
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
    context: async () => ({}),
  });
  for (const [key, value] of result.headers) res.setHeader(key, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === "complete") {
    res.end(result.body.string);
  } else {
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }
});

process.on("SIGTERM", () => process.exit(0));

httpServer.listen(Number(portArg), "127.0.0.1", () => {
  process.stdout.write(`listening ${httpServer.address().port}\n`);
});

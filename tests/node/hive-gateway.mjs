// Hive Gateway as an oracle for the router's differential tests, with its default (JavaScript)
// planner or, with --rust-planner, Hive Router's Rust query planner (@graphql-hive/router-runtime).
// usage: node hive-gateway.mjs PORT SUPERGRAPHS.json [--rust-planner] [--subscriptions-over-ws]
//   SUPERGRAPHS.json: {"<name>": "<supergraph SDL>", ...}; each is served at POST /<name>/graphql.
// --subscriptions-over-ws: subscriptions go to the subgraphs over graphql-transport-ws (as our router sends
//   them), with the client's Authorization in connection_init and on every HTTP fetch; clients subscribe
//   over SSE (Yoga's distinct-connections mode).
// PORT 0 picks a free port. Prints "listening <port>" on stdout once every gateway is ready.
import { readFile } from "node:fs/promises";
import http from "node:http";
import { createGatewayRuntime } from "@graphql-hive/gateway";
import { unifiedGraphHandler } from "@graphql-hive/router-runtime";

const [portArg, supergraphsPath, ...flags] = process.argv.slice(2);
if (portArg === undefined || supergraphsPath === undefined) {
  console.error("usage: node hive-gateway.mjs PORT SUPERGRAPHS.json [--rust-planner]");
  process.exit(2);
}
const rustPlanner = flags.includes("--rust-planner");
const subscriptionsOverWs = flags.includes("--subscriptions-over-ws");
const wsSubscriptions = {
  transportEntries: {
    "*.http": {
      options: {
        subscriptions: {
          kind: "ws",
          options: { connectionParams: { Authorization: "{context.headers.authorization}" } },
        },
      },
    },
  },
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get("authorization") ?? "" }),
  },
};
const supergraphs = JSON.parse(await readFile(supergraphsPath, "utf8"));

const gateways = new Map();
for (const [name, supergraph] of Object.entries(supergraphs)) {
  const gateway = createGatewayRuntime({
    supergraph,
    graphqlEndpoint: `/${name}/graphql`,
    // The tests compare responses: no landing page, no logs but errors.
    landingPage: false,
    logging: "error",
    ...(rustPlanner ? { unifiedGraphHandler } : {}),
    ...(subscriptionsOverWs ? wsSubscriptions : {}),
  });
  gateways.set(name, gateway);
}

const httpServer = http.createServer((req, res) => {
  const match = new URL(req.url, "http://localhost").pathname.match(/^\/([^/]+)\/graphql$/);
  const gateway = match && gateways.get(match[1]);
  if (!gateway) {
    res.writeHead(404).end("unknown supergraph");
    return;
  }
  gateway(req, res);
});

process.on("SIGTERM", () => process.exit(0));

httpServer.listen(Number(portArg), "127.0.0.1", () => {
  process.stdout.write(`listening ${httpServer.address().port}\n`);
});

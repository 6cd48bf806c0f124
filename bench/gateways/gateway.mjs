// One Node gateway for bench/gateways/run.py, serving POST /graphql on 127.0.0.1.
// usage: node gateway.mjs apollo|hive|hive-router-runtime SUPERGRAPH_FILE [PORT]
// Prints "listening <port>" once it is ready. Each runs as its maintainers document it for
// production: no landing page, usage reporting, logging or plugins beyond the defaults.
import { readFile } from "node:fs/promises";
import http from "node:http";

const [kind, supergraphPath, portArg = "0"] = process.argv.slice(2);
const supergraphSdl = await readFile(supergraphPath, "utf8");

async function apollo() {
  const { ApolloGateway } = await import("@apollo/gateway");
  const { ApolloServer, HeaderMap } = await import("@apollo/server");
  const noop = () => {};
  const server = new ApolloServer({
    gateway: new ApolloGateway({
      supergraphSdl,
      logger: { debug: noop, info: noop, warn: noop, error: (m) => console.error(m) },
    }),
    csrfPrevention: false,
    stopOnTerminationSignals: false,
  });
  await server.start();
  return async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(key, value);
    }
    const url = new URL(req.url, "http://localhost");
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method ?? "GET",
        headers,
        search: url.search,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "null"),
      },
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
  };
}

async function hive(withRouterRuntime) {
  const { createGatewayRuntime } = await import("@graphql-hive/gateway");
  const options = { supergraph: () => supergraphSdl, logging: false, landingPage: false };
  if (withRouterRuntime) {
    // The Rust query planner of Hive Router, as its docs enable it in a config file.
    const { unifiedGraphHandler } = await import("@graphql-hive/router-runtime");
    options.unifiedGraphHandler = unifiedGraphHandler;
  }
  return createGatewayRuntime(options);
}

const handlers = { apollo, hive: () => hive(false), "hive-router-runtime": () => hive(true) };
if (!(kind in handlers) || supergraphPath === undefined) {
  console.error("usage: node gateway.mjs apollo|hive|hive-router-runtime SUPERGRAPH_FILE [PORT]");
  process.exit(2);
}
const httpServer = http.createServer(await handlers[kind]());
process.on("SIGTERM", () => process.exit(0));
httpServer.listen(Number(portArg), "127.0.0.1", () => {
  process.stdout.write(`listening ${httpServer.address().port}\n`);
});

// The GraphQL-over-HTTP spec's server audit (npm graphql-http) against a running router.
// Usage: node graphql-http-audit.mjs http://127.0.0.1:PORT/graphql → one JSON line per audit on stdout.
import { serverAudits } from "graphql-http";

const url = process.argv[2];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  const line = { id: audit.id, name: audit.name, status: result.status };
  if (result.status !== "ok") line.reason = result.reason;
  console.log(JSON.stringify(line));
}

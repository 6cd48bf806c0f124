// Apollo's own query plans, for the planner's differential tests.
// stdin: {"supergraph": SDL, "operations": [{"query": "...", "operationName": null}]}
// stdout: [{"fetches": {"service": count}, "plan": "pretty plan"} | {"error": "..."}]
import { QueryPlanner, prettyFormatQueryPlan } from "@apollo/query-planner";
import { Supergraph, operationFromDocument } from "@apollo/federation-internals";
import { parse } from "graphql";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const supergraph = Supergraph.build(input.supergraph);
const planner = new QueryPlanner(supergraph);
const apiSchema = supergraph.apiSchema();

function countFetches(node, counts) {
  if (!node) return counts;
  if (node.kind === "Fetch") counts[node.serviceName] = (counts[node.serviceName] ?? 0) + 1;
  for (const child of [node.node, node.ifClause, node.elseClause, node.primary?.node, ...(node.nodes ?? [])]) {
    countFetches(child, counts);
  }
  for (const deferred of node.deferred ?? []) countFetches(deferred.node, counts);
  return counts;
}

const results = input.operations.map(({ query, operationName }) => {
  try {
    const operation = operationFromDocument(apiSchema, parse(query), { operationName: operationName ?? undefined });
    const plan = planner.buildQueryPlan(operation);
    return { fetches: countFetches(plan.node, {}), plan: prettyFormatQueryPlan(plan) };
  } catch (error) {
    return { error: String(error.message ?? error) };
  }
});
process.stdout.write(JSON.stringify(results));

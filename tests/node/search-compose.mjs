// Composes the search subgraph's SDL with a stand-in items SDL through @apollo/composition (the reference).
// stdin: JSON {"subgraphs": [{"name", "url", "sdl"}]}; stdout: JSON {"errors": [...], "apiSchemaSdl": string|null}
import { composeServices } from "@apollo/composition";
import { parse, printSchema } from "graphql";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { subgraphs } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
const output = result.errors
  ? { errors: result.errors.map((e) => e.message), apiSchemaSdl: null }
  : { errors: [], apiSchemaSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()) };
process.stdout.write(JSON.stringify(output));

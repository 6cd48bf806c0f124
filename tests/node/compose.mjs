// Compose subgraphs with @apollo/composition: the oracle for the Python composer's differential tests.
// stdin: JSON {"subgraphs": [{"name", "url", "sdl"}]} or a JSON list of such sets {"sets": [{"id", "subgraphs"}]}
// stdout: JSON {"supergraphSdl", "apiSchemaSdl", "errors": [{"code", "message"}], "hints": [...]}
// (or {"results": {id: result}} for a batch, so one Node start serves the whole corpus).
import { composeServices } from "@apollo/composition";
import { printSchema } from "graphql";
import { parse } from "graphql";

function composeOne(subgraphs) {
  const services = subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) }));
  let result;
  try {
    result = composeServices(services);
  } catch (e) {
    return { supergraphSdl: null, apiSchemaSdl: null, errors: [{ code: "EXCEPTION", message: String(e) }], hints: [] };
  }
  if (result.errors) {
    return {
      supergraphSdl: null,
      apiSchemaSdl: null,
      errors: result.errors.map((e) => ({ code: e.extensions?.code ?? null, message: e.message })),
      hints: [],
    };
  }
  return {
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()),
    errors: [],
    hints: (result.hints ?? []).map((h) => ({ code: h.definition.code, message: h.message })),
  };
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
let output;
if (input.sets) {
  output = { results: Object.fromEntries(input.sets.map((s) => [s.id, composeOne(s.subgraphs)])) };
} else {
  output = composeOne(input.subgraphs);
}
process.stdout.write(JSON.stringify(output));

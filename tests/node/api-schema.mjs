// Apollo's API schema of supergraphs, for the supergraph reader's differential test.
// stdin: {"name": SDL, ...}; stdout: {"name": API schema SDL, ...}
import { Supergraph } from "@apollo/federation-internals";
import { printSchema } from "graphql";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const output = {};
for (const [name, sdl] of Object.entries(input)) {
  output[name] = printSchema(Supergraph.build(sdl).apiSchema().toGraphQLJSSchema());
}
process.stdout.write(JSON.stringify(output));

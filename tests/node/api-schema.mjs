// Apollo's API schema of supergraphs, for the supergraph reader's differential test.
// stdin: {"name": SDL, ...}; stdout: {"name": API schema SDL, ...}
import { Supergraph } from "@apollo/federation-internals";
import { printSchema } from "graphql";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const output = {};
// Apollo's Supergraph.build refuses authenticated or requiresScopes linked `for: SECURITY` (only Apollo Router
// enforces them); the API schema does not depend on the link's purpose, so it is dropped here as in gateway.mjs.
const withoutSecurityPurpose = (sdl) =>
  sdl.replace(/(@link\(url: "https:\/\/specs\.apollo\.dev\/(?:authenticated|requiresScopes)\/v[\d.]+"), for: SECURITY/g, "$1");
for (const [name, sdl] of Object.entries(input)) {
  output[name] = printSchema(Supergraph.build(withoutSecurityPurpose(sdl)).apiSchema().toGraphQLJSSchema());
}
process.stdout.write(JSON.stringify(output));

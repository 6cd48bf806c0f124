// Compose subgraph SDLs into a supergraph with @apollo/composition (fixtures for the planner tests).
// Input on stdin: {"subgraphs": [{"name": "a", "url": "http://a", "sdl": "..."}]}; output: supergraph SDL.
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const result = composeServices(
  input.subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
);
if (result.errors) {
  for (const error of result.errors) console.error(error.message);
  process.exit(1);
}
process.stdout.write(result.supergraphSdl);

// Compose planner fixture supergraphs with @apollo/composition.
// Usage: node compose-fixture.mjs DIR...  Each DIR holds one NAME.graphql per subgraph (url http://NAME).
// One DIR: prints the supergraph SDL. Several: prints a JSON object DIR -> SDL.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";

function compose(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith(".graphql")).sort();
  const services = files.map((file) => {
    const name = file.replace(/\.graphql$/, "");
    return { name, url: `http://${name}`, typeDefs: parse(readFileSync(join(dir, file), "utf8")) };
  });
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`${dir}: ${result.errors.map((e) => e.message).join("\n")}`);
  }
  return result.supergraphSdl;
}

const dirs = process.argv.slice(2);
if (dirs.length === 1) {
  process.stdout.write(compose(dirs[0]));
} else {
  process.stdout.write(JSON.stringify(Object.fromEntries(dirs.map((d) => [d, compose(d)]))));
}

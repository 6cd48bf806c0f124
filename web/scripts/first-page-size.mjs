// The JavaScript a browser fetches for the first page (the entry script of dist/index.html and the chunks it
// preloads), gzipped at level 9 as a server would send it. Fails when it passes the budget.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const BUDGET = 250 * 1024;
const dist = new URL("../dist/", import.meta.url).pathname;
const html = readFileSync(join(dist, "index.html"), "utf8");
const scripts = [
  ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
].map((m) => m[1]);
let total = 0;
for (const src of new Set(scripts)) {
  const bytes = readFileSync(join(dist, src.replace(/^\//, "")));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  console.log(`${src}: ${(bytes.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped`);
}
console.log(`first page JS: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB)`);
if (total > BUDGET) {
  console.error("over budget");
  process.exit(1);
}

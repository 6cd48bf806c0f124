// Drives the router's GraphiQL in headless Chromium with every non-local request blocked.
// Usage: node playground.mjs ORIGIN SCREENSHOT.png → one JSON object on stdout.
import { chromium } from "playwright-core";

const [origin, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
  ],
});
const blocked = [];
const failed = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/") || url === origin) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  page.on("requestfailed", (request) => failed.push(request.url()));
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(`${origin}/graphql`, { waitUntil: "networkidle" });
  await page.waitForSelector(".graphiql-query-editor .CodeMirror", { timeout: 15000 });
  const explorer = page.locator('[aria-label="Show GraphiQL Explorer"]');
  const hasExplorer = (await explorer.count()) > 0;
  if (hasExplorer) await explorer.first().click();
  const hasHeadersEditor = (await page.locator(".graphiql-editor-tool [data-name=headers], .graphiql-editor-tools button:has-text('Headers')").count()) > 0;
  const hasHistory = (await page.locator('[aria-label="Show History"]').count()) > 0;
  await page.locator(".graphiql-query-editor .CodeMirror").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText("query Playground { me { nickname } items { title } }");
  await page.locator(".graphiql-execute-button").click();
  await page.waitForFunction(
    () => document.querySelector(".graphiql-response")?.innerText.includes("nickname"),
    null,
    { timeout: 15000 },
  );
  const result = await page.locator(".graphiql-response").innerText();
  await page.screenshot({ path: screenshot });
  console.log(JSON.stringify({ blocked, failed, errors, hasExplorer, hasHeadersEditor, hasHistory, result }));
} finally {
  await browser.close();
}

// The router's Content-Security-Policy in a real browser, on a stand-in build: the app's own script runs, it
// reaches /graphql over HTTP and WebSocket on the same origin, and an inline script is refused.
// Usage: node web-csp.mjs ORIGIN PATH → one JSON object on stdout.
import { launch, newSeen, person, report } from "./web-browser.mjs";

const [origin, path] = process.argv.slice(2);
const seen = newSeen();
const browser = await launch();
try {
  await report(async () => {
    const context = await person(browser, origin, seen);
    const page = await context.newPage();
    const response = await page.goto(origin + path);
    await page.waitForSelector("#result[data-done]");
    return {
      status: response.status(),
      csp: response.headers()["content-security-policy"],
      result: JSON.parse(await page.locator("#result").innerText()),
      seen,
    };
  });
} finally {
  await browser.close();
}

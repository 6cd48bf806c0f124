// Headless Chromium (Debian's, never a downloaded browser) for the web app tests, with every request that
// does not go to the app's own origin blocked and recorded, and what a page reports as broken collected.
import { chromium } from "playwright-core";

// A phone's viewport (390 × 844 CSS pixels at 2×). Not Playwright's isMobile: that zooms a page wider than the
// screen out to fit, which hides an overflow the tests measure instead (see `overflow` in web-journey.mjs).
export const MOBILE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ],
  });
}

// One person's browser: a context of its own (storage, cookies), Korean, mobile by default.
// `seen` collects, for the whole context: blocked requests, page errors, console errors, CSP violations,
// failed requests (an aborted stream on navigation is not a failure). CSP violations are console errors.
export async function person(browser, origin, seen, options = {}) {
  const context = await browser.newContext({ locale: "ko-KR", timezoneId: "Asia/Seoul", ...MOBILE, ...options });
  // Generous: CI shares two cores with the whole stack.
  context.setDefaultTimeout(60000);
  context.setDefaultNavigationTimeout(90000);
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url === origin || url.startsWith(origin + "/") || url.startsWith("data:") || url.startsWith("blob:")) {
      return route.continue();
    }
    seen.blocked.push(url);
    return route.abort();
  });
  // WebSockets do not go through route(): graphql-ws must use the same origin, anything else is closed.
  const wsOrigin = origin.replace(/^http/, "ws");
  await context.routeWebSocket(
    (url) => !url.href.startsWith(wsOrigin + "/"),
    (socket) => {
      seen.blocked.push(socket.url());
      socket.close();
    },
  );
  context.on("page", (page) => watch(page, wsOrigin, seen));
  return context;
}

function watch(page, wsOrigin, seen) {
  page.on("pageerror", (error) => seen.errors.push(`pageerror: ${error}`));
  page.on("console", (message) => {
    if (message.type() === "error") seen.errors.push(`console: ${message.text()}`);
  });
  page.on("websocket", (socket) => {
    if (socket.url().startsWith(wsOrigin + "/")) seen.websockets.push(socket.url());
  });
  page.on("requestfailed", (request) => {
    const failure = request.failure()?.errorText || "";
    if (!failure.includes("ERR_ABORTED")) seen.failed.push(`${request.url()} ${failure}`);
  });
}

export function newSeen() {
  return { blocked: [], errors: [], failed: [], websockets: [] };
}

// Prints the one JSON line the Python side reads, even when the run failed (with why, and `extra()`: what a
// run had collected until then).
export async function report(run, extra = () => ({})) {
  const out = {};
  try {
    Object.assign(out, await run(out));
    out.ok = true;
  } catch (error) {
    out.ok = false;
    out.error = String(error?.stack || error);
  }
  console.log(JSON.stringify({ ...out, ...extra() }));
}

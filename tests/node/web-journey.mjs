// Two people use the web app in headless Chromium (two browser contexts, mobile, Korean): A signs up and lists
// an item; B signs up, finds it by a Korean search, comments, starts 채팅하기 and sends a message; A, in the
// room already, sees it arrive live and marks the item sold to B. On each page: axe-core (serious and critical
// violations), its width against the phone's, a screenshot for docs/, and, for the first page, the scripts it loaded.
// Usage: node web-journey.mjs ORIGIN SHOTS_DIR → one JSON object on stdout (`step` says where it stopped).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { launch, newSeen, person, report } from "./web-browser.mjs";

const [origin, shots] = process.argv.slice(2);
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const LIVE_TIMEOUT = 120000; // a loaded CI machine: the message goes through the outbox, the event log and the router
const run = Date.now().toString(36);
const PASSWORD = "gamja-e2e-password-1";
const A = { email: `seller-${run}@example.com`, nickname: `감자판매${run.slice(-4)}`, region: "서울 마포구 망원동" };
const B = { email: `buyer-${run}@example.com`, nickname: `당근구매${run.slice(-4)}`, region: "서울 마포구 합정동" };
const ITEM = { title: `원목 흔들의자 ${run}`, price: "35000", shown: "35,000원", description: "망원동에서 3년 쓴 흔들의자예요." };
const SEARCH = "흔들의자";
const COMMENT = "아직 판매 중인가요? 내일 저녁에 볼 수 있을까요?";
const MESSAGE = "안녕하세요! 흔들의자 사고 싶어요.";

const seen = newSeen();
const axe = {};
const screenshots = [];
let firstPageScripts = [];
let step = "start";

const pages = [];

async function at(name, action) {
  step = name;
  try {
    return await action();
  } catch (error) {
    // What the pages said (their alerts) and where they were, so a failed step reads as the person saw it.
    const said = [];
    for (const page of pages) {
      const main = await page.locator("main").ariaSnapshot({ timeout: 5000 }).catch(() => "(no main)");
      said.push(`--- ${page.url()} alerts=${JSON.stringify(await alerts(page))}\n${main.slice(0, 2500)}`);
    }
    throw new Error(`${name}: ${error.message}\n${said.join("\n")}`);
  }
}

const overflow = {};

async function audit(page, name) {
  // Mobile-first: nothing wider than the phone's screen (a page that scrolls sideways).
  overflow[name] = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  // Injected through the DevTools protocol, which the page's CSP does not govern (a <script> tag would be refused).
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  axe[name] = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
}

async function shoot(page, name) {
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => window.scrollTo(0, 0));
  const path = join(shots, `web-${name}.png`);
  await page.screenshot({ path });
  screenshots.push(path);
}

// The page's own words for a failure, when it shows one (an alert), so a broken step says why.
async function alerts(page) {
  return page.getByRole("alert").allInnerTexts().catch(() => []);
}

async function signUp(page, who) {
  await page.goto(`${origin}/signup`);
  await page.getByLabel("이메일").fill(who.email);
  await page.getByLabel("비밀번호").fill(PASSWORD);
  await page.getByLabel("닉네임").fill(who.nickname);
  await page.getByLabel("동네").fill(who.region);
  await page.getByRole("button", { name: "가입하기" }).click();
  await page.getByRole("banner").getByText(`${who.nickname}님`).waitFor();
}

const mainMenu = (page, name) => page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name });

const browser = await launch();
try {
  await report(async (out) => {
    out.people = { A: A.email, B: B.email, password: PASSWORD, title: ITEM.title };
    const contextA = await person(browser, origin, seen);
    const contextB = await person(browser, origin, seen);
    const a = await contextA.newPage();
    const b = await contextB.newPage();
    pages.push(a, b);
    // What A's page subscribes to over graphql-ws, from its first socket on.
    const aSubscriptions = [];
    a.on("websocket", (socket) =>
      socket.on("framesent", ({ payload }) => {
        if (String(payload).includes('"subscribe"')) aSubscriptions.push(String(payload));
      }),
    );

    await at("A opens the feed", async () => {
      const scripts = [];
      a.on("response", (response) => {
        if (response.request().resourceType() === "script") scripts.push(new URL(response.url()).pathname);
      });
      await a.goto(`${origin}/`, { waitUntil: "load" });
      await a.getByRole("list", { name: "물건 목록" }).getByRole("article").first().waitFor();
      firstPageScripts = [...scripts];
      await audit(a, "feed");
    });

    await at("A signs up on /signup (이메일, 비밀번호, 닉네임, 동네, 가입하기)", async () => {
      await a.goto(`${origin}/signup`);
      await audit(a, "signup");
      await signUp(a, A);
    });

    await at("A lists an item on /sell (제목, 카테고리, 가격, 자세한 설명, 등록하기)", async () => {
      await mainMenu(a, "판매하기").click();
      await a.waitForURL(/\/sell$/);
      await a.getByLabel("제목").fill(ITEM.title);
      await a.getByLabel("가격").fill(ITEM.price);
      await a.getByLabel("카테고리").selectOption({ label: "가구/인테리어" });
      await a.getByLabel("자세한 설명").fill(ITEM.description);
      await audit(a, "sell");
      await shoot(a, "sell");
      await a.getByRole("button", { name: "등록하기" }).click();
      await a.waitForURL(/\/items\/[^/]+$/);
      out.itemId = a.url().split("/").pop();
      // The item page reads the items read store, which lags the write under load: `itemShownAtOnce` records
      // whether it showed the new item without a reload; then it is reloaded, as a person would, until it does.
      const heading = a.getByRole("heading", { level: 1, name: ITEM.title });
      out.itemShownAtOnce = await heading.waitFor({ timeout: 15000 }).then(() => true, () => false);
      const deadline = Date.now() + LIVE_TIMEOUT;
      while (!(await heading.isVisible())) {
        if (Date.now() > deadline) throw new Error("the new item's page never showed its title");
        await a.reload();
        await heading.waitFor({ timeout: 5000 }).catch(() => {});
      }
    });

    await at("B signs up", () => signUp(b, B));

    await at(`B searches "${SEARCH}" in the searchbox 검색 on /search`, async () => {
      await mainMenu(b, "검색").click();
      await b.waitForURL(/\/search/);
      const box = b.getByRole("searchbox", { name: "검색" });
      await box.fill(SEARCH);
      await box.press("Enter");
      await b.getByRole("list", { name: "물건 목록" }).getByRole("link", { name: ITEM.title }).waitFor();
      await audit(b, "search");
      await shoot(b, "search");
    });

    await at("B opens the item from the results", async () => {
      await b.getByRole("list", { name: "물건 목록" }).getByRole("link", { name: ITEM.title }).click();
      await b.waitForURL(new RegExp(`/items/${out.itemId}$`));
      await b.getByRole("heading", { level: 1, name: ITEM.title }).waitFor();
      await b.getByText(ITEM.shown, { exact: true }).first().waitFor();
      await b.getByText(A.nickname).first().waitFor();
    });

    await at("B comments on the item (댓글 쓰기, 댓글 등록)", async () => {
      await b.getByRole("textbox", { name: "댓글 쓰기" }).fill(COMMENT);
      await b.getByRole("button", { name: "댓글 등록" }).click();
      await b.getByRole("list", { name: "댓글 목록" }).getByText(COMMENT).waitFor();
      await audit(b, "item");
      await shoot(b, "item");
    });

    await at("B starts 채팅하기", async () => {
      await b.getByRole("button", { name: "채팅하기" }).click();
      await b.waitForURL(/\/chats\/[^/]+$/);
      out.roomId = b.url().split("/").pop();
    });

    await at("A opens the room from 채팅 (채팅방 목록) before B writes", async () => {
      await mainMenu(a, "채팅").click();
      await a.waitForURL(/\/chats$/);
      const room = a.getByRole("list", { name: "채팅방 목록" }).getByRole("link", { name: new RegExp(B.nickname) });
      await room.first().waitFor();
      await audit(a, "chats");
      await room.first().click();
      await a.waitForURL(new RegExp(`/chats/${out.roomId}$`));
      await a.getByRole("log", { name: "대화 내용" }).waitFor();
      // Subscribed to this room: from now on B's message can reach A's page only live.
      const deadline = Date.now() + LIVE_TIMEOUT;
      while (!aSubscriptions.some((frame) => frame.includes("chatMessageSent") && frame.includes(out.roomId))) {
        if (Date.now() > deadline) throw new Error(`A's page never subscribed to the room: ${aSubscriptions}`);
        await a.waitForTimeout(100);
      }
    });

    await at("B sends a message (메시지, 보내기)", async () => {
      await b.getByRole("textbox", { name: "메시지" }).fill(MESSAGE);
      await b.getByRole("button", { name: "보내기" }).click();
      await b.getByRole("log", { name: "대화 내용" }).getByText(MESSAGE).waitFor();
    });

    await at("A sees B's message arrive live (no reload)", async () => {
      await a.getByRole("log", { name: "대화 내용" }).getByText(MESSAGE).waitFor({ timeout: LIVE_TIMEOUT });
      out.liveSocket = seen.websockets.some((url) => url.endsWith("/graphql"));
      await audit(a, "chat");
      await shoot(a, "chat");
    });

    await at("A marks the item sold to B in 나의 판매내역 (거래완료로 변경, 구매자, 거래완료 확인)", async () => {
      await mainMenu(a, "나의 판매내역").click();
      await a.waitForURL(/\/me\/items$/);
      const manage = a.getByRole("group", { name: `${ITEM.title} 관리` });
      await manage.waitFor();
      await audit(a, "my-items");
      await manage.getByRole("button", { name: "거래완료로 변경" }).click();
      await a.getByRole("combobox", { name: "구매자" }).selectOption({ label: B.nickname });
      await a.getByRole("button", { name: "거래완료 확인" }).click();
      // The item's status badge (its only item: the buttons' names merely contain the word). The list is read
      // from the items read store, which lags the write under load: `soldShownAtOnce` records whether the page
      // showed it without a reload; then it is reloaded, as a person would, until it does.
      const badge = () => a.getByRole("list", { name: "내 물건 목록" }).getByText("거래완료", { exact: true }).first();
      out.soldShownAtOnce = await badge().waitFor({ timeout: 15000 }).then(() => true, () => false);
      const deadline = Date.now() + LIVE_TIMEOUT;
      while (!(await badge().isVisible())) {
        if (Date.now() > deadline) throw new Error("the item never showed 거래완료 in 나의 판매내역");
        await a.reload();
        await a.getByRole("list", { name: "내 물건 목록" }).waitFor();
        await badge().waitFor({ timeout: 5000 }).catch(() => {});
      }
    });

    await at("pages for axe and screenshots: edit, login", async () => {
      await a.goto(`${origin}/items/${out.itemId}/edit`);
      await a.getByLabel("제목").waitFor();
      await audit(a, "edit");
      const c = await (await person(browser, origin, seen)).newPage();
      pages.push(c);
      await c.goto(`${origin}/login`);
      await c.getByRole("button", { name: "로그인" }).waitFor();
      await audit(c, "login");
      await shoot(c, "login");
      await c.goto(`${origin}/`);
      await c.getByRole("list", { name: "물건 목록" }).getByRole("article").first().waitFor();
      await shoot(c, "feed");
    });
    return {};
  }, () => ({ step, seen, axe, overflow, screenshots, firstPageScripts }));
} finally {
  await browser.close();
}

import { screen } from "@testing-library/react";
import axe from "axe-core";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { connection, fakeApi, item, renderApp, user } from "../../test/render";

// Contrast needs a real renderer (jsdom lays nothing out): the Chromium pass checks it. Everything else here.
async function seriousViolations(container: HTMLElement) {
  const result = await axe.run(container.ownerDocument.documentElement, {
    rules: { "color-contrast": { enabled: false } },
    resultTypes: ["violations"],
  });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(", ")}`);
}

const me = user();
const api = () =>
  fakeApi({
    Viewer: () => ({ data: { me } }),
    Categories: () => ({ data: { categories: ["디지털기기"] } }),
    SellCategories: () => ({ data: { categories: ["디지털기기"] } }),
    FeedItems: () => ({ data: { items: connection("ItemConnection", [item(), item({ id: "i2", price: 0 })], true, "e") } }),
    PopularSearchTerms: () => ({ data: { popularSearchTerms: [{ __typename: "SearchTermCount", term: "자전거", count: 2 }] } }),
    SearchSuggestions: () => ({ data: { searchSuggestions: [] } }),
    SearchItems: () => ({ data: { searchItems: connection("SearchItemConnection", [item()]) } }),
    ItemDetail: () => ({ data: { item: item({ comments: connection("CommentConnection", []) }) } }),
    RelatedItems: () => ({ data: { relatedItems: [item({ id: "i3" })] } }),
    MyItems: () => ({ data: { me: { ...me, items: connection("ItemConnection", [item()]) } } }),
    MyChatRoomsForSale: () => ({ data: { chatRooms: connection("ChatRoomConnection", []) } }),
    ChatRooms: () => ({ data: { chatRooms: connection("ChatRoomConnection", []) } }),
    ChatRoom: () => ({
      data: {
        chatRoom: {
          __typename: "ChatRoom",
          id: "r1",
          unreadCount: 0,
          item: item(),
          seller: me,
          buyer: user({ id: "b1", nickname: "당근" }),
          messages: connection("ChatMessageConnection", []),
        },
      },
    }),
    MarkChatRead: () => ({ data: { markChatRead: { __typename: "ChatRoom", id: "r1", unreadCount: 0 } } }),
  });

const PAGES: [string, string][] = [
  ["/", "서울 마포구 망원동 중고거래"],
  ["/search", "검색"],
  ["/search?q=%EC%95%84%EC%9D%B4%ED%8F%B0", "검색"],
  ["/items/i1", "아이폰 13 프로"],
  ["/sell", "내 물건 팔기"],
  ["/me/items", "나의 판매내역"],
  ["/chats", "채팅"],
  ["/chats/r1", "당근님과의 채팅"],
  ["/login", "로그인"],
  ["/signup", "회원가입"],
];

describe("accessibility (axe-core)", () => {
  beforeEach(() => {
    // What index.html gives the real page (jsdom starts from an empty document).
    const html = readFileSync(join(process.cwd(), "index.html"), "utf8");
    document.documentElement.lang = /<html lang="([^"]+)"/.exec(html)![1];
    document.title = /<title>([^<]+)<\/title>/.exec(html)![1];
  });
  it.each(PAGES)("%s has no serious violations", async (path, heading) => {
    const { container } = renderApp(path, api(), "tok");
    await screen.findByRole("heading", { level: 1, name: heading });
    expect(await seriousViolations(container)).toEqual([]);
  });
});

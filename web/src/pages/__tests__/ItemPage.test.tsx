import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { connection, fakeApi, item, renderApp, user } from "../../test/render";

function comment(id: string, body: string, extra: Record<string, unknown> = {}) {
  return {
    __typename: "Comment",
    id,
    body,
    createdAt: "2026-12-01T11:00:00Z",
    isDeleted: false,
    parentId: null,
    author: user({ id: "u2", nickname: "당근" }),
    replies: [],
    ...extra,
  };
}

function detail(overrides: Record<string, unknown> = {}) {
  return item({
    seller: user({ mannerScore: 37.5 }),
    comments: connection("CommentConnection", [
      comment("c1", "아직 있나요?", {
        replies: [comment("c2", "네 있어요!", { parentId: "c1", author: user(), replies: undefined })],
      }),
    ]),
    ...overrides,
  });
}

function itemApi(overrides: Record<string, unknown> = {}, extra = {}) {
  return fakeApi({
    Viewer: () => ({ data: { me: user({ id: "u2", nickname: "당근" }) } }),
    ItemDetail: () => ({ data: { item: detail(overrides) } }),
    RelatedItems: () => ({ data: { relatedItems: [item({ id: "i7", title: "아이폰 12" })] } }),
    ...extra,
  });
}

describe("상품 상세", () => {
  it("shows price, status, seller with manner score, likes, views, comments with replies and related items", async () => {
    renderApp("/items/i1", itemApi());
    expect(await screen.findByRole("heading", { level: 1, name: "아이폰 13 프로" })).toBeInTheDocument();
    expect(screen.getByText("650,000원")).toBeInTheDocument();
    expect(screen.getByText("판매중")).toBeInTheDocument();
    expect(screen.getByText("37.5°C")).toBeInTheDocument();
    expect(screen.getByText(/관심 3 · 조회 12/)).toBeInTheDocument();
    const comments = screen.getByRole("list", { name: "댓글 목록" });
    expect(within(comments).getByText("아직 있나요?")).toBeInTheDocument();
    expect(within(within(comments).getByRole("list", { name: "답글 목록" })).getByText("네 있어요!")).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "아이폰 12" })).toHaveAttribute("href", "/items/i7");
  });

  it("says 나눔 for a free item", async () => {
    renderApp("/items/i1", itemApi({ price: 0 }));
    expect(await screen.findByText("나눔", { selector: ".item-price" })).toBeInTheDocument();
  });

  it("채팅하기 starts a chat and opens its room", async () => {
    let starts = 0;
    const api = itemApi({}, {
      // The chat service learns of a just-listed item a moment later.
      StartChat: () =>
        ++starts < 2
          ? { errors: [{ message: "There is no item 'i1'.", extensions: { code: "NOT_FOUND", field: "itemId" } }] }
          : { data: { startChat: { __typename: "ChatRoom", id: "r5" } } },
      ChatRoom: () => ({
        data: {
          chatRoom: {
            __typename: "ChatRoom",
            id: "r5",
            unreadCount: 0,
            item: item(),
            seller: user(),
            buyer: user({ id: "u2", nickname: "당근" }),
            messages: connection("ChatMessageConnection", []),
          },
        },
      }),
      MarkChatRead: () => ({ data: { markChatRead: { __typename: "ChatRoom", id: "r5", unreadCount: 0 } } }),
    });
    renderApp("/items/i1", api, "tok");
    await userEvent.click(await screen.findByRole("button", { name: "채팅하기" }));
    expect(await screen.findByRole("heading", { level: 1, name: "감자님과의 채팅" })).toBeInTheDocument();
    expect(api.calls("StartChat").map((c) => c.variables)).toEqual([{ itemId: "i1" }, { itemId: "i1" }]);
  });

  it("adds a comment and a reply", async () => {
    const api = itemApi({}, {
      AddComment: (v: Record<string, unknown>) => ({ data: { addComment: comment("c9", String(v.body), { parentId: v.parentId }) } }),
    });
    renderApp("/items/i1", api, "tok");
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText("댓글 쓰기"), "네고 되나요?");
    await u.click(screen.getByRole("button", { name: "댓글 등록" }));
    await waitFor(() => expect(api.calls("AddComment")[0]?.variables).toEqual({ itemId: "i1", body: "네고 되나요?", parentId: null }));
    await u.click(screen.getByRole("button", { name: "답글 달기" }));
    await u.type(screen.getByLabelText("답글 쓰기"), "감사합니다");
    await u.click(screen.getByRole("button", { name: "답글 등록" }));
    await waitFor(() => expect(api.calls("AddComment")[1]?.variables).toEqual({ itemId: "i1", body: "감사합니다", parentId: "c1" }));
    // The item's comments are fetched again after each (Graphcache invalidates them).
    await waitFor(() => expect(api.calls("ItemDetail").length).toBeGreaterThanOrEqual(2));
  });

  it("keeps the page when comments are down, and says so", async () => {
    const api = fakeApi({
      ItemDetail: () => ({
        data: { item: detail({ comments: null, commentCount: null }) },
        errors: [
          {
            message: "Subgraph comments is unreachable",
            path: ["item", "comments"],
            extensions: { code: "SUBGRAPH_UNREACHABLE", serviceName: "comments" },
          },
        ],
      }),
      RelatedItems: () => ({ data: { relatedItems: [] } }),
    });
    renderApp("/items/i1", api);
    expect(await screen.findByRole("heading", { level: 1, name: "아이폰 13 프로" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("댓글 서비스에 연결할 수 없어 일부 내용을 보여 드리지 못했어요.");
  });

  it("a missing item says so", async () => {
    renderApp("/items/zz", fakeApi({ ItemDetail: () => ({ data: { item: null } }), RelatedItems: () => ({ data: { relatedItems: [] } }) }));
    expect(await screen.findByRole("heading", { level: 1, name: "없는 물건이에요" })).toBeInTheDocument();
  });
});

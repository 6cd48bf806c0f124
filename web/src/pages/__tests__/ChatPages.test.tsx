import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { connection, fakeApi, item, renderApp, user, type Handler } from "../../test/render";

const seller = user({ id: "s1", nickname: "감자" });
const buyer = user({ id: "b1", nickname: "당근" });

function message(id: string, body: string, sender = buyer) {
  return { __typename: "ChatMessage", id, body, sentAt: "2026-12-03T09:00:00Z", sender, room: { __typename: "ChatRoom", id: "r1" } };
}

function chatApi(extra: Record<string, Handler> = {}) {
  return fakeApi({
    Viewer: () => ({ data: { me: seller } }),
    ChatRooms: () => ({
      data: {
        chatRooms: connection("ChatRoomConnection", [
          {
            __typename: "ChatRoom",
            id: "r1",
            unreadCount: 2,
            createdAt: "2026-12-03T08:00:00Z",
            item: item(),
            seller,
            buyer,
            lastMessage: message("m2", "네고 되나요?"),
          },
        ]),
      },
    }),
    ChatRoom: () => ({
      data: {
        chatRoom: {
          __typename: "ChatRoom",
          id: "r1",
          unreadCount: 2,
          item: item(),
          seller,
          buyer,
          messages: connection("ChatMessageConnection", [message("m1", "안녕하세요"), message("m2", "네고 되나요?")]),
        },
      },
    }),
    MarkChatRead: () => ({ data: { markChatRead: { __typename: "ChatRoom", id: "r1", unreadCount: 0 } } }),
    ...extra,
  });
}

describe("채팅", () => {
  it("lists rooms with the other person, the item, the last message and the unread count", async () => {
    const api = chatApi();
    renderApp("/chats", api, "tok");
    const rooms = await screen.findByRole("list", { name: "채팅방 목록" });
    const room = await within(rooms).findByRole("link");
    expect(room).toHaveAttribute("href", "/chats/r1");
    expect(room).toHaveTextContent("당근");
    expect(room).toHaveTextContent("아이폰 13 프로");
    expect(room).toHaveTextContent("네고 되나요?");
    expect(room).toHaveTextContent("안 읽은 메시지 2개");
    // The list listens to every room of the viewer.
    await waitFor(() => expect(api.sinks.map((s) => s.operationName)).toContain("AnyRoomMessage"));
  });

  it("shows a room, subscribes after its last message, shows live messages and marks them read", async () => {
    const api = chatApi();
    renderApp("/chats/r1", api, "tok");
    expect(await screen.findByRole("heading", { level: 1, name: "당근님과의 채팅" })).toBeInTheDocument();
    const log = screen.getByRole("log", { name: "대화 내용" });
    expect(within(log).getByText("안녕하세요")).toBeInTheDocument();
    await waitFor(() => expect(api.calls("MarkChatRead")[0]?.variables).toEqual({ roomId: "r1" }));
    await waitFor(() => expect(api.sinks.find((s) => s.operationName === "ChatMessageSent")).toBeDefined());
    const live = api.sinks.find((s) => s.operationName === "ChatMessageSent")!;
    expect(live.variables).toEqual({ roomId: "r1", after: "m2" });
    act(() => live.next({ data: { chatMessageSent: message("m3", "지금 갈게요") } }));
    expect(await within(log).findByText("지금 갈게요")).toBeInTheDocument();
    await waitFor(() => expect(api.calls("MarkChatRead").length).toBeGreaterThanOrEqual(2));
  });

  it("sends a message, shown once even when the subscription brings it back", async () => {
    const api = chatApi({
      SendChatMessage: (v) => ({ data: { sendChatMessage: message("m4", String(v.body), seller) } }),
    });
    renderApp("/chats/r1", api, "tok");
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText("메시지"), "네 가능해요");
    await u.click(screen.getByRole("button", { name: "보내기" }));
    const log = screen.getByRole("log", { name: "대화 내용" });
    expect(await within(log).findByText("네 가능해요")).toBeInTheDocument();
    expect(api.calls("SendChatMessage")[0].variables).toEqual({ roomId: "r1", body: "네 가능해요" });
    await waitFor(() => expect(api.sinks.find((s) => s.operationName === "ChatMessageSent")).toBeDefined());
    act(() => api.sinks.find((s) => s.operationName === "ChatMessageSent")!.next({ data: { chatMessageSent: message("m4", "네 가능해요", seller) } }));
    await waitFor(() => expect(within(log).getAllByText("네 가능해요")).toHaveLength(1));
    expect(screen.getByLabelText("메시지")).toHaveValue("");
  });

  it("says when a room is not the viewer's", async () => {
    renderApp("/chats/zz", chatApi({ ChatRoom: () => ({ data: { chatRoom: null } }) }), "tok");
    expect(await screen.findByRole("heading", { name: "채팅방을 찾을 수 없어요" })).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { connection, fakeApi, item, renderApp, user, type Handler } from "../../test/render";

function myApi(extra: Record<string, Handler> = {}) {
  const me = user();
  return fakeApi({
    Viewer: () => ({ data: { me } }),
    MyItems: () => ({
      data: {
        me: { ...me, items: connection("ItemConnection", [item({ chatRoomCount: 2 }), item({ id: "i2", title: "의자", status: "RESERVED", chatRoomCount: 0 })]) },
      },
    }),
    MyChatRoomsForSale: () => ({
      data: {
        chatRooms: connection("ChatRoomConnection", [
          { __typename: "ChatRoom", id: "r1", item: { __typename: "Item", id: "i1" }, seller: me, buyer: user({ id: "b1", nickname: "당근" }) },
          { __typename: "ChatRoom", id: "r2", item: { __typename: "Item", id: "i1" }, seller: me, buyer: user({ id: "b2", nickname: "양파" }) },
          { __typename: "ChatRoom", id: "r3", item: { __typename: "Item", id: "i9" }, seller: me, buyer: user({ id: "b3", nickname: "고구마" }) },
        ]),
      },
    }),
    ...extra,
  });
}

describe("나의 판매내역", () => {
  it("marks an item sold to a buyer chosen from its chats", async () => {
    const api = myApi({
      ChangeItemStatus: (v) => ({
        data: { changeItemStatus: { __typename: "Item", id: v.id, status: v.status, soldAt: "2026-12-03T10:00:00Z", updatedAt: "2026-12-03T10:00:00Z" } },
      }),
    });
    renderApp("/me/items", api, "tok");
    const u = userEvent.setup();
    const group = await screen.findByRole("group", { name: "아이폰 13 프로 관리" });
    await u.click(within(group).getByRole("button", { name: "거래완료로 변경" }));
    const buyer = await screen.findByLabelText("구매자");
    // Only the buyers who chatted about this item.
    expect(within(buyer).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "채팅 밖에서 거래했어요 (구매자 없음)",
      "당근",
      "양파",
    ]);
    await u.selectOptions(buyer, "양파");
    await u.click(screen.getByRole("button", { name: "거래완료 확인" }));
    await waitFor(() => expect(api.calls("ChangeItemStatus")[0]?.variables).toEqual({ id: "i1", status: "SOLD", buyerId: "b2" }));
  });

  it("reserves, puts back on sale, bumps and deletes (after a confirmation)", async () => {
    const api = myApi({
      ChangeItemStatus: (v) => ({
        data: { changeItemStatus: { __typename: "Item", id: v.id, status: v.status, soldAt: null, updatedAt: "2026-12-03T10:00:00Z" } },
      }),
      BumpItem: (v) => ({ data: { bumpItem: { __typename: "Item", id: v.id, bumpedAt: "2026-12-03T10:00:00Z" } } }),
      DeleteItem: (v) => ({ data: { deleteItem: v.id } }),
    });
    renderApp("/me/items", api, "tok");
    const u = userEvent.setup();
    const first = await screen.findByRole("group", { name: "아이폰 13 프로 관리" });
    await u.click(within(first).getByRole("button", { name: "예약중으로 변경" }));
    await waitFor(() => expect(api.calls("ChangeItemStatus")[0]?.variables).toEqual({ id: "i1", status: "RESERVED" }));
    const second = screen.getByRole("group", { name: "의자 관리" });
    await u.click(within(second).getByRole("button", { name: "판매중으로 변경" }));
    await waitFor(() => expect(api.calls("ChangeItemStatus")[1]?.variables).toMatchObject({ id: "i2", status: "ON_SALE" }));
    await u.click(within(screen.getByRole("group", { name: "의자 관리" })).getByRole("button", { name: "끌어올리기" }));
    await waitFor(() => expect(api.calls("BumpItem")[0]?.variables).toEqual({ id: "i2" }));
    await u.click(within(screen.getByRole("group", { name: "의자 관리" })).getByRole("button", { name: "삭제" }));
    expect(api.calls("DeleteItem")).toHaveLength(0);
    await u.click(within(screen.getByRole("group", { name: "삭제 확인" })).getByRole("button", { name: "삭제 확인" }));
    await waitFor(() => expect(api.calls("DeleteItem")[0]?.variables).toEqual({ id: "i2" }));
  });

  it("says why a bump was refused", async () => {
    const api = myApi({
      BumpItem: () => ({ errors: [{ message: "An item can be bumped once per 24 hours.", extensions: { code: "CONFLICT" } }] }),
    });
    renderApp("/me/items", api, "tok");
    const group = await screen.findByRole("group", { name: "아이폰 13 프로 관리" });
    await userEvent.click(within(group).getByRole("button", { name: "끌어올리기" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("이미 처리되었거나 다른 변경과 겹쳤어요.");
  });
});

import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { connection, fakeApi, item, renderApp, user } from "../../test/render";

const base = {
  Viewer: () => ({ data: { me: user() } }),
  SellCategories: () => ({ data: { categories: ["디지털기기", "생활가전"] } }),
  ItemDetail: () => ({ data: { item: item({ id: "new1", title: "맥북 에어", comments: connection("CommentConnection", []) }) } }),
  RelatedItems: () => ({ data: { relatedItems: [] } }),
};

describe("내 물건 팔기", () => {
  it("asks a signed-out person to log in first", async () => {
    renderApp("/sell", fakeApi(base));
    expect(await screen.findByRole("heading", { name: "내 물건 팔기" })).toBeInTheDocument();
    expect(screen.getAllByRole("link", { name: "로그인" }).some((a) => a.getAttribute("href")?.includes("next=%2Fsell"))).toBe(true);
  });

  it("lists an item (the region defaults to the seller's) and opens it", async () => {
    // The read side learns of the new item a moment later: the page waits for it instead of saying it is gone.
    let reads = 0;
    const api = fakeApi({
      ...base,
      CreateItem: () => ({ data: { createItem: { __typename: "Item", id: "new1" } } }),
      ItemDetail: () => (++reads < 3 ? { data: { item: null } } : base.ItemDetail()),
    });
    renderApp("/sell", api, "tok");
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText("제목"), "맥북 에어");
    await u.selectOptions(screen.getByLabelText("카테고리"), "디지털기기");
    await u.type(screen.getByLabelText("가격"), "0");
    await u.type(screen.getByLabelText("자세한 설명"), "나눔합니다");
    expect(screen.getByLabelText("동네")).toHaveValue("서울 마포구 망원동");
    await u.click(screen.getByRole("button", { name: "등록하기" }));
    expect(await screen.findByRole("heading", { level: 1, name: "맥북 에어" })).toBeInTheDocument();
    expect(api.calls("CreateItem")[0].variables).toEqual({
      input: { title: "맥북 에어", description: "나눔합니다", price: 0, category: "디지털기기", region: "서울 마포구 망원동" },
    });
  });

  it("shows each server error at its field", async () => {
    const api = fakeApi({
      ...base,
      CreateItem: () => ({
        errors: [{ message: "The title must be 2 to 100 characters long (it has 1).", extensions: { code: "BAD_USER_INPUT", field: "title" } }],
      }),
    });
    renderApp("/sell", api, "tok");
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText("제목"), "맥");
    await u.selectOptions(screen.getByLabelText("카테고리"), "디지털기기");
    await u.type(screen.getByLabelText("가격"), "1000");
    await u.click(screen.getByRole("button", { name: "등록하기" }));
    const title = screen.getByLabelText("제목");
    await waitFor(() => expect(title).toHaveAttribute("aria-invalid", "true"));
    expect(title).toHaveAccessibleDescription("이 칸을 다시 확인해 주세요. (The title must be 2 to 100 characters long (it has 1).)");
    expect(screen.getByLabelText("가격")).not.toHaveAttribute("aria-invalid");
  });

  it("refuses a price that is not a number before asking the server", async () => {
    const api = fakeApi(base);
    renderApp("/sell", api, "tok");
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText("가격"), "만원");
    await u.click(screen.getByRole("button", { name: "등록하기" }));
    expect(screen.getByLabelText("가격")).toHaveAccessibleDescription(/가격을 숫자로 넣어 주세요/);
    expect(api.calls("CreateItem")).toHaveLength(0);
  });

  it("edits an item, sending only what changed", async () => {
    const api = fakeApi({
      ...base,
      EditItem: () => ({ data: { item: item({ id: "i1" }), categories: ["디지털기기"] } }),
      UpdateItem: () => ({ data: { updateItem: item({ id: "i1", price: 600000 }) } }),
      ItemDetail: () => ({ data: { item: item({ id: "i1", price: 600000, comments: connection("CommentConnection", []) }) } }),
    });
    renderApp("/items/i1/edit", api, "tok");
    const u = userEvent.setup();
    const price = await screen.findByLabelText("가격");
    expect(screen.getByRole("heading", { name: "물건 수정" })).toBeInTheDocument();
    await u.clear(price);
    await u.type(price, "600000");
    await u.click(screen.getByRole("button", { name: "수정 완료" }));
    await waitFor(() => expect(api.calls("UpdateItem")[0]?.variables).toEqual({ id: "i1", input: { price: 600000 } }));
    expect(await screen.findByText("600,000원", { selector: ".item-price" })).toBeInTheDocument();
  });
});

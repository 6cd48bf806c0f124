import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { connection, fakeApi, item, renderApp } from "../../test/render";

const categories = () => ({ data: { categories: ["디지털기기", "가구/인테리어"] } });

describe("동네 피드", () => {
  it("lists items with 원 prices and 나눔 for free ones", async () => {
    const api = fakeApi({
      Categories: categories,
      FeedItems: () => ({
        data: {
          items: connection("ItemConnection", [item(), item({ id: "i2", title: "책상 나눔해요", price: 0 })]),
        },
      }),
    });
    renderApp("/", api);
    const list = await screen.findByRole("list", { name: "물건 목록" });
    expect(within(list).getByRole("link", { name: "아이폰 13 프로" })).toHaveAttribute("href", "/items/i1");
    expect(within(list).getByText("650,000원")).toBeInTheDocument();
    expect(within(list).getByText("나눔")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "전체 중고거래" })).toBeInTheDocument();
  });

  it("sends the filters as ItemFilter and starts again from the first page", async () => {
    const api = fakeApi({
      Categories: categories,
      FeedItems: () => ({ data: { items: connection("ItemConnection", [item()]) } }),
    });
    renderApp("/", api);
    await screen.findByRole("list", { name: "물건 목록" });
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText("카테고리"), "디지털기기");
    await user.type(screen.getByLabelText("지역"), "서울 마포구");
    await user.type(screen.getByLabelText("최고 가격"), "700000");
    await user.selectOptions(screen.getByLabelText("거래 상태"), "ON_SALE");
    await user.click(screen.getByRole("button", { name: "적용" }));
    await waitFor(() =>
      expect(api.calls("FeedItems").at(-1)?.variables).toEqual({
        filter: { region: "서울 마포구", category: "디지털기기", status: "ON_SALE", minPrice: null, maxPrice: 700000 },
        first: 20,
        after: null,
      }),
    );
    expect(await screen.findByRole("heading", { level: 1, name: "서울 마포구 중고거래" })).toBeInTheDocument();
  });

  it("loads the next page over the cursor and keeps the first one", async () => {
    const api = fakeApi({
      Categories: categories,
      FeedItems: (v) =>
        v.after === "end1"
          ? { data: { items: connection("ItemConnection", [item({ id: "i3", title: "자전거" })], false, "end2") } }
          : { data: { items: connection("ItemConnection", [item()], true, "end1") } },
    });
    renderApp("/", api);
    await screen.findByRole("link", { name: "아이폰 13 프로" });
    await userEvent.click(screen.getByRole("button", { name: "더 보기" }));
    await screen.findByRole("link", { name: "자전거" });
    expect(screen.getByRole("link", { name: "아이폰 13 프로" })).toBeInTheDocument();
    expect(api.calls("FeedItems").at(-1)?.variables.after).toBe("end1");
    expect(screen.queryByRole("button", { name: "더 보기" })).not.toBeInTheDocument();
  });

  it("shows an API error in Korean, never a blank page", async () => {
    const api = fakeApi({
      Categories: categories,
      FeedItems: () => ({
        errors: [{ message: "`minPrice` is greater than `maxPrice`", extensions: { code: "BAD_USER_INPUT", field: "filter.minPrice" } }],
      }),
    });
    renderApp("/", api);
    expect(await screen.findByRole("alert")).toHaveTextContent("입력한 내용을 다시 확인해 주세요.");
  });
});

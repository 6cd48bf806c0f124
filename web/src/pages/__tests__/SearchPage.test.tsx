import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { connection, fakeApi, item, renderApp, user } from "../../test/render";

function searchApi() {
  return fakeApi({
    Categories: () => ({ data: { categories: ["디지털기기"] } }),
    Viewer: () => ({ data: { me: user() } }),
    PopularSearchTerms: (v) => ({
      data: {
        popularSearchTerms:
          v.region === "서울 마포구 망원동"
            ? [{ __typename: "SearchTermCount", term: "자전거", count: 4 }]
            : [{ __typename: "SearchTermCount", term: "아이폰", count: 9 }],
      },
    }),
    SearchSuggestions: (v) => ({ data: { searchSuggestions: v.prefix === "아이" ? ["아이폰", "아이패드"] : [] } }),
    SearchItems: () => {
      const edges = connection("SearchItemConnection", [item(), item({ id: "i2", title: "폰 케이스", description: "아이폰 13 케이스" })]);
      edges.edges[0] = { ...edges.edges[0], highlight: "<mark>아이폰</mark> 13 프로" } as never;
      edges.edges[1] = { ...edges.edges[1], highlight: "<mark>아이폰</mark> 13 케이스" } as never;
      return { data: { searchItems: edges } };
    },
  });
}

describe("검색", () => {
  it("has a search box named 검색 and shows the neighbourhood's popular terms", async () => {
    const api = searchApi();
    renderApp("/search", api, "tok");
    expect(await screen.findByRole("searchbox", { name: "검색" })).toHaveAttribute("type", "search");
    expect(await screen.findByRole("heading", { name: "서울 마포구 망원동 인기 검색어" })).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "자전거" })).toHaveAttribute("href", "/search?q=%EC%9E%90%EC%A0%84%EA%B1%B0");
  });

  it("suggests while typing, and a suggestion searches", async () => {
    const api = searchApi();
    renderApp("/search", api);
    const u = userEvent.setup();
    await u.type(await screen.findByRole("searchbox", { name: "검색" }), "아이");
    const suggestions = await screen.findByRole("list", { name: "추천 검색어" });
    await u.click(within(suggestions).getByRole("button", { name: "아이폰" }));
    await waitFor(() => expect(api.calls("SearchItems").at(-1)?.variables).toMatchObject({ query: "아이폰", sort: "RELEVANCE" }));
    expect(screen.getByRole("searchbox", { name: "검색" })).toHaveValue("아이폰");
  });

  it("shows results with highlights (title, or the description's window under it) and sorts", async () => {
    const api = searchApi();
    const { container } = renderApp("/search?q=%EC%95%84%EC%9D%B4%ED%8F%B0", api);
    const list = await screen.findByRole("list", { name: "물건 목록" });
    expect(within(list).getByRole("link", { name: "아이폰 13 프로" })).toBeInTheDocument();
    expect(container.querySelector(".item-card-title mark")?.textContent).toBe("아이폰");
    // Only the description matched: the title stays, the window is shown under it.
    expect(within(list).getByRole("link", { name: "폰 케이스" })).toBeInTheDocument();
    expect(container.querySelector(".item-card-snippet mark")?.textContent).toBe("아이폰");
    await userEvent.selectOptions(screen.getByLabelText("정렬"), "PRICE_ASC");
    await waitFor(() => expect(api.calls("SearchItems").at(-1)?.variables).toMatchObject({ sort: "PRICE_ASC" }));
    await userEvent.selectOptions(screen.getByLabelText("거래 상태"), "ON_SALE");
    await waitFor(() =>
      expect(api.calls("SearchItems").at(-1)?.variables).toMatchObject({ query: "아이폰", sort: "PRICE_ASC", filter: { status: "ON_SALE" } }),
    );
  });
});

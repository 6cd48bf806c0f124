// Type-checked with `tsc --strict` against the types codegen generated from the router's schema.
import { type FragmentType, useFragment } from "./gql";
import type {
  CreateItemMutationVariables,
  FeedPageQuery,
  ItemCardFragment,
  ItemPageQuery,
  LogInMutation,
  SearchQuery,
  SearchSort,
} from "./gql/graphql";
import { ItemCardFragmentDoc } from "./gql/graphql";

// Fragment masking: the feed sees its cards only through the fragment the card declared.
export function titles(page: FeedPageQuery): string[] {
  return page.items.edges.map((edge) => useFragment(ItemCardFragmentDoc, edge.node).title);
}

export function price(card: FragmentType<typeof ItemCardFragmentDoc>): number {
  const item: ItemCardFragment = useFragment(ItemCardFragmentDoc, card);
  return item.status === "SOLD" ? 0 : item.price;
}

export function commentBodies(page: ItemPageQuery): string[] {
  // item is nullable (it may be gone), comments too (an outage of the comments subgraph).
  return page.item?.comments?.edges.map((edge) => edge.node.body) ?? [];
}

export function token(answer: LogInMutation): string {
  return answer.logIn.token;
}

export function highlights(result: SearchQuery): (string | null | undefined)[] {
  return result.searchItems.edges.map((edge) => edge.highlight);
}

export const newItem: CreateItemMutationVariables = {
  input: { title: "자전거", description: "거의 새것", price: 0, category: "스포츠", region: "서울 마포구" },
};

export const newest: SearchSort = "NEWEST";

// @ts-expect-error: not a SearchSort value.
export const unknownSort: SearchSort = "CHEAPEST";

// @ts-expect-error: codegen knows `me` is not part of the feed query.
export const wrong = (page: FeedPageQuery) => page.me;

import { useState } from "react";
import { useSearchParams } from "react-router";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { ItemFilter, ItemStatus } from "../gql/graphql";
import { ErrorMessage } from "../components/ErrorMessage";
import { ItemCard } from "../components/ItemCard";
import { InfiniteScroll } from "../components/InfiniteScroll";
import { ItemFilters, filterFromParams } from "../components/ItemFilters";
import { useViewer } from "../lib/viewer";

const PAGE_SIZE = 20;

const FeedQuery = graphql(`
  query FeedItems($filter: ItemFilter, $first: Int, $after: String) {
    items(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          ...ItemCard_item
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

/** 동네 피드: the newest listings of a neighbourhood, filtered, loaded page by page as one scrolls. */
export function FeedPage() {
  const [params, setParams] = useSearchParams();
  const { viewer } = useViewer();
  // The viewer's neighbourhood by default; `region=` (empty) in the URL means everywhere.
  const filters = filterFromParams(params, viewer?.region ?? "");
  const filter: ItemFilter = {
    region: filters.region || null,
    category: filters.category || null,
    status: (filters.status || null) as ItemStatus | null,
    minPrice: filters.minPrice,
    maxPrice: filters.maxPrice,
  };
  const key = JSON.stringify(filter);
  const [after, setAfter] = useState<{ key: string; cursor: string | null }>({ key, cursor: null });
  const cursor = after.key === key ? after.cursor : null;
  const [result] = useQuery({ query: FeedQuery, variables: { filter, first: PAGE_SIZE, after: cursor } });
  const items = result.data?.items;
  return (
    <section className="page" aria-labelledby="feed-title">
      <h1 id="feed-title">{filter.region ? `${filter.region} 중고거래` : "전체 중고거래"}</h1>
      <ItemFilters values={filters} onChange={(next) => setParams(next, { replace: true })} />
      <ErrorMessage error={result.error} />
      {items ? (
        <>
          <p className="count" aria-live="polite">
            {items.totalCount.toLocaleString("ko-KR")}개의 물건
          </p>
          {items.edges.length === 0 ? <p className="empty">조건에 맞는 물건이 없어요.</p> : null}
          <ul className="item-list" aria-label="물건 목록">
            {items.edges.map((edge) => (
              <li key={edge.node.id}>
                <ItemCard item={edge.node} />
              </li>
            ))}
          </ul>
          <InfiniteScroll
            hasMore={items.pageInfo.hasNextPage}
            loading={result.fetching}
            onMore={() => setAfter({ key, cursor: items.pageInfo.endCursor ?? null })}
          />
        </>
      ) : result.fetching ? (
        <p aria-busy="true">불러오는 중…</p>
      ) : null}
    </section>
  );
}

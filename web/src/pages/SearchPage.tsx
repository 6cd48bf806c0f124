import { useEffect, useId, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { ItemStatus, SearchFilter, SearchSort } from "../gql/graphql";
import { ErrorMessage } from "../components/ErrorMessage";
import { InfiniteScroll } from "../components/InfiniteScroll";
import { ItemCard } from "../components/ItemCard";
import { ItemFilters, filterFromParams } from "../components/ItemFilters";
import { useViewer } from "../lib/viewer";

const PAGE_SIZE = 20;

const SearchQuery = graphql(`
  query SearchItems($query: String!, $filter: SearchFilter, $sort: SearchSort, $first: Int, $after: String) {
    searchItems(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
      edges {
        cursor
        highlight
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

const SuggestionsQuery = graphql(`
  query SearchSuggestions($prefix: String!) {
    searchSuggestions(prefix: $prefix, first: 8)
  }
`);

const PopularQuery = graphql(`
  query PopularSearchTerms($region: String) {
    popularSearchTerms(first: 10, region: $region) {
      term
      count
    }
  }
`);

const SORTS: { value: SearchSort; label: string }[] = [
  { value: "RELEVANCE", label: "정확도순" },
  { value: "NEWEST", label: "최신순" },
  { value: "PRICE_ASC", label: "낮은 가격순" },
  { value: "PRICE_DESC", label: "높은 가격순" },
];

/** The value after the person stopped typing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** 검색: Korean-aware search with suggestions while typing, the neighbourhood's popular terms, highlighted
 * results, filters and sorts. The query and filters live in the URL (`/search?q=아이폰&sort=NEWEST`). */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const { viewer } = useViewer();
  const q = params.get("q") ?? "";
  const [typed, setTyped] = useState(q);
  const [seenQ, setSeenQ] = useState(q);
  if (seenQ !== q) {
    setSeenQ(q);
    setTyped(q);
  }
  const search = (term: string) => {
    const next = new URLSearchParams(params);
    if (term.trim()) next.set("q", term.trim());
    else next.delete("q");
    setParams(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    search(typed);
  };
  // Popular terms of the neighbourhood: the chosen region, else the viewer's.
  const region = filterFromParams(params, viewer?.region ?? "").region;
  return (
    <section className="page" aria-labelledby="search-title">
      <h1 id="search-title">검색</h1>
      <form role="search" aria-label="물건 검색" className="search-box" onSubmit={submit}>
        <input
          type="search"
          aria-label="검색"
          placeholder="동네에서 찾아보세요 (예: 아이폰)"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          enterKeyHint="search"
          maxLength={200}
        />
        <button type="submit">검색하기</button>
      </form>
      {typed.trim() && typed.trim() !== q ? <Suggestions prefix={typed.trim()} onPick={search} /> : null}
      {/* Results search everywhere unless a region is chosen: a buyer from the next neighbourhood finds it too. */}
      {q ? <Results q={q} params={params} setParams={setParams} /> : <Popular region={region} />}
    </section>
  );
}

function Suggestions({ prefix, onPick }: { prefix: string; onPick(term: string): void }) {
  const settled = useDebounced(prefix, 150);
  const [result] = useQuery({ query: SuggestionsQuery, variables: { prefix: settled } });
  const suggestions = result.data?.searchSuggestions ?? [];
  if (suggestions.length === 0) return null;
  return (
    <ul className="suggestions" aria-label="추천 검색어">
      {suggestions.map((term) => (
        <li key={term}>
          <button type="button" className="link-button" onClick={() => onPick(term)}>
            {term}
          </button>
        </li>
      ))}
    </ul>
  );
}

function Popular({ region }: { region: string }) {
  const headingId = useId();
  const [local] = useQuery({ query: PopularQuery, variables: { region: region || null } });
  // A neighbourhood nobody searched yet shows the terms of everywhere instead of nothing.
  const quiet = Boolean(region) && local.data?.popularSearchTerms.length === 0;
  const [everywhere] = useQuery({ query: PopularQuery, variables: { region: null }, pause: !quiet });
  const result = quiet ? everywhere : local;
  const terms = result.data?.popularSearchTerms ?? [];
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{region && !quiet ? `${region} 인기 검색어` : "인기 검색어"}</h2>
      <ErrorMessage error={result.error} />
      {terms.length === 0 && !result.fetching && !result.error ? <p className="empty">아직 인기 검색어가 없어요.</p> : null}
      <ol className="popular">
        {terms.map((t) => (
          <li key={t.term}>
            <Link to={`/search?q=${encodeURIComponent(t.term)}`}>{t.term}</Link>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Results({
  q,
  params,
  setParams,
}: {
  q: string;
  params: URLSearchParams;
  setParams: (next: URLSearchParams, options?: { replace?: boolean }) => void;
}) {
  const sortId = useId();
  const filters = filterFromParams(params, "");
  const sort = (SORTS.find((s) => s.value === params.get("sort"))?.value ?? "RELEVANCE") as SearchSort;
  const filter: SearchFilter = {
    region: filters.region || null,
    category: filters.category || null,
    status: (filters.status || null) as ItemStatus | null,
    minPrice: filters.minPrice,
    maxPrice: filters.maxPrice,
  };
  const key = JSON.stringify([q, filter, sort]);
  const [after, setAfter] = useState<{ key: string; cursor: string | null }>({ key, cursor: null });
  const cursor = after.key === key ? after.cursor : null;
  const [result] = useQuery({ query: SearchQuery, variables: { query: q, filter, sort, first: PAGE_SIZE, after: cursor } });
  const found = result.data?.searchItems;
  return (
    <>
      <ItemFilters values={filters} keep={params} onChange={(next) => setParams(next, { replace: true })} />
      <div className="field sort">
        <label htmlFor={sortId}>정렬</label>
        <select
          id={sortId}
          value={sort}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            next.set("sort", e.target.value);
            setParams(next, { replace: true });
          }}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={result.error} />
      {found ? (
        <>
          <p className="count" aria-live="polite">
            ‘{q}’ 검색 결과 {found.totalCount.toLocaleString("ko-KR")}개
          </p>
          {found.edges.length === 0 ? <p className="empty">검색 결과가 없어요. 다른 말로 찾아보세요.</p> : null}
          <ul className="item-list" aria-label="물건 목록">
            {found.edges.map((edge) => (
              <li key={edge.node.id}>
                <ItemCard item={edge.node} highlight={edge.highlight} />
              </li>
            ))}
          </ul>
          <InfiniteScroll
            hasMore={found.pageInfo.hasNextPage}
            loading={result.fetching}
            onMore={() => setAfter({ key, cursor: found.pageInfo.endCursor ?? null })}
          />
        </>
      ) : result.fetching ? (
        <p aria-busy="true">찾는 중…</p>
      ) : null}
    </>
  );
}

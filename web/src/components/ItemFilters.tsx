import { useId, useState, type FormEvent } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { STATUS_LABELS } from "../lib/format";

const CategoriesQuery = graphql(`
  query Categories {
    categories
  }
`);

export interface FilterValues {
  region: string;
  category: string;
  status: string;
  minPrice: number | null;
  maxPrice: number | null;
}

function price(value: string | null): number | null {
  if (value == null || value.trim() === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : null;
}

/** The filters as they stand in the URL (`?region=&category=&status=&min=&max=`). */
export function filterFromParams(params: URLSearchParams, defaultRegion: string): FilterValues {
  return {
    region: params.get("region") ?? defaultRegion,
    category: params.get("category") ?? "",
    status: params.get("status") ?? "",
    minPrice: price(params.get("min")),
    maxPrice: price(params.get("max")),
  };
}

/** URL parameters for the filters, keeping any other parameters (the search query, the sort). */
export function filterParams(values: FilterValues, keep: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const next = new URLSearchParams(keep);
  next.set("region", values.region);
  for (const [name, value] of [
    ["category", values.category],
    ["status", values.status],
    ["min", values.minPrice == null ? "" : String(values.minPrice)],
    ["max", values.maxPrice == null ? "" : String(values.maxPrice)],
  ] as const) {
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return next;
}

/** 동네, 카테고리, 가격, 거래 상태. Choices apply at once; typed ones with 적용. */
export function ItemFilters({
  values,
  onChange,
  keep,
}: {
  values: FilterValues;
  onChange(next: URLSearchParams): void;
  keep?: URLSearchParams;
}) {
  const id = useId();
  const [categories] = useQuery({ query: CategoriesQuery });
  const [draft, setDraft] = useState(values);
  const [seen, setSeen] = useState(values);
  if (JSON.stringify(seen) !== JSON.stringify(values)) {
    // The URL changed (back button, a popular term): show what is applied.
    setSeen(values);
    setDraft(values);
  }
  const apply = (next: FilterValues) => onChange(filterParams(next, keep));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
  return (
    <form className="filters" role="search" aria-label="필터" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-region`}>지역</label>
        <input
          id={`${id}-region`}
          value={draft.region}
          placeholder="예: 서울 마포구"
          onChange={(e) => setDraft({ ...draft, region: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-category`}>카테고리</label>
        <select
          id={`${id}-category`}
          value={draft.category}
          onChange={(e) => apply({ ...draft, category: e.target.value })}
        >
          <option value="">전체</option>
          {(categories.data?.categories ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>거래 상태</label>
        <select id={`${id}-status`} value={draft.status} onChange={(e) => apply({ ...draft, status: e.target.value })}>
          <option value="">전체</option>
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-price">
        <label htmlFor={`${id}-min`}>최저 가격</label>
        <input
          id={`${id}-min`}
          type="number"
          inputMode="numeric"
          min={0}
          value={draft.minPrice ?? ""}
          onChange={(e) => setDraft({ ...draft, minPrice: price(e.target.value) })}
        />
      </div>
      <div className="field field-price">
        <label htmlFor={`${id}-max`}>최고 가격</label>
        <input
          id={`${id}-max`}
          type="number"
          inputMode="numeric"
          min={0}
          value={draft.maxPrice ?? ""}
          onChange={(e) => setDraft({ ...draft, maxPrice: price(e.target.value) })}
        />
      </div>
      <button type="submit">적용</button>
    </form>
  );
}

import { render } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { vi } from "vitest";
import { AppRoutes } from "../App";
import { AuthProvider } from "../lib/auth";
import { makeClient, type Subscriber } from "../lib/client";

/** One GraphQL answer, as the router would send it. */
export interface Answer {
  data?: unknown;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export type Handler = (variables: Record<string, unknown>) => Answer;

export interface Sent {
  operationName: string;
  variables: Record<string, unknown>;
  authorization: string | null;
}

/** A fake router behind the real urql client (Graphcache included): answers by operation name and records
 * every request. Subscriptions go through `live`, a stand-in for graphql-ws whose sinks a test pushes into. */
export function fakeApi(handlers: Record<string, Handler>) {
  const sent: Sent[] = [];
  const sinks: { operationName: string; variables: Record<string, unknown>; next(value: Answer): void }[] = [];
  const connectionParams: Record<string, string>[] = [];
  const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { operationName: string; variables?: Record<string, unknown> };
    const headers = new Headers(init.headers);
    sent.push({ operationName: body.operationName, variables: body.variables ?? {}, authorization: headers.get("authorization") });
    const handler = handlers[body.operationName];
    const answer: Answer = handler
      ? handler(body.variables ?? {})
      : { errors: [{ message: `no fake for ${body.operationName}`, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }] };
    return new Response(JSON.stringify(answer), { status: 200, headers: { "content-type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetchMock);
  const ws = (params: Record<string, string>): Subscriber => {
    connectionParams.push(params);
    return {
      subscribe(payload, sink) {
        const entry = {
          operationName: payload.operationName ?? "",
          variables: (payload.variables ?? {}) as Record<string, unknown>,
          next: (value: Answer) => sink.next(value as never),
        };
        sinks.push(entry);
        return () => {
          sinks.splice(sinks.indexOf(entry), 1);
        };
      },
      dispose: () => undefined,
    };
  };
  return {
    sent,
    sinks,
    connectionParams,
    factory: (token: string | null, options: { onUnauthenticated(): void }) =>
      makeClient(token, { ...options, url: "http://localhost/graphql", ws }),
    /** The requests made for one operation, in order. */
    calls: (operationName: string) => sent.filter((s) => s.operationName === operationName),
  };
}

/** The whole app (routes, layout, error boundary) at `path`, on a fake API. */
export function renderApp(path: string, api: ReturnType<typeof fakeApi>, token: string | null = null) {
  if (token) sessionStorage.setItem("gamja.token", token);
  return render(
    <AuthProvider clientFactory={api.factory}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </AuthProvider>,
  );
}

/** An Item as the API returns it, with every field any page asks for (tests override what they check). */
export function item(overrides: Record<string, unknown> = {}) {
  return {
    __typename: "Item",
    id: "i1",
    title: "아이폰 13 프로",
    description: "깨끗하게 썼어요.",
    price: 650000,
    category: "디지털기기",
    region: "서울 마포구 망원동",
    status: "ON_SALE",
    createdAt: "2026-12-01T10:00:00Z",
    updatedAt: "2026-12-01T10:00:00Z",
    bumpedAt: "2026-12-01T10:00:00Z",
    soldAt: null,
    likeCount: 3,
    viewCount: 12,
    commentCount: 2,
    likedByViewer: false,
    chatRoomCount: null,
    seller: user(),
    ...overrides,
  };
}

export function user(overrides: Record<string, unknown> = {}) {
  return { __typename: "User", id: "u1", nickname: "감자", region: "서울 마포구 망원동", mannerScore: 36.5, ...overrides };
}

export function connection(typename: string, nodes: unknown[], hasNextPage = false, endCursor: string | null = null) {
  return {
    __typename: typename,
    edges: nodes.map((node, i) => ({ __typename: typename.replace("Connection", "Edge"), cursor: `c${i}`, node })),
    pageInfo: { __typename: "PageInfo", hasNextPage, endCursor },
    totalCount: nodes.length,
  };
}

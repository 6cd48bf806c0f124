import { Client, fetchExchange, mapExchange, subscriptionExchange } from "urql";
import { cacheExchange, type Cache } from "@urql/exchange-graphcache";
import { relayPagination } from "@urql/exchange-graphcache/extras";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";

/** ws(s)://<this origin>/graphql: the router (or Vite's dev proxy) serves subscriptions beside queries. */
export function websocketUrl(location: Location = window.location): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/graphql`;
}

/** Types without an id: stored inside their parent, not as entities of their own. */
const EMBEDDED = [
  "AuthPayload",
  "PageInfo",
  "ItemConnection",
  "ItemEdge",
  "SearchItemConnection",
  "SearchItemEdge",
  "CommentConnection",
  "CommentEdge",
  "ChatRoomConnection",
  "ChatRoomEdge",
  "ChatMessageConnection",
  "ChatMessageEdge",
  "ReviewConnection",
  "ReviewEdge",
  "SearchTermCount",
] as const;

export function cache() {
  return cacheExchange({
    keys: Object.fromEntries(EMBEDDED.map((name) => [name, () => null])),
    resolvers: {
      // Infinite scroll: pages of one filter merge into one list (variables other than first/after differ → separate lists).
      Query: { items: relayPagination(), searchItems: relayPagination() },
      User: { items: relayPagination() },
      Item: { comments: relayPagination() },
    },
    updates: {
      Mutation: {
        createItem(_result, _args, cache) {
          invalidateField(cache, "Query", "items");
          invalidateViewerItems(cache);
        },
        deleteItem(result, _args, cache) {
          if (typeof result.deleteItem === "string") cache.invalidate({ __typename: "Item", id: result.deleteItem });
        },
        bumpItem(_result, _args, cache) {
          invalidateField(cache, "Query", "items");
          invalidateViewerItems(cache);
        },
        changeItemStatus(_result, _args, cache) {
          // The item moves between the status tabs of 나의 판매내역 and between filtered feeds.
          invalidateField(cache, "Query", "items");
          invalidateViewerItems(cache);
        },
        addComment(_result, args, cache) {
          cache.invalidate({ __typename: "Item", id: args.itemId as string }, "comments");
          cache.invalidate({ __typename: "Item", id: args.itemId as string }, "commentCount");
        },
        deleteComment(_result, _args, cache) {
          invalidateAllItemsField(cache, "comments");
        },
        startChat(_result, _args, cache) {
          invalidateField(cache, "Query", "chatRooms");
        },
      },
      Subscription: {
        chatMessageSent(_result, _args, cache) {
          // Room order, last messages and unread counts all move with a new message.
          invalidateField(cache, "Query", "chatRooms");
        },
      },
    },
  });
}

function invalidateField(cache: Cache, entity: string, field: string) {
  for (const f of cache.inspectFields(entity)) {
    if (f.fieldName === field) cache.invalidate(entity, f.fieldName, f.arguments ?? undefined);
  }
}

function invalidateViewerItems(cache: Cache) {
  const me = cache.resolve("Query", "me");
  if (typeof me === "string") invalidateField(cache, me, "items");
}

function invalidateAllItemsField(cache: Cache, field: string) {
  for (const f of cache.inspectFields("Query")) {
    if (f.fieldName === "item" && f.arguments?.id) {
      cache.invalidate({ __typename: "Item", id: f.arguments.id as string }, field);
    }
  }
}

export interface ApiClient {
  client: Client;
  /** Closes what the client holds open (its WebSocket). */
  dispose(): void;
}

/** What the client needs of a graphql-ws client (tests hand in their own). */
export type Subscriber = Pick<WsClient, "subscribe" | "dispose">;

export interface ClientOptions {
  url?: string;
  wsUrl?: string;
  /** Makes the WebSocket client; graphql-ws's own by default. */
  ws?: (connectionParams: Record<string, string>) => Subscriber;
  /** Called when the API refuses the token (expired, or signed out everywhere): the session ends. */
  onUnauthenticated?: () => void;
}

/** One client per signed-in token: signing in or out starts a fresh cache and a fresh socket. */
export function makeClient(token: string | null, options: ClientOptions = {}): ApiClient {
  const authorization = token ? `Bearer ${token}` : undefined;
  // The router reads the token from the connection_init payload.
  const connectionParams: Record<string, string> = authorization ? { Authorization: authorization } : {};
  const ws =
    options.ws?.(connectionParams) ??
    createWsClient({ url: options.wsUrl ?? websocketUrl(), lazy: true, connectionParams, retryAttempts: 5 });
  const client = new Client({
    url: options.url ?? "/graphql",
    preferGetMethod: false,
    fetchOptions: (): RequestInit => (authorization ? { headers: { Authorization: authorization } } : {}),
    exchanges: [
      mapExchange({
        onError(error) {
          const refused = error.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED");
          if (refused && token) options.onUnauthenticated?.();
        },
      }),
      cache(),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || "" };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return { client, dispose: () => void ws.dispose() };
}

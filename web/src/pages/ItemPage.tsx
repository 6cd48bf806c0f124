import { useEffect, useId, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { Comments } from "../components/Comments";
import { ErrorMessage } from "../components/ErrorMessage";
import { ItemCard } from "../components/ItemCard";
import { useAuth } from "../lib/auth";
import { STATUS_LABELS, formatManner, formatPrice, timeAgo } from "../lib/format";
import { retryWhileNotFound } from "../lib/retry";
import { useViewer } from "../lib/viewer";

const ItemQuery = graphql(`
  query ItemDetail($id: ID!) {
    item(id: $id) {
      id
      title
      description
      price
      category
      region
      status
      createdAt
      bumpedAt
      likeCount
      viewCount
      likedByViewer
      commentCount
      chatRoomCount
      seller {
        id
        nickname
        region
        mannerScore
      }
      comments(first: 100) {
        edges {
          node {
            id
            ...CommentThread_comment
          }
        }
        totalCount
      }
    }
  }
`);

// Its own query: a search outage leaves the rest of the page standing.
const RelatedQuery = graphql(`
  query RelatedItems($id: ID!) {
    relatedItems(itemId: $id, first: 6) {
      id
      ...ItemCard_item
    }
  }
`);

const LikeMutation = graphql(`
  mutation LikeItem($id: ID!) {
    likeItem(id: $id) {
      id
      likeCount
      likedByViewer
    }
  }
`);

const UnlikeMutation = graphql(`
  mutation UnlikeItem($id: ID!) {
    unlikeItem(id: $id) {
      id
      likeCount
      likedByViewer
    }
  }
`);

const StartChatMutation = graphql(`
  mutation StartChat($itemId: ID!) {
    startChat(itemId: $itemId) {
      id
    }
  }
`);

/** 상품 상세: the listing, its seller's manner temperature, likes and views, comments, related items, 채팅하기. */
export function ItemPage() {
  const { id = "" } = useParams();
  const [result, reexecute] = useQuery({ query: ItemQuery, variables: { id } });
  const { viewer } = useViewer();
  const item = result.data?.item;
  const waiting = useFreshItemRetry(Boolean(result.data && !item && !result.error && !result.fetching), reexecute);
  if (!item) {
    return (
      <section className="page" aria-labelledby="item-title">
        {result.fetching || waiting ? (
          <p aria-busy="true">불러오는 중…</p>
        ) : (
          <>
            <h1 id="item-title">{result.error ? "물건을 불러오지 못했어요" : "없는 물건이에요"}</h1>
            <ErrorMessage error={result.error} />
            {!result.error ? <p>삭제되었거나 주소가 잘못되었어요.</p> : null}
            <Link to="/">다른 물건 보러 가기</Link>
          </>
        )}
      </section>
    );
  }
  const isSeller = viewer?.id === item.seller.id;
  return (
    <article className="page item-detail" aria-labelledby="item-title">
      <div className="photo-slot photo-large" aria-hidden="true" />
      <section className="seller" aria-label="판매자">
        <p>
          <strong className="seller-name">{item.seller.nickname}</strong>
          <span className="muted"> · {item.seller.region}</span>
        </p>
        <p className="manner">
          매너온도 <strong>{formatManner(item.seller.mannerScore)}</strong>
        </p>
      </section>
      {/* A nulled part (an outage) is said in words; what did arrive is still shown. */}
      <ErrorMessage error={result.error} />
      <h1 id="item-title">{item.title}</h1>
      <p className="muted">
        {item.category} · {item.region} · <time dateTime={item.bumpedAt}>{timeAgo(item.bumpedAt)}</time>
      </p>
      <p className="item-status">
        <span className={`badge badge-${item.status}`}>{STATUS_LABELS[item.status]}</span>
      </p>
      <p className="item-price">{formatPrice(item.price)}</p>
      <p className="item-description">{item.description}</p>
      <p className="muted item-counts">
        관심 {item.likeCount} · 조회 {item.viewCount}
        {item.chatRoomCount != null ? ` · 채팅 ${item.chatRoomCount}` : ""}
      </p>
      <Actions
        itemId={item.id}
        isSeller={isSeller}
        liked={item.likedByViewer}
        sold={item.status === "SOLD"}
      />
      <Comments
        itemId={item.id}
        threads={item.comments?.edges.map((e) => e.node) ?? []}
        total={item.commentCount ?? null}
        viewerId={viewer?.id ?? null}
        sellerId={item.seller.id}
      />
      <Related itemId={item.id} />
    </article>
  );
}

const FRESH_TRIES = 20;
const FRESH_PAUSE_MS = 500;

/** Right after listing an item (navigation state `fresh`), the read side may not have it yet (items are read
 * from a projection of events): ask again every half second for up to 10 s before saying it does not exist. */
function useFreshItemRetry(missing: boolean, reexecute: (opts: { requestPolicy: "network-only" }) => void): boolean {
  const location = useLocation();
  const fresh = (location.state as { fresh?: boolean } | null)?.fresh === true;
  const [tries, setTries] = useState(0);
  const retrying = fresh && missing && tries < FRESH_TRIES;
  useEffect(() => {
    if (!retrying) return;
    const timer = setTimeout(() => {
      setTries((n) => n + 1);
      reexecute({ requestPolicy: "network-only" });
    }, FRESH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [retrying, tries, reexecute]);
  return retrying;
}

function Actions({ itemId, isSeller, liked, sold }: { itemId: string; isSeller: boolean; liked: boolean; sold: boolean }) {
  const { token } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [likeResult, like] = useMutation(LikeMutation);
  const [unlikeResult, unlike] = useMutation(UnlikeMutation);
  const [chat, startChat] = useMutation(StartChatMutation);
  const signInFirst = () => navigate(`/login?next=${encodeURIComponent(location.pathname)}`);
  return (
    <div className="item-actions">
      {isSeller ? (
        <>
          <Link to={`/items/${itemId}/edit`} className="button">
            수정하기
          </Link>
          <Link to="/me/items" className="button">
            판매내역에서 관리
          </Link>
          <Link to="/chats" className="button">
            채팅 목록
          </Link>
        </>
      ) : (
        <>
          <button
            type="button"
            aria-pressed={liked}
            disabled={likeResult.fetching || unlikeResult.fetching}
            onClick={() => (!token ? signInFirst() : liked ? unlike({ id: itemId }) : like({ id: itemId }))}
          >
            {liked ? "♥ 관심 취소" : "♡ 관심"}
          </button>
          <button
            type="button"
            className="primary"
            disabled={chat.fetching || sold}
            onClick={async () => {
              if (!token) return signInFirst();
              const answer = await retryWhileNotFound(() => startChat({ itemId }));
              if (answer.data?.startChat) navigate(`/chats/${answer.data.startChat.id}`);
            }}
          >
            채팅하기
          </button>
        </>
      )}
      <ErrorMessage error={likeResult.error ?? unlikeResult.error ?? chat.error} />
    </div>
  );
}

function Related({ itemId }: { itemId: string }) {
  const headingId = useId();
  const [result] = useQuery({ query: RelatedQuery, variables: { id: itemId } });
  const related = result.data?.relatedItems ?? [];
  return (
    <section aria-labelledby={headingId} className="related">
      <h2 id={headingId}>이런 물건은 어때요?</h2>
      <ErrorMessage error={result.error} />
      {related.length === 0 && !result.fetching && !result.error ? <p className="empty">비슷한 물건이 아직 없어요.</p> : null}
      <ul className="item-list" aria-label="관련 물건">
        {related.map((r) => (
          <li key={r.id}>
            <ItemCard item={r} />
          </li>
        ))}
      </ul>
    </section>
  );
}

import { useId, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery } from "urql";
import { graphql, getFragmentData, type FragmentType } from "../gql";
import type { ItemStatus } from "../gql/graphql";
import { ErrorMessage } from "../components/ErrorMessage";
import { InfiniteScroll } from "../components/InfiniteScroll";
import { SignInRequired } from "../components/SignInRequired";
import { useAuth } from "../lib/auth";
import { STATUS_LABELS, formatPrice, timeAgo } from "../lib/format";

const MyItemsQuery = graphql(`
  query MyItems($status: ItemStatus, $after: String) {
    me {
      id
      items(status: $status, first: 20, after: $after) {
        edges {
          node {
            id
            ...MyItem_item
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
        totalCount
      }
    }
  }
`);

const MyItemFragment = graphql(`
  fragment MyItem_item on Item {
    id
    title
    price
    status
    bumpedAt
    likeCount
    chatRoomCount
    commentCount
  }
`);

// The seller's rooms name the buyers an item can be sold to.
const MyRoomsQuery = graphql(`
  query MyChatRoomsForSale {
    chatRooms(first: 100) {
      edges {
        node {
          id
          item {
            id
          }
          seller {
            id
          }
          buyer {
            id
            nickname
          }
        }
      }
    }
  }
`);

const ChangeStatusMutation = graphql(`
  mutation ChangeItemStatus($id: ID!, $status: ItemStatus!, $buyerId: ID) {
    changeItemStatus(id: $id, status: $status, buyerId: $buyerId) {
      id
      status
      soldAt
      updatedAt
    }
  }
`);

const BumpMutation = graphql(`
  mutation BumpItem($id: ID!) {
    bumpItem(id: $id) {
      id
      bumpedAt
    }
  }
`);

const DeleteMutation = graphql(`
  mutation DeleteItem($id: ID!) {
    deleteItem(id: $id)
  }
`);

const TABS: { status: ItemStatus | null; label: string }[] = [
  { status: null, label: "전체" },
  { status: "ON_SALE", label: "판매중" },
  { status: "RESERVED", label: "예약중" },
  { status: "SOLD", label: "거래완료" },
];

/** 나의 판매내역: reserve, sell to a buyer from the item's chats, bump (끌어올리기), edit, delete. */
export function MyItemsPage() {
  const { token } = useAuth();
  if (!token) return <SignInRequired title="나의 판매내역" />;
  return <MyItems />;
}

function MyItems() {
  const [status, setStatus] = useState<ItemStatus | null>(null);
  const [after, setAfter] = useState<{ status: ItemStatus | null; cursor: string | null }>({ status, cursor: null });
  const cursor = after.status === status ? after.cursor : null;
  const [result] = useQuery({ query: MyItemsQuery, variables: { status, after: cursor } });
  const [rooms] = useQuery({ query: MyRoomsQuery });
  const me = result.data?.me;
  const buyersOf = (itemId: string) =>
    (rooms.data?.chatRooms.edges ?? [])
      .map((e) => e.node)
      .filter((room) => room.item.id === itemId && room.seller.id === me?.id)
      .map((room) => room.buyer);
  return (
    <section className="page" aria-labelledby="my-title">
      <h1 id="my-title">나의 판매내역</h1>
      <div className="tabs" role="group" aria-label="거래 상태로 보기">
        {TABS.map((tab) => (
          <button key={tab.label} type="button" aria-pressed={status === tab.status} onClick={() => setStatus(tab.status)}>
            {tab.label}
          </button>
        ))}
      </div>
      <ErrorMessage error={result.error} />
      {me ? (
        <>
          {me.items.edges.length === 0 ? (
            <p className="empty">
              아직 판매하는 물건이 없어요. <Link to="/sell">내 물건 팔기</Link>
            </p>
          ) : null}
          <ul className="item-list" aria-label="내 물건 목록">
            {me.items.edges.map(({ node }) => (
              <li key={node.id}>
                <MyItem item={node} buyers={buyersOf(node.id)} />
              </li>
            ))}
          </ul>
          <InfiniteScroll
            hasMore={me.items.pageInfo.hasNextPage}
            loading={result.fetching}
            onMore={() => setAfter({ status, cursor: me.items.pageInfo.endCursor ?? null })}
          />
        </>
      ) : result.fetching ? (
        <p aria-busy="true">불러오는 중…</p>
      ) : null}
    </section>
  );
}

function MyItem(props: { item: FragmentType<typeof MyItemFragment>; buyers: { id: string; nickname: string }[] }) {
  const item = getFragmentData(MyItemFragment, props.item);
  const buyers = props.buyers;
  const headingId = useId();
  const buyerId = useId();
  const [status, changeStatus] = useMutation(ChangeStatusMutation);
  const [bump, bumpItem] = useMutation(BumpMutation);
  const [deletion, deleteItem] = useMutation(DeleteMutation);
  const [selling, setSelling] = useState(false);
  const [buyer, setBuyer] = useState("");
  const [confirming, setConfirming] = useState(false);
  const busy = status.fetching || bump.fetching || deletion.fetching;
  return (
    <article className="my-item" aria-labelledby={headingId}>
      <h2 id={headingId} className="item-card-title">
        <Link to={`/items/${item.id}`}>{item.title}</Link>
      </h2>
      <p className="item-card-price">
        <span className={`badge badge-${item.status}`}>{STATUS_LABELS[item.status]}</span>
        <strong>{formatPrice(item.price)}</strong>
      </p>
      <p className="item-card-meta">
        {timeAgo(item.bumpedAt)} · 관심 {item.likeCount} · 채팅 {item.chatRoomCount ?? 0}
        {item.commentCount != null ? ` · 댓글 ${item.commentCount}` : ""}
      </p>
      {item.status !== "SOLD" ? (
        <div className="my-item-actions" role="group" aria-label={`${item.title} 관리`}>
          {item.status === "ON_SALE" ? (
            <button type="button" disabled={busy} onClick={() => changeStatus({ id: item.id, status: "RESERVED" })}>
              예약중으로 변경
            </button>
          ) : (
            <button type="button" disabled={busy} onClick={() => changeStatus({ id: item.id, status: "ON_SALE" })}>
              판매중으로 변경
            </button>
          )}
          <button type="button" disabled={busy} aria-expanded={selling} onClick={() => setSelling(!selling)}>
            거래완료로 변경
          </button>
          <button type="button" disabled={busy} onClick={() => bumpItem({ id: item.id })}>
            끌어올리기
          </button>
          <Link className="button" to={`/items/${item.id}/edit`}>
            수정
          </Link>
          <button type="button" disabled={busy} onClick={() => setConfirming(true)}>
            삭제
          </button>
        </div>
      ) : (
        <div className="my-item-actions" role="group" aria-label={`${item.title} 관리`}>
          <button type="button" disabled={busy} onClick={() => setConfirming(true)}>
            삭제
          </button>
        </div>
      )}
      {selling && item.status !== "SOLD" ? (
        <form
          className="sell-to"
          onSubmit={async (e) => {
            e.preventDefault();
            const answer = await changeStatus({ id: item.id, status: "SOLD", buyerId: buyer || null });
            if (answer.data) setSelling(false);
          }}
        >
          <label htmlFor={buyerId}>구매자</label>
          <select id={buyerId} value={buyer} onChange={(e) => setBuyer(e.target.value)}>
            <option value="">채팅 밖에서 거래했어요 (구매자 없음)</option>
            {buyers.map((b) => (
              <option key={b.id} value={b.id}>
                {b.nickname}
              </option>
            ))}
          </select>
          <button type="submit" className="primary" disabled={busy}>
            거래완료 확인
          </button>
        </form>
      ) : null}
      {confirming ? (
        <div className="confirm" role="group" aria-label="삭제 확인">
          <p>‘{item.title}’을(를) 정말 삭제할까요? 되돌릴 수 없어요.</p>
          <button type="button" className="danger" disabled={busy} onClick={() => deleteItem({ id: item.id })}>
            삭제 확인
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            취소
          </button>
        </div>
      ) : null}
      <ErrorMessage error={status.error ?? bump.error ?? deletion.error} />
      {bump.data ? <p role="status">끌어올렸어요.</p> : null}
    </article>
  );
}

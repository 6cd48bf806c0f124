import { Link } from "react-router";
import { useQuery, useSubscription } from "urql";
import { graphql } from "../gql";
import { ErrorMessage } from "../components/ErrorMessage";
import { SignInRequired } from "../components/SignInRequired";
import { useAuth } from "../lib/auth";
import { formatPrice, timeAgo } from "../lib/format";
import { useViewer } from "../lib/viewer";

const ChatRoomsQuery = graphql(`
  query ChatRooms {
    chatRooms(first: 50) {
      edges {
        node {
          id
          unreadCount
          createdAt
          item {
            id
            title
            price
          }
          seller {
            id
            nickname
          }
          buyer {
            id
            nickname
          }
          lastMessage {
            id
            body
            sentAt
          }
        }
      }
      totalCount
    }
  }
`);

// Any new message in any of the viewer's rooms: Graphcache then refreshes the list (order, unread counts).
const AnyRoomMessageSubscription = graphql(`
  subscription AnyRoomMessage {
    chatMessageSent {
      id
      body
      sentAt
      room {
        id
      }
    }
  }
`);

/** 채팅: the viewer's rooms, most recently active first, with unread counts, kept live. */
export function ChatListPage() {
  const { token } = useAuth();
  if (!token) return <SignInRequired title="채팅" />;
  return <ChatList />;
}

function ChatList() {
  const [result] = useQuery({ query: ChatRoomsQuery });
  useSubscription({ query: AnyRoomMessageSubscription });
  const { viewer } = useViewer();
  const rooms = result.data?.chatRooms.edges.map((e) => e.node) ?? [];
  return (
    <section className="page" aria-labelledby="chats-title">
      <h1 id="chats-title">채팅</h1>
      <ErrorMessage error={result.error} />
      {result.data && rooms.length === 0 ? <p className="empty">아직 채팅이 없어요. 물건 페이지에서 ‘채팅하기’를 눌러 보세요.</p> : null}
      <ul className="room-list" aria-label="채팅방 목록">
        {rooms.map((room) => {
          const other = viewer?.id === room.seller.id ? room.buyer : room.seller;
          return (
            <li key={room.id}>
              <Link to={`/chats/${room.id}`} className="room">
                <span className="photo-slot photo-small" aria-hidden="true" />
                <span className="room-body">
                  <span className="room-title">
                    <strong>{other.nickname}</strong>
                    <span className="muted">
                      {" "}
                      · {room.item.title} · {formatPrice(room.item.price)}
                    </span>
                  </span>
                  <span className="room-last">
                    {room.lastMessage ? room.lastMessage.body : "아직 메시지가 없어요"}
                    {room.lastMessage ? <span className="muted"> · {timeAgo(room.lastMessage.sentAt)}</span> : null}
                  </span>
                </span>
                {room.unreadCount > 0 ? <span className="unread">안 읽은 메시지 {room.unreadCount}개</span> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

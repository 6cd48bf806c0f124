import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery, useSubscription } from "urql";
import { graphql, getFragmentData, type FragmentType } from "../gql";
import { ErrorMessage } from "../components/ErrorMessage";
import { SignInRequired } from "../components/SignInRequired";
import { useAuth } from "../lib/auth";
import { STATUS_LABELS, formatPrice, timeAgo } from "../lib/format";
import { useViewer } from "../lib/viewer";

const MessageFragment = graphql(`
  fragment ChatMessage_message on ChatMessage {
    id
    body
    sentAt
    sender {
      id
      nickname
    }
  }
`);

const ChatRoomQuery = graphql(`
  query ChatRoom($id: ID!) {
    chatRoom(id: $id) {
      id
      unreadCount
      item {
        id
        title
        price
        status
      }
      seller {
        id
        nickname
      }
      buyer {
        id
        nickname
      }
      messages(last: 100) {
        edges {
          node {
            id
            ...ChatMessage_message
          }
        }
      }
    }
  }
`);

const MessageSentSubscription = graphql(`
  subscription ChatMessageSent($roomId: ID!, $after: ID) {
    chatMessageSent(roomId: $roomId, after: $after) {
      id
      ...ChatMessage_message
    }
  }
`);

const SendMutation = graphql(`
  mutation SendChatMessage($roomId: ID!, $body: String!) {
    sendChatMessage(roomId: $roomId, body: $body) {
      id
      ...ChatMessage_message
    }
  }
`);

const MarkReadMutation = graphql(`
  mutation MarkChatRead($roomId: ID!) {
    markChatRead(roomId: $roomId) {
      id
      unreadCount
    }
  }
`);

type Message = { id: string } & FragmentType<typeof MessageFragment>;

/** One room: messages so far, new ones live through `chatMessageSent` (graphql-ws), a box to send, read marks. */
export function ChatRoomPage() {
  const { token } = useAuth();
  const { id = "" } = useParams();
  if (!token) return <SignInRequired title="채팅" />;
  return <ChatRoom key={id} id={id} />;
}

function ChatRoom({ id }: { id: string }) {
  const [result] = useQuery({ query: ChatRoomQuery, variables: { id } });
  const { viewer } = useViewer();
  const room = result.data?.chatRoom;
  const history: Message[] = room?.messages.edges.map((e) => e.node) ?? [];
  // Subscribe once the history is there, from its last message: nothing sent in between is missed.
  const [after, setAfter] = useState<string | null | undefined>(undefined);
  if (room && after === undefined) setAfter(history.at(-1)?.id ?? null);
  const [live] = useSubscription(
    { query: MessageSentSubscription, variables: { roomId: id, after: after ?? null }, pause: after === undefined },
    (seen: Message[] = [], data) => [...seen, data.chatMessageSent],
  );
  const [sent, setSent] = useState<Message[]>([]);
  const messages = dedupe([...history, ...(live.data ?? []), ...sent]);
  const [, markRead] = useMutation(MarkReadMutation);
  const lastId = messages.at(-1)?.id;
  useEffect(() => {
    if (room && lastId !== undefined) void markRead({ roomId: id });
  }, [room?.id, lastId, id, markRead]); // eslint-disable-line react-hooks/exhaustive-deps
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A statement, not the arrow's value: newer browsers return a promise from scrollIntoView.
    void end.current?.scrollIntoView?.({ block: "end" });
  }, [lastId]);

  if (!room) {
    return (
      <section className="page" aria-labelledby="room-title">
        {result.fetching ? (
          <p aria-busy="true">불러오는 중…</p>
        ) : (
          <>
            <h1 id="room-title">채팅방을 찾을 수 없어요</h1>
            <ErrorMessage error={result.error} />
            <Link to="/chats">채팅 목록으로</Link>
          </>
        )}
      </section>
    );
  }
  const other = viewer?.id === room.seller.id ? room.buyer : room.seller;
  return (
    <section className="page chat-room" aria-labelledby="room-title">
      <h1 id="room-title">{other.nickname}님과의 채팅</h1>
      <p className="room-item">
        <Link to={`/items/${room.item.id}`}>{room.item.title}</Link> · {formatPrice(room.item.price)} ·{" "}
        {STATUS_LABELS[room.item.status]}
      </p>
      <ErrorMessage error={result.error ?? live.error} />
      {/* The log announces new messages; the list inside keeps them a list. */}
      <div role="log" aria-label="대화 내용" aria-live="polite">
        <ol className="messages">
          {messages.map((m) => (
            <MessageView key={m.id} message={m} mine={viewer?.id} />
          ))}
        </ol>
        <div ref={end} className="messages-end" />
      </div>
      <SendBox roomId={id} onSent={(m) => setSent((s) => [...s, m])} />
    </section>
  );
}

function dedupe(messages: Message[]): Message[] {
  const seen = new Set<string>();
  return messages.filter((m) => (seen.has(m.id) ? false : (seen.add(m.id), true)));
}

function MessageView(props: { message: Message; mine: string | undefined }) {
  const m = getFragmentData(MessageFragment, props.message);
  const mine = m.sender.id === props.mine;
  return (
    <li className={mine ? "message mine" : "message"}>
      <span className="message-sender">{mine ? "나" : m.sender.nickname}</span>
      <span className="message-body">{m.body}</span>
      <time className="muted" dateTime={m.sentAt}>
        {timeAgo(m.sentAt)}
      </time>
    </li>
  );
}

function SendBox({ roomId, onSent }: { roomId: string; onSent(m: Message): void }) {
  const [body, setBody] = useState("");
  const [result, send] = useMutation(SendMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    const answer = await send({ roomId, body });
    if (answer.data?.sendChatMessage) {
      onSent(answer.data.sendChatMessage);
      setBody("");
    }
  };
  return (
    <form className="send-box" onSubmit={submit}>
      <label htmlFor="chat-message" className="visually-hidden">
        메시지
      </label>
      <input
        id="chat-message"
        value={body}
        autoComplete="off"
        placeholder="메시지 보내기"
        maxLength={1000}
        onChange={(e) => setBody(e.target.value)}
      />
      <button type="submit" className="primary" disabled={result.fetching || !body.trim()}>
        보내기
      </button>
      <ErrorMessage error={result.error} />
    </form>
  );
}

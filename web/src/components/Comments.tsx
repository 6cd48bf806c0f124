import { useId, useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router";
import { useMutation } from "urql";
import { graphql, getFragmentData, type FragmentType } from "../gql";
import { ErrorMessage } from "./ErrorMessage";
import { useAuth } from "../lib/auth";
import { timeAgo } from "../lib/format";
import { retryWhileNotFound } from "../lib/retry";

export const CommentFragment = graphql(`
  fragment Comment_comment on Comment {
    id
    body
    createdAt
    isDeleted
    parentId
    author {
      id
      nickname
    }
  }
`);

export const CommentThreadFragment = graphql(`
  fragment CommentThread_comment on Comment {
    id
    ...Comment_comment
    replies {
      id
      ...Comment_comment
    }
  }
`);

const AddCommentMutation = graphql(`
  mutation AddComment($itemId: ID!, $body: String!, $parentId: ID) {
    addComment(itemId: $itemId, body: $body, parentId: $parentId) {
      id
      ...Comment_comment
    }
  }
`);

const DeleteCommentMutation = graphql(`
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id)
  }
`);

/** Threads under an item (one level of replies), a box to comment, and 답글 under each thread. */
export function Comments({
  itemId,
  threads,
  total,
  viewerId,
  sellerId,
}: {
  itemId: string;
  threads: ({ id: string } & FragmentType<typeof CommentThreadFragment>)[];
  total: number | null;
  viewerId: string | null;
  sellerId: string;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="comments">
      <h2 id={headingId}>댓글 {total ?? ""}</h2>
      {threads.length === 0 ? <p className="empty">아직 댓글이 없어요. 첫 댓글을 남겨 보세요.</p> : null}
      <ol className="comment-list" aria-label="댓글 목록">
        {threads.map((thread) => (
          <Thread key={thread.id} itemId={itemId} thread={thread} viewerId={viewerId} sellerId={sellerId} />
        ))}
      </ol>
      <CommentForm itemId={itemId} label="댓글" />
    </section>
  );
}

function Thread(props: {
  itemId: string;
  thread: FragmentType<typeof CommentThreadFragment>;
  viewerId: string | null;
  sellerId: string;
}) {
  const thread = getFragmentData(CommentThreadFragment, props.thread);
  const [replying, setReplying] = useState(false);
  return (
    <li>
      <CommentView comment={thread} viewerId={props.viewerId} sellerId={props.sellerId} />
      {thread.replies.length > 0 ? (
        <ol className="replies" aria-label="답글 목록">
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <CommentView comment={reply} viewerId={props.viewerId} sellerId={props.sellerId} />
            </li>
          ))}
        </ol>
      ) : null}
      {replying ? (
        <CommentForm itemId={props.itemId} parentId={thread.id} label="답글" onDone={() => setReplying(false)} />
      ) : (
        <button type="button" className="link-button" onClick={() => setReplying(true)}>
          답글 달기
        </button>
      )}
    </li>
  );
}

function CommentView(props: { comment: FragmentType<typeof CommentFragment>; viewerId: string | null; sellerId: string }) {
  const comment = getFragmentData(CommentFragment, props.comment);
  const [deleted, remove] = useMutation(DeleteCommentMutation);
  const mayDelete = !comment.isDeleted && props.viewerId != null && (props.viewerId === comment.author.id || props.viewerId === props.sellerId);
  return (
    <article className="comment" aria-label={`${comment.author.nickname}님의 댓글`}>
      <p className="comment-meta">
        <strong>{comment.author.nickname}</strong> · <time dateTime={comment.createdAt}>{timeAgo(comment.createdAt)}</time>
        {props.sellerId === comment.author.id ? <span className="badge">판매자</span> : null}
      </p>
      <p className={comment.isDeleted ? "comment-body deleted" : "comment-body"}>
        {comment.isDeleted ? "삭제된 댓글이에요." : comment.body}
      </p>
      {mayDelete ? (
        <button type="button" className="link-button" disabled={deleted.fetching} onClick={() => remove({ id: comment.id })}>
          댓글 삭제
        </button>
      ) : null}
      <ErrorMessage error={deleted.error} />
    </article>
  );
}

function CommentForm({ itemId, parentId, label, onDone }: { itemId: string; parentId?: string; label: string; onDone?(): void }) {
  const id = useId();
  const { token } = useAuth();
  const location = useLocation();
  const [body, setBody] = useState("");
  const [result, add] = useMutation(AddCommentMutation);
  if (!token) {
    return (
      <p>
        <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>로그인</Link>하고 {label}을 남겨 보세요.
      </p>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await retryWhileNotFound(() => add({ itemId, body, parentId: parentId ?? null }));
    if (answer.data?.addComment) {
      setBody("");
      onDone?.();
    }
  };
  return (
    <form className="comment-form" onSubmit={submit}>
      <label htmlFor={id}>{label} 쓰기</label>
      <textarea id={id} value={body} rows={2} maxLength={1000} required onChange={(e) => setBody(e.target.value)} />
      <ErrorMessage error={result.error} />
      <button type="submit" className="primary" disabled={result.fetching || !body.trim()}>
        {label} 등록
      </button>
    </form>
  );
}

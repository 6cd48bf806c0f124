import { Link } from "react-router";
import { graphql, getFragmentData, type FragmentType } from "../gql";
import { STATUS_LABELS, formatPrice, timeAgo } from "../lib/format";

export const ItemCardFragment = graphql(`
  fragment ItemCard_item on Item {
    id
    title
    price
    region
    status
    bumpedAt
    likeCount
    commentCount
  }
`);

/** One listing in a list: a photo's place (photos come later), title, place, time, price, counts. */
export function ItemCard(props: { item: FragmentType<typeof ItemCardFragment>; highlight?: string | null }) {
  const item = getFragmentData(ItemCardFragment, props.item);
  // The search subgraph HTML-escapes the text and adds only <mark>: safe to render. It highlights the title,
  // or, when only the description matched, a window of the description (shown under the title).
  const highlight = props.highlight ?? null;
  const titleHighlight = highlight && plainText(highlight) === item.title ? highlight : null;
  const snippet = highlight && !titleHighlight ? highlight : null;
  return (
    <article className="item-card" aria-labelledby={`item-${item.id}-title`}>
      <div className="photo-slot" aria-hidden="true" />
      <div className="item-card-body">
        <h2 id={`item-${item.id}-title`} className="item-card-title">
          <Link to={`/items/${item.id}`}>
            {titleHighlight ? <span dangerouslySetInnerHTML={{ __html: titleHighlight }} /> : item.title}
          </Link>
        </h2>
        {snippet ? <p className="item-card-snippet" dangerouslySetInnerHTML={{ __html: snippet }} /> : null}
        <p className="item-card-meta">
          {item.region} · {timeAgo(item.bumpedAt)}
        </p>
        <p className="item-card-price">
          {item.status !== "ON_SALE" ? <span className={`badge badge-${item.status}`}>{STATUS_LABELS[item.status]}</span> : null}
          <strong>{formatPrice(item.price)}</strong>
        </p>
        <p className="item-card-counts">
          <span>관심 {item.likeCount}</span>
          {item.commentCount != null ? <span>댓글 {item.commentCount}</span> : null}
        </p>
      </div>
    </article>
  );
}

function plainText(html: string): string {
  return new DOMParser().parseFromString(html, "text/html").body.textContent ?? "";
}

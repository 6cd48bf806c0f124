import { useEffect, useRef } from "react";

/** Loads the next page when its sentinel scrolls into view; the button does the same by hand (and in tests). */
export function InfiniteScroll({ hasMore, loading, onMore }: { hasMore: boolean; loading: boolean; onMore(): void }) {
  const sentinel = useRef<HTMLDivElement>(null);
  const more = useRef(onMore);
  more.current = onMore;
  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasMore || loading || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) more.current();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasMore, loading]);
  if (!hasMore) return null;
  return (
    <div ref={sentinel} className="more">
      <button type="button" onClick={() => more.current()} disabled={loading}>
        {loading ? "불러오는 중…" : "더 보기"}
      </button>
    </div>
  );
}

import type { ItemStatus } from "../gql/graphql";

const won = new Intl.NumberFormat("ko-KR");

/** `650,000원`; `나눔` for a free item (price 0). */
export function formatPrice(price: number): string {
  return price === 0 ? "나눔" : `${won.format(price)}원`;
}

export const STATUS_LABELS: Record<ItemStatus, string> = {
  ON_SALE: "판매중",
  RESERVED: "예약중",
  SOLD: "거래완료",
};

/** "3분 전", "2시간 전", "5일 전", or the date for older ones. */
export function timeAgo(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  const seconds = Math.max(0, Math.floor((now.getTime() - then.getTime()) / 1000));
  if (seconds < 60) return "방금 전";
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}분 전`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}시간 전`;
  const days = Math.floor(hours / 24);
  if (days < 30) return `${days}일 전`;
  return then.toLocaleDateString("ko-KR");
}

/** Manner temperature as Karrot shows it: one decimal and °C. */
export function formatManner(score: number): string {
  return `${score.toFixed(1)}°C`;
}

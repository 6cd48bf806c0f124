import type { CombinedError } from "urql";

/** What the API's `extensions` carry that the app uses (the rest is shown as the message). */
interface ErrorExtensions {
  code?: unknown;
  field?: unknown;
  retryAfter?: unknown;
  serviceName?: unknown;
}

export interface ShownError {
  code: string;
  /** The Korean sentence a person reads. */
  message: string;
  /** The server's own words, kept as a detail (they name what to fix). */
  detail?: string;
  /** `extensions.field`: the input field the error is about, shown next to that field. */
  field?: string;
}

const SERVICE_NAMES: Record<string, string> = {
  users: "회원",
  items: "상품",
  comments: "댓글",
  search: "검색",
  chat: "채팅",
};

function serviceLabel(name: unknown): string {
  return typeof name === "string" ? (SERVICE_NAMES[name] ?? name) : "일부";
}

const LIMIT_CODES = new Set([
  "MAX_TOKENS_LIMIT",
  "MAX_DEPTH_LIMIT",
  "MAX_ALIASES_LIMIT",
  "MAX_ROOT_FIELDS_LIMIT",
  "MAX_SELECTIONS_LIMIT",
  "COST_ESTIMATED_TOO_EXPENSIVE",
  "REQUEST_TOO_LARGE",
]);

/** `extensions.code` → what a person reads. Every code of the public contract has a sentence. */
export function koreanMessage(code: string, ext: ErrorExtensions = {}): string {
  switch (code) {
    case "BAD_USER_INPUT":
      return "입력한 내용을 다시 확인해 주세요.";
    case "UNAUTHENTICATED":
      return "로그인이 필요해요. 로그인한 뒤 다시 시도해 주세요.";
    case "FORBIDDEN":
      return "이 작업을 할 권한이 없어요.";
    case "NOT_FOUND":
      return "찾는 내용이 없어요. 삭제되었을 수 있어요.";
    case "CONFLICT":
      return "이미 처리되었거나 다른 변경과 겹쳤어요. 새로 불러온 뒤 다시 시도해 주세요.";
    case "TOO_MANY_REQUESTS": {
      const seconds = typeof ext.retryAfter === "number" ? Math.ceil(ext.retryAfter) : null;
      return seconds
        ? `요청이 너무 많아요. ${seconds}초 뒤에 다시 시도해 주세요.`
        : "요청이 너무 많아요. 잠시 뒤에 다시 시도해 주세요.";
    }
    case "INTERNAL_SERVER_ERROR":
    case "DOWNSTREAM_SERVICE_ERROR":
      return "서버에 문제가 생겼어요. 잠시 뒤에 다시 시도해 주세요.";
    case "GRAPHQL_PARSE_FAILED":
    case "GRAPHQL_VALIDATION_FAILED":
    case "OPERATION_RESOLUTION_FAILURE":
      return "앱이 서버와 맞지 않는 요청을 보냈어요. 페이지를 새로고침해 주세요.";
    case "BAD_REQUEST":
    case "CSRF_PREVENTION":
      return "서버가 요청을 이해하지 못했어요. 페이지를 새로고침해 주세요.";
    case "PERSISTED_QUERY_NOT_FOUND":
      return "저장된 요청을 서버가 찾지 못했어요. 다시 시도해 주세요.";
    case "UNAUTHORIZED_FIELD_OR_TYPE":
      return "볼 수 없는 정보가 있어 일부를 숨겼어요.";
    case "SUBGRAPH_UNREACHABLE":
      return `${serviceLabel(ext.serviceName)} 서비스에 연결할 수 없어 일부 내용을 보여 드리지 못했어요.`;
    case "SUBGRAPH_TIMEOUT":
      return `${serviceLabel(ext.serviceName)} 서비스의 응답이 늦어 일부 내용을 보여 드리지 못했어요.`;
    case "SUBGRAPH_INVALID_RESPONSE":
      return `${serviceLabel(ext.serviceName)} 서비스가 잘못된 응답을 보내 일부 내용을 보여 드리지 못했어요.`;
    case "SUBGRAPH_CIRCUIT_OPEN":
      return `${serviceLabel(ext.serviceName)} 서비스가 잠시 쉬고 있어요. 조금 뒤에 다시 시도해 주세요.`;
    case "QUERY_PLANNING_FAILED":
      return "서버가 요청을 처리하지 못했어요 (서버 오류). 잠시 뒤에 다시 시도해 주세요.";
    case "SUBSCRIPTION_LIMIT_EXCEEDED":
      return "실시간 연결이 너무 많아요. 다른 창을 닫고 다시 시도해 주세요.";
    case "NETWORK_ERROR":
      return "서버에 연결할 수 없어요. 인터넷 연결을 확인한 뒤 다시 시도해 주세요.";
    default:
      if (LIMIT_CODES.has(code)) return "요청이 너무 커서 서버가 거절했어요. 페이지를 새로고침해 주세요.";
      return `알 수 없는 오류가 났어요 (${code}). 잠시 뒤에 다시 시도해 주세요.`;
  }
}

/** Every error of one urql result, in words; network failures included. */
export function shownErrors(error: CombinedError | undefined | null): ShownError[] {
  if (!error) return [];
  const shown: ShownError[] = error.graphQLErrors.map((e) => {
    const ext = (e.extensions ?? {}) as ErrorExtensions;
    const code = typeof ext.code === "string" ? ext.code : "INTERNAL_SERVER_ERROR";
    return {
      code,
      message: koreanMessage(code, ext),
      detail: e.message || undefined,
      // `input.title` and `filter.minPrice` name the field `title`, `minPrice`.
      field: typeof ext.field === "string" ? ext.field.split(".").pop() : undefined,
    };
  });
  if (error.networkError) {
    shown.push({ code: "NETWORK_ERROR", message: koreanMessage("NETWORK_ERROR"), detail: error.networkError.message });
  }
  if (shown.length === 0) {
    shown.push({ code: "UNKNOWN", message: koreanMessage("UNKNOWN"), detail: error.message });
  }
  return shown;
}

/** Errors keyed by `extensions.field`, for a form; the rest go in `general`. */
export function fieldErrors(error: CombinedError | undefined | null): {
  byField: Record<string, string>;
  general: ShownError[];
} {
  const byField: Record<string, string> = {};
  const general: ShownError[] = [];
  for (const e of shownErrors(error)) {
    if (e.field) {
      // Korean first; the server's sentence says exactly what is wrong with the value.
      const korean = e.code === "CONFLICT" ? "이미 쓰이고 있어요. 다른 값을 넣어 주세요." : "이 칸을 다시 확인해 주세요.";
      byField[e.field] = e.detail ? `${korean} (${e.detail})` : korean;
    } else {
      general.push(e);
    }
  }
  return { byField, general };
}

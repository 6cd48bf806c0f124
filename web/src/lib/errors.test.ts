import { CombinedError } from "urql";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { fieldErrors, koreanMessage, shownErrors } from "./errors";

const CODES = [
  "BAD_USER_INPUT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "TOO_MANY_REQUESTS",
  "INTERNAL_SERVER_ERROR",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "UNAUTHORIZED_FIELD_OR_TYPE",
  "SUBGRAPH_UNREACHABLE",
  "SUBGRAPH_TIMEOUT",
  "SUBGRAPH_INVALID_RESPONSE",
  "SUBGRAPH_CIRCUIT_OPEN",
  "QUERY_PLANNING_FAILED",
  "MAX_DEPTH_LIMIT",
  "COST_ESTIMATED_TOO_EXPENSIVE",
];

describe("error messages", () => {
  it("has a Korean sentence of its own for every code of the contract", () => {
    const unknown = koreanMessage("SOMETHING_NEW");
    for (const code of CODES) {
      const message = koreanMessage(code, { serviceName: "search", retryAfter: 3 });
      expect(message, code).toMatch(/[가-힣]/);
      expect(message, code).not.toBe(unknown);
    }
    expect(koreanMessage("SUBGRAPH_TIMEOUT", { serviceName: "search" })).toContain("검색 서비스");
  });

  it("reads codes, fields and network failures out of an urql error", () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError("bad title", { extensions: { code: "BAD_USER_INPUT", field: "input.title" } }),
        new GraphQLError("sign in", { extensions: { code: "UNAUTHENTICATED" } }),
      ],
    });
    const { byField, general } = fieldErrors(error);
    expect(byField.title).toBe("이 칸을 다시 확인해 주세요. (bad title)");
    expect(general.map((e) => e.code)).toEqual(["UNAUTHENTICATED"]);
    const network = shownErrors(new CombinedError({ networkError: new Error("Failed to fetch") }));
    expect(network[0].message).toBe("서버에 연결할 수 없어요. 인터넷 연결을 확인한 뒤 다시 시도해 주세요.");
  });
});

import type { OperationResult } from "urql";

/** The item page is open, so the item exists; a service that learns items from events (chat, comments) may
 * not know a just-listed one yet and answers NOT_FOUND for a moment. Ask again a few times before showing it. */
export async function retryWhileNotFound<T extends OperationResult>(
  send: () => Promise<T>,
  tries = 6,
  pauseMs = 500,
): Promise<T> {
  let answer = await send();
  for (let i = 1; i < tries && isNotFound(answer); i++) {
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    answer = await send();
  }
  return answer;
}

function isNotFound(answer: OperationResult): boolean {
  return Boolean(answer.error?.graphQLErrors.some((e) => e.extensions?.code === "NOT_FOUND"));
}

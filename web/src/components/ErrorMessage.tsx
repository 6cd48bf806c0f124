import type { CombinedError } from "urql";
import { shownErrors, type ShownError } from "../lib/errors";

/** Every error of a result, in Korean, announced to screen readers; the server's words as a detail. */
export function ErrorMessage({ error, errors }: { error?: CombinedError | null; errors?: ShownError[] }) {
  const shown = errors ?? shownErrors(error);
  if (shown.length === 0) return null;
  return (
    <div className="error" role="alert">
      {shown.map((e, i) => (
        <p key={i} data-code={e.code}>
          {e.message}
          {e.detail && e.detail !== e.message ? <span className="error-detail"> ({e.detail})</span> : null}
        </p>
      ))}
    </div>
  );
}

import { useId, type InputHTMLAttributes, type ReactNode } from "react";

export interface FieldControl {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/** A labelled control with its error under it (`aria-invalid`, `aria-describedby`): how server `field`s show.
 * An `<input>` by default; `control` renders another one (a select, a textarea) with the same wiring. */
export function Field({
  label,
  error,
  hint,
  control,
  ...input
}: {
  label: string;
  error?: string;
  hint?: string;
  control?: (wiring: FieldControl) => ReactNode;
} & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const wiring: FieldControl = { id, "aria-invalid": error ? true : undefined, "aria-describedby": described };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control ? control(wiring) : <input {...input} {...wiring} />}
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

// One admin file: a labelled file input that validates and stores on choosing (contracts §6:
// no extra button), and a status line saying what is loaded now.
import { useId, useState, type ChangeEvent } from 'react';

export interface FileLoaderProps {
  name: 'policy' | 'records';
  heading: string;
  label: string;
  /** What is loaded now (one line), shown in [data-testid=<name>-status]. */
  status: string;
  /** Extra line: file name and load time. */
  meta?: string;
  busyText: string;
  /** Set when loading is not possible here (managed policy, staff mode): the input is disabled and this says why. */
  disabledReason?: string;
  /** Validates and stores; resolves once done (errors are shown by the parent). */
  onFile: (file: File) => Promise<void>;
}

export function FileLoader({ name, heading, label, status, meta, busyText, disabledReason, onFile }: FileLoaderProps) {
  const id = useId();
  const [busy, setBusy] = useState(false);

  async function onChange(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    try {
      await onFile(file);
    } finally {
      setBusy(false);
      // Choosing the same (edited) file again must load it again.
      input.value = '';
    }
  }

  return (
    <section className="rg-card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{heading}</h2>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        name={name}
        accept=".json,application/json"
        onChange={onChange}
        disabled={busy || disabledReason !== undefined}
        aria-describedby={disabledReason ? `${id}-locked` : undefined}
      />
      {disabledReason ? (
        <p id={`${id}-locked`} className="rg-meta" data-testid={`${name}-locked`}>
          {disabledReason}
        </p>
      ) : null}
      <p className="rg-status" data-testid={`${name}-status`} aria-live="polite" aria-busy={busy}>
        {busy ? busyText : status}
      </p>
      {meta && !busy ? <p className="rg-meta">{meta}</p> : null}
    </section>
  );
}

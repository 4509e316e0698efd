// A text field for one new entry with live validation: what the entry will match (in ASCII and,
// for IDN, Unicode), why it is refused, and warnings (lookalike of an existing entry, free-mail
// domain, duplicate) before it is added.
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { Lang } from '../../../utils/core/i18n/lang.ts';
import { con } from '../../../utils/core/i18n/console.ts';
import { checkEntry, type EntryCheck, type EntryWarning } from '../../../utils/core/policy/entry-check.ts';
import type { RegioList, TopList } from '../../../utils/core/policy/changes.ts';

export interface EntryInputProps {
  lang: Lang;
  list: RegioList | TopList;
  label: string;
  existing: readonly string[];
  /** Adds the (valid) value; resolves when saved. */
  onAdd(value: string): Promise<boolean>;
  testId: string;
}

export function warningText(lang: Lang, value: string, w: EntryWarning): string {
  if (w.kind === 'lookalike') return con(lang, 'console.warn.lookalike', { value, resembles: w.resemblesUnicode === w.resembles ? w.resembles : `${w.resemblesUnicode} (${w.resembles})` });
  if (w.kind === 'free-mail') return con(lang, w.wholeDomain ? 'console.warn.free-mail.whole' : 'console.warn.free-mail.address', { domain: w.domain });
  return con(lang, 'console.warn.duplicate', { existing: w.existing });
}

function meaning(lang: Lang, c: Extract<EntryCheck, { ok: true }>): string[] {
  const lines: string[] = [];
  if (c.kind === 'address') lines.push(con(lang, 'console.check.ok.address', { ascii: c.ascii }));
  else if (c.kind === 'domain') lines.push(con(lang, 'console.check.ok.domain', { ascii: c.ascii }));
  else lines.push(con(lang, 'console.check.ok.subdomains', { parent: c.ascii.slice(2) }));
  if (c.unicode !== c.ascii) lines.push(con(lang, 'console.check.unicode', { unicode: c.unicode }));
  return lines;
}

export function EntryInput({ lang, list, label, existing, onAdd, testId }: EntryInputProps) {
  const id = useId();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const check = useMemo(() => (value.trim() === '' ? null : checkEntry(value, list, existing)), [value, list, existing]);
  const duplicate = check?.ok === true && check.warnings.some((w) => w.kind === 'duplicate');
  const warned = check?.ok === true && check.warnings.length > 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!check?.ok || duplicate) return;
    setBusy(true);
    try {
      if (await onAdd(check.value)) setValue('');
    } finally {
      setBusy(false);
    }
  }

  const isTerm = list === 'healthTerms.add' || list === 'healthTerms.remove';
  return (
    <form className="rg-entry-form" onSubmit={(e) => void submit(e)} data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      <div className="rg-entry-row">
        <input
          id={id}
          type="text"
          value={value}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={check?.ok === false}
          aria-describedby={`${id}-check`}
          onChange={(e) => setValue(e.currentTarget.value)}
        />
        <button type="submit" disabled={!check?.ok || duplicate || busy}>
          {warned && !duplicate ? con(lang, 'console.add.anyway') : con(lang, 'console.add')}
        </button>
      </div>
      <div id={`${id}-check`} className="rg-check" aria-live="polite" data-testid={`${testId}-check`}>
        {check && !check.ok ? <p className="rg-check-bad">{con(lang, `console.check.${check.error}`)}</p> : null}
        {check?.ok && !isTerm ? meaning(lang, check).map((l) => <p key={l}>{l}</p>) : null}
        {check?.ok
          ? check.warnings.map((w) => (
              <p key={w.kind} className="rg-check-warn" data-warning={w.kind}>
                {warningText(lang, check.value, w)}
              </p>
            ))
          : null}
      </div>
    </form>
  );
}

// The webmail origins ReportGuard guards (managed, added here, or the loopback default), whether
// the extension has host access to each (a force-installed extension has it from the install; a
// manual install asks here, from optional_host_permissions), and, in admin mode, adding and
// removing this PC's own origins.
import { useId, useState, type FormEvent } from 'react';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { con } from '../../utils/core/i18n/console.ts';
import { originPattern } from '../../utils/core/managed/origins.ts';
import type { OriginRow, OriginChange } from '../../utils/browser/storage/webmail-origins.ts';
import type { Mode } from '../../utils/core/policy/layers.ts';
import type { GuardState } from '../../utils/browser/storage/items.ts';

export interface WebmailServices {
  rows: readonly (OriginRow & { access: boolean })[];
  add(origin: string): Promise<OriginChange>;
  remove(origin: string): Promise<OriginChange>;
  /** Asks the browser for host access (must run in the click itself: a user gesture). */
  grant(patterns: string[]): Promise<boolean>;
  /** The network guard as the background last installed it (null: not yet). */
  guard: GuardState | null;
}

export function WebmailOrigins({ lang, mode, webmail }: { lang: Lang; mode: Mode; webmail: WebmailServices }) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const valid = draft.trim() === '' || originPattern(draft) !== null;

  async function add(event: FormEvent) {
    event.preventDefault();
    const pattern = originPattern(draft);
    if (!pattern) {
      setProblem(con(lang, 'webmail.invalid'));
      return;
    }
    // Ask for access first, while the click still counts as the user's gesture.
    await webmail.grant([pattern]).catch(() => false);
    const r = await webmail.add(draft);
    if (r.ok) {
      setDraft('');
      setProblem(null);
    } else setProblem(r.error === 'invalid' ? con(lang, 'webmail.invalid') : con(lang, 'mode.staff.intro'));
  }

  const label = (s: OriginRow['source']) => con(lang, s === 'managed' ? 'webmail.managed' : s === 'local' ? 'webmail.local' : 'webmail.default');
  return (
    <section className="rg-card" aria-labelledby={`${id}-h`} data-testid="webmail-origins">
      <h2 id={`${id}-h`}>{con(lang, 'webmail.heading')}</h2>
      <p className="rg-meta">{con(lang, 'webmail.intro')}</p>
      <GuardLine lang={lang} state={webmail.guard} />
      <ul className="rg-entries">
        {webmail.rows.map((r) => (
          <li key={r.pattern} data-origin={r.origin} data-source={r.source} data-access={String(r.access)}>
            <span className="rg-entry-value">{r.origin}</span>
            <span className="rg-meta">
              {label(r.source)} · {con(lang, r.access ? 'webmail.access.ok' : 'webmail.access.missing')}
            </span>
            {!r.access ? (
              <button type="button" className="rg-link" onClick={() => void webmail.grant([r.pattern])}>
                {con(lang, 'webmail.access.grant')}
              </button>
            ) : null}
            {r.source === 'local' && mode === 'admin' ? (
              <button type="button" className="rg-link" aria-label={`${con(lang, 'webmail.remove')} ${r.origin}`} onClick={() => void webmail.remove(r.origin)}>
                {con(lang, 'webmail.remove')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {mode === 'admin' ? (
        <form className="rg-entry-form" onSubmit={(e) => void add(e)} data-testid="add-webmail">
          <label htmlFor={id}>{con(lang, 'webmail.add.label')}</label>
          <div className="rg-entry-row">
            <input id={id} type="url" value={draft} aria-invalid={!valid} aria-describedby={`${id}-check`} onChange={(e) => setDraft(e.currentTarget.value)} />
            <button type="submit" disabled={draft.trim() === '' || !valid}>
              {con(lang, 'webmail.add')}
            </button>
          </div>
          <p id={`${id}-check`} className="rg-check-bad" aria-live="polite">
            {problem ?? (valid ? '' : con(lang, 'webmail.invalid'))}
          </p>
        </form>
      ) : null}
      <p className="rg-meta">{con(lang, 'webmail.reload')}</p>
    </section>
  );
}

/** Whether the network guard's rules are in; if not, the browser's reason (every send is held). */
function GuardLine({ lang, state }: { lang: Lang; state: GuardState | null }) {
  if (!state) return <p className="rg-meta" data-testid="guard-state" data-active="unknown">{con(lang, 'webmail.guard.unknown')}</p>;
  if (state.active) return <p className="rg-status" data-testid="guard-state" data-active="true">{con(lang, 'webmail.guard.active')}</p>;
  return (
    <p className="rg-error" role="alert" data-testid="guard-state" data-active="false">
      {con(lang, 'webmail.guard.inactive', { reason: state.problem ?? '?' })}
    </p>
  );
}

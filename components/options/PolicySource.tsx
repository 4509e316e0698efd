// Where the effective policy comes from (managed inline, signed URL, local file), the mode, what
// the last fetch of the policy URL found (a refused policy keeps the last good one: the admin is
// told here why), and the managed configuration's own errors.
import { useId, useState } from 'react';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { con } from '../../utils/core/i18n/console.ts';
import type { PolicyState } from '../../utils/browser/storage/effective-policy.ts';
import type { RefreshOutcome } from '../../utils/browser/policy-refresh.ts';

export interface PolicySourceProps {
  lang: Lang;
  state: PolicyState;
  formatTime(iso: string): string;
  refresh(): Promise<RefreshOutcome>;
}

function sourceLine(lang: Lang, state: PolicyState, formatTime: (iso: string) => string): string {
  const e = state.effective;
  if (e.state === 'none') return e.reason ? con(lang, 'source.noneBecause', { reason: e.reason }) : con(lang, 'source.none');
  if (e.state === 'invalid') return con(lang, 'source.invalid', { error: e.error });
  const version = e.policy.version;
  if (e.source === 'managed') return con(lang, 'source.managed', { version });
  if (e.source === 'signed-url') return con(lang, 'source.signed', { url: e.origin, version, at: state.signed ? formatTime(state.signed.acceptedAt) : '' });
  return con(lang, 'source.local', { fileName: e.origin, version });
}

function outcomeLine(lang: Lang, o: RefreshOutcome): string {
  if (o.kind === 'accepted') return con(lang, 'source.fetch.result.accepted', { version: o.version });
  if (o.kind === 'unchanged') return con(lang, 'source.fetch.result.unchanged', { version: o.version });
  if (o.kind === 'rejected') return con(lang, 'source.fetch.result.rejected', { error: o.error });
  return '';
}

export function PolicySource({ lang, state, formatTime, refresh }: PolicySourceProps) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<RefreshOutcome | null>(null);
  const e = state.effective;
  const url = state.managed.config.policyUrl;
  const fetch = state.fetch && state.fetch.url === url ? state.fetch : null;
  const bad = e.state !== 'loaded';

  async function checkNow() {
    setBusy(true);
    try {
      setOutcome(await refresh());
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="rg-card" aria-labelledby={`${id}-h`} data-testid="policy-source" data-source={e.state === 'loaded' ? e.source : e.state} data-mode={state.mode}>
      <h2 id={`${id}-h`}>{con(lang, 'source.heading')}</h2>
      <p className="rg-badge" data-testid="mode">
        {con(lang, state.mode === 'admin' ? 'mode.admin' : 'mode.staff')}
      </p>
      <p className={bad ? 'rg-status rg-bad' : 'rg-status'} data-testid="policy-source-line">
        {sourceLine(lang, state, formatTime)}
      </p>
      {e.state === 'loaded' && e.applied.length > 0 ? (
        <p className="rg-meta">{e.applied.length === 1 ? con(lang, 'source.edits.one') : con(lang, 'source.edits', { count: e.applied.length })}</p>
      ) : null}
      {e.state === 'loaded' && state.mode === 'admin' && e.skipped.length > 0 ? <p className="rg-meta">{con(lang, 'source.editsSkipped', { count: e.skipped.length })}</p> : null}
      {url !== undefined ? (
        <>
          <p className={fetch && !fetch.ok ? 'rg-status rg-bad' : 'rg-meta'} data-testid="policy-fetch" data-ok={fetch ? String(fetch.ok) : 'never'} role={fetch && !fetch.ok ? 'alert' : undefined}>
            {!fetch
              ? con(lang, 'source.fetch.never')
              : fetch.ok
                ? con(lang, 'source.fetch.ok', { at: formatTime(fetch.at) })
                : state.signed
                  ? con(lang, 'source.fetch.bad.kept', { at: formatTime(fetch.at), error: fetch.error ?? '', version: state.signed.version })
                  : con(lang, 'source.fetch.bad', { at: formatTime(fetch.at), error: fetch.error ?? '' })}
          </p>
          <div className="rg-actions">
            <button type="button" onClick={() => void checkNow()} disabled={busy} data-testid="policy-refresh">
              {busy ? con(lang, 'source.fetch.busy') : con(lang, 'source.fetch.now')}
            </button>
          </div>
          {outcome && outcome.kind !== 'not-configured' ? (
            <p className="rg-meta" role="status" data-testid="policy-refresh-result">
              {outcomeLine(lang, outcome)}
            </p>
          ) : null}
        </>
      ) : null}
      {state.managed.errors.length > 0 ? (
        <div className="rg-error" role="alert" data-testid="managed-errors">
          <p>{con(lang, 'source.managedErrors')}</p>
          <ul>
            {state.managed.errors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

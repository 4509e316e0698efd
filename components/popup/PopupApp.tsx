// The toolbar popup (issue 12 item 6): the state at a glance (policy version and source, records
// source and age, last verdicts), the open follow-ups with tick-off (audited), recording an
// approval — from a follow-up or by dropping the approved file —, written health consent with its
// evidence or its withdrawal, CV/profile consent, and noting an oral report.
import { useCallback, useEffect, useId, useState } from 'react';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { rec } from '../../utils/core/i18n/records.ts';
import { formatStaffTime } from '../../utils/core/i18n/time.ts';
import type { Overview } from '../../utils/browser/records/overview.ts';
import { noteOralReport, type ActionDeps } from '../../utils/browser/records/actions.ts';
import { ApprovalForm } from '../records/ApprovalForm.tsx';
import { ConsentForm } from '../records/ConsentForm.tsx';
import { FollowUpList } from '../records/FollowUpList.tsx';
import { ClientSelect } from '../records/ClientSelect.tsx';

export interface PopupServices {
  lang: Lang;
  deps: ActionDeps;
  overview(): Promise<Overview>;
  openOptions(): void;
  /** `?approve=<task>`: opened from the webmail page's offer, that task's approval form open. */
  approve?: string | null;
}

export function PopupApp({ services }: { services: PopupServices }) {
  const { lang, deps } = services;
  const [view, setView] = useState<Overview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const when = useCallback(
    (iso: string) => formatStaffTime(lang, iso, 'minute'),
    [lang],
  );

  useEffect(() => {
    let live = true;
    void services.overview().then((v) => live && setView(v));
    return () => {
      live = false;
    };
  }, [services, revision]);

  const done = (text: string) => {
    setMessage(text);
    setRevision((n) => n + 1);
  };

  if (!view) return <main className="rg-popup" aria-busy="true" />;
  return (
    <main className="rg-popup">
      <h1>{rec(lang, 'popup.title')}</h1>
      {message ? (
        <p className="rg-ok" role="status" data-testid="popup-message">
          {message}
        </p>
      ) : null}

      <section aria-labelledby="rg-state">
        <h2 id="rg-state">{rec(lang, 'state.heading')}</h2>
        <p data-testid="state-policy">
          {view.policy ? rec(lang, 'state.policy', { organisation: view.policy.organisation, version: view.policy.version, source: view.policy.source }) : rec(lang, 'state.noPolicy')}
        </p>
        {view.policyRefused ? (
          <p className="rg-error" data-testid="state-policy-refused">
            {rec(lang, 'state.policyRefused', { error: view.policyRefused })}
          </p>
        ) : null}
        <p data-testid="state-records" className={view.records?.stale ? 'rg-error' : undefined}>
          {view.records
            ? rec(lang, 'state.records', {
                clients: view.records.clients,
                source: view.records.source === 'remote' ? rec(lang, 'source.remote') : rec(lang, 'source.imported', { name: view.records.name }),
                when: when(view.records.updatedAt),
              })
            : rec(lang, 'state.recordsNone')}
        </p>
        {view.records?.stale && view.policy?.maxAgeHours ? <p className="rg-error" data-testid="state-stale">{rec(lang, 'state.recordsStale', { hours: view.policy.maxAgeHours })}</p> : null}
        {view.records?.error ? <p className="rg-meta">{rec(lang, 'state.recordsError', { error: view.records.error })}</p> : null}
        <h3>{rec(lang, 'state.verdicts')}</h3>
        {view.verdicts.length === 0 ? (
          <p>{rec(lang, 'state.noVerdicts')}</p>
        ) : (
          <ul className="rg-verdicts" data-testid="state-verdicts">
            {view.verdicts.map((v, i) => (
              <li key={i}>
                <span className={`rg-verdict rg-verdict-${v.verdict}`}>{rec(lang, v.verdict === 'block' ? 'verdict.block' : v.verdict === 'warn' ? 'verdict.warn' : 'verdict.allow')}</span> {when(v.at)}
                {v.client ? ` · ${v.client}` : ''}
                {v.codes.length ? <span className="rg-meta"> · {v.codes.join(', ')}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="rg-followups">
        <h2 id="rg-followups">{rec(lang, 'followups.heading')}</h2>
        {services.approve && !message && !view.followUps.some((f) => f.id === services.approve && f.kind === 'await-approval') ? (
          <p className="rg-meta" data-testid="approve-gone">
            {rec(lang, 'approval.offerGone')}
          </p>
        ) : null}
        <FollowUpList lang={lang} deps={deps} followUps={view.followUps} clients={view.clients} when={when} onDone={done} openApproval={services.approve ?? null} />
      </section>

      <details>
        <summary>{rec(lang, 'approval.heading')}</summary>
        <ApprovalForm lang={lang} deps={deps} clients={view.clients} onDone={done} />
      </details>
      <details>
        <summary>{rec(lang, 'consent.heading')}</summary>
        <ConsentForm lang={lang} deps={deps} clients={view.clients} onDone={done} />
      </details>
      <details>
        <summary>{rec(lang, 'oral.heading')}</summary>
        <OralReport lang={lang} deps={deps} clients={view.clients} onDone={done} />
      </details>
      <p>
        <button type="button" className="rg-link" onClick={services.openOptions}>
          {rec(lang, 'options.link')}
        </button>
      </p>
    </main>
  );
}

function OralReport({ lang, deps, clients, onDone }: { lang: Lang; deps: ActionDeps; clients: readonly { id: string; name: string }[]; onDone(text: string): void }) {
  const id = useId();
  const [clientId, setClientId] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="rg-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!clientId) return setError(rec(lang, 'error.noClient'));
        void noteOralReport(deps, { clientId, note }).then(() => onDone(rec(lang, 'oral.saved', { client: clientId })));
      }}
    >
      <label htmlFor={`${id}-c`}>{rec(lang, 'approval.client')}</label>
      <ClientSelect id={`${id}-c`} lang={lang} clients={clients} value={clientId} onChange={setClientId} />
      <label htmlFor={`${id}-n`}>{rec(lang, 'oral.note')}</label>
      <textarea id={`${id}-n`} value={note} maxLength={500} onChange={(e) => setNote(e.currentTarget.value)} />
      {error ? <p className="rg-error" role="alert">{error}</p> : null}
      <button type="submit">{rec(lang, 'oral.save')}</button>
    </form>
  );
}

// The toolbar popup (issue 12 item 6): the state at a glance (policy version and source, records
// source and age, last verdicts), the open follow-ups with tick-off (audited), recording an
// approval — from a follow-up or by dropping the approved file — and noting an oral report.
import { useCallback, useEffect, useId, useState } from 'react';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { rec } from '../../utils/core/i18n/records.ts';
import { t as findingText } from '../../utils/core/i18n/findings.ts';
import type { FollowUp } from '../../utils/core/records/follow-ups.ts';
import type { Overview } from '../../utils/browser/records/overview.ts';
import { noteOralReport, tickFollowUp, type ActionDeps } from '../../utils/browser/records/actions.ts';
import { ApprovalForm } from '../records/ApprovalForm.tsx';

export interface PopupServices {
  lang: Lang;
  deps: ActionDeps;
  overview(): Promise<Overview>;
  openOptions(): void;
}

export function PopupApp({ services }: { services: PopupServices }) {
  const { lang, deps } = services;
  const [view, setView] = useState<Overview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [approving, setApproving] = useState<FollowUp | null>(null);
  const [revision, setRevision] = useState(0);
  const when = useCallback(
    (iso: string) => new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
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
    setApproving(null);
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
        {view.followUps.length === 0 ? <p>{rec(lang, 'followups.none')}</p> : null}
        <ul className="rg-followups" data-testid="followups">
          {view.followUps.map((f) => (
            <li key={f.id} data-testid="followup" data-kind={f.kind}>
              <span>{describe(lang, f)}</span> <span className="rg-meta">{rec(lang, 'followup.created', { when: when(f.createdAt) })}</span>
              {f.kind === 'await-approval' ? (
                <button type="button" onClick={() => setApproving(approving?.id === f.id ? null : f)}>
                  {rec(lang, 'approval.record')}
                </button>
              ) : (
                <button type="button" onClick={() => void tickFollowUp(deps, f.id).then(() => done(rec(lang, 'followup.ticked', { what: describe(lang, f) })))}>
                  {rec(lang, 'followup.tick')}
                </button>
              )}
              {approving?.id === f.id ? (
                <ApprovalForm
                  lang={lang}
                  deps={deps}
                  clients={view.clients}
                  preset={{ clientId: f.clientId, sha256: f.documents[0]!.sha256, name: f.documents[0]!.name, followUpId: f.id }}
                  onDone={done}
                />
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <details>
        <summary>{rec(lang, 'approval.heading')}</summary>
        <ApprovalForm lang={lang} deps={deps} clients={view.clients} onDone={done} />
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

function describe(lang: Lang, f: FollowUp): string {
  const client = f.clientId;
  switch (f.kind) {
    case 'await-approval':
      return rec(lang, 'kind.await-approval', { client, file: f.documents.map((d) => d.name).join(', ') });
    case 'inform-progress':
      return rec(lang, 'kind.inform-progress', { client });
    case 'inform-exception':
      return rec(lang, 'kind.inform-exception', { client, ground: f.ground ? findingText(lang, `ground.${f.ground}`) : '—' });
    case 'oral-report':
      return rec(lang, 'kind.oral-report', { client });
  }
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
      <select id={`${id}-c`} value={clientId} onChange={(e) => setClientId(e.currentTarget.value)}>
        <option value="">{rec(lang, 'approval.chooseClient')}</option>
        {clients.map((c) => (
          <option key={c.id} value={c.id}>
            {c.id} {c.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-n`}>{rec(lang, 'oral.note')}</label>
      <textarea id={`${id}-n`} value={note} maxLength={500} onChange={(e) => setNote(e.currentTarget.value)} />
      {error ? <p className="rg-error" role="alert">{error}</p> : null}
      <button type="submit">{rec(lang, 'oral.save')}</button>
    </form>
  );
}

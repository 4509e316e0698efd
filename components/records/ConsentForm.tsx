// Written consent for health data (issue 12 item 4): drop or choose the signed consent (PDF or
// scan) — its SHA-256 is kept with the date and the scope, and the file itself too when the
// policy says keepConsentEvidence — or record its withdrawal with a date. CV/profile consent
// (item 5): explicit, anonymised only or not. Used by the popup and the options page; storing
// and auditing is utils/browser/records/actions.ts.
import { useEffect, useId, useState } from 'react';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { rec } from '../../utils/core/i18n/records.ts';
import { recordHealthConsent, recordProfileConsent, withdrawHealthConsent, type ActionDeps } from '../../utils/browser/records/actions.ts';
import { FileDrop, type DroppedFile } from './FileDrop.tsx';
import { ClientSelect } from './ClientSelect.tsx';
import { dateInputValue, isoFromDateInput } from './dates.ts';
import { useSave } from './use-save.ts';

export interface ConsentFormProps {
  lang: Lang;
  deps: ActionDeps;
  clients: readonly { id: string; name: string }[];
  onDone(message: string): void;
}

type Mode = 'health' | 'withdraw' | 'profile';

export function ConsentForm({ lang, deps, clients, onDone }: ConsentFormProps) {
  const id = useId();
  const [mode, setMode] = useState<Mode>('health');
  const [clientId, setClientId] = useState('');
  const [evidence, setEvidence] = useState<DroppedFile | null>(null);
  const [keepsFile, setKeepsFile] = useState(false);
  const [scope, setScope] = useState('');
  const [date, setDate] = useState(dateInputValue(deps.now()));
  const [anonymisedOnly, setAnonymisedOnly] = useState(false);
  const { error, setError, busy, run } = useSave(lang);

  useEffect(() => {
    let live = true;
    void deps.keepConsentEvidence?.().then((keep) => live && setKeepsFile(keep), () => undefined);
    return () => {
      live = false;
    };
  }, [deps]);

  async function save() {
    if (!clientId) return setError(rec(lang, 'error.noClient'));
    const at = isoFromDateInput(date, deps.now());
    if (!at) return setError(rec(lang, 'error.noDate'));
    if (mode === 'health' && !evidence) return setError(rec(lang, 'error.noEvidence'));
    if (mode === 'health' && !scope.trim()) return setError(rec(lang, 'error.noScope'));
    await run(async () => {
      if (mode === 'health') {
        await recordHealthConsent(deps, { clientId, evidenceSha256: evidence!.sha256, evidenceName: evidence!.name, evidenceFile: evidence!.file, givenAt: at, scope });
        onDone(rec(lang, 'consent.saved', { client: clientId, hash: `${evidence!.sha256.slice(0, 12)}…` }));
      } else if (mode === 'withdraw') {
        await withdrawHealthConsent(deps, { clientId, withdrawnAt: at });
        onDone(rec(lang, 'consent.withdrawn', { client: clientId, date }));
      } else {
        await recordProfileConsent(deps, { clientId, givenAt: at, explicit: true, anonymisedOnly });
        onDone(rec(lang, 'profile.saved', { client: clientId }));
      }
      setEvidence(null);
      setScope('');
      setError(null);
    });
  }

  return (
    <form className="rg-form" data-testid="consent-form" onSubmit={(e) => (e.preventDefault(), void save())}>
      <fieldset className="rg-choice">
        <legend>{rec(lang, 'consent.what')}</legend>
        {(['health', 'withdraw', 'profile'] as const).map((m) => (
          <label key={m} className="rg-inline">
            <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => (setMode(m), setError(null))} /> {rec(lang, `consent.mode.${m}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-client`}>{rec(lang, 'approval.client')}</label>
      <ClientSelect id={`${id}-client`} lang={lang} clients={clients} value={clientId} onChange={setClientId} />
      {mode === 'health' ? (
        <>
          <FileDrop
            id={`${id}-file`}
            intro={rec(lang, keepsFile ? 'consent.introKept' : 'consent.intro')}
            label={rec(lang, 'consent.file')}
            name="consent-evidence"
            testId="consent-drop"
            accept=".pdf,image/*,application/pdf"
            onFile={(f) => (setEvidence(f), setError(null))}
          />
          {evidence ? (
            <p className="rg-meta" data-testid="consent-evidence">
              {evidence.name} · {evidence.sha256.slice(0, 12)}…
            </p>
          ) : null}
          <label htmlFor={`${id}-scope`}>{rec(lang, 'consent.scope')}</label>
          <input id={`${id}-scope`} type="text" name="scope" value={scope} maxLength={500} onChange={(e) => setScope(e.currentTarget.value)} />
        </>
      ) : null}
      {mode === 'profile' ? (
        <label className="rg-inline">
          <input type="checkbox" name="anonymised-only" checked={anonymisedOnly} onChange={(e) => setAnonymisedOnly(e.currentTarget.checked)} /> {rec(lang, 'profile.anonymisedOnly')}
        </label>
      ) : null}
      <label htmlFor={`${id}-date`}>{rec(lang, mode === 'withdraw' ? 'consent.withdrawDate' : 'consent.date')}</label>
      <input id={`${id}-date`} type="date" name="date" value={date} max={dateInputValue(deps.now())} onChange={(e) => setDate(e.currentTarget.value)} />
      {error ? (
        <p className="rg-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {rec(lang, mode === 'health' ? 'consent.save' : mode === 'withdraw' ? 'consent.withdraw' : 'profile.save')}
      </button>
    </form>
  );
}

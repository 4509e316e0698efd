// Record a client's approval of one exact document (issue 12 item 3): drop or choose the approved
// file (its SHA-256 is what the send check compares), or start from a follow-up that already names
// the document; pick the client, how they approved and when. Used by the popup and the options page.
import { useId, useState } from 'react';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { rec } from '../../utils/core/i18n/records.ts';
import { APPROVAL_METHODS, type ApprovalMethod } from '../../utils/core/records/schema.ts';
import { recordApproval, type ActionDeps } from '../../utils/browser/records/actions.ts';
import { FileDrop } from './FileDrop.tsx';
import { dateInputValue, isoFromDateInput } from './dates.ts';
import { ClientSelect } from './ClientSelect.tsx';
import { useSave } from './use-save.ts';

export interface ApprovalFormProps {
  lang: Lang;
  deps: ActionDeps;
  clients: readonly { id: string; name: string }[];
  /** From a follow-up: the client and the document are known. */
  preset?: { clientId: string; sha256: string; name: string; followUpId: string };
  onDone(message: string): void;
}

export function ApprovalForm({ lang, deps, clients, preset, onDone }: ApprovalFormProps) {
  const id = useId();
  const [clientId, setClientId] = useState(preset?.clientId ?? '');
  const [doc, setDoc] = useState<{ sha256: string; name: string } | null>(preset ? { sha256: preset.sha256, name: preset.name } : null);
  const [method, setMethod] = useState<ApprovalMethod>('email');
  const [date, setDate] = useState(dateInputValue(deps.now()));
  const { error, setError, busy, run } = useSave(lang);

  async function save() {
    if (!clientId) return setError(rec(lang, 'error.noClient'));
    if (!doc) return setError(rec(lang, 'error.noFile'));
    const approvedAt = isoFromDateInput(date, deps.now());
    if (!approvedAt) return setError(rec(lang, 'error.noDate'));
    await run(async () => {
      await recordApproval(deps, { clientId, documentSha256: doc.sha256, documentName: doc.name, method, approvedAt, ...(preset ? { followUpId: preset.followUpId } : {}) });
      onDone(rec(lang, 'approval.saved', { client: clientId, file: doc.name, date }));
    });
  }

  return (
    <form className="rg-form" data-testid="approval-form" onSubmit={(e) => (e.preventDefault(), void save())}>
      {!preset ? (
        <FileDrop
          id={`${id}-file`}
          intro={rec(lang, 'approval.intro')}
          label={rec(lang, 'approval.file')}
          name="approved-file"
          testId="approval-drop"
          onFile={(f) => (setDoc({ sha256: f.sha256, name: f.name }), setError(null))}
        />
      ) : null}
      {doc ? <p className="rg-meta" data-testid="approval-document">{doc.name} · {doc.sha256.slice(0, 12)}…</p> : null}
      <label htmlFor={`${id}-client`}>{rec(lang, 'approval.client')}</label>
      <ClientSelect id={`${id}-client`} lang={lang} clients={clients} value={clientId} onChange={setClientId} disabled={!!preset} />
      <label htmlFor={`${id}-method`}>{rec(lang, 'approval.method')}</label>
      <select id={`${id}-method`} name="method" value={method} onChange={(e) => setMethod(e.currentTarget.value as ApprovalMethod)}>
        {APPROVAL_METHODS.map((m) => (
          <option key={m} value={m}>
            {rec(lang, `method.${m}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-date`}>{rec(lang, 'approval.date')}</label>
      <input id={`${id}-date`} type="date" name="approved-on" value={date} max={dateInputValue(deps.now())} onChange={(e) => setDate(e.currentTarget.value)} />
      {error ? (
        <p className="rg-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {rec(lang, 'approval.save')}
      </button>
    </form>
  );
}

// An inzage request (art. 13): everything held about one client as one JSON file; and deletion on
// request, after a confirmation, leaving an audit entry with counts only (actions.ts).
import { useId, useState } from 'react';
import type { Lang } from '../../../utils/core/i18n/lang.ts';
import { rec } from '../../../utils/core/i18n/records.ts';
import { deleteClientData, inzageExport, type ActionDeps } from '../../../utils/browser/records/actions.ts';
import { ClientSelect } from '../../records/ClientSelect.tsx';
import { download, today } from '../../records/download.ts';

export function Inzage({ lang, deps, clients, onChanged }: { lang: Lang; deps: ActionDeps; clients: readonly { id: string; name: string }[]; onChanged(): void }) {
  const id = useId();
  const [client, setClient] = useState('');
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const chosen = (client || typed).trim();

  async function exportAll() {
    const out = await inzageExport(deps, chosen);
    download(JSON.stringify(out, null, 2) + '\n', `reportguard-inzage-${out.client}-${today(deps.now())}.json`, 'application/json');
    setMessage({ ok: true, text: rec(lang, 'inzage.exported', { client: out.client, count: out.audit.length }) });
    onChanged();
  }

  async function remove() {
    const counts = await deleteClientData(deps, chosen);
    setConfirming(false);
    setClient('');
    setTyped('');
    setMessage({ ok: true, text: rec(lang, 'inzage.deleted', { additions: counts.additions, followUps: counts.followUps, imported: counts.importedClients }) });
    onChanged();
  }

  return (
    <section className="rg-card" aria-labelledby={`${id}-h`} data-testid="inzage">
      <h2 id={`${id}-h`}>{rec(lang, 'inzage.heading')}</h2>
      <p className="rg-meta">{rec(lang, 'inzage.intro')}</p>
      <label htmlFor={`${id}-c`}>{rec(lang, 'approval.client')}</label>
      <ClientSelect id={`${id}-c`} lang={lang} clients={clients} value={client} onChange={(v) => (setClient(v), setConfirming(false))} />
      <label htmlFor={`${id}-t`}>{rec(lang, 'inzage.client')}</label>
      <input id={`${id}-t`} type="text" name="client-id" value={typed} disabled={!!client} onChange={(e) => (setTyped(e.currentTarget.value), setConfirming(false))} />
      <div className="rg-actions">
        <button type="button" disabled={!chosen} data-testid="inzage-export" onClick={() => void exportAll()}>
          {rec(lang, 'inzage.export')}
        </button>
        <button type="button" disabled={!chosen} data-testid="inzage-delete" onClick={() => setConfirming(true)}>
          {rec(lang, 'inzage.delete')}
        </button>
      </div>
      {confirming && chosen ? (
        <div role="alertdialog" aria-labelledby={`${id}-q`} className="rg-confirm">
          <p id={`${id}-q`} className="rg-bad">
            {rec(lang, 'inzage.confirm', { client: chosen })}
          </p>
          <div className="rg-actions">
            <button type="button" data-testid="inzage-delete-confirm" onClick={() => void remove()}>
              {rec(lang, 'inzage.deleteConfirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {rec(lang, 'import.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {message ? (
        <p className="rg-status" role="status" data-testid="inzage-message">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}

// Importing client records on the options page (issue 12 item 1): a contracts §3 JSON file or the
// documented CSV form (utils/core/records/README.md), shown as a preview first — what is added, changed and
// dropped — or, when any row is wrong, every error by line and column and nothing imported. The
// import is stored and audited only on confirm. Export: the records as the send check uses them
// (base with the local additions merged), as JSON or CSV.
import { useId, useState, type ChangeEvent } from 'react';
import type { Lang } from '../../../utils/core/i18n/lang.ts';
import { rec } from '../../../utils/core/i18n/records.ts';
import type { ImportPreview } from '../../../utils/core/records/preview.ts';
import { recordsToCsv } from '../../../utils/core/records/csv.ts';
import type { Records } from '../../../utils/core/records/schema.ts';
import type { RecordsServices } from './services.ts';
import { download, today } from '../../records/download.ts';

type State =
  | { kind: 'idle' }
  | { kind: 'preview'; file: { text: string; name: string }; preview: ImportPreview }
  | { kind: 'errors'; name: string; errors: string[] }
  | { kind: 'done'; text: string };

const SHOWN_ERRORS = 50;

export function RecordsImport({ lang, services, records, onChanged }: { lang: Lang; services: RecordsServices; records: Records | null; onChanged(): void }) {
  const id = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    try {
      const text = await file.text();
      const r = await services.preview(text, file.name);
      setState(r.ok ? { kind: 'preview', file: { text, name: file.name }, preview: r.preview } : { kind: 'errors', name: file.name, errors: r.errors });
    } catch (err) {
      setState({ kind: 'errors', name: file.name, errors: [`${file.name}: ${err instanceof Error ? err.message : String(err)}`] });
    } finally {
      setBusy(false);
      input.value = '';
    }
  }

  async function confirm(file: { text: string; name: string }) {
    setBusy(true);
    try {
      const r = await services.importFile(file.text, file.name);
      if (!r.ok) return setState({ kind: 'errors', name: file.name, errors: [r.error] });
      await services.deps.audit.append('records-loaded', { fileName: r.summary.fileName, sha256: r.summary.sha256, clients: r.summary.clients, via: 'import' }, services.deps.now());
      setState({ kind: 'done', text: rec(lang, 'import.done', { clients: r.summary.clients, file: r.summary.fileName }) });
      onChanged();
    } finally {
      setBusy(false);
    }
  }

  const list = (key: 'import.added' | 'import.changed' | 'import.removed', ids: string[]) =>
    ids.length ? <li>{rec(lang, key, { ids: ids.slice(0, 30).join(', ') + (ids.length > 30 ? ' …' : '') })}</li> : null;

  return (
    <section className="rg-card" aria-labelledby={`${id}-h`} data-testid="records-import">
      <h2 id={`${id}-h`}>{rec(lang, 'import.heading')}</h2>
      <p className="rg-meta">{rec(lang, 'import.intro')}</p>
      <label htmlFor={`${id}-f`}>{rec(lang, 'import.label')}</label>
      <input id={`${id}-f`} type="file" name="records-import" accept=".json,.csv,application/json,text/csv" onChange={(e) => void onFile(e)} disabled={busy} />
      {state.kind === 'preview' ? (
        <div className="rg-preview" data-testid="import-preview">
          <p className="rg-status">
            {state.file.name}:{' '}
            {rec(lang, 'import.preview', { clients: state.preview.clients, added: state.preview.added.length, changed: state.preview.changed.length, removed: state.preview.removed.length, approvals: state.preview.approvals })}
          </p>
          <ul>
            {list('import.added', state.preview.added)}
            {list('import.changed', state.preview.changed)}
            {list('import.removed', state.preview.removed)}
          </ul>
          <div className="rg-actions">
            <button type="button" onClick={() => void confirm(state.file)} disabled={busy}>
              {rec(lang, 'import.confirm')}
            </button>
            <button type="button" onClick={() => setState({ kind: 'idle' })} disabled={busy}>
              {rec(lang, 'import.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {state.kind === 'errors' ? (
        <div role="alert" data-testid="import-errors">
          <p className="rg-bad">{rec(lang, 'import.errors', { count: state.errors.length, file: state.name })}</p>
          <ul className="rg-errors">
            {state.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
          {state.errors.length > SHOWN_ERRORS ? <p className="rg-meta">{rec(lang, 'import.moreErrors', { count: state.errors.length - SHOWN_ERRORS })}</p> : null}
        </div>
      ) : null}
      {state.kind === 'done' ? (
        <p className="rg-status" role="status" data-testid="import-done">
          {state.text}
        </p>
      ) : null}
      <div className="rg-actions">
        <button type="button" disabled={!records} onClick={() => records && download(JSON.stringify(records, null, 2) + '\n', `reportguard-records-${today()}.json`, 'application/json')}>
          {rec(lang, 'export.json')}
        </button>
        <button type="button" disabled={!records} onClick={() => records && download(recordsToCsv(records), `reportguard-records-${today()}.csv`, 'text/csv')}>
          {rec(lang, 'export.csv')}
        </button>
      </div>
    </section>
  );
}

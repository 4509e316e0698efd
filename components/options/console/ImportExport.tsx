// Export the effective policy as JSON; import a policy JSON as local edits, after a preview of
// exactly which changes it makes (and which the central policy does not allow).
import { useId, useState, type ChangeEvent } from 'react';
import type { Lang } from '../../../utils/core/i18n/lang.ts';
import { con } from '../../../utils/core/i18n/console.ts';
import { areaOf, diffPolicy, type PolicyChange } from '../../../utils/core/policy/changes.ts';
import type { LocalEditArea } from '../../../utils/core/policy/schema.ts';
import { loadPolicy } from '../../../utils/core/policy/load.ts';
import { describeChange } from './describe-change.ts';
import { staffDay } from '../../../utils/core/i18n/time.ts';

export interface ImportExportProps {
  lang: Lang;
  /** The effective policy JSON (what is exported, and what an import is compared with). */
  data: unknown;
  editable: readonly LocalEditArea[];
  regioName(id: string): string;
  save(changes: PolicyChange[]): Promise<boolean>;
}

type Preview = { fileName: string; changes: PolicyChange[] } | { error: string } | null;

export function ImportExport({ lang, data, editable, regioName, save }: ImportExportProps) {
  const id = useId();
  const [preview, setPreview] = useState<Preview>(null);
  const [applied, setApplied] = useState<number | null>(null);

  function exportPolicy() {
    const version = (data as { version?: number }).version ?? 1;
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `policy-v${version}-${staffDay(new Date())}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    setApplied(null);
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch {
      setPreview({ error: `${file.name}: cannot read the file` });
      return;
    }
    const parsed = loadPolicy(text, file.name);
    if (!parsed.ok) {
      setPreview({ error: parsed.error });
      return;
    }
    setPreview({ fileName: file.name, changes: diffPolicy(data, JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)) });
  }

  const allowed = (c: PolicyChange) => editable.includes(areaOf(c));
  async function apply(changes: PolicyChange[]) {
    const take = changes.filter(allowed);
    if (await save(take)) {
      setApplied(take.length);
      setPreview(null);
    }
  }

  return (
    <section className="rg-card" aria-labelledby={`${id}-h`} data-testid="policy-io">
      <h2 id={`${id}-h`}>{con(lang, 'io.heading')}</h2>
      <p className="rg-meta">{con(lang, 'io.intro')}</p>
      <div className="rg-actions">
        <button type="button" onClick={exportPolicy} data-testid="policy-export">
          {con(lang, 'io.export')}
        </button>
      </div>
      {editable.length > 0 ? (
        <>
          <label htmlFor={id}>{con(lang, 'io.import.label')}</label>
          <input id={id} type="file" name="policy-import" accept=".json,application/json" onChange={(e) => void onFile(e)} />
        </>
      ) : null}
      {preview && 'error' in preview ? (
        <p className="rg-error" role="alert">
          {con(lang, 'io.invalid', { error: preview.error })}
        </p>
      ) : null}
      {preview && 'changes' in preview ? (
        <div className="rg-preview" data-testid="import-preview">
          <h3>
            {preview.changes.length === 0
              ? con(lang, 'io.preview.none')
              : con(lang, preview.changes.length === 1 ? 'io.preview.one' : 'io.preview', { count: preview.changes.length })}
          </h3>
          <ul>
            {preview.changes.map((c, i) => (
              <li key={i} className={allowed(c) ? `rg-diff-${c.op.startsWith('remove') ? 'del' : 'add'}` : 'rg-diff-skip'} data-allowed={allowed(c)}>
                {c.op.startsWith('remove') ? '− ' : c.op.startsWith('add') ? '+ ' : '~ '}
                {describeChange(lang, c, regioName)}
                {allowed(c) ? null : <span className="rg-meta"> ({con(lang, 'io.preview.notAllowed')})</span>}
              </li>
            ))}
          </ul>
          <p className="rg-meta">{con(lang, 'io.preview.ignored')}</p>
          <div className="rg-actions">
            {preview.changes.some(allowed) ? (
              <button type="button" data-testid="import-apply" onClick={() => void apply(preview.changes)}>
                {preview.changes.filter(allowed).length === 1 ? con(lang, 'io.apply.one') : con(lang, 'io.apply', { count: preview.changes.filter(allowed).length })}
              </button>
            ) : null}
            <button type="button" onClick={() => setPreview(null)}>
              {con(lang, 'io.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {applied !== null ? (
        <p className="rg-status" role="status">
          {con(lang, 'io.applied', { count: applied })}
        </p>
      ) : null}
    </section>
  );
}

// The admin console (options page): the effective policy's regiokantoren with mailbox, staff and
// whitelist, edited as local changes where the policy allows them (admin mode), or shown read-only
// (staff mode, or a central policy that allows no local edits). Search within a regiokantoor;
// import/export with a diff preview. Saving goes through the storage layer, which checks mode and
// areas again and audits every change.
import { useId, useMemo, useState } from 'react';
import type { Lang } from '../../../utils/core/i18n/lang.ts';
import { con, type ConsoleKey } from '../../../utils/core/i18n/console.ts';
import type { PolicyChange } from '../../../utils/core/policy/changes.ts';
import type { LocalEditArea } from '../../../utils/core/policy/schema.ts';
import type { Mode } from '../../../utils/core/policy/layers.ts';
import { RegioEditor, type RegioView } from './RegioEditor.tsx';
import { StaffView } from './StaffView.tsx';
import { ImportExport } from './ImportExport.tsx';
import { EntryInput } from './EntryInput.tsx';
import { EntryList } from './EntryList.tsx';
import { describeChange } from './describe-change.ts';
import './console.css';

export interface ConsolePolicy {
  organisation: string;
  version: number;
  regiokantoren: RegioView[];
  medicalRecipients: string[];
}

export interface PolicyConsoleProps {
  lang: Lang;
  mode: Mode;
  /** The effective policy JSON (exported as is). */
  data: unknown;
  policy: ConsolePolicy;
  editable: readonly LocalEditArea[];
  /** Saves changes as local edits; resolves with an error line when refused. */
  save(changes: PolicyChange[]): Promise<{ ok: true } | { ok: false; error: string }>;
}

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

function AddRegio({ lang, taken, save }: { lang: Lang; taken: readonly string[]; save(changes: PolicyChange[]): Promise<boolean> }) {
  const id = useId();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [mailbox, setMailbox] = useState('');
  const codeProblem = code === '' ? null : !ID.test(code) ? con(lang, 'console.regio.idInvalid') : taken.includes(code) ? con(lang, 'console.regio.idTaken') : null;
  const ok = code !== '' && codeProblem === null && name.trim() !== '' && /@/.test(mailbox);
  return (
    <form
      className="rg-entry-form rg-add-regio"
      data-testid="add-regio"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok) return;
        void save([{ op: 'add-regio', regio: code, value: { id: code, name: name.trim(), mailbox: mailbox.trim(), staff: [], allowedRecipients: [] } }]).then((saved) => {
          if (saved) [setCode, setName, setMailbox].forEach((set) => set(''));
        });
      }}
    >
      <h3>{con(lang, 'console.regio.add.heading')}</h3>
      <label htmlFor={`${id}-code`}>{con(lang, 'console.regio.id')}</label>
      <input id={`${id}-code`} type="text" value={code} aria-invalid={codeProblem !== null} aria-describedby={`${id}-code-check`} onChange={(e) => setCode(e.currentTarget.value)} />
      <p id={`${id}-code-check`} className="rg-check-bad" aria-live="polite">
        {codeProblem}
      </p>
      <label htmlFor={`${id}-name`}>{con(lang, 'console.name')}</label>
      <input id={`${id}-name`} type="text" value={name} onChange={(e) => setName(e.currentTarget.value)} />
      <label htmlFor={`${id}-mailbox`}>{con(lang, 'console.mailbox')}</label>
      <input id={`${id}-mailbox`} type="email" value={mailbox} onChange={(e) => setMailbox(e.currentTarget.value)} />
      <div className="rg-actions">
        <button type="submit" disabled={!ok}>
          {con(lang, 'console.regio.add')}
        </button>
      </div>
    </form>
  );
}

export function PolicyConsole({ lang, mode, data, policy, editable, save }: PolicyConsoleProps) {
  const headingId = useId();
  const searchId = useId();
  const selectId = useId();
  const regios = policy.regiokantoren;
  const [selected, setSelected] = useState(regios[0]?.id ?? '');
  const [query, setQuery] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const regio = regios.find((r) => r.id === selected) ?? regios[0];
  const names = useMemo(() => new Map(regios.map((r) => [r.id, r.name])), [regios]);
  const regioName = (id: string) => names.get(id) ?? id;

  async function saveAndSay(changes: PolicyChange[]): Promise<boolean> {
    const r = await save(changes);
    if (r.ok) setMessage({ ok: true, text: con(lang, 'console.saved', { change: changes.map((c) => describeChange(lang, c, regioName)).join('; ') }) });
    else setMessage({ ok: false, text: con(lang, 'console.refused', { error: r.error }) });
    return r.ok;
  }

  const canEdit = editable.length > 0;
  return (
    <>
      <section className="rg-card" aria-labelledby={headingId} data-testid="policy-console" data-mode={mode} data-editable={editable.join(' ')}>
        <h2 id={headingId}>{con(lang, canEdit ? 'console.heading' : 'console.heading.view')}</h2>
        <p className="rg-meta">{con(lang, 'console.organisation', { organisation: policy.organisation, version: policy.version })}</p>
        {mode === 'staff' ? <p className="rg-meta">{con(lang, 'mode.staff.intro')}</p> : null}
        {mode === 'admin' ? (
          <p className="rg-meta" data-testid="console-editable">
            {canEdit
              ? con(lang, 'console.editable', { areas: editable.map((a) => con(lang, `console.area.${a}` as ConsoleKey)).join(', ') })
              : con(lang, 'console.readonly')}
          </p>
        ) : null}
        {mode === 'staff' ? <StaffView lang={lang} regios={regios} onFound={setSelected} /> : null}

        <div className="rg-console-bar">
          <div>
            <label htmlFor={selectId}>{con(lang, 'console.regio.choose')}</label>
            <select id={selectId} value={regio?.id ?? ''} onChange={(e) => setSelected(e.currentTarget.value)} data-testid="regio-select">
              {regios.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} ({con(lang, 'console.regio.count', { staff: r.staff.length, entries: r.allowedRecipients.length })})
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={searchId}>{con(lang, 'console.search.label')}</label>
            <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.currentTarget.value.trim())} data-testid="regio-search" />
          </div>
        </div>

        {message ? (
          <p className={message.ok ? 'rg-status' : 'rg-error'} role={message.ok ? 'status' : 'alert'} data-testid="console-message">
            {message.text}
          </p>
        ) : null}

        {regio ? <RegioEditor key={regio.id} lang={lang} regio={regio} editable={editable} query={query.toLowerCase()} save={saveAndSay} /> : null}

        {policy.medicalRecipients.length > 0 || editable.includes('medicalRecipients') ? (
          <>
            <h3>{con(lang, 'console.medical')}</h3>
            <EntryList
              lang={lang}
              list="medicalRecipients"
              entries={policy.medicalRecipients}
              query={query.toLowerCase()}
              editable={editable.includes('medicalRecipients')}
              onRemove={(value) => saveAndSay([{ op: 'remove', regio: null, list: 'medicalRecipients', value }])}
              testId="medical-list"
            />
            {editable.includes('medicalRecipients') ? (
              <EntryInput
                lang={lang}
                list="medicalRecipients"
                label={con(lang, 'console.add.medical')}
                existing={policy.medicalRecipients}
                onAdd={(value) => saveAndSay([{ op: 'add', regio: null, list: 'medicalRecipients', value }])}
                testId="add-medical"
              />
            ) : null}
          </>
        ) : null}

        {editable.includes('regiokantoren') ? <AddRegio lang={lang} taken={regios.map((r) => r.id)} save={saveAndSay} /> : null}
      </section>
      <ImportExport lang={lang} data={data} editable={editable} regioName={regioName} save={saveAndSay} />
    </>
  );
}

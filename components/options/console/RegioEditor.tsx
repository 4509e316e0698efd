// One regiokantoor in the console: name and mailbox, staff and whitelist, each editable only in
// the areas the policy allows (the storage layer checks again when saving).
import { useId, useState } from 'react';
import type { Lang } from '../../../utils/core/i18n/lang.ts';
import { con } from '../../../utils/core/i18n/console.ts';
import type { PolicyChange } from '../../../utils/core/policy/changes.ts';
import type { LocalEditArea } from '../../../utils/core/policy/schema.ts';
import { checkEntry } from '../../../utils/core/policy/entry-check.ts';
import { EntryInput } from './EntryInput.tsx';
import { EntryList } from './EntryList.tsx';

export interface RegioView {
  id: string;
  name: string;
  mailbox: string;
  staff: string[];
  allowedRecipients: string[];
}

export interface RegioEditorProps {
  lang: Lang;
  regio: RegioView;
  editable: readonly LocalEditArea[];
  query: string;
  save(changes: PolicyChange[]): Promise<boolean>;
}

/** Remounted (React `key`) when the saved value changes, so the draft starts from it. */
function FieldEditor({ lang, label, value, valid, onSave, testId }: { lang: Lang; label: string; value: string; valid(v: string): boolean; onSave(v: string): Promise<boolean>; testId: string }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const ok = valid(draft) && draft.trim() !== value;
  return (
    <form
      className="rg-entry-form"
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        if (ok) void onSave(draft.trim());
      }}
    >
      <label htmlFor={id}>{label}</label>
      <div className="rg-entry-row">
        <input id={id} type="text" value={draft} aria-invalid={!valid(draft)} onChange={(e) => setDraft(e.currentTarget.value)} />
        <button type="submit" disabled={!ok}>
          {con(lang, 'console.save')}
        </button>
      </div>
    </form>
  );
}

export function RegioEditor({ lang, regio, editable, query, save }: RegioEditorProps) {
  const can = (area: LocalEditArea) => editable.includes(area);
  const headingId = useId();
  return (
    <section className="rg-regio" aria-labelledby={headingId} data-testid={`regio-${regio.id}`}>
      <h3 id={headingId}>{regio.name}</h3>
      {can('mailbox') ? (
        <>
          <FieldEditor
            key={`name:${regio.name}`}
            lang={lang}
            label={con(lang, 'console.name')}
            value={regio.name}
            valid={(v) => v.trim() !== ''}
            onSave={(value) => save([{ op: 'set-regio', regio: regio.id, field: 'name', value }])}
            testId="regio-name"
          />
          <FieldEditor
            key={`mailbox:${regio.mailbox}`}
            lang={lang}
            label={con(lang, 'console.mailbox')}
            value={regio.mailbox}
            valid={(v) => checkEntry(v, 'mailbox', []).ok}
            onSave={(value) => save([{ op: 'set-regio', regio: regio.id, field: 'mailbox', value }])}
            testId="regio-mailbox"
          />
        </>
      ) : (
        <p>
          {con(lang, 'console.mailbox')}: <span className="rg-entry-value">{regio.mailbox}</span>
        </p>
      )}

      <h4>{con(lang, 'console.staff')}</h4>
      <EntryList
        lang={lang}
        list="staff"
        entries={regio.staff}
        query={query}
        editable={can('staff')}
        onRemove={(value) => save([{ op: 'remove', regio: regio.id, list: 'staff', value }])}
        testId="staff-list"
      />
      {can('staff') ? (
        <EntryInput lang={lang} list="staff" label={con(lang, 'console.add.staff')} existing={regio.staff} onAdd={(value) => save([{ op: 'add', regio: regio.id, list: 'staff', value }])} testId="add-staff" />
      ) : null}

      <h4>{con(lang, 'console.whitelist')}</h4>
      <EntryList
        lang={lang}
        list="allowedRecipients"
        entries={regio.allowedRecipients}
        query={query}
        editable={can('allowedRecipients')}
        onRemove={(value) => save([{ op: 'remove', regio: regio.id, list: 'allowedRecipients', value }])}
        testId="whitelist"
      />
      {can('allowedRecipients') ? (
        <EntryInput
          lang={lang}
          list="allowedRecipients"
          label={con(lang, 'console.add.whitelist')}
          existing={regio.allowedRecipients}
          onAdd={(value) => save([{ op: 'add', regio: regio.id, list: 'allowedRecipients', value }])}
          testId="add-whitelist"
        />
      ) : null}

      {can('regiokantoren') ? (
        <div className="rg-actions">
          <button type="button" className="rg-danger" onClick={() => void save([{ op: 'remove-regio', regio: regio.id }])}>
            {con(lang, 'console.regio.remove', { name: regio.name })}
          </button>
        </div>
      ) : null}
    </section>
  );
}

// The entries of one list (staff, whitelist, medical recipients): each in the form the admin wrote
// and, for an IDN, the other form too; a remove button where the policy allows local edits.
import type { Lang } from '../../../utils/core/i18n/lang.ts';
import { con } from '../../../utils/core/i18n/console.ts';
import { checkEntry } from '../../../utils/core/policy/entry-check.ts';
import type { RegioList, TopList } from '../../../utils/core/policy/changes.ts';

export interface EntryListProps {
  lang: Lang;
  list: RegioList | TopList;
  entries: readonly string[];
  /** Lowercase search text; entries matching in either IDN form are shown. */
  query: string;
  editable: boolean;
  onRemove(value: string): Promise<boolean>;
  testId: string;
}

/** The other IDN form of an entry, when it has one. */
export function otherForm(list: RegioList | TopList, value: string): string | null {
  const c = checkEntry(value, list, []);
  if (!c.ok || c.ascii === c.unicode) return null;
  return value.trim().toLowerCase() === c.unicode.toLowerCase() ? c.ascii : c.unicode;
}

export function matchesQuery(list: RegioList | TopList, value: string, query: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  if (value.toLowerCase().includes(q)) return true;
  const other = otherForm(list, value);
  return other !== null && other.toLowerCase().includes(q);
}

export function EntryList({ lang, list, entries, query, editable, onRemove, testId }: EntryListProps) {
  const shown = entries.filter((e) => matchesQuery(list, e, query));
  if (entries.length === 0) return <p className="rg-meta">{con(lang, 'console.empty')}</p>;
  if (shown.length === 0) return <p className="rg-meta">{con(lang, 'console.search.none', { query })}</p>;
  return (
    <ul className="rg-entries" data-testid={testId}>
      {shown.map((value) => {
        const other = otherForm(list, value);
        return (
          <li key={value} data-entry={value}>
            <span className="rg-entry-value">{value}</span>
            {other ? <span className="rg-meta"> ({con(lang, 'console.idn', { other })})</span> : null}
            {editable ? (
              <button type="button" className="rg-link" aria-label={con(lang, 'console.remove.label', { value })} onClick={() => void onRemove(value)}>
                {con(lang, 'console.remove')}
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

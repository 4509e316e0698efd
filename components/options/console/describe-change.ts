// One change in words, for the diff preview, the "saved" line and anyone reading the console.
import type { PolicyChange } from '../../../utils/core/policy/changes.ts';
import type { Lang } from '../../../utils/core/i18n/lang.ts';
import { con, type ConsoleKey } from '../../../utils/core/i18n/console.ts';

/** `regioName` maps an id to the name shown (unknown ids show as the id). */
export function describeChange(lang: Lang, change: PolicyChange, regioName: (id: string) => string = (id) => id): string {
  switch (change.op) {
    case 'add-regio':
      return con(lang, 'change.add-regio', { regio: change.value.name || change.regio });
    case 'remove-regio':
      return con(lang, 'change.remove-regio', { regio: regioName(change.regio) });
    case 'set-regio':
      return con(lang, change.field === 'name' ? 'change.set-regio.name' : 'change.set-regio.mailbox', { regio: regioName(change.regio), value: change.value });
    case 'set':
      return con(lang, 'change.set', { field: change.field, value: JSON.stringify(change.value) });
    case 'add':
    case 'remove':
      return con(lang, `change.${change.op}.${change.list}` as ConsoleKey, { value: change.value, regio: change.regio === null ? '' : regioName(change.regio) });
  }
}

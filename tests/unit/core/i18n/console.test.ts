import { describe, expect, it } from 'vitest';
import { con, consoleCatalog, isConsoleKey } from '../../../../utils/core/i18n/console.ts';
import { LOCAL_EDIT_AREAS } from '../../../../utils/core/policy/schema.ts';
import { REGIO_LISTS, TOP_LISTS } from '../../../../utils/core/policy/changes.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).toSorted();

describe('console catalog', () => {
  it('Dutch by default, English too, with the same placeholders in both for every key', () => {
    expect(con('nl', 'console.add')).toBe('Toevoegen');
    expect(con('en', 'console.add')).toBe('Add');
    for (const key of consoleCatalog.keys()) {
      expect(con('en', key).trim(), key).not.toBe('');
      expect(placeholders(con('en', key)), key).toEqual(placeholders(con('nl', key)));
    }
  });

  it('has words for every edit area, every list change and every entry check', () => {
    for (const a of LOCAL_EDIT_AREAS) expect(isConsoleKey(`console.area.${a}`), a).toBe(true);
    for (const list of [...REGIO_LISTS, ...TOP_LISTS]) for (const op of ['add', 'remove']) expect(isConsoleKey(`change.${op}.${list}`), `${op} ${list}`).toBe(true);
    for (const e of ['invalid-entry', 'invalid-address', 'top-level-only', 'empty']) expect(isConsoleKey(`console.check.${e}`), e).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { compiledPerList } from '../../../../utils/core/recipients/per-list.ts';

describe('compiledPerList', () => {
  it('compiles a list once while it stays the same', () => {
    const seen: string[][] = [];
    const get = compiledPerList((entries) => {
      seen.push([...entries]);
      return entries.length;
    });
    const list = ['uwv.nl', 'hr@werkgever-a.nl'];
    expect(get(list)).toBe(2);
    expect(get(list)).toBe(2);
    expect(seen).toEqual([['uwv.nl', 'hr@werkgever-a.nl']]);
  });

  it('compiles again when the same array was changed in place, and per distinct array', () => {
    const seen: string[][] = [];
    const get = compiledPerList((entries) => {
      seen.push([...entries]);
      return entries.join(',');
    });
    const list = ['uwv.nl'];
    expect(get(list)).toBe('uwv.nl');
    list.push('*.achmea.nl');
    expect(get(list)).toBe('uwv.nl,*.achmea.nl');
    expect(get(['uwv.nl'])).toBe('uwv.nl');
    expect(seen).toHaveLength(3);
  });
});

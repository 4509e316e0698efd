// The layout check both adapters make before they guard a compose screen: a part the screen lacks
// is named, each once, and any missing part makes the check fail (the send then fails closed).
import { describe, expect, it } from 'vitest';
import { layoutVerdict, missingParts } from '../../../../utils/browser/webmail/adapter.ts';

const screen = (present: string[]) => ({ querySelector: (s: string) => (present.includes(s) ? {} : null) }) as unknown as ParentNode;
const PARTS = { 'compose form': 'form#compose', To: '#to', subject: '#subject' };

describe('layout check', () => {
  it('names every part the screen lacks, in the order given', () => {
    expect(missingParts(screen(['form#compose', '#to', '#subject']), PARTS)).toEqual([]);
    expect(missingParts(screen(['#to']), PARTS)).toEqual(['compose form', 'subject']);
    expect(missingParts(screen([]), PARTS)).toEqual(['compose form', 'To', 'subject']);
  });

  it('passes only with nothing missing, and names a part found missing twice once', () => {
    expect(layoutVerdict([])).toEqual({ ok: true });
    expect(layoutVerdict(['compose id', 'bridge channel', 'compose id'])).toEqual({ ok: false, missing: ['compose id', 'bridge channel'] });
  });
});

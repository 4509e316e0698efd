// The layout check both adapters make before they guard a compose screen: a part the screen lacks
// is named, each once, and any missing part makes the check fail (the send then fails closed).
import { describe, expect, it } from 'vitest';
import { finalSubmission, layoutVerdict, missingParts, type PreparedSubmission } from '../../../../utils/browser/webmail/adapter.ts';

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

describe('the final reading of a released send', () => {
  const checked: PreparedSubmission = { mode: 'send', url: 'https://mail.example/?_task=mail&_action=send', fields: [['_to', 'hr@werkgever-a.nl']], attachmentIds: ['1'], text: 'to=hr@werkgever-a.nl' };

  it('is the checked submission, its URL carrying the token', () => {
    const r = finalSubmission(() => ({ ...checked }), checked, '_rgt', 'tok-1');
    expect(r?.now.fields).toEqual(checked.fields);
    expect(r?.url.searchParams.get('_rgt')).toBe('tok-1');
    expect(r?.url.searchParams.get('_action')).toBe('send');
  });

  it('is nothing when the screen now holds another message or cannot be read', () => {
    expect(finalSubmission(() => ({ ...checked, text: 'to=someone@else.example' }), checked, '_rgt', 'tok-1')).toBeNull();
    expect(
      finalSubmission(
        () => {
          throw new Error('form gone');
        },
        checked,
        '_rgt',
        'tok-1',
      ),
    ).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { MessageSchema } from '../../../../utils/core/policy/message-schema.ts';
import { validateWith } from '../../../../utils/core/policy/errors.ts';

const base = {
  from: 'a.jansen@focus-nederland.nl',
  to: ['Personeelszaken <hr@werkgever-a.nl>'],
  subject: 'Voortgangsrapportage C-1042',
  attachments: [{ name: 'rapport.docx', path: 'files/rapport.docx' }],
};
const error = (data: unknown) => {
  const r = validateWith('message.json', data, MessageSchema);
  return r.ok ? null : r.error;
};

describe('message schema', () => {
  it('fills defaults', () => {
    const m = MessageSchema.parse(base);
    expect(m.cc).toEqual([]);
    expect(m.bcc).toEqual([]);
    expect(m.body).toBe('');
    expect(m.containsHealthData).toBeNull();
    expect(m.healthOverrideJustification).toBeNull();
    expect(m.reportKind).toBeUndefined();
  });

  it('accepts a single recipient string and keeps unknown fields', () => {
    const m = MessageSchema.parse({ ...base, to: 'a@b.nl, c@d.nl', composeId: 42 }) as Record<string, unknown>;
    expect(m.to).toEqual(['a@b.nl, c@d.nl']);
    expect(m.composeId).toBe(42);
  });

  it('does not reject a short justification (the engine simply does not accept it)', () => {
    expect(error({ ...base, exception: { ground: 'contract', justification: 'kort' } })).toBeNull();
  });

  it('rejects unknown grounds and report kinds, naming the field', () => {
    expect(error({ ...base, exception: { ground: 'because', justification: 'x'.repeat(30) } })).toBe(
      'message.json: exception.ground: expected one of contract, legal-obligation, vital-interest, legitimate-interest, got "because"',
    );
    expect(error({ ...base, reportKind: 'summary' })).toBe('message.json: reportKind: expected full or progress, got "summary"');
  });

  it('rejects attachments without a path and wrong types', () => {
    expect(error({ ...base, attachments: [{ name: 'x.pdf' }] })).toBe('message.json: attachments[0].path: expected text, got nothing');
    expect(error({ ...base, containsHealthData: 'ja' })).toBe('message.json: containsHealthData: expected true or false, got "ja"');
    expect(error({ ...base, from: undefined })).toBe('message.json: from: expected text, got nothing');
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeValue, formatPath, parseJsonWith, validateWith } from '../../../../utils/core/policy/errors.ts';

const Schema = z.object({
  version: z.literal(1),
  items: z.array(
    z.object({
      n: z.number().positive(),
      kind: z.enum(['a', 'b']),
      name: z.string().min(1),
      when: z.iso.datetime({ error: 'an ISO date-time' }),
      code: z.string().refine((s) => s.startsWith('X'), { message: 'a code starting with X' }),
    }),
  ),
});
const good = { version: 1, items: [{ n: 1, kind: 'a', name: 'x', when: '2026-01-01T00:00:00Z', code: 'X1' }] };
const withItem = (patch: object) => ({ ...good, items: [{ ...good.items[0], ...patch }] });

function error(data: unknown): string {
  const r = validateWith('policy.json', data, Schema);
  if (r.ok) throw new Error('expected invalid');
  return r.error;
}

describe('formatPath', () => {
  it('writes paths like code', () => {
    expect(formatPath(['regiokantoren', 0, 'allowedRecipients', 2])).toBe('regiokantoren[0].allowedRecipients[2]');
    expect(formatPath([])).toBe('(top level)');
    expect(formatPath(['a b'])).toBe('["a b"]');
  });
});

describe('describeValue', () => {
  it('describes values briefly', () => {
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue('')).toBe('an empty string');
    expect(describeValue('x'.repeat(100))).toMatch(/^"x{57}\.\.\."$/);
    expect(describeValue([1, 2])).toBe('a list of 2');
    expect(describeValue({ a: 1 })).toBe('an object');
  });
});

describe('one-line errors', () => {
  it('name the file, the field path, the expectation and what was found', () => {
    expect(error(withItem({ n: 'three' }))).toBe('policy.json: items[0].n: expected a number, got "three"');
    expect(error(withItem({ n: -1 }))).toBe('policy.json: items[0].n: expected a number above 0, got -1');
    expect(error(withItem({ kind: 'c' }))).toBe('policy.json: items[0].kind: expected one of "a", "b", got "c"');
    expect(error(withItem({ name: '' }))).toBe('policy.json: items[0].name: expected non-empty text, got an empty string');
    expect(error({ ...good, version: 2 })).toBe('policy.json: version: expected 1, got 2');
    expect(error(withItem({ when: 'yesterday' }))).toBe('policy.json: items[0].when: expected an ISO date-time, got "yesterday"');
    expect(error(withItem({ code: 'Y' }))).toBe('policy.json: items[0].code: expected a code starting with X, got "Y"');
  });

  it('say "got nothing" for a missing field', () => {
    expect(error({ items: [] })).toBe('policy.json: version: expected 1, got nothing');
  });

  it('are a single line without JSON dumps', () => {
    const e = error({ version: 1, items: [{}] });
    expect(e.split('\n')).toHaveLength(1);
    expect(e).not.toMatch(/[{}]/);
  });

  it('reject non-JSON in one line naming the file', () => {
    const r = parseJsonWith('message.json', '{ "from": ', Schema);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/^message\.json: not valid JSON \(/);
      expect(r.error.split('\n')).toHaveLength(1);
    }
  });

  it('accept a byte-order mark and valid data', () => {
    const r = parseJsonWith('p.json', '\ufeff' + JSON.stringify(good), Schema);
    expect(r.ok).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { ONE_LINE_MAX, oneLine } from '../../../utils/core/errors.ts';

describe('oneLine', () => {
  it('gives the message of an Error and the text of anything else', () => {
    expect(oneLine(new Error('policy.json: no such file'))).toBe('policy.json: no such file');
    expect(oneLine('timeout after 5 s')).toBe('timeout after 5 s');
    expect(oneLine(42)).toBe('42');
    expect(oneLine(null)).toBe('null');
  });

  it('keeps the first non-blank line (never a stack glued on), white space folded', () => {
    expect(oneLine(new Error('pdf.js blew up\n    at parse (pdf.mjs:1:2)'))).toBe('pdf.js blew up');
    expect(oneLine(new Error('\n\n  Could not  establish\tconnection.\r\nReceiving end does not exist.'))).toBe('Could not establish connection.');
  });

  it('caps long text at the limit, marking the cut', () => {
    const long = oneLine(new Error('x'.repeat(1000)));
    expect(long).toHaveLength(ONE_LINE_MAX);
    expect(long.endsWith('...')).toBe(true);
    expect(oneLine('abcdefghij', 8)).toBe('abcde...');
    expect(oneLine('abcdefgh', 8)).toBe('abcdefgh');
  });

  it('is never empty and never throws, whatever was thrown', () => {
    expect(oneLine(new Error(''))).toBe('unknown error');
    expect(oneLine('  \n ')).toBe('unknown error');
    expect(oneLine(Object.create(null))).toBe('unknown error');
    expect(oneLine({ toString: () => { throw new Error('no'); } })).toBe('unknown error');
  });
});

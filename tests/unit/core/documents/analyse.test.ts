import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyseAttachment, DEFAULT_LIMITS, limitsFromPolicy } from '../../../../utils/core/documents/analyse.ts';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';
import { prepareForSend } from '../../../../utils/core/documents/send-fix.ts';
import { makeDocx, makeJpeg, makeLegacyDoc, makePng } from '../../../helpers/fixtures.ts';

describe('limits', () => {
  it('defaults: 25 MB files, 200 MB decompressed, ratio 100, 500 pages, 15 s', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxBytes: 25 * 1024 * 1024,
      maxDecompressedBytes: 200 * 1024 * 1024,
      maxCompressionRatio: 100,
      maxPages: 500,
      timeoutMs: 15_000,
    });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });

  it('takes the size limit from the policy and keeps the rest', () => {
    expect(limitsFromPolicy(10)).toEqual({ ...DEFAULT_LIMITS, maxBytes: 10 * 1024 * 1024 });
    expect(limitsFromPolicy(0.5).maxBytes).toBe(512 * 1024);
  });

  it('falls back to the default size for nonsense values', () => {
    for (const bad of [0, -3, Number.NaN, Number.POSITIVE_INFINITY]) expect(limitsFromPolicy(bad).maxBytes).toBe(DEFAULT_LIMITS.maxBytes);
  });
});

describe('analyseAttachment', () => {
  it('reports name, size, hash of the original bytes and type; the text is not the source\'s', async () => {
    const bytes = makeDocx(['Eerste alinea']);
    const result = await analyseAttachment('rapport.docx', bytes, DEFAULT_LIMITS);
    // The text the checks read is the sent PDF's, filled in by prepareForSend: none before the fix.
    expect(result).toMatchObject({ name: 'rapport.docx', size: bytes.length, type: 'docx', readable: true, problem: null, text: '' });
    expect(result.sha256).toBe(await sha256Hex(bytes));
    expect(result.pages).toBeUndefined();
  });

  it('checks the size first: over the limit is too-large and the content is not looked at', async () => {
    const bytes = makeLegacyDoc(); // would be 'doc' if it were sniffed
    const result = await analyseAttachment('groot.doc', bytes, { ...DEFAULT_LIMITS, maxBytes: 1000 });
    expect(result.readable).toBe(false);
    expect(result.problem?.kind).toBe('too-large');
    expect(result.type).toBe('unknown');
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a file exactly at the limit', async () => {
    const bytes = strToU8('precies');
    expect((await analyseAttachment('a.txt', bytes, { ...DEFAULT_LIMITS, maxBytes: bytes.length })).problem).toBeNull();
  });

  it('reads images as readable without text', async () => {
    for (const [name, bytes, type] of [['a.png', makePng(), 'png'], ['a.jpg', makeJpeg(), 'jpeg']] as const) {
      const result = await analyseAttachment(name, bytes, DEFAULT_LIMITS);
      expect(result).toMatchObject({ type, readable: true, problem: null, text: '' });
    }
  });

  it('marks doc, plain zip, HTML/XML/scripts and unknown bytes as readable but unsupported', async () => {
    const zip = (await import('fflate')).zipSync({ 'a.txt': strToU8('x') });
    const html = strToU8('<!DOCTYPE html><html><body>rapport</body></html>');
    for (const [bytes, type] of [[makeLegacyDoc(), 'doc'], [zip, 'zip'], [html, 'markup'], [new Uint8Array([0, 1, 2, 3]), 'unknown']] as const) {
      const result = await analyseAttachment('bijlage', bytes, DEFAULT_LIMITS);
      expect(result.type).toBe(type);
      expect(result.readable).toBe(true);
      expect(result.problem?.kind).toBe('unsupported');
      expect(result.problem?.detail).toBeTruthy();
    }
  });

  it('never throws: a broken document becomes a one-line problem (found when it is prepared)', async () => {
    const whole = makeDocx(['x']);
    const broken = whole.subarray(0, whole.length - 40);
    const { analysis: result } = await prepareForSend('kapot.docx', broken);
    expect(result.readable).toBe(false);
    expect(result.problem?.kind).toBe('corrupt');
    expect(result.problem?.detail).not.toContain('\n');
  });
});

describe('analyseAttachment on arbitrary input (property)', () => {
  it('always resolves to a result with a hash, and a problem whenever it is not readable', async () => {
    const fc = await import('fast-check');
    const prefixes = ['', '%PDF-1.7\n', 'PK\u0003\u0004', '{\\rtf1 ', 'Cliënt '].map((p) => strToU8(p, true));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 200 }), async (prefix, body) => {
        const result = await analyseAttachment('x', new Uint8Array([...prefix, ...body]), DEFAULT_LIMITS);
        expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
        if (!result.readable) expect(result.problem).not.toBeNull();
      }),
      { numRuns: 60 },
    );
  });
});

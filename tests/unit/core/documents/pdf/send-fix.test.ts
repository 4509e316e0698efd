import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../../utils/core/documents/hash.ts';
import { applySendFix, sendName } from '../../../../../utils/core/documents/pdf/send-fix.ts';
import { verifyPdfFlat } from '../../../../../utils/core/documents/pdf/verify.ts';
import type { AnalysedAttachment } from '../../../../../utils/core/documents/types.ts';
import { makeFormPdf, makeUserPasswordPdf } from '../../../../helpers/pdf-fixtures.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 20_000 };
const base: AnalysedAttachment = { name: 'rapport.pdf', size: 0, sha256: 'ab'.repeat(32), type: 'pdf', readable: true, problem: null, text: '' };

describe('applySendFix', () => {
  it('flattens a PDF and hands back the bytes to send with their hash and name', async () => {
    const r = await applySendFix(base, await makeFormPdf({ pages: 1 }), { limits, protect: true });
    expect(r.fix).toMatchObject({ action: 'flattened', ok: true, outputName: 'rapport.pdf' });
    expect(r.output).not.toBeNull();
    expect(r.fix.outputSha256).toBe(await sha256Hex(r.output!));
    expect((await verifyPdfFlat(r.output!)).flat).toBe(true);
  });

  it('converts text and names the result .pdf', async () => {
    const r = await applySendFix({ ...base, name: 'notitie.txt', type: 'txt' }, new TextEncoder().encode('Voortgang\n'), { limits, protect: false });
    expect(r.fix).toMatchObject({ action: 'converted', ok: true, outputName: 'notitie.pdf' });
  });

  it('keeps what the analysis found, refuses the unconvertible, and turns pipeline errors into problems', async () => {
    const problem = { kind: 'zip-bomb' as const, detail: 'ratio' };
    expect(await applySendFix({ ...base, type: 'docx', readable: false, problem }, new Uint8Array(), { limits, protect: true }))
      .toEqual({ fix: { action: 'converted', ok: false, problem }, output: null });
    const doc = await applySendFix({ ...base, type: 'doc' }, new Uint8Array(), { limits, protect: true });
    expect(doc).toMatchObject({ fix: { ok: false, problem: { kind: 'unsupported' } }, output: null });
    const locked = await applySendFix(base, await makeUserPasswordPdf(), { limits, protect: true });
    expect(locked).toMatchObject({ fix: { action: 'flattened', ok: false, problem: { kind: 'encrypted' } }, output: null });
  });

  it('names outputs', () => {
    expect(sendName('rapport.v2.docx')).toBe('rapport.v2.pdf');
    expect(sendName('README')).toBe('README.pdf');
  });
});

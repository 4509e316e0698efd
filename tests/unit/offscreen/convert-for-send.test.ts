import { describe, expect, it } from 'vitest';
import { CONVERSION_NOT_AVAILABLE, convertForSend, pdfNameFor } from '../../../utils/offscreen/convert-for-send.ts';
import type { AnalysedAttachment } from '../../../utils/documents/types.ts';

const base: AnalysedAttachment = { name: 'r.pdf', size: 3, sha256: 'ab'.repeat(32), type: 'pdf', readable: true, problem: null, text: '' };
const bytes = new Uint8Array([1, 2, 3]);

describe('convertForSend (placeholder until the PDF pipeline)', () => {
  it('sends a readable PDF unchanged', async () => {
    expect(await convertForSend(base, bytes)).toEqual({
      fix: { action: 'none', ok: true, outputName: 'r.pdf', outputSha256: base.sha256 },
      output: bytes,
    });
  });

  it('refuses the convertible types for now: nothing unconverted goes out', async () => {
    for (const type of ['docx', 'odt', 'rtf', 'txt', 'png', 'jpeg'] as const) {
      const r = await convertForSend({ ...base, type, name: 'r.x' }, bytes);
      expect(r.output).toBeNull();
      expect(r.fix).toMatchObject({ action: 'converted', ok: false, problem: { kind: 'unsupported', detail: CONVERSION_NOT_AVAILABLE } });
    }
  });

  it('refuses types that can never become a PDF, and keeps a problem the analysis found', async () => {
    for (const type of ['doc', 'zip', 'unknown'] as const) {
      const r = await convertForSend({ ...base, type, name: 'r.x' }, bytes);
      expect(r.output).toBeNull();
      expect(r.fix.ok).toBe(false);
      expect(r.fix.problem?.kind).toBe('unsupported');
      expect(r.fix.problem?.detail).not.toBe(CONVERSION_NOT_AVAILABLE);
    }
    const zip = { ...base, type: 'zip' as const, problem: { kind: 'unsupported' as const, detail: 'a zip archive' } };
    expect((await convertForSend(zip, bytes)).fix.problem).toEqual(zip.problem);
  });

  it('passes the analysis problem on for unreadable input', async () => {
    const problem = { kind: 'encrypted' as const, detail: 'password' };
    const r = await convertForSend({ ...base, readable: false, problem }, bytes);
    expect(r).toEqual({ fix: { action: 'flattened', ok: false, problem }, output: null });
  });
});

describe('pdfNameFor', () => {
  it('replaces the extension, or adds one', () => {
    expect(pdfNameFor('rapport.docx')).toBe('rapport.pdf');
    expect(pdfNameFor('rapport.v2.odt')).toBe('rapport.v2.pdf');
    expect(pdfNameFor('README')).toBe('README.pdf');
    expect(pdfNameFor('.hidden')).toBe('.hidden.pdf');
  });
});

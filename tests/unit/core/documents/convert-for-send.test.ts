import { describe, expect, it } from 'vitest';
import { convertForSend, pdfNameFor } from '../../../../utils/core/documents/convert-for-send.ts';
import { analyseAttachment, limitsFromPolicy } from '../../../../utils/core/documents/analyse.ts';
import { verifyPdfFlat } from '../../../../utils/core/documents/pdf/verify.ts';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';
import type { AnalysedAttachment } from '../../../../utils/core/documents/types.ts';
import { makeDocx, makePdf } from '../../../helpers/fixtures.ts';

const settings = { maxAttachmentMB: 25, protectPdf: true };

async function analysed(name: string, bytes: Uint8Array): Promise<AnalysedAttachment> {
  return analyseAttachment(name, bytes, limitsFromPolicy(settings.maxAttachmentMB));
}

describe('convertForSend (the document pipeline behind the offscreen seam)', () => {
  it('flattens a readable PDF into a verified flat PDF with a new hash', async () => {
    const bytes = await makePdf(['Voortgangsrapportage C-1042']);
    const r = await convertForSend(await analysed('r.pdf', bytes), bytes, settings);
    expect(r.fix).toMatchObject({ action: 'flattened', ok: true, outputName: 'r.pdf' });
    expect(r.output).not.toBeNull();
    expect(r.fix.outputSha256).toBe(await sha256Hex(r.output!));
    expect((await verifyPdfFlat(r.output!)).flat).toBe(true);
  });

  it('converts a DOCX to a flat PDF named after it', async () => {
    const bytes = makeDocx(['Rapportage over de re-integratie van de cliënt.']);
    const r = await convertForSend(await analysed('rapport.docx', bytes), bytes, settings);
    expect(r.fix).toMatchObject({ action: 'converted', ok: true, outputName: 'rapport.pdf' });
    expect((await verifyPdfFlat(r.output!)).flat).toBe(true);
  });

  it('refuses types that can never become a PDF, and keeps a problem the analysis found', async () => {
    const base: AnalysedAttachment = { name: 'r.x', size: 3, sha256: 'ab'.repeat(32), type: 'doc', readable: true, problem: null, text: '' };
    for (const type of ['doc', 'zip', 'unknown'] as const) {
      const r = await convertForSend({ ...base, type }, new Uint8Array([1, 2, 3]), settings);
      expect(r.output).toBeNull();
      expect(r.fix.ok).toBe(false);
      expect(r.fix.problem?.kind).toBe('unsupported');
    }
    const problem = { kind: 'encrypted' as const, detail: 'password' };
    const r = await convertForSend({ ...base, type: 'pdf', readable: false, problem }, new Uint8Array([1]), settings);
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

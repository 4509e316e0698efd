import { describe, expect, it } from 'vitest';
import { analyseAttachment, limitsFromPolicy } from '../../../../utils/core/documents/analyse.ts';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';
import { applySendFix, makeSendable, sendName } from '../../../../utils/core/documents/send-fix.ts';
import { pageTexts, verifyPdfFlat } from '../../../../utils/core/documents/pdf/verify.ts';
import type { AnalysedAttachment } from '../../../../utils/core/documents/types.ts';
import { makeDocx, makePdf } from '../../../helpers/fixtures.ts';
import { FIELD_NAME_VALUE, makeFormPdf, makeUserPasswordPdf } from '../../../helpers/pdf-fixtures.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 20_000 };
const settings = { maxAttachmentMB: 25, protectPdf: true };
const protectOn = { maxAttachmentMB: 25, protectPdf: true };
const protectOff = { maxAttachmentMB: 25, protectPdf: false };
const base: AnalysedAttachment = { name: 'rapport.pdf', size: 0, sha256: 'ab'.repeat(32), type: 'pdf', readable: true, problem: null, text: '' };

async function analysed(name: string, bytes: Uint8Array): Promise<AnalysedAttachment> {
  return analyseAttachment(name, bytes, limitsFromPolicy(settings.maxAttachmentMB));
}

describe('makeSendable', () => {
  it('flattens a PDF, protects it and returns the hash of the bytes it returns', async () => {
    const out = await makeSendable(await makeFormPdf({ pages: 2 }), 'pdf', { limits });
    expect(out.action).toBe('flattened');
    expect(out.pages).toBe(2);
    expect(out.sha256).toBe(await sha256Hex(out.bytes));
    expect(new TextDecoder('latin1').decode(out.bytes)).toContain('/Encrypt');
    expect((await verifyPdfFlat(out.bytes)).flat).toBe(true);
    expect((await pageTexts(out.bytes))[0]).toContain(FIELD_NAME_VALUE);
  });

  it('leaves protection off when the policy says so', async () => {
    const out = await makeSendable(await makeFormPdf({ pages: 1 }), 'pdf', { limits, protect: false });
    expect(new TextDecoder('latin1').decode(out.bytes)).not.toContain('/Encrypt');
  });

  it('converts plain text through the converter, then flattens', async () => {
    const out = await makeSendable(new TextEncoder().encode('Voortgang van het traject\nTweede regel\n'), 'txt', { limits });
    expect(out.action).toBe('converted');
    expect((await pageTexts(out.bytes)).join(' ')).toContain('Voortgang van het traject');
  });

  it('refuses types that cannot become a PDF, and encrypted PDFs, with typed errors', async () => {
    await expect(makeSendable(new Uint8Array([1, 2, 3]), 'unknown', { limits })).rejects.toMatchObject({ kind: 'unsupported' });
    await expect(makeSendable(await makeUserPasswordPdf(), 'pdf', { limits })).rejects.toMatchObject({ kind: 'encrypted' });
  });
});

describe('applySendFix', () => {
  it('flattens a PDF and hands back the bytes to send with their hash and name', async () => {
    const r = await applySendFix(base, await makeFormPdf({ pages: 1 }), protectOn);
    expect(r.fix).toMatchObject({ action: 'flattened', ok: true, outputName: 'rapport.pdf' });
    expect(r.output).not.toBeNull();
    expect(r.fix.outputSha256).toBe(await sha256Hex(r.output!));
    expect((await verifyPdfFlat(r.output!)).flat).toBe(true);
  });

  it('converts text and names the result .pdf', async () => {
    const r = await applySendFix({ ...base, name: 'notitie.txt', type: 'txt' }, new TextEncoder().encode('Voortgang\n'), protectOff);
    expect(r.fix).toMatchObject({ action: 'converted', ok: true, outputName: 'notitie.pdf' });
  });

  it('keeps what the analysis found, refuses the unconvertible, and turns pipeline errors into problems', async () => {
    const problem = { kind: 'zip-bomb' as const, detail: 'ratio' };
    expect(await applySendFix({ ...base, type: 'docx', readable: false, problem }, new Uint8Array(), protectOn))
      .toEqual({ fix: { action: 'converted', ok: false, problem }, output: null, text: '' });
    const doc = await applySendFix({ ...base, type: 'doc' }, new Uint8Array(), protectOn);
    expect(doc).toMatchObject({ fix: { ok: false, problem: { kind: 'unsupported' } }, output: null });
    const locked = await applySendFix(base, await makeUserPasswordPdf(), protectOn);
    expect(locked).toMatchObject({ fix: { action: 'flattened', ok: false, problem: { kind: 'encrypted' } }, output: null });
  });

  it('names outputs', () => {
    expect(sendName('rapport.v2.docx')).toBe('rapport.v2.pdf');
    expect(sendName('README')).toBe('README.pdf');
  });
});

describe('applySendFix on analysed attachments (the body of the offscreen seam and CLI check)', () => {
  it('flattens a readable PDF into a verified flat PDF with a new hash', async () => {
    const bytes = await makePdf(['Voortgangsrapportage C-1042']);
    const r = await applySendFix(await analysed('r.pdf', bytes), bytes, settings);
    expect(r.fix).toMatchObject({ action: 'flattened', ok: true, outputName: 'r.pdf' });
    expect(r.output).not.toBeNull();
    expect(r.fix.outputSha256).toBe(await sha256Hex(r.output!));
    expect((await verifyPdfFlat(r.output!)).flat).toBe(true);
  });

  it('converts a DOCX to a flat PDF named after it', async () => {
    const bytes = makeDocx(['Rapportage over de re-integratie van de cliënt.']);
    const r = await applySendFix(await analysed('rapport.docx', bytes), bytes, settings);
    expect(r.fix).toMatchObject({ action: 'converted', ok: true, outputName: 'rapport.pdf' });
    expect((await verifyPdfFlat(r.output!)).flat).toBe(true);
  });

  it('refuses types that can never become a PDF, and keeps a problem the analysis found', async () => {
    const other: AnalysedAttachment = { name: 'r.x', size: 3, sha256: 'ab'.repeat(32), type: 'doc', readable: true, problem: null, text: '' };
    for (const type of ['doc', 'zip', 'unknown'] as const) {
      const r = await applySendFix({ ...other, type }, new Uint8Array([1, 2, 3]), settings);
      expect(r.output).toBeNull();
      expect(r.fix.ok).toBe(false);
      expect(r.fix.problem?.kind).toBe('unsupported');
    }
    const problem = { kind: 'encrypted' as const, detail: 'password' };
    const r = await applySendFix({ ...other, type: 'pdf', readable: false, problem }, new Uint8Array([1]), settings);
    expect(r).toEqual({ fix: { action: 'flattened', ok: false, problem }, output: null, text: '' });
  });
});

describe('sendName', () => {
  it('replaces the extension, or adds one', () => {
    expect(sendName('rapport.docx')).toBe('rapport.pdf');
    expect(sendName('rapport.v2.odt')).toBe('rapport.v2.pdf');
    expect(sendName('README')).toBe('README.pdf');
    expect(sendName('.hidden')).toBe('.hidden.pdf');
  });
});

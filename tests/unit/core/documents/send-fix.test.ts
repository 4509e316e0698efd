import { describe, expect, it } from 'vitest';
import { analyseAttachment, limitsFromPolicy } from '../../../../utils/core/documents/analyse.ts';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';
import { applySendFix, makeSendable, prepareForSend, sendName } from '../../../../utils/core/documents/send-fix.ts';
import { pageTexts, verifyPdfFlat } from '../../../../utils/core/documents/pdf/verify.ts';
import type { AnalysedAttachment } from '../../../../utils/core/documents/types.ts';
import { makeDocx, makePdf } from '../../../helpers/fixtures.ts';
import { FIELD_NAME_VALUE, makeFormPdf, makeUserPasswordPdf } from '../../../helpers/pdf-fixtures.ts';

/** Whether the memory behind `bytes` was given back (their buffer detached). */
const detached = (bytes: Uint8Array): boolean => (bytes.buffer as ArrayBuffer).detached;

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

  it('leaves the caller\'s bytes as they were, unless they are handed over: then they are released, whatever the outcome', async () => {
    const kept = await makeFormPdf({ pages: 2 });
    const copy = kept.slice();
    const out = await makeSendable(kept, 'pdf', { limits });
    expect(kept).toEqual(copy); // read through copies, not detached, not altered

    const handed = await makeFormPdf({ pages: 2 });
    const handedOut = await makeSendable(handed, 'pdf', { limits, consumeInput: true });
    expect(detached(handed)).toBe(true);
    expect(handed.byteLength).toBe(0);
    // The same verified result as without handing over (only the random IVs differ).
    expect(handedOut.pages).toBe(out.pages);
    expect(handedOut.texts).toEqual(out.texts);
    expect(handedOut.sha256).toBe(await sha256Hex(handedOut.bytes));
    expect((await verifyPdfFlat(handedOut.bytes)).flat).toBe(true);

    // Unprotected output too (read through a copy), and a DOCX (released once converted).
    const plain = await makeFormPdf({ pages: 1 });
    expect((await makeSendable(plain, 'pdf', { limits, protect: false, consumeInput: true })).pages).toBe(1);
    expect(detached(plain)).toBe(true);
    const docx = await makeDocx(['Voortgang van het traject']);
    expect((await pageTexts((await makeSendable(docx, 'docx', { limits, consumeInput: true })).bytes)).join(' ')).toContain('Voortgang van het traject');
    expect(detached(docx)).toBe(true);

    // Refused: still released.
    const broken = new TextEncoder().encode('%PDF-1.7\nnot really\n%%EOF\n');
    await expect(makeSendable(broken, 'pdf', { limits, consumeInput: true })).rejects.toMatchObject({ kind: 'corrupt' });
    expect(detached(broken)).toBe(true);

    // A view on part of a larger buffer is never released: other data lives there.
    const whole = await makeFormPdf({ pages: 1 });
    const larger = new Uint8Array(whole.length + 10);
    larger.set(whole, 5);
    const part = larger.subarray(5, 5 + whole.length);
    expect((await makeSendable(part, 'pdf', { limits, consumeInput: true })).pages).toBe(1);
    expect(detached(larger)).toBe(false);
    expect(part).toEqual(whole);
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

describe('prepareForSend with the bytes handed over (as the offscreen document calls it)', () => {
  it('hashes the original before anything else and releases it afterwards; what the analysis says is the same', async () => {
    const pdf = await makeFormPdf({ pages: 2 });
    const original = await sha256Hex(pdf);
    const kept = await prepareForSend('rapport.pdf', pdf.slice(), protectOn);
    const handed = await prepareForSend('rapport.pdf', pdf, protectOn, undefined, { consumeInput: true });
    expect(detached(pdf)).toBe(true);
    expect(handed.analysis.sha256).toBe(original);
    expect(handed.analysis.fix).toMatchObject({ ok: true, action: 'flattened', outputName: 'rapport.pdf' });
    expect(handed.analysis.text).toBe(kept.analysis.text);
    expect(handed.output && (await verifyPdfFlat(handed.output)).flat).toBe(true);

    // Refused by the analysis already (a truncated PDF: no %%EOF): released all the same.
    const truncated = (await makeFormPdf({ pages: 1 })).slice(0, 2000);
    const refused = await prepareForSend('rapport.pdf', truncated, protectOn, undefined, { consumeInput: true });
    expect(refused.output).toBeNull();
    expect(refused.analysis.problem?.kind).toBe('corrupt');
    expect(detached(truncated)).toBe(true);
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

import { describe, expect, it } from 'vitest';
import { extractPdfText } from '../../../../../utils/core/documents/text/pdf.ts';
import { makeCorruptPdf, makeEncryptedPdf, makePdf } from '../../../../helpers/fixtures.ts';
import { problem } from '../../../../helpers/document-problem.ts';

const LIMITS = { maxPages: 500, timeoutMs: 15_000 };

describe('extractPdfText', () => {
  it('returns the text of every page, in order, and the page count', async () => {
    const pdf = await makePdf(['Voortgangsrapportage\nCliënt: J. de Vries', 'Pagina twee', 'Slot']);
    const { text, pages } = await extractPdfText(pdf, LIMITS);
    expect(pages).toBe(3);
    expect(text).toContain('Cliënt: J. de Vries');
    expect(text.indexOf('Voortgangsrapportage')).toBeLessThan(text.indexOf('Pagina twee'));
    expect(text.indexOf('Pagina twee')).toBeLessThan(text.indexOf('Slot'));
  });

  it('reads a PDF with junk before its header, as viewers do', async () => {
    const pdf = await makePdf(['Hallo met junk ervoor']);
    const junk = new TextEncoder().encode('X-Junk: 1234567890\r\n'.repeat(5));
    const { text } = await extractPdfText(new Uint8Array([...junk, ...pdf]), LIMITS);
    expect(text).toBe('Hallo met junk ervoor');
  });

  it('leaves the caller’s bytes intact (pdf.js may detach what it is given)', async () => {
    const pdf = await makePdf(['Hallo']);
    const length = pdf.length;
    await extractPdfText(pdf, LIMITS);
    expect(pdf.length).toBe(length);
    expect(pdf[0]).toBe(0x25);
  });

  it('says encrypted for a PDF that needs a user password', async () => {
    expect((await problem(extractPdfText(await makeEncryptedPdf('Geheim verslag'), LIMITS))).kind).toBe('encrypted');
  });

  it('says corrupt for a truncated PDF and for garbage after a PDF header', async () => {
    expect((await problem(extractPdfText(await makeCorruptPdf(), LIMITS))).kind).toBe('corrupt');
    const garbage = new TextEncoder().encode('%PDF-1.7\n' + 'x'.repeat(2000) + '\n%%EOF\n');
    expect((await problem(extractPdfText(garbage, LIMITS))).kind).toBe('corrupt');
  });

  it('refuses more pages than the limit', async () => {
    const pdf = await makePdf(['1', '2', '3', '4']);
    const error = await problem(extractPdfText(pdf, { ...LIMITS, maxPages: 3 }));
    expect(error.kind).toBe('too-many-pages');
    expect(error.message).toMatch(/4 pages/);
  });

  it('gives up with timeout when the time limit passes, and stays usable afterwards', async () => {
    const pdf = await makePdf(Array.from({ length: 30 }, (_, i) => `Pagina ${i + 1}`));
    expect((await problem(extractPdfText(pdf, { ...LIMITS, timeoutMs: 1 }))).kind).toBe('timeout');
    expect((await extractPdfText(pdf, LIMITS)).pages).toBe(30);
  });
});

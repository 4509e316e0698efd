import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';
import { documentParams } from '../../../../utils/core/documents/pdfjs.ts';
import { pageTexts } from '../../../../utils/core/documents/pdf/verify.ts';
import { makeTextPdf } from '../../../helpers/pdf-fixtures.ts';

/** Whether the memory behind `bytes` was given back (their buffer detached). */
const detached = (bytes: Uint8Array): boolean => (bytes.buffer as ArrayBuffer).detached;
const dataOf = (opened: { params: object }): unknown => (opened.params as { data?: unknown }).data;

describe('documentParams: what pdf.js is given to read', () => {
  it('hands pdf.js a copy by default, so the caller keeps its bytes', async () => {
    const bytes = await makeTextPdf(['Rapportage over het traject']);
    const opened = await documentParams(bytes, false);
    expect(opened.shared).toBe(false);
    expect(dataOf(opened)).not.toBe(bytes);
    expect(dataOf(opened)).toEqual(bytes);
    opened.close();
  });

  it('with share, lets pdf.js read the very bytes in place: nothing copied, nothing detached, nothing changed', async () => {
    const bytes = await makeTextPdf(['Rapportage over het traject', 'tweede regel']);
    const hash = await sha256Hex(bytes);
    const opened = await documentParams(bytes, true);
    expect(opened.shared).toBe(true);
    expect(dataOf(opened)).toBe(bytes);
    opened.close();

    const texts = await pageTexts(bytes, 20_000, true);
    expect(texts.join('\n')).toContain('Rapportage over het traject');
    expect(detached(bytes)).toBe(false); // pdf.js's own port would have transferred it away
    expect(await sha256Hex(bytes)).toBe(hash);
  });

  it('reads several shared documents at once, each through its own port', async () => {
    const docs = await Promise.all(['eerste verslag', 'tweede verslag', 'derde verslag'].map((t) => makeTextPdf([t])));
    const texts = await Promise.all(docs.map((d) => pageTexts(d, 20_000, true)));
    expect(texts.map((t) => t.join('').trim())).toEqual(['eerste verslag', 'tweede verslag', 'derde verslag']);
    // And a copied read alongside them is unaffected.
    expect((await pageTexts(docs[0]!)).join('').trim()).toBe('eerste verslag');
  });

  it('falls back to a copy for a view on part of a larger buffer (pdf.js would copy it anyway)', async () => {
    const pdf = await makeTextPdf(['in het midden']);
    const larger = new Uint8Array(pdf.length + 8);
    larger.set(pdf, 4);
    const part = larger.subarray(4, 4 + pdf.length);
    const opened = await documentParams(part, true);
    expect(opened.shared).toBe(false);
    opened.close();
    expect((await pageTexts(part, 20_000, true)).join('').trim()).toBe('in het midden');
    expect(detached(larger)).toBe(false);
  });
});

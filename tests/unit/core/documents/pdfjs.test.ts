import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';
import { documentParams, hideDecompressionStream, loadPdfJs } from '../../../../utils/core/documents/pdfjs.ts';
import { pageTexts, verifyPdfFlat } from '../../../../utils/core/documents/pdf/verify.ts';
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

describe('pdf.js decodes with its own inflate while a document is open (memory)', () => {
  const Platform = globalThis.DecompressionStream;
  afterEach(() => {
    globalThis.DecompressionStream = Platform;
  });

  /** The platform's DecompressionStream, counting what is made of it. */
  function counting(): { made: () => number } {
    let made = 0;
    globalThis.DecompressionStream = class extends Platform {
      constructor(format: CompressionFormat) {
        super(format);
        made++;
      }
    };
    return { made: () => made };
  }

  it('hides DecompressionStream until the last of several openers is done, then puts back the very same one', () => {
    const mine = counting();
    const Mine = globalThis.DecompressionStream;
    const first = hideDecompressionStream();
    const second = hideDecompressionStream();
    expect('DecompressionStream' in globalThis).toBe(false);
    first();
    first(); // twice is once
    expect('DecompressionStream' in globalThis).toBe(false);
    second();
    expect(globalThis.DecompressionStream).toBe(Mine);
    expect(mine.made()).toBe(0);
  });

  it('reads the same text of Flate-compressed pages as pdf.js with the platform inflate, without making one, and puts it back after success and failure', async () => {
    const pdf = await makeTextPdf(['Eerste pagina van het verslag', 'Tweede pagina, met BSN 123456782']);
    const mine = counting();
    const Mine = globalThis.DecompressionStream;

    // pdf.js on its own, as it would run: it inflates through the platform.
    const pdfjs = await loadPdfJs();
    const task = pdfjs.getDocument({ data: pdf.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
    const doc = await task.promise;
    const direct: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      direct.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''));
    }
    await task.destroy();
    const viaPlatform = mine.made();
    expect(viaPlatform).toBeGreaterThan(0); // the pages' content streams are Flate-compressed

    const texts = await pageTexts(pdf, 20_000, true);
    const checked = await verifyPdfFlat(pdf, { expectText: texts, share: true });
    expect(texts).toEqual(direct);
    expect(checked).toMatchObject({ flat: true, texts: direct });
    expect(mine.made()).toBe(viaPlatform); // none made while our documents were open
    expect(globalThis.DecompressionStream).toBe(Mine);

    await expect(verifyPdfFlat(new TextEncoder().encode('no pdf at all'))).rejects.toMatchObject({ kind: 'unreadable' });
    expect(globalThis.DecompressionStream).toBe(Mine);
  });
});

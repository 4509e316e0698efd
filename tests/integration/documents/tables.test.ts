// Issue 14, tables: no word is broken inside a table cell. Columns given in percentages are
// often narrower than their words; they are widened from the others' slack, and where even that
// can't fit, the table's text is set smaller. Checked with poppler's word boxes of the output
// (its running text joins a cell line ending "re-" with the next column's word on the same
// baseline, so it is not used here), on
// LibreOffice-written files and on the shared corpus (where LibreOffice itself breaks the words).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../../../utils/core/documents/convert/errors.ts';
import { renderPdf } from '../../../utils/core/documents/convert/render.ts';
import { makeSendable } from '../../../utils/core/documents/send-fix.ts';
import type { DocType } from '../../../utils/core/documents/types.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { pdfScratch, pdfWords } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const FIXTURES = join(import.meta.dirname, '../../fixtures/convert');
const pdfs = pdfScratch('rg-tables-');

needSystemTools('pdftotext');

async function words(name: string, bytes: Uint8Array, type: DocType): Promise<string[]> {
  const out = await makeSendable(bytes, type, { limits, protect: false });
  return pdfWords(pdfs.save(out.bytes, `${name}.pdf`)).map((w) => w.text);
}

describe('percentage-width tables LibreOffice wrote', () => {
  it.each([
    ['libreoffice-pct-table.docx', 'docx'],
    ['libreoffice-pct-table.odt', 'odt'],
    ['libreoffice-pct-table.rtf', 'rtf'],
  ] as const)('%s: every long word in one piece, twice (two rows)', async (name, type) => {
    const got = await words(name, new Uint8Array(readFileSync(join(FIXTURES, name))), type);
    for (const w of ['Omschrijving', 'arbeidsongeschiktheidsverzekering', 'Werkgeversaansprakelijkheid', 'Ziektewetuitkering']) {
      expect(got.filter((g) => g === w), w).toHaveLength(2);
    }
    // A line may break after the hyphen of "re-integratiebegeleiding", as LibreOffice breaks it,
    // never inside its parts: the whole word, or "re-" on one line and "integratiebegeleiding" on the next.
    const whole = got.filter((g) => g === 're-integratiebegeleiding').length;
    const count = (w: string): number => got.filter((g) => g === w).length;
    expect(count('re-')).toBe(count('integratiebegeleiding'));
    expect(whole + count('re-')).toBe(2);
  });
});

describeCorpus('tables of real documents', () => {
  it('odftk-BigTable.odt: the words of its narrow columns stay whole', async () => {
    const got = await words('odftk-BigTable.odt', corpusFile('odftk-BigTable.odt'), 'odt');
    expect(got.filter((w) => w === 'sadf').length).toBeGreaterThan(3);
    expect(got).not.toContain('sa');
  });
});

// Every column one cell merged down over all 300 rows (10 pages), the last column a cell per
// row: the merged cells' text goes to the middle page when centred, the last page at the bottom.
async function bulk(vAlign: 'center' | 'bottom'): Promise<{ pages: number; kolom: number[] }> {
  const COLS = 8;
  const ROWS = 300;
  const merged = Array.from({ length: COLS }, (_, k) => ({ blocks: [{ kind: 'paragraph' as const, runs: [{ text: `kolom${k}` }] }], rowSpan: ROWS, vAlign }));
  const rows = Array.from({ length: ROWS }, (_, r) => ({
    cells: [...(r === 0 ? merged : Array.from({ length: COLS }, () => ({ blocks: [], covered: true }))), { blocks: [{ kind: 'paragraph' as const, runs: [{ text: `rij${r}` }] }] }],
  }));
  const pdf = await renderPdf({ blocks: [{ kind: 'table', rows, borders: true }] }, { deadline: new Deadline(60_000), maxPages: 500 });
  const drawn = pdfWords(pdfs.save(pdf, `merged-bulk-${vAlign}.pdf`));
  expect(drawn.filter((w) => /^rij\d+$/.test(w.text))).toHaveLength(ROWS);
  const kolom = drawn.filter((w) => /^kolom\d$/.test(w.text));
  expect(kolom).toHaveLength(COLS);
  return { pages: Math.max(...drawn.map((w) => w.page)), kolom: [...new Set(kolom.map((w) => w.page))] };
}

describe('cells merged down with their text centred, in bulk', () => {
  it('centred: every word kept, the merged cells\' text on the middle page; at the bottom: on the last page', async () => {
    const centred = await bulk('center');
    expect(centred.pages).toBeGreaterThanOrEqual(8);
    expect(centred.kolom).toEqual([Math.ceil(centred.pages / 2)]);
    const bottom = await bulk('bottom');
    expect(bottom.kolom).toEqual([bottom.pages]);
  });
});

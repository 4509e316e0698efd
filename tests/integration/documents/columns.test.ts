// Text columns: a section set in two or three columns (DOCX w:cols, ODT style:columns on a
// text:section, RTF \cols) fills its first column top to bottom, then the next; a continuous
// section break begins them below the text above, and the columns it ends are balanced to an
// equal height, as LibreOffice lays them out. Positions are compared with what LibreOffice 7.4
// printed of the same files (pdftotext -bbox, points from the page's top-left corner).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertToPdf } from '../../../utils/core/documents/convert/index.ts';
import { sniffType } from '../../../utils/core/documents/sniff.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { pdfScratch, pdfWords, popplerText } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const pdfs = pdfScratch('rg-columns-');
const fixtures = join(import.meta.dirname, '../../fixtures/convert');

needSystemTools('pdfinfo', 'pdftotext');

async function pdf(name: string, bytes: Uint8Array): Promise<string> {
  return pdfs.save(await convertToPdf(bytes, sniffType(bytes), limits), `${name}.pdf`);
}

function pages(path: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
}

interface Word {
  page: number;
  x: number;
  y: number;
  text: string;
}

function words(path: string): Word[] {
  return pdfWords(path).map((w) => ({ page: w.page, x: w.xMin, y: w.yMin, text: w.text }));
}

function at(ws: Word[], text: string): Word {
  const w = ws.find((x) => x.text === text);
  if (!w) throw new Error(`${text} not in the PDF`);
  return w;
}

describe('columns LibreOffice wrote (libreoffice-columns.*, from columns.fodt)', () => {
  // LibreOffice's PDF of each of the three files: 3 pages; the two-column section begins below
  // the introduction on page 1 ([K01] at y 194.4), its second column at x 306.3 ([K07] y 250.7),
  // runs on to page 2 and ends there balanced ([K19] at the top of column 2, y 125.5); the
  // three-column section on page 3 has [D02] at the top of column 2 (a column break, x 222.2) and
  // the text after it, [E01], at the full width's left edge, y 245.0.
  for (const ext of ['odt', 'docx', 'rtf']) {
    it(`${ext}: words in the columns where LibreOffice puts them, 3 pages`, async () => {
      const path = await pdf(`lo-${ext}`, new Uint8Array(readFileSync(join(fixtures, `libreoffice-columns.${ext}`))));
      expect(pages(path)).toBe(3);
      const ws = words(path);
      const k01 = at(ws, '[K01]');
      expect([k01.page, Math.round(k01.x)]).toEqual([1, 57]);
      expect(k01.y).toBeCloseTo(194.4, 0);
      const k07 = at(ws, '[K07]');
      expect(k07.page).toBe(1);
      expect(Math.abs(k07.x - 306.3)).toBeLessThan(1);
      expect(Math.abs(k07.y - 250.7)).toBeLessThan(3);
      const k19 = at(ws, '[K19]');
      expect(k19.page).toBe(2);
      expect(Math.abs(k19.x - 306.3)).toBeLessThan(1);
      expect(Math.abs(k19.y - 125.5)).toBeLessThan(3);
      const d02 = at(ws, '[D02]');
      expect(d02.page).toBe(3);
      expect(Math.abs(d02.x - 222.2)).toBeLessThan(1);
      expect(Math.abs(d02.y - 87.6)).toBeLessThan(3);
      // D03 is balanced on into the third column, as LibreOffice does.
      expect(at(ws, '[/D03]').x).toBeGreaterThan(440);
      const e01 = at(ws, '[E01]');
      expect(e01.page).toBe(3);
      expect(Math.abs(e01.x - 56.8)).toBeLessThan(1);
      expect(Math.abs(e01.y - 245)).toBeLessThan(3);
    });
  }

  it('odt: pdftotext reads the columns in order, first column before the second, nothing lost', async () => {
    const path = await pdf('lo-odt-order', new Uint8Array(readFileSync(join(fixtures, 'libreoffice-columns.odt'))));
    const text = popplerText(path);
    const marks = [...text.matchAll(/\[(K\d\d|A\d\d|B\d\d|D\d\d|E\d\d)\]/g)].map((m) => m[1] as string);
    const expected = ['A01', 'A02', ...Array.from({ length: 24 }, (_, i) => `K${String(i + 1).padStart(2, '0')}`), 'B01', 'D01', 'D02', 'D03', 'E01'];
    expect(marks.toSorted()).toEqual(expected.toSorted());
    // Page 1 (the columns' first page) and page 3 read in the file's order.
    const page1 = expected.slice(0, 13);
    expect(marks.slice(0, 13)).toEqual(page1);
    expect(marks.slice(-5)).toEqual(['B01', 'D01', 'D02', 'D03', 'E01']);
  });
});

describeCorpus('columns of real files', () => {
  it('docx4j-Docx4j_GettingStarted.docx: its two-column sample list is set in two columns, second at LibreOffice\'s x', async () => {
    const path = await pdf('getting-started', corpusFile('docx4j-Docx4j_GettingStarted.docx'));
    const ws = words(path);
    // LibreOffice: the list's first column at x 108 ("ConvertOutHtml"); its second, after a column
    // break, begins at x 341.8 ("Specific docx features", "Miscellaneous" there; its bullet items,
    // "MergeDocx"…, at their level's 18 pt in: x 359.8). Where the list begins low on a page (the
    // page breaks are not exactly LibreOffice's), the second column's end goes on in the next
    // page's columns: there at the same place in its column, one column (251.8 pt) to the left.
    const html = at(ws, 'ConvertOutHtml');
    expect(html.x).toBeLessThan(120);
    // Words from the list's page on, by place rather than by poppler's reading order (which reads
    // a second column begun above the first one's headings first).
    const after = ws.filter((w) => w.page > html.page || (w.page === html.page && (w.x > 300 || w.y > html.y)));
    const spec = after.find((w) => w.text === 'Specific');
    expect(spec, '"Specific docx features" after the first column').toBeDefined();
    const second = spec as Word;
    expect(Math.abs(second.x - 341.8)).toBeLessThan(2);
    expect(second.page).toBeGreaterThanOrEqual(html.page);
    const COLUMN = 341.8 - 90;
    for (const [text, x] of [['Miscellaneous', 341.8], ['MergeDocx', 359.8]] as const) {
      const w = after.find((v) => v.text === text && (v.page > second.page || (v.page === second.page && v.y > second.y)));
      expect(w, `${text} in the second column's part`).toBeDefined();
      const word = w as Word;
      if (word.page === second.page) expect(Math.abs(word.x - x), `${text} in the second column`).toBeLessThan(2);
      else expect(Math.min(Math.abs(word.x - x), Math.abs(word.x - (x - COLUMN))), `${text} at its place in a column of the next page`).toBeLessThan(2);
    }
    // LibreOffice prints 46 pages; set in one column the list took 50 here.
    const n = pages(path);
    expect(n).toBeLessThan(50);
    expect(Math.abs(n - 46) / 46).toBeLessThanOrEqual(0.15);
  });
});

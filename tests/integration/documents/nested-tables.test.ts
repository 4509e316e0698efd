// Issue 14, tables as Word and LibreOffice lay them out: a table inside a cell drawn as a table,
// cells merged down over rows, header rows on every page, the table's own width, place and cell
// padding. Asserted by where poppler finds the words in our PDFs (word boxes), on models built
// here and on real files of the shared corpus, against LibreOffice's placing of them.
import { describe, expect, it } from 'vitest';
import { Deadline } from '../../../utils/core/documents/convert/errors.ts';
import type { DocModel, Paragraph, Table, TableCell } from '../../../utils/core/documents/convert/model.ts';
import { renderPdf } from '../../../utils/core/documents/convert/render.ts';
import { makeSendable } from '../../../utils/core/documents/send-fix.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { pdfScratch, pdfWords, type PdfWord } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

needSystemTools('pdftotext');

const pdfs = pdfScratch('rg-nested-tables-');
const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };

const para = (text: string): Paragraph => ({ kind: 'paragraph', runs: [{ text }] });
const cell = (text: string, more: Partial<TableCell> = {}): TableCell => ({ blocks: text.split('\n').map(para), ...more });

async function wordsOf(name: string, model: DocModel): Promise<PdfWord[]> {
  const pdf = await renderPdf(model, { deadline: new Deadline(30_000), maxPages: 100 });
  return pdfWords(pdfs.save(pdf, `${name}.pdf`));
}

function find(words: PdfWord[], text: string): PdfWord {
  const w = words.find((x) => x.text === text);
  expect(w, `"${text}" in ${words.map((x) => x.text).join(' ')}`).toBeDefined();
  return w as PdfWord;
}

describe('tables laid out from the model', () => {
  it('draws a table inside a cell as a table: its cells side by side within the outer cell', async () => {
    const inner: Table = { kind: 'table', borders: true, rows: [{ cells: [cell('Binnen1'), cell('Binnen2')] }, { cells: [cell('Binnen3'), cell('Binnen4')] }] };
    const outer: Table = { kind: 'table', borders: true, rows: [{ cells: [cell('Links'), { blocks: [para('Boven'), inner, para('Onder')] }] }] };
    const w = await wordsOf('nested', { blocks: [outer] });
    const [l, b1, b2, b3, boven, onder] = ['Links', 'Binnen1', 'Binnen2', 'Binnen3', 'Boven', 'Onder'].map((t) => find(w, t)) as [PdfWord, PdfWord, PdfWord, PdfWord, PdfWord, PdfWord];
    // Side by side on one line, right of the outer table's first column.
    expect(Math.abs(b1.yMin - b2.yMin)).toBeLessThan(1);
    expect(b2.xMin).toBeGreaterThan(b1.xMax);
    expect(b1.xMin).toBeGreaterThan(l.xMax);
    // In reading order within the outer cell: before, the nested rows, after.
    expect(b1.yMin).toBeGreaterThan(boven.yMin);
    expect(b3.yMin).toBeGreaterThan(b1.yMin);
    expect(onder.yMin).toBeGreaterThan(b3.yMin);
  });

  it('runs a cell merged down over rows on through them, its text not making the first row taller', async () => {
    // One paragraph of four lines (no paragraph spacing between them).
    const merged: TableCell = { blocks: [para('een\ntwee\ndrie\nvier')], rowSpan: 3 };
    const table: Table = {
      kind: 'table',
      borders: true,
      rows: [{ cells: [merged, cell('R1')] }, { cells: [{ blocks: [], covered: true }, cell('R2')] }, { cells: [{ blocks: [], covered: true }, cell('R3')] }, { cells: [cell('Na'), cell('R4')] }],
    };
    const w = await wordsOf('rowspan', { blocks: [table] });
    const [een, twee, vier, r1, r2, r3, na] = ['een', 'twee', 'vier', 'R1', 'R2', 'R3', 'Na'].map((t) => find(w, t)) as [PdfWord, PdfWord, PdfWord, PdfWord, PdfWord, PdfWord, PdfWord];
    expect(Math.abs(een.yMin - r1.yMin)).toBeLessThan(1);
    // The second row follows the first row's own text, beside the merged cell's second line.
    expect(Math.abs(r2.yMin - twee.yMin)).toBeLessThan(1);
    // Its last line is in the merged rows (the last of them grows to hold it), the next row below it.
    expect(vier.yMin).toBeGreaterThan(r3.yMin - 1);
    expect(na.yMin).toBeGreaterThan(vier.yMax);
    expect(w.filter((x) => x.text === 'een')).toHaveLength(1);
  });

  it('repeats the header rows at the top of every page the table goes on to', async () => {
    const rows = [{ cells: [cell('Kolomkop'), cell('Waarde')] }, ...Array.from({ length: 150 }, (_, i) => ({ cells: [cell(`rij${i}`), cell(String(i))] }))];
    const w = await wordsOf('header-rows', { blocks: [{ kind: 'table', borders: true, headerRows: 1, rows }] });
    const pages = Math.max(...w.map((x) => x.page));
    expect(pages).toBeGreaterThanOrEqual(2);
    const heads = w.filter((x) => x.text === 'Kolomkop');
    expect(heads.map((x) => x.page)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    // Each page's first row is the header: no body row above it.
    for (const h of heads) expect(w.filter((x) => x.page === h.page && /^rij\d+$/.test(x.text)).every((x) => x.yMin > h.yMax)).toBe(true);
    // Every body row is there once.
    for (let i = 0; i < 150; i++) expect(w.filter((x) => x.text === `rij${i}`), `rij${i}`).toHaveLength(1);
  });

  it('sets a table as wide as it says, centred; a cell its text vertically in the middle; padding as the file sets it', async () => {
    const row = { cells: [cell('Hoog\nhoog\nhoog\nhoog'), cell('Midden', { vAlign: 'center' }), cell('Onder', { vAlign: 'bottom' }), cell('Ruim', { padding: { left: 30 } })] };
    const w = await wordsOf('width', { blocks: [{ kind: 'table', borders: true, width: { pt: 300 }, align: 'center', padding: { top: 0, right: 2, bottom: 0, left: 2 }, rows: [row] }] });
    const hoog = w.filter((x) => x.text.toLowerCase() === 'hoog');
    const [m, o, r] = ['Midden', 'Onder', 'Ruim'].map((t) => find(w, t)) as [PdfWord, PdfWord, PdfWord];
    const top = Math.min(...hoog.map((x) => x.yMin));
    const bottom = Math.max(...hoog.map((x) => x.yMax));
    expect(Math.abs((m.yMin + m.yMax) / 2 - (top + bottom) / 2)).toBeLessThan(2);
    expect(Math.abs(o.yMax - bottom)).toBeLessThan(2);
    // 300 pt wide in A4's text area (56.7..538.6), centred: 147.6..447.6; four equal columns of 75.
    const left = (595.28 - 300) / 2;
    expect(Math.abs(Math.min(...hoog.map((x) => x.xMin)) - (left + 2))).toBeLessThan(1);
    expect(Math.abs(r.xMin - (left + 225 + 30))).toBeLessThan(1);
  });
});

describeCorpus('tables of real files against LibreOffice', () => {
  it('docx4j-tables.docx: merged cells, gridBefore and header rows where LibreOffice puts them', async () => {
    const out = await makeSendable(corpusFile('docx4j-tables.docx'), 'docx', { limits, protect: false });
    const w = pdfWords(pdfs.save(out.bytes, 'docx4j-tables.pdf'));
    // "Merging, empty cells": E and H on one line, H under D (F and G are merged away, the row keeps its grid).
    const [e, h] = ['E', 'H'].map((t) => find(w, t)) as [PdfWord, PdfWord];
    const d = w.filter((x) => x.text === 'D' && x.page === e.page && x.yMax <= e.yMin).sort((p, q) => q.yMin - p.yMin)[0] as PdfWord;
    expect(Math.abs(e.yMin - h.yMin)).toBeLessThan(1);
    expect(Math.abs(h.xMin - d.xMin)).toBeLessThan(1);
    // "Merging, both directions": the merged r1c1 once; r2c2 beside r2c1.
    expect(w.filter((x) => x.text === 'r1c1')).toHaveLength(1);
    const [a, b] = ['r2c1', 'r2c2'].map((t) => find(w, t)) as [PdfWord, PdfWord];
    expect(Math.abs(a.yMin - b.yMin)).toBeLessThan(1);
    // "Headers": the two header rows above the first body row, the body rows in order.
    const h1 = find(w, 'Header1ab');
    const h2 = find(w, 'Header2a');
    const row1 = w.find((x, i) => x.text === 'row' && w[i + 1]?.text === '01') as PdfWord;
    expect(h1.yMax).toBeLessThan(h2.yMin);
    expect(h2.yMax).toBeLessThan(row1.yMin);
  });

  it('odftk-BigTable.odt: cells padded as its styles say (0.075 in at the sides), columns where LibreOffice has them', async () => {
    const out = await makeSendable(corpusFile('odftk-BigTable.odt'), 'odt', { limits, protect: false });
    const w = pdfWords(pdfs.save(out.bytes, 'odftk-BigTable.pdf'));
    // LibreOffice 7.4's first row (pdftotext -bbox of its PDF), one word a column: the columns are
    // as wide as the file says, also the first, whose bold "Asdf" fills its text area but for
    // 0.01 pt (a safety margin of 0.5 pt had widened it and shifted every column after it).
    const lo = [76.4, 107.6, 138.3, 168.3, 195.4, 225.4, 253.4, 281.4, 309.5, 334.0, 363.5, 389.8];
    const first = find(w, 'sadf');
    const row = w.filter((x) => Math.abs(x.yMin - first.yMin) < 0.5).map((x) => x.xMin).toSorted((a, b) => a - b);
    lo.forEach((x, i) => expect(Math.abs((row[i] ?? 0) - x), `column ${i + 1}`).toBeLessThan(0.5));
    expect(Math.abs(find(w, 'Unten').xMin - 502.2)).toBeLessThan(0.5);
  });
});

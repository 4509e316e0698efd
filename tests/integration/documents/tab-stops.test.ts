// Tab stops as the document sets them (issue 14): DOCX w:tabs and w:defaultTabStop, ODT
// style:tab-stops and style:tab-stop-distance, RTF \txN \tqr \tqc \tqdec \tldot… and \deftab.
// Positions of the text after tabs are compared with where LibreOffice (7.4.7.2) prints it: the
// expected x positions below were read from its PDFs of the same files with `pdftotext -bbox`,
// and most of them follow from the stops themselves (2 cm margins: 56.7 pt + the stop).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertToPdf } from '../../../utils/core/documents/convert/index.ts';
import type { DocModel, Paragraph, TabStop } from '../../../utils/core/documents/convert/model.ts';
import type { DocType } from '../../../utils/core/documents/types.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { pdfScratch, pdfWords, readModel } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const FIXTURES = join(import.meta.dirname, '../../fixtures/convert');
const pdfs = pdfScratch('rg-tabs-');

needSystemTools('pdftotext');

const CM = 72 / 2.54;
const MARGIN = 2 * CM;
/** How far from LibreOffice's position a word may be (the faces' advance widths differ a little). */
const NEAR = 2;

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

const read = (bytes: Uint8Array, type: DocType): DocModel => readModel(bytes, type, limits);

interface Word {
  page: number;
  text: string;
  x1: number;
  x2: number;
  y: number;
}

async function words(bytes: Uint8Array, type: DocType): Promise<Word[]> {
  const path = pdfs.save(await convertToPdf(bytes, type, limits));
  return pdfWords(path).map((w) => ({ page: w.page, text: w.text, x1: w.xMin, y: w.yMin, x2: w.xMax }));
}

function word(all: Word[], text: string | RegExp, nth = 0): Word {
  const hits = all.filter((w) => (typeof text === 'string' ? w.text === text : text.test(w.text)));
  const w = hits[nth];
  if (!w) throw new Error(`no word ${String(text)} (#${nth}) in: ${all.map((x) => x.text).join(' ')}`);
  return w;
}

function stopsOf(model: DocModel, start: string): TabStop[] | undefined {
  const p = model.blocks.find((b): b is Paragraph => b.kind === 'paragraph' && (b.runs[0]?.text ?? '').startsWith(start));
  return p?.tabs;
}

describe.each(['odt', 'docx', 'rtf'] as const)('tab stops of a LibreOffice-made %s', (type) => {
  const bytes = fixture(`libreoffice-tabstops.${type}`);

  it('reads the stops (left, centre, decimal, right; leaders) and the default distance (1.25 cm)', () => {
    const model = read(bytes, type);
    const cols = stopsOf(model, 'Posten');
    expect(cols?.map((s) => s.align)).toEqual(['left', 'center', 'decimal', 'right']);
    expect(cols?.map((s) => s.pos / CM)).toEqual([3, 8, 12, 17].map((v) => expect.closeTo(v, 1)));
    expect(stopsOf(model, 'Einleitung')).toEqual([expect.objectContaining({ align: 'right', leader: '.' })]);
    expect(stopsOf(model, 'Unterschrift')?.map((s) => s.leader)).toEqual(['_', '-']);
    expect(model.defaultTab).toBeCloseTo(1.25 * CM, 0);
  });

  it('sets text after tabs where LibreOffice does', async () => {
    const all = await words(bytes, type);
    // Left stop at 3 cm.
    expect(word(all, 'links').x1).toBeCloseTo(MARGIN + 3 * CM, 0);
    expect(word(all, 'Spalte').x1).toBeCloseTo(MARGIN + 3 * CM, 0);
    // Centred on 8 cm.
    const mitte = word(all, 'Mitte');
    expect(Math.abs((mitte.x1 + mitte.x2) / 2 - (MARGIN + 8 * CM))).toBeLessThan(NEAR);
    const zt = [word(all, 'Zentrierter'), word(all, 'Text')];
    expect(Math.abs(((zt[0] as Word).x1 + (zt[1] as Word).x2) / 2 - (MARGIN + 8 * CM))).toBeLessThan(NEAR);
    // Decimal at 12 cm: "123.45" and "7.5" start where LibreOffice puts them, their points on the stop;
    // "10000,125" has no "." and ends at the stop (as a right tab).
    expect(Math.abs(word(all, '123.45').x1 - 378.5)).toBeLessThan(NEAR);
    expect(Math.abs(word(all, '7.5').x1 - 390.7)).toBeLessThan(NEAR);
    expect(Math.abs(word(all, '10000,125').x2 - (MARGIN + 12 * CM))).toBeLessThan(NEAR);
    // Right stop at 17 cm, the right margin.
    for (const t of ['Ende', '12', '99']) expect(Math.abs(word(all, t).x2 - (MARGIN + 17 * CM)), t).toBeLessThan(NEAR);
  });

  it('draws leaders from the text to the page number at the right margin (a table of contents line)', async () => {
    const all = await words(bytes, type);
    for (const [start, num] of [
      ['Einleitung', '3'],
      ['Textdokumenten', '17'],
      ['Anhang', '128'],
    ] as const) {
      // One word, as in LibreOffice's PDF: the title, the dots right up to the number, the number.
      const w = word(all, new RegExp(`^${start}\\.{20,}${num}$`));
      expect(Math.abs(w.x2 - (MARGIN + 17 * CM)), start).toBeLessThan(NEAR);
    }
    const sig = word(all, /^Unterschrift_{10,}Datum-{10,}Ort$/);
    expect(Math.abs(sig.x2 - (MARGIN + 17 * CM))).toBeLessThan(NEAR);
  });

  it('measures stops from the indent as the file says, and goes on at the default stops after the last one', async () => {
    const all = await words(bytes, type);
    // A 4 cm stop in a paragraph indented 2 cm: at 6 cm (ODT: relative to the indent; DOCX and RTF as LibreOffice wrote it).
    expect(word(all, 'vier').x1).toBeCloseTo(MARGIN + 6 * CM, 0);
    // One stop at 2.2 cm, then the 1.25 cm default stops: 2.5, 3.75, 5 cm.
    expect(word(all, 'Bb').x1).toBeCloseTo(MARGIN + 2.2 * CM, 0);
    expect(Math.abs(word(all, 'Cc').x1 - (MARGIN + 3.75 * CM))).toBeLessThan(NEAR);
    expect(Math.abs(word(all, 'Dd').x1 - (MARGIN + 5 * CM))).toBeLessThan(NEAR);
    expect(Math.abs(word(all, 'Ee').x1 - (MARGIN + 6.25 * CM))).toBeLessThan(NEAR);
  });
});

describeCorpus('tab stops of real documents', () => {
  it('docx4j-toc: the page numbers of its contents stand at the right margin after dot leaders, as LibreOffice prints them', async () => {
    const bytes = corpusFile('docx4j-toc.docx');
    const model = read(bytes, 'docx');
    const page = model.page;
    expect(page).toBeDefined();
    const right = (page?.width ?? 0) - (page?.right ?? 0);
    const all = await words(bytes, 'docx');
    const toc = all.filter((w) => w.page === 1 && /^\d+\.{20,}\d+$/.test(w.text));
    // Articles 1 to 11 (LibreOffice: "1.......92" from x 93.1 to 538.3).
    expect(toc).toHaveLength(11);
    for (const w of toc) expect(Math.abs(w.x2 - right), w.text).toBeLessThan(NEAR);
    expect(Math.abs((toc[0] as Word).x1 - 93.1)).toBeLessThan(NEAR);
  });

  it('odftk-Lebenslauf: its custom stops (measured from the margin, settings.xml) put the columns where LibreOffice does', async () => {
    const bytes = corpusFile('odftk-Lebenslauf_DOC_LO4.0.5.1.odt');
    const all = await words(bytes, 'odt');
    // LibreOffice: the headings and entries at x 198.6 (a 1.772 in stop), the values at 312.0 (2.3626 in).
    // "\t\tAbschluss:" in a paragraph with a hanging indent: its first tab goes to the indent, the second to the stop.
    expect(Math.abs(word(all, 'Abschluss:').x1 - 198.6)).toBeLessThan(NEAR);
    for (const t of ['Lebenslauf', 'Name:', 'Grundschule']) expect(Math.abs(word(all, t).x1 - 198.6), t).toBeLessThan(NEAR);
    expect(Math.abs(word(all, 'Max', 1).x1 - 312)).toBeLessThan(NEAR);
    expect(Math.abs(word(all, '12.').x1 - 312)).toBeLessThan(NEAR);
  });
});

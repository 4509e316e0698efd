// Issue 14, floating text and row heights on real files: text boxes, frames and shapes drawn where
// they float (not as blocks at their anchor), body text beside them or below them, pictures with
// text wrapped beside them, table rows as tall as the file sets them, and no text lost — read
// back with poppler's `pdftotext -bbox` (word positions, y from the page top) from LibreOffice-
// written fixtures and the shared corpus.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertToPdf } from '../../../utils/core/documents/convert/index.ts';
import type { ConversionNote } from '../../../utils/core/documents/convert/render.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const FIXTURES = join(import.meta.dirname, '../../fixtures/convert');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rg-floats-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

needSystemTools('pdftotext', 'pdfinfo');

interface Word {
  page: number;
  text: string;
  x1: number;
  x2: number;
  /** From the page's top edge. */
  y: number;
}

interface Converted {
  words: Word[];
  text: string;
  pages: number;
  notes: ConversionNote[];
}

async function convert(name: string, bytes: Uint8Array): Promise<Converted> {
  const notes: ConversionNote[] = [];
  const pdf = await convertToPdf(bytes, name.endsWith('.docx') ? 'docx' : 'odt', limits, notes);
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, pdf);
  const bbox = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' });
  const words: Word[] = [];
  let page = 0;
  for (const m of bbox.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)) {
    if (m[0].startsWith('<page')) page++;
    else words.push({ page, text: m[4] as string, x1: Number(m[1]), x2: Number(m[3]), y: Number(m[2]) });
  }
  const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
  return { words, text, pages, notes };
}

const word = (c: Converted, text: string, nth = 0): Word => {
  const w = c.words.filter((x) => x.text === text)[nth];
  if (!w) throw new Error(`"${text}" not on any page`);
  return w;
};
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

describe('text boxes LibreOffice wrote, where they float', () => {
  it.each(['libreoffice-textbox.docx', 'libreoffice-textbox.odt'])('%s: the centred text box beside its paragraph, text on both sides of it, nothing lost', async (name) => {
    const c = await convert(name, fixture(name));
    const box = word(c, 'Opmerking');
    const het = word(c, 'Het');
    // The box is in the middle of the column, level with the paragraph it is anchored in.
    expect(box.x1).toBeGreaterThan(150);
    expect(box.x1).toBeLessThan(300);
    expect(Math.abs(box.y - het.y)).toBeLessThan(8); // the box's text inset
    // The paragraph runs on both sides: its first words left of the box, later ones right of it.
    expect(het.x2).toBeLessThan(box.x1);
    const right = c.words.filter((w) => Math.abs(w.y - het.y) < 3 && w.x1 > box.x1 + 200);
    expect(right.length).toBeGreaterThan(0);
    // Grouped shapes: each text at its own place, the overlapping second one below the first.
    expect(word(c, 'twee:').y).toBeGreaterThan(word(c, 'een:').y + 5);
    for (const s of ['Opmerking in een tekstvak: de cliënt is', 'herstellende van een hernia.', 'Vorm een: werkplekbezoek gepland', 'Vorm twee: gesprek met de leidinggevende', 'Einde van het verslag.']) expect(c.text).toContain(s);
  });
});

describeCorpus('floating pictures, shapes and row heights in real documents', () => {
  it('odftk-feature_images.odt: text beside a picture aligned left, at full width below it', async () => {
    const c = await convert('odftk-feature_images.odt', corpusFile('odftk-feature_images.odt'));
    const heading = word(c, 'Align');
    const lorem = c.words.find((w) => w.text === 'Lorem' && w.y > heading.y) as Word;
    // The paragraph's first line starts right of the 2.57 in picture; its last line, below the picture, at the margin.
    expect(lorem.x1).toBeGreaterThan(heading.x1 + 2.5 * 72);
    const after = c.words.filter((w) => w.page === 1 && w.y > lorem.y && w.y < word(c, 'Right').y);
    expect(after.some((w) => Math.abs(w.x1 - heading.x1) < 1 && w.y > lorem.y + 1.7 * 72)).toBe(true);
    expect(after.some((w) => w.x1 > heading.x1 + 2.5 * 72 && w.y < lorem.y + 1.7 * 72)).toBe(true);
  });

  it('odftk-groupshape.odt: the group on one page, as LibreOffice prints it (was 2), every text of it', async () => {
    const c = await convert('odftk-groupshape.odt', corpusFile('odftk-groupshape.odt'));
    expect(c.pages).toBe(1);
    for (const s of ['Normaler Seitenumbruch', 'Manueller Seitenumbruch', 'mit Seitenzahl 1', 'Zwei „Erste Seiten“ ohne', 'Ab hier „Standardseiten“ mit Kopfzeile, Nummerierung', 'Kopfzeile (Nummerierung beginnt mit 1)']) expect(c.text).toContain(s);
  });

  it('docx4j-tables.docx: a row with w:trHeight 1134 (56.7 pt) is that tall although its text needs less', async () => {
    const c = await convert('docx4j-tables.docx', corpusFile('docx4j-tables.docx'));
    expect(word(c, 'C').y - word(c, 'A').y).toBeGreaterThanOrEqual(56.7 - 1);
  });

  it('odftk-Formular: a row of style:min-row-height 1.9236 in is at least that tall', async () => {
    const name = 'odftk-Formular_Anzeige_01_Stand_August_2013_DOC_LO4-0-5-2.odt';
    const c = await convert(name, corpusFile(name));
    const anschrift = word(c, 'Anschrift');
    const next = c.words.filter((w) => w.page === anschrift.page && w.y > anschrift.y + 12 && w.x1 < 200).toSorted((a, b) => a.y - b.y)[0] as Word;
    expect(next.y - anschrift.y).toBeGreaterThan(1.9236 * 72 - 20);
  });
});

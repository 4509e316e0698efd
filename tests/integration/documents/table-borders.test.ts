// Table borders side by side, as LibreOffice draws them: the lines are looked for in our pages
// rendered by poppler (pdftoppm, grey, 72 dpi: a pixel a point), between the rows poppler finds
// the words of (pdftotext -bbox). BigTable (ODT) has a rule above the table, under its header row
// and under the table, none between the body rows; docx4j-tables' "Borders" table (DOCX) sets
// its first row's top lines ½, 1, 3 and 6 pt wide cell by cell (w:tcBorders over Table Grid).
// On models: an edge two cells share drawn once (the wider line), Table.borders' thin lines kept.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../../../utils/core/documents/convert/errors.ts';
import type { BorderLine, Paragraph, Table, TableCell } from '../../../utils/core/documents/convert/model.ts';
import { renderPdf } from '../../../utils/core/documents/convert/render.ts';
import { makeSendable } from '../../../utils/core/documents/send-fix.ts';
import type { DocType } from '../../../utils/core/documents/types.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { pdfScratch, pdfWords, type PdfWord } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

needSystemTools('pdftotext', 'pdftoppm');

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const pdfs = pdfScratch('rg-table-borders-');

/** A page rendered grey at 72 dpi: its pixels row by row, 0 black … 255 white. */
interface Gray {
  width: number;
  height: number;
  at: (x: number, y: number) => number;
}

function renderGray(path: string, page: number): Gray {
  const prefix = join(pdfs.dir, `p${page}-${Math.random().toString(36).slice(2)}`);
  execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', String(page), '-l', String(page), '-singlefile', path, prefix]);
  const pgm = readFileSync(`${prefix}.pgm`);
  // "P5 <width> <height> 255" and one whitespace byte, then the pixels.
  const fields: string[] = [];
  let at = 0;
  let cur = '';
  while (fields.length < 4) {
    const ch = String.fromCharCode(pgm[at++] as number);
    if (/\s/.test(ch)) {
      if (cur) fields.push(cur);
      cur = '';
    } else cur += ch;
  }
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return { width, height, at: (x, y) => (x >= 0 && y >= 0 && x < width && y < height ? (pgm[at + y * width + x] as number) : 255) };
}

const DARK = 170;

/** Per pixel row from y1 to y2: the share of pixels from x1 to x2 darker than a light fill (a line across shows as nearly 1). */
function darkestRow(g: Gray, x1: number, x2: number, y1: number, y2: number): number {
  let best = 0;
  for (let y = Math.floor(y1); y <= Math.ceil(y2); y++) {
    let n = 0;
    for (let x = Math.round(x1); x < Math.round(x2); x++) if (g.at(x, y) < DARK) n++;
    best = Math.max(best, n / Math.max(1, Math.round(x2) - Math.round(x1)));
  }
  return best;
}

/** The first run of dark pixels down column x from y: its top and how many pixels thick it is. */
function runDown(g: Gray, x: number, y: number, limit = 60): { top: number; thick: number } | undefined {
  for (let yy = Math.floor(y); yy < y + limit; yy++) {
    if (g.at(Math.round(x), yy) >= DARK) continue;
    let t = 0;
    while (g.at(Math.round(x), yy + t) < DARK && t < 40) t++;
    return { top: yy, thick: t };
  }
  return undefined;
}

/** The page's words in text lines (words within 2 pt of each other's top), top to bottom. */
function lines(words: PdfWord[], page: number): PdfWord[][] {
  const out: PdfWord[][] = [];
  for (const w of words.filter((x) => x.page === page).toSorted((a, b) => a.yMin - b.yMin)) {
    const last = out[out.length - 1];
    if (last && Math.abs((last[0] as PdfWord).yMin - w.yMin) < 2) last.push(w);
    else out.push([w]);
  }
  return out;
}

async function convert(name: string, type: DocType): Promise<string> {
  const out = await makeSendable(corpusFile(name), type, { limits, protect: false });
  return pdfs.save(out.bytes, `${name}.pdf`);
}

describeCorpus('table borders of real documents, where LibreOffice draws them', () => {
  it('odftk-BigTable.odt: a rule above the table, under the header row and under the table, none between the body rows', async () => {
    const path = await convert('odftk-BigTable.odt', 'odt');
    const words = pdfWords(path);
    const g = renderGray(path, 1);
    const ls = lines(words, 1);
    const head = ls.findIndex((l) => l[0]?.text === 'sadf');
    const after = ls.findIndex((l) => l[0]?.text === 'Da');
    expect(head).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(head + 5);
    const header = ls[head] as PdfWord[];
    // Across the table, well inside its ends (a line's ends may be capped).
    const x1 = Math.min(...header.map((w) => w.xMin)) + 2;
    const x2 = Math.max(...ls[after - 1]!.map((w) => w.xMax)) - 2;
    const gap = (upper: PdfWord[], lower: PdfWord[]): number => darkestRow(g, x1, x2, Math.max(...upper.map((w) => w.yMax)) - 1.5, Math.min(...lower.map((w) => w.yMin)) + 1.5);
    // Above the header row: between the line before the table and the header's words.
    expect(gap(ls[head - 1] as PdfWord[], header)).toBeGreaterThan(0.9);
    expect(gap(header, ls[head + 1] as PdfWord[])).toBeGreaterThan(0.9);
    // The last row (its two lines "Unten" / "rechts") ends the table: the rule under it.
    expect(gap(ls[after - 1] as PdfWord[], ls[after] as PdfWord[])).toBeGreaterThan(0.9);
    for (let i = head + 1; i < after - 1; i++) expect(gap(ls[i] as PdfWord[], ls[i + 1] as PdfWord[]), `between lines ${i} and ${i + 1}`).toBeLessThan(0.3);
    // The lines are the file's blue (#4F81BD, grey about 120), not black.
    const top = runDown(g, (x1 + x2) / 2, Math.max(...ls[head - 1]!.map((w) => w.yMax)));
    expect(top).toBeDefined();
    expect(g.at(Math.round((x1 + x2) / 2), top!.top)).toBeGreaterThan(60);
  });

  it('docx4j-tables.docx: the "Borders" table’s first row has the top lines its cells set, ½ to 6 pt wide', async () => {
    const path = await convert('docx4j-tables.docx', 'docx');
    const words = pdfWords(path);
    const title = words.find((w) => w.text === 'Borders');
    expect(title).toBeDefined();
    const g = renderGray(path, title!.page);
    // The table's top edge: the first row below the title dark over most of the text area.
    let y = Math.ceil(title!.yMax);
    while (y < title!.yMax + 40 && darkestRow(g, 70, 500, y, y) < 0.5) y++;
    expect(y).toBeLessThan(title!.yMax + 40);
    // Its sides: the first dark pixels from the page's edges, a little below the top (the outer lines run down the whole table).
    let left = 20;
    while (g.at(left, y + 20) >= DARK && left < 300) left++;
    let right = g.width - 1;
    while (g.at(right, y + 20) >= DARK && right > 300) right--;
    const col = (right - left) / 4;
    // Four equal columns: the top line of each measured down its middle.
    const thick = [0, 1, 2, 3].map((k) => runDown(g, left + col * (k + 0.5), y - 4)?.thick ?? 0);
    // Table Grid's ½ pt, then w:sz 8, 24 and 48: 1, 3 and 6 pt (a pixel each).
    expect(thick[0]).toBeLessThanOrEqual(2);
    expect(thick[1]).toBeLessThanOrEqual(2);
    expect(thick[2]).toBeGreaterThanOrEqual(3);
    expect(thick[2]).toBeLessThanOrEqual(4);
    expect(thick[3]).toBeGreaterThanOrEqual(6);
    expect(thick[3]).toBeLessThanOrEqual(7);
  });
});

const para = (text: string): Paragraph => ({ kind: 'paragraph', runs: [{ text }] });
const cell = (text: string, borders: TableCell['borders']): TableCell => ({ blocks: [para(text)], borders });
const line = (width: number): BorderLine => ({ width });

/** The table drawn alone: page 1 rendered, and its words. */
async function drawn(name: string, table: Table): Promise<{ g: Gray; words: PdfWord[] }> {
  const pdf = await renderPdf({ blocks: [table] }, { deadline: new Deadline(30_000), maxPages: 5 });
  const path = pdfs.save(pdf, `${name}.pdf`);
  return { g: renderGray(path, 1), words: pdfWords(path) };
}

describe('border lines drawn from the model', () => {
  it('draws an edge two cells share once, the wider line, and only the sides that have one', async () => {
    // Left cell: a 4 pt right side; right cell: a 1 pt left side on the same edge; a 2 pt foot under the left cell only.
    const table: Table = {
      kind: 'table',
      borders: true,
      rows: [{ cells: [cell('Links', { top: null, left: null, right: line(4), bottom: line(2) }), cell('Rechts', { top: null, left: line(1), right: null, bottom: null })] }],
    };
    const { g, words } = await drawn('collapse', table);
    const l = words.find((w) => w.text === 'Links') as PdfWord;
    const r = words.find((w) => w.text === 'Rechts') as PdfWord;
    const mid = (l.yMin + l.yMax) / 2;
    // Across the row at the text's middle: one dark run between the words, 4 px wide.
    let x = Math.ceil(l.xMax);
    while (x < r.xMin && g.at(x, Math.round(mid)) >= DARK) x++;
    let run = 0;
    while (g.at(x + run, Math.round(mid)) < DARK) run++;
    expect(run).toBeGreaterThanOrEqual(4);
    expect(run).toBeLessThanOrEqual(5);
    // Nothing else across there: the sides set to none are not drawn.
    let others = 0;
    for (let xx = x + run; xx < r.xMin - 1; xx++) if (g.at(xx, Math.round(mid)) < DARK) others++;
    for (let xx = 0; xx < l.xMin - 1; xx++) if (g.at(xx, Math.round(mid)) < DARK) others++;
    expect(others).toBe(0);
    // The foot: under the left word, not under the right one; no top line above either.
    const below = (w: PdfWord): { top: number; thick: number } | undefined => runDown(g, (w.xMin + w.xMax) / 2, w.yMax, 30);
    expect(below(l)?.thick).toBeGreaterThanOrEqual(2);
    expect(below(r)).toBeUndefined();
    expect(runDown(g, (l.xMin + l.xMax) / 2, l.yMin - 20, 19)).toBeUndefined();
  });

  it('keeps Table.borders for cells that set no lines: every edge a thin line', async () => {
    const table: Table = { kind: 'table', borders: true, rows: [{ cells: [{ blocks: [para('Een')] }, { blocks: [para('Twee')] }] }, { cells: [{ blocks: [para('Drie')] }, { blocks: [para('Vier')] }] }] };
    const { g, words } = await drawn('legacy', table);
    const een = words.find((w) => w.text === 'Een') as PdfWord;
    const drie = words.find((w) => w.text === 'Drie') as PdfWord;
    const between = runDown(g, (een.xMin + een.xMax) / 2, een.yMax, drie.yMin - een.yMax);
    expect(between?.thick).toBeGreaterThanOrEqual(1);
    expect(between?.thick).toBeLessThanOrEqual(2);
    expect(runDown(g, (een.xMin + een.xMax) / 2, een.yMin - 15, 15)).toBeDefined();
  });
});

describe('dotted and dashed lines in the documents LibreOffice wrote', () => {
  // tests/fixtures/convert/lines/: one row, a cell with 1 pt dotted lines all round, one with dashed.
  it.each(['docx', 'odt', 'rtf'] as const)('libreoffice-dashed.%s: the dotted cell\'s top line is dots, the dashed one\'s dashes, neither solid', async (type) => {
    const bytes = new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/convert/lines', `libreoffice-dashed.${type}`)));
    const out = await makeSendable(bytes, type, { limits, protect: false });
    const path = pdfs.save(out.bytes, `dashed-${type}.pdf`);
    const words = pdfWords(path);
    const g = renderGray(path, 1);
    const ink = (text: string): number => {
      const w = words.find((x) => x.text === text) as PdfWord;
      expect(w, text).toBeDefined();
      // The line above the cell's text, across the word's width: the share of dark pixels in its darkest row.
      return darkestRow(g, w.xMin, w.xMin + 60, w.yMin - 12, w.yMin - 1);
    };
    const dotted = ink('Gestippeld');
    const dashed = ink('Gestreept');
    expect(dotted).toBeGreaterThan(0.15);
    expect(dotted).toBeLessThan(0.6);
    expect(dashed).toBeGreaterThan(dotted);
    expect(dashed).toBeLessThan(0.85);
  });
});

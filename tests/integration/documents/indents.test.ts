// Paragraph indents (issue 14): left, right, first-line and hanging, in all three readers (DOCX
// w:ind, ODT fo:margin-left / fo:margin-right / fo:text-indent / style:auto-text-indent, RTF \li
// \ri \fi). The fixture libreoffice-indents.* was written by LibreOffice 7.4.7.2 from
// indents.fodt; the expected x of each paragraph's first and second line, and the word its second
// line begins with, were read with `pdftotext -bbox` from LibreOffice's own PDF of each of the
// three files (2 cm margins: the text area begins at 56.7 pt).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertToPdf } from '../../../utils/core/documents/convert/index.ts';
import type { Paragraph } from '../../../utils/core/documents/convert/model.ts';
import type { DocType } from '../../../utils/core/documents/types.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { pdfWords, readModel, type PdfWord } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const FIXTURES = join(import.meta.dirname, '../../fixtures/convert');
const dir = mkdtempSync(join(tmpdir(), 'rg-indents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

needSystemTools('pdftotext');

/** How far from LibreOffice's position a line may begin (the faces' advance widths differ a little). */
const NEAR = 2;

let n = 0;
async function words(bytes: Uint8Array, type: DocType): Promise<PdfWord[]> {
  const path = join(dir, `${n++}.pdf`);
  writeFileSync(path, await convertToPdf(bytes, type, limits));
  return pdfWords(path);
}

interface Line {
  x: number;
  first: string;
  /** Where its last word ends. */
  end: number;
}

/** The lines of the paragraph that begins with the word `mark` (up to the next paragraph's mark, one of `marks`). */
function linesOf(all: PdfWord[], mark: string, marks: readonly string[]): Line[] {
  const start = all.findIndex((w) => w.text === mark);
  if (start < 0) throw new Error(`no paragraph ${mark} in: ${all.map((w) => w.text).join(' ')}`);
  const lines: Array<Line & { y: number }> = [];
  for (const w of all.slice(start)) {
    if (w !== all[start] && marks.includes(w.text)) break;
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - w.yMin) < 2) last.end = w.xMax;
    else lines.push({ x: w.xMin, first: w.text, end: w.xMax, y: w.yMin });
  }
  return lines;
}

/**
 * LibreOffice's first and second line of each paragraph: [first line's x, second line's x, the
 * word the second line begins with]. What each paragraph's style sets is in its own words.
 */
const LIBREOFFICE: Record<string, [number, number, string]> = {
  Alpha: [113.5, 113.5, 'second'], // left 2 cm
  Bravo: [56.8, 56.8, 'line'], // right 4 cm: the lines break earlier
  Charlie: [99.3, 56.8, 'and'], // first line 1.5 cm
  Delta: [85.2, 141.9, 'the'], // left 30 mm, first line -2 cm
  Echo: [157.2, 128.8, 'runs'], // left 1 in, right 72 pt, first line 10 mm
  Foxtrot: [176.7, 172.2, 'so'], // centred between left 4 cm and the margin
  Golf: [85.2, 56.8, 'lines'], // first line 1 cm in a child of a left 1 cm style (LibreOffice 7.4: left 0)
  Hotel: [113.5, 113.5, 'so'], // left 200 % of the parent style's 1 cm
  India: [109.2, 85.2, 'first'], // left 1 cm, automatic first line (twice the 12 pt size)
  Juliet: [56.8, 141.9, 'first'], // hanging 3 cm: the tab goes to the left indent
  Kilo: [28.5, 56.8, 'second'], // first line -1 cm: into the page margin
  Lima: [78.1, 99.3, 'over'], // justified, left and right 1.5 cm, hanging 0.75 cm
  Mike: [141.8, 127.7, 'indented'], // an automatic style: left 2.5 cm, first line 0.5 cm
  November: [85.2, 85.2, '1.25'], // left 1 cm, with tabs to the default stops
};
const MARKS = Object.keys(LIBREOFFICE);

/**
 * Where LibreOffice's own DOCX and RTF of the fixture differ from its ODT: the DOCX keeps the
 * parent style's left indent under the child's first line (w:ind sides inherit one by one), and
 * neither format has an automatic first-line indent.
 */
const OVERRIDES: Partial<Record<DocType, Record<string, [number, number, string]>>> = {
  docx: { Golf: [113.5, 85.2, 'several'], India: [85.2, 85.2, 'line'] },
  rtf: { India: [85.2, 85.2, 'line'] },
};

describe.each(['odt', 'docx', 'rtf'] as const)('paragraph indents, LibreOffice-written %s', (type) => {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, `libreoffice-indents.${type}`)));

  it('begins the first and the second line of every paragraph where LibreOffice does, and breaks them after the same words', async () => {
    const all = await words(bytes, type);
    for (const mark of MARKS) {
      const [x1, x2, second] = OVERRIDES[type]?.[mark] ?? (LIBREOFFICE[mark] as [number, number, string]);
      const lines = linesOf(all, mark, MARKS);
      expect(lines.length, mark).toBeGreaterThanOrEqual(2);
      const [l1, l2] = lines as [Line, Line];
      expect(Math.abs(l1.x - x1), `${mark}: first line at ${l1.x}, LibreOffice ${x1}`).toBeLessThan(NEAR);
      expect(Math.abs(l2.x - x2), `${mark}: second line at ${l2.x}, LibreOffice ${x2}`).toBeLessThan(NEAR);
      expect(l2.first, mark).toBe(second);
    }
  });

  it('counts the default tab stops from the left indent in the ODT (TabsRelativeToIndent), from the margin in the DOCX and RTF, as LibreOffice does', async () => {
    const all = await words(bytes, type);
    // Default stops 1.25 cm apart: LibreOffice sets "Oscar" at 156.1 in the ODT (1 cm + 1.25 cm), 163.2 in the others (2.5 cm).
    const oscar = all.find((w) => w.text === 'Oscar');
    expect(Math.abs((oscar?.xMin ?? 0) - (type === 'odt' ? 156.1 : 163.2))).toBeLessThan(NEAR);
    const papa = all.find((w) => w.text === 'Papa:');
    expect(Math.abs((papa?.xMin ?? 0) - (type === 'odt' ? 191.5 : 198.6))).toBeLessThan(NEAR);
  });

  it('ends justified lines at the right indent', async () => {
    const all = await words(bytes, type);
    // LibreOffice: Lima's first line ends at 495.7 (the 2 cm margin and 1.5 cm right indent: 496.1).
    const [l1] = linesOf(all, 'Lima', MARKS) as [Line];
    expect(Math.abs(l1.end - 495.7)).toBeLessThan(NEAR);
  });

  it('reads the indents into the model once, in points', () => {
    const model = readModel(bytes, type, limits);
    const para = (mark: string): Paragraph | undefined => model.blocks.find((b): b is Paragraph => b.kind === 'paragraph' && (b.runs[0]?.text ?? '').startsWith(mark));
    const CM = 72 / 2.54;
    const delta = para('Delta')?.indents;
    expect(delta?.left).toBeCloseTo(3 * CM, 0);
    expect(delta?.first).toBeCloseTo(-2 * CM, 0);
    expect(para('Bravo')?.indents?.right).toBeCloseTo(4 * CM, 0);
    expect(para('Charlie')?.indents).toEqual({ first: expect.closeTo(1.5 * CM, 0) });
  });
});

describeCorpus('paragraph indents of a real document', () => {
  it('odftk-Lebenslauf: lines after the first of its hanging-indent paragraphs stand in the text column, as LibreOffice prints them', async () => {
    const all = await words(corpusFile('odftk-Lebenslauf_DOC_LO4.0.5.1.odt'), 'odt');
    const only = (text: string, nth = 0): PdfWord => {
      const w = all.filter((x) => x.text === text)[nth];
      if (!w) throw new Error(`no ${text} (#${nth})`);
      return w;
    };
    /** The first word of the line below `w` (on its page). */
    const below = (w: PdfWord): PdfWord => {
      const next = all.filter((x) => x.page === w.page && x.yMin > w.yMin + 2);
      const y = Math.min(...next.map((x) => x.yMin));
      return next.filter((x) => Math.abs(x.yMin - y) < 2).reduce((a, b) => (b.xMin < a.xMin ? b : a));
    };
    // LibreOffice (x from its PDF): the dates at the margin, 71; the text column at 198.6.
    // "01/2003 – 10/2004<tab>Tätigkeit … Muster" / "im Schwerpunkt …" (margin-left 1.7709 in, text-indent -1.7709 in).
    const job = only('Tätigkeit');
    const date = all.find((x) => x.text === '01/2003' && Math.abs(x.yMin - job.yMin) < 2);
    expect(Math.abs((date?.xMin ?? 0) - 71)).toBeLessThan(NEAR);
    expect(Math.abs(job.xMin - 198.5)).toBeLessThan(NEAR);
    expect(below(job).text).toBe('im');
    expect(Math.abs(below(job).xMin - 198.5)).toBeLessThan(NEAR);
    // "Text body indent" (1.772 in hanging): "03/2002 – 07/2002<tab>Firma CDE, … in" / "Musterstadt".
    const cde = below(only('CDE,'));
    expect(cde.text).toBe('Musterstadt');
    expect(Math.abs(cde.xMin - 198.6)).toBeLessThan(NEAR);
    // Its last hanging paragraph, at the top of page 2: "seit 1990 … in" / "Musterstadt".
    const club = below(only('seit'));
    expect(club.text).toBe('Musterstadt');
    expect(Math.abs(club.xMin - 198.6)).toBeLessThan(NEAR);
  });

  it("odftk-Lebenslauf: the footer of its first page's master page (First Page, next style Standard) is on page 1 only, as LibreOffice prints it", async () => {
    const all = await words(corpusFile('odftk-Lebenslauf_DOC_LO4.0.5.1.odt'), 'odt');
    const footer = all.filter((w) => w.text === 'Vorlage');
    expect(footer.map((w) => w.page)).toEqual([1]);
    expect(all.some((w) => w.page === 2 && w.text === 'Unterschrift')).toBe(true);
  });
});

// Issue 14, headings and page breaking. Headings take their size, weight and font from the
// document's styles (DOCX docDefaults, the basedOn chain and theme fonts; ODT the parent chain,
// the default style and percentage sizes; RTF the stylesheet), never a fixed size or bold of ours.
// The page flow honours keep-with-next (a heading is never a page's last line), keep-lines-
// together and widows/orphans. Checked with poppler on LibreOffice-written files
// (libreoffice-headings.{odt,docx,rtf}, from make-headings.mjs) and on real files of the corpus.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertToPdf } from '../../../utils/core/documents/convert/index.ts';
import type { Block, DocModel, Heading } from '../../../utils/core/documents/convert/model.ts';
import type { DocType } from '../../../utils/core/documents/types.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { makeOdt } from '../../helpers/office-fixtures.ts';
import { pdfScratch, pdfWords, popplerText, readModel } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const FIXTURES = join(import.meta.dirname, '../../fixtures/convert');
const pdfs = pdfScratch('rg-headings-');

needSystemTools('pdftotext');

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

const read = (bytes: Uint8Array, type: DocType): DocModel => readModel(bytes, type, limits);

async function pdf(bytes: Uint8Array, type: DocType): Promise<string> {
  return pdfs.save(await convertToPdf(bytes, type, limits));
}

/** The non-empty text lines of each page (pdftotext -layout; pages end with a form feed). */
function pageLines(path: string): string[][] {
  const text = popplerText(path, { layout: true });
  const pages = text.split('\f');
  if (pages.length > 1 && !pages[pages.length - 1]?.trim()) pages.pop();
  return pages.map((p) => p.split('\n').filter((l) => l.trim()));
}

interface Word {
  page: number;
  text: string;
  height: number;
}

/** Every word with its page and box height (pdftotext -bbox: the face's ascent to descent at its size). */
function wordBoxes(path: string): Word[] {
  return pdfWords(path).map((w) => ({ page: w.page, text: w.text, height: w.yMax - w.yMin }));
}

function fonts(path: string): string[] {
  return execFileSync('pdffonts', [path], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .map((l) => l.split(/\s+/)[0] ?? '')
    .filter(Boolean)
    .map((f) => f.replace(/^[A-Z]{6}\+/, ''));
}

// ---- the LibreOffice-written fixture --------------------------------------------------------

/** The fixture's paragraphs by id ("012") with their style, read from its flat-ODT source. */
function sourceStyles(): Map<string, string> {
  const src = readFileSync(join(FIXTURES, 'headings.fodt'), 'utf8');
  return new Map([...src.matchAll(/<text:p text:style-name="([^"]+)">\[P(\d+)\]/g)].map((m) => [m[2] as string, m[1] as string]));
}

interface Placement {
  /** Lines of each paragraph on each page (page index → count), in order of the pages. */
  paragraphs: Map<string, Map<number, number>>;
  /** The page each heading's line is on, by id ("07"). */
  headings: Map<string, number>;
  /** Paragraph and heading ids in reading order, as "P012" / "H07". */
  order: string[];
}

/** Which lines of which marked paragraph ([P012] … [/P012]) and heading ([H07]) land on which page. */
function placement(pages: string[][]): Placement {
  const paragraphs = new Map<string, Map<number, number>>();
  const headings = new Map<string, number>();
  const order: string[] = [];
  let open: string | undefined;
  pages.forEach((lines, page) => {
    for (const line of lines) {
      const h = /\[H(\d+)\]/.exec(line);
      if (h) {
        headings.set(h[1] as string, page);
        order.push(`H${h[1]}`);
        open = undefined;
        continue;
      }
      const start = /\[P(\d+)\]/.exec(line);
      if (start) {
        open = start[1] as string;
        order.push(`P${open}`);
      }
      if (!open) continue;
      const per = paragraphs.get(open) ?? new Map<number, number>();
      per.set(page, (per.get(page) ?? 0) + 1);
      paragraphs.set(open, per);
      if (line.includes(`[/P${open}]`)) open = undefined;
    }
  });
  return { paragraphs, headings, order };
}

/** The page a block's first line (or a heading's line) is on. */
function firstPage(p: Placement, id: string): number {
  if (id.startsWith('H')) return p.headings.get(id.slice(1)) as number;
  return Math.min(...(p.paragraphs.get(id.slice(1)) as Map<number, number>).keys());
}

function lastPage(p: Placement, id: string): number {
  if (id.startsWith('H')) return p.headings.get(id.slice(1)) as number;
  return Math.max(...(p.paragraphs.get(id.slice(1)) as Map<number, number>).keys());
}

// LibreOffice 7.4 prints each of libreoffice-headings.{odt,docx,rtf} on 13 pages (soffice
// --convert-to pdf; see tests/fixtures/convert/README.md).
const LIBREOFFICE_PAGES = 13;

function headingsOf(m: DocModel): Heading[] {
  return m.blocks.filter((b): b is Heading => b.kind === 'heading');
}

describe('LibreOffice-written headings: their styles, not ours', () => {
  it('ODT: sizes through the parent chain and percentages (14 pt × 130 % / 115 %), weight as the style says', () => {
    const hs = headingsOf(read(fixture('libreoffice-headings.odt'), 'odt'));
    expect(hs.length).toBeGreaterThan(40);
    const [h1, h2] = hs as [Heading, Heading];
    expect(h1.level).toBe(1);
    expect(h1.styled).toBe(true);
    expect(h1.runs[0]).toMatchObject({ size: expect.closeTo(18.2, 2), bold: true, font: 'Liberation Serif' });
    expect(h2.level).toBe(2);
    expect(h2.runs[0]).toMatchObject({ size: expect.closeTo(16.1, 2), italic: true, font: 'Liberation Serif' });
    expect(h2.runs[0]?.bold).toBeFalsy();
  });

  it.each([
    ['libreoffice-headings.docx', 'docx'],
    ['libreoffice-headings.rtf', 'rtf'],
  ] as const)('%s: sizes and fonts from the style chain (docDefaults / stylesheet), Heading 2 italic and not bold', (name, type) => {
    const m = read(fixture(name), type);
    const [h1, h2] = headingsOf(m) as [Heading, Heading];
    // LibreOffice writes 18.2 pt and 16.1 pt as whole half-points.
    expect(h1.runs[0]).toMatchObject({ size: 18, bold: true, font: 'Liberation Serif' });
    expect(h2.runs[0]).toMatchObject({ size: 16, italic: true, font: 'Liberation Serif' });
    expect(h2.runs[0]?.bold).toBeFalsy();
    // Body text in the Normal style's face and size, which the paragraphs themselves don't repeat.
    const body = m.blocks.find((b) => b.kind === 'paragraph' && b.runs.some((r) => r.text.includes('[P001]')));
    expect(body).toMatchObject({ runs: [{ size: 11, font: 'Liberation Sans' }] });
  });

  it.each([
    ['libreoffice-headings.odt', 'odt', 16.1],
    ['libreoffice-headings.docx', 'docx', 16],
    ['libreoffice-headings.rtf', 'rtf', 16],
  ] as const)('%s: the PDF sets Heading 2 at its size against 11 pt body text, in Tinos italic, never bold italic', async (name, type, size) => {
    const path = await pdf(fixture(name), type);
    const words = wordBoxes(path);
    const heading = words.find((w) => w.text === '[H01]') as Word;
    const body = words.find((w) => w.text === '[P001]') as Word;
    // Tinos (Liberation Serif) and Arimo (Liberation Sans) have the same ascent and descent.
    expect(heading.height / body.height).toBeCloseTo(size / 11, 1);
    const faces = fonts(path);
    expect(faces.some((f) => /Tinos.*Italic/i.test(f) && !/Bold/i.test(f))).toBe(true);
    expect(faces.some((f) => /Tinos.*Bold/i.test(f) && !/Italic/i.test(f))).toBe(true); // Heading 1
    expect(faces.some((f) => /Tinos.*BoldItalic/i.test(f))).toBe(false);
  });
});

describe('LibreOffice-written page breaking: keep-with-next, keep-together, widows and orphans', () => {
  const styles = sourceStyles();

  it('the fixture has every kind of paragraph the flow must honour', () => {
    const kinds = new Set(styles.values());
    for (const k of ['Text_20_body', 'Samen', 'Weduwen', 'Volgende']) expect(kinds).toContain(k);
  });

  it('reads the rules into the model (ODT fo:*, DOCX w:keepNext/w:keepLines/w:widowControl, RTF \\keepn/\\keep/\\widctlpar)', () => {
    for (const [name, type] of [['libreoffice-headings.odt', 'odt'], ['libreoffice-headings.docx', 'docx'], ['libreoffice-headings.rtf', 'rtf']] as const) {
      const m = read(fixture(name), type);
      const byId = (id: string): Block | undefined => m.blocks.find((b) => b.kind === 'paragraph' && b.runs.some((r) => r.text.startsWith(`[P${id}]`)));
      const idOf = (style: string): string => [...styles].find(([, s]) => s === style)?.[0] as string;
      expect(byId(idOf('Samen')), name).toMatchObject({ breaking: { keepLines: true } });
      expect(byId(idOf('Volgende')), name).toMatchObject({ breaking: { keepNext: true } });
      // ODT keeps the count of lines; DOCX and RTF only say widow control is on (two lines).
      expect(byId(idOf('Weduwen')), name).toMatchObject({ breaking: { widows: type === 'odt' ? 3 : 2, orphans: type === 'odt' ? 3 : 2 } });
      expect(byId(idOf('Text_20_body')), name).toMatchObject({ breaking: { widows: 2, orphans: 2 } });
      expect(m.blocks.find((b) => b.kind === 'heading'), name).toMatchObject({ breaking: { keepNext: true } });
    }
  });

  it.each([
    ['libreoffice-headings.odt', 'odt'],
    ['libreoffice-headings.docx', 'docx'],
    ['libreoffice-headings.rtf', 'rtf'],
  ] as const)('%s: no heading ends a page, kept paragraphs stay whole and with the next, no widow or orphan; pages as LibreOffice', async (name, type) => {
    const pages = pageLines(await pdf(fixture(name), type));
    expect(Math.abs(pages.length - LIBREOFFICE_PAGES)).toBeLessThanOrEqual(1);
    for (const [i, lines] of pages.entries()) expect(lines[lines.length - 1] ?? '', `page ${i + 1}`).not.toMatch(/\[H\d+\]/);
    const p = placement(pages);
    expect(p.paragraphs.size).toBe(styles.size);
    let split = 0;
    for (const [id, per] of p.paragraphs) {
      const style = styles.get(id);
      if (style === 'Samen') expect(per.size, `[P${id}] keep-together`).toBe(1);
      if (per.size < 2) continue;
      split++;
      const counts = [...per.values()];
      const least = style === 'Weduwen' && type === 'odt' ? 3 : 2;
      expect(counts[0], `[P${id}] orphans`).toBeGreaterThanOrEqual(least);
      expect(counts[counts.length - 1], `[P${id}] widows`).toBeGreaterThanOrEqual(least);
    }
    // Page breaks fell inside paragraphs too (else the widow/orphan checks tested nothing).
    expect(split).toBeGreaterThan(1);
    p.order.forEach((id, k) => {
      const next = p.order[k + 1];
      if (!next) return;
      // A heading, and a keep-with-next paragraph, share a page with the first line of what follows.
      if (id.startsWith('H') || styles.get(id.slice(1)) === 'Volgende') expect(firstPage(p, next), `${id} with ${next}`).toBe(lastPage(p, id));
    });
  });
});

// ---- real files ---------------------------------------------------------------------------

describeCorpus('headings of real documents', () => {
  it('odftk-Lebenslauf: its body lines are outline-level-2 headings whose style is the body text (12 pt, not bold)', async () => {
    const bytes = corpusFile('odftk-Lebenslauf_DOC_LO4.0.5.1.odt');
    const line = read(bytes, 'odt').blocks.find((b): b is Heading => b.kind === 'heading' && b.runs.some((r) => r.text.includes('Geburtsdatum')));
    expect(line).toMatchObject({ level: 2, styled: true });
    expect(line?.runs.every((r) => r.size === 12 && !r.bold)).toBe(true);
    const path = await pdf(bytes, 'odt');
    const words = wordBoxes(path);
    const heading = words.find((w) => w.text === 'Geburtsdatum:') as Word;
    const body = words.find((w) => w.text === 'Musterstraße') as Word;
    expect(heading.height).toBeCloseTo(body.height, 1);
    // LibreOffice prints it on 2 pages.
    expect(pageLines(path)).toHaveLength(2);
  });

  it('docx4j-Docx4j_GettingStarted: the Title in its style (26 pt Cambria from the theme, not bold), the TOC heading bold 14 pt', () => {
    const hs = read(corpusFile('docx4j-Docx4j_GettingStarted.docx'), 'docx').blocks.filter((b): b is Heading => b.kind === 'heading');
    expect(hs[0]?.runs[0]).toMatchObject({ text: 'Docx4j - Getting Started', size: 26, font: 'Cambria' });
    expect(hs[0]?.runs[0]?.bold).toBeFalsy();
    expect(hs[1]?.runs[0]).toMatchObject({ text: 'Contents', size: 14, bold: true });
  });

  it.each([
    // LibreOffice's page counts of these files (soffice 7.4 --convert-to pdf).
    ['docx4j-headers_footers.docx', 'docx', 36],
    // Its paragraphs have HTML auto spacing (w:beforeAutospacing / w:afterAutospacing): 14 pt
    // between two of them, not 28 (5 pages for LibreOffice's 4 when both were added).
    ['docx4j-toc.docx', 'docx', 4],
    ['odftk-Lebenslauf_DOC_LO4.0.5.1.odt', 'odt', 2],
  ] as const)('%s: as many pages as LibreOffice, within 15 %%', async (name, type, pages) => {
    const got = pageLines(await pdf(corpusFile(name), type)).length;
    expect(Math.abs(got - pages) / pages).toBeLessThanOrEqual(0.15);
  });
});

describe('the Dutch report LibreOffice saved', () => {
  it.each([
    // LibreOffice prints the DOCX and the ODT on 18 pages, the RTF (no picture) on 17.
    ['libreoffice-report.docx', 'docx', 18],
    ['libreoffice-report.odt', 'odt', 18],
    ['libreoffice-report.rtf', 'rtf', 17],
  ] as const)('%s (%s): within a page of LibreOffice\'s %i (the ODT header\'s least height, the RTF section\'s margins)', async (name, type, pages) => {
    const got = pageLines(await pdf(fixture(name), type)).length;
    expect(Math.abs(got - pages)).toBeLessThanOrEqual(1);
  });

  it('the ODT: the body begins below the header\'s least height (fo:min-height 0.5 in under a 0.5 in margin), as in LibreOffice', async () => {
    const tops = pdfWords(await pdf(fixture('libreoffice-report.odt'), 'odt'), { first: 2, last: 2 }).map((w) => w.yMin);
    const header = tops[0] as number;
    const body = tops.find((y) => y > header + 5) as number;
    // LibreOffice: the header at 36 pt, the first body line at 72 pt (0.5 in + 0.5 in).
    expect(body).toBeGreaterThan(36 + 36 - 4);
  });
});

/** A heading style and a paragraph style, both kept with the next (the second also kept together). */
const KEEP_STYLES = `<style:style style:name="Kop" style:family="paragraph"><style:paragraph-properties fo:keep-with-next="always" fo:margin-top="12pt" fo:margin-bottom="6pt"/><style:text-properties fo:font-size="16pt"/></style:style>
<style:style style:name="Keten" style:family="paragraph"><style:paragraph-properties fo:keep-with-next="always" fo:keep-together="always" fo:margin-bottom="3pt"/></style:style>`;
const filler = (n: number) => Array.from({ length: n }, (_, i) => `<text:p>Vulregel ${i + 1}.</text:p>`).join('');
const chain = (n: number) => Array.from({ length: n }, (_, i) => `<text:p text:style-name="Keten">Schakel ${i + 1} van de keten.</text:p>`).join('');

describe('a chain of paragraphs each kept with the next', () => {

  it('moves whole to the next page with its heading when the page has room for the heading and a few links but not all of them', async () => {
    // Filler to a few lines above the foot of the page: the heading and two links would fit there, the eight don't.
    let pages: string[][] = [];
    for (const n of [40, 44, 48]) {
      pages = pageLines(await pdf(makeOdt(`${filler(n)}<text:p text:style-name="Kop">Kop van de keten</text:p>${chain(8)}<text:p>Daarna.</text:p>`, { stylesExtra: KEEP_STYLES }), 'odt'));
      if (pages.length > 1 && pages[0]!.some((l) => l.includes(`Vulregel ${n}.`))) break;
    }
    const pageOf = (text: string) => pages.findIndex((lines) => lines.some((l) => l.includes(text)));
    expect(pages.length).toBe(2);
    const heading = pageOf('Kop van de keten');
    for (let i = 1; i <= 8; i++) expect(pageOf(`Schakel ${i} van`), `link ${i}`).toBe(heading);
  });

  it('taller than a page is set page after page, not one link per page', async () => {
    const pages = pageLines(await pdf(makeOdt(`<text:p text:style-name="Kop">Kop</text:p>${chain(150)}`, { stylesExtra: KEEP_STYLES }), 'odt'));
    // 150 one-line links at about 17 pt each: three to four full pages.
    expect(pages.length).toBeLessThanOrEqual(5);
    expect(pages.every((lines) => lines.length > 10)).toBe(true);
  });
});

const tableStyles = (mayBreak: boolean) => `<style:style style:name="Tab" style:family="table"><style:table-properties style:width="16cm" table:align="margins" style:may-break-between-rows="${mayBreak}"/></style:style>`;

describe('a table not to be split over pages (ODT style:may-break-between-rows="false")', () => {
  const rows = Array.from({ length: 12 }, (_, i) => `<table:table-row><table:table-cell><text:p>Rij ${i + 1}</text:p></table:table-cell><table:table-cell><text:p>waarde ${i + 1}</text:p></table:table-cell></table:table-row>`).join('');
  const doc = (mayBreak: boolean, n: number) =>
    makeOdt(`${filler(n)}<text:p text:style-name="Kop">Tabel met twaalf rijen</text:p><table:table table:name="T" table:style-name="Tab"><table:table-column table:number-columns-repeated="2"/>${rows}</table:table><text:p>Daarna.</text:p>`, { stylesExtra: `${KEEP_STYLES}${tableStyles(mayBreak)}` });

  it('is read as kept together, and one that may break is not', () => {
    const kept = read(doc(false, 1), 'odt').blocks.find((b) => b.kind === 'table');
    const free = read(doc(true, 1), 'odt').blocks.find((b) => b.kind === 'table');
    expect(kept).toMatchObject({ kind: 'table', keepTogether: true });
    expect(free && 'keepTogether' in free).toBe(false);
  });

  it('begins the next page, with the heading kept with it, where the rest of the page holds only a few of its rows; one that may break is split there', async () => {
    // Filler until the table, whole, no longer fits below it on the first page but some rows would.
    let n = 30;
    let free: string[][] = [];
    for (; n < 50; n += 2) {
      free = pageLines(await pdf(doc(true, n), 'odt'));
      const pageOf = (text: string) => free.findIndex((lines) => lines.some((l) => l.includes(text)));
      if (pageOf('Rij 1 ') === 0 && pageOf('Rij 12 ') === 1) break;
    }
    expect(free.length).toBe(2);
    const kept = pageLines(await pdf(doc(false, n), 'odt'));
    const pageOf = (text: string) => kept.findIndex((lines) => lines.some((l) => l.includes(text)));
    expect(pageOf('Tabel met twaalf rijen')).toBe(1);
    for (let i = 1; i <= 12; i++) expect(pageOf(`Rij ${i} `), `row ${i}`).toBe(1);
    expect(pageOf(`Vulregel ${n}.`)).toBe(0);
  });
});

/** The page (0-based) of the first line holding `text`; -1 when none does. */
const pageIn = (pages: string[][], text: string) => pages.findIndex((lines) => lines.some((l) => l.includes(text)));
const keptTableDoc = (keep: boolean, n: number) =>
  makeOdt(`${filler(n)}<table:table table:name="T" table:style-name="TabK"><table:table-column table:number-columns-repeated="2"/>${Array.from({ length: 6 }, (_, i) => `<table:table-row><table:table-cell><text:p>Regel ${i + 1}</text:p></table:table-cell><table:table-cell><text:p>bedrag ${i + 1}</text:p></table:table-cell></table:table-row>`).join('')}</table:table><text:p text:style-name="Keten">Toelichting bij de tabel.</text:p><text:p>Daarna.</text:p>`, {
    stylesExtra: `${KEEP_STYLES}<style:style style:name="TabK" style:family="table"><style:table-properties style:width="16cm" table:align="margins" fo:keep-with-next="${keep ? 'always' : 'auto'}"/></style:style>`,
  });

describe('a table kept with the next paragraph (ODT table fo:keep-with-next="always")', () => {

  it('is read so, and its last row goes on to the page of that paragraph where the page ends between them', async () => {
    expect(read(keptTableDoc(true, 1), 'odt').blocks.find((b) => b.kind === 'table')).toMatchObject({ keepNext: true });
    // Filler until, without the keep, the table ends on the first page and its note begins the second.
    let n = 40;
    let free: string[][] = [];
    for (; n < 56; n++) {
      free = pageLines(await pdf(keptTableDoc(false, n), 'odt'));
      if (pageIn(free, 'Regel 6 ') === 0 && pageIn(free, 'Toelichting bij') === 1) break;
    }
    expect(pageIn(free, 'Regel 6 ')).toBe(0);
    const kept = pageLines(await pdf(keptTableDoc(true, n), 'odt'));
    expect(pageIn(kept, 'Toelichting bij')).toBe(1);
    expect(pageIn(kept, 'Regel 6 ')).toBe(1);
    expect(pageIn(kept, 'Regel 1 ')).toBe(0);
  });
});

// Converts every supported input to PDF and checks the result with independent tools
// (poppler's pdftotext/pdfinfo, qpdf): the text survives with its diacritics and in order,
// the page count is sensible, and the file is structurally clean.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConversionError, convertToPdf } from '../../utils/core/documents/convert/index.ts';
import type { AnalysisLimits, DocType } from '../../utils/core/documents/types.ts';
import {
  DUTCH_SENTENCES,
  dutchReportDocx,
  encryptedDocx,
  hugeHeaderPng,
  legacyDoc,
  makeDocx,
  makeOdt,
  makePng,
  makeRtf,
  makeTxt,
  nestedXmlDocx,
  tinyJpeg,
  zipBombDocx,
} from '../helpers/office-fixtures.ts';
import { pdfScratch, pdfWords } from '../helpers/pdf-words.ts';
import { needSystemTools } from '../helpers/system-tools.ts';

const LIMITS: AnalysisLimits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 100 * 1024 * 1024, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 30_000 };

const pdfs = pdfScratch('rg-convert-');
const writePdf = (pdf: Uint8Array): string => pdfs.save(pdf);

function run(cmd: string, args: string[]): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function pageCount(file: string): number {
  const m = /^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]).out);
  return m ? Number(m[1]) : -1;
}

/**
 * Body text of all pages, one line, with the given repeated header/footer lines taken out.
 * `raw`: in the order it is drawn (pdftotext -raw) instead of poppler's reading-order guess,
 * which reads a borderless table's first column on into a paragraph set flush under it.
 */
function bodyText(file: string, drop: RegExp[] = [], raw = false): string {
  const text = run('pdftotext', ['-enc', 'UTF-8', ...(raw ? ['-raw'] : []), file, '-']).out;
  return text
    .split(/[\n\f]/)
    .filter((l) => !drop.some((re) => re.test(l.trim())))
    .join(' ')
    .replace(/\s+/g, ' ');
}

function expectInOrder(text: string, parts: string[]): void {
  let last = -1;
  for (const p of parts) {
    const at = text.indexOf(p, last + 1);
    expect(at, `"${p}" after position ${last}`).toBeGreaterThan(last);
    last = at;
  }
}

async function refusal(bytes: Uint8Array, type: DocType, limits = LIMITS): Promise<ConversionError> {
  try {
    await convertToPdf(bytes, type, limits);
  } catch (e) {
    if (e instanceof ConversionError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('convertToPdf output checked with pdftotext, pdfinfo and qpdf', () => {
  needSystemTools('pdftotext', 'pdfinfo', 'pdffonts', 'pdfimages', 'qpdf');

  it('converts the 18-page Dutch DOCX with all its text, page numbers and a clean structure', async () => {
    const file = writePdf(await convertToPdf(dutchReportDocx(), 'docx', LIMITS));
    const pages = pageCount(file);
    // LibreOffice 7.4 prints this report on 18 pages (headings at their styles' sizes): within 15 %.
    expect(pages).toBeGreaterThanOrEqual(16);
    expect(pages).toBeLessThanOrEqual(21);
    const raw = run('pdftotext', ['-enc', 'UTF-8', file, '-']).out;
    // The footer's PAGE/NUMPAGES fields are live on every page.
    for (const n of [1, 2, pages]) expect(raw).toContain(`Pagina ${n} van ${pages}`);
    expect(raw.split('Focus Nederland — vertrouwelijk').length - 1).toBe(pages);
    const text = bodyText(file, [/^Pagina \d+ van \d+$/, /^Focus Nederland — vertrouwelijk$/]);
    const order: string[] = ['Voortgangsrapportage C-1042 — re-integratie', 'Opgesteld door A. Jansen, Regiokantoor Utrecht. Vertrouwelijk.'];
    for (let s = 1; s <= 26; s++) {
      order.push(`${s}. Hoofdstuk over de voortgang (deel ${s})`, `Sectie ${s} alinea A.`, `${s}.1 Bevindingen en overwegingen`, `Sectie ${s} alinea B.`);
      order.push(`Sectie ${s} opsomming één: gesprek met de cliënt`, `Sectie ${s} stap een: intake afgerond`, `Sectie ${s} alinea C.`);
      if (s === 3) order.push('Intakegesprek met cliënt', 'Positief: € 1.250,00 vergoed');
      order.push(`Sectie ${s} alinea D.`);
    }
    order.push('Einde van het rapport.');
    expectInOrder(text, order);
    for (const sentence of DUTCH_SENTENCES) expect(text).toContain(sentence);
    expect(run('qpdf', ['--check', file]).status).toBe(0);
  });

  it('sets justified paragraphs flush with both margins except their last line', async () => {
    const para = 'De cliënt heeft in de afgelopen periode een reïntegratietraject gevolgd bij de eigen werkgever, en de bedrijfsarts adviseert een opbouw van vier uur per dag met een evaluatie na zes weken.';
    const file = writePdf(await convertToPdf(makeDocx([{ p: [para], align: 'both' }]), 'docx', LIMITS));
    // Right edge of each line from pdftotext's word boxes.
    const lines = new Map<number, number>();
    for (const w of pdfWords(file)) lines.set(w.yMin, Math.max(lines.get(w.yMin) ?? 0, w.xMax));
    const rights = [...lines.values()];
    expect(rights.length).toBeGreaterThanOrEqual(2);
    const margin = 595.28 - 56.69;
    for (const r of rights.slice(0, -1)) expect(Math.abs(r - margin)).toBeLessThan(1.5);
    expect(rights.at(-1)).toBeLessThan(margin - 20);
    expect(bodyText(file)).toContain(para);
  });

  it.each(['docx', 'odt', 'rtf'] as const)('converts the report as LibreOffice saved it (%s)', async (type) => {
    const bytes = new Uint8Array(readFileSync(join(import.meta.dirname, `../fixtures/convert/libreoffice-report.${type}`)));
    const file = writePdf(await convertToPdf(bytes, type, LIMITS));
    const pages = pageCount(file);
    // LibreOffice with Carlito prints 18, 18 and 17 (documents/fonts.test.ts holds ours within a page of that).
    expect(pages).toBeGreaterThanOrEqual(15);
    expect(pages).toBeLessThanOrEqual(25);
    expect(run('pdftotext', [file, '-']).out).toContain(`Pagina ${pages} van ${pages}`);
    const text = bodyText(file, [/^Pagina \d+ van \d+$/, /^Focus Nederland — vertrouwelijk$/]);
    const order = ['Voortgangsrapportage C-1042 — re-integratie'];
    for (let s = 1; s <= 26; s++) {
      order.push(`${s}. Hoofdstuk over de voortgang (deel ${s})`, `Sectie ${s} alinea A.`, `Sectie ${s} opsomming twee: overleg met de coördinator`);
      order.push(`${2 * s - 1}. Sectie ${s} stap een: intake afgerond`, `a) Sectie ${s} substap: evaluatie ingepland`, `Sectie ${s} alinea D.`);
    }
    expectInOrder(text, order);
    for (const sentence of DUTCH_SENTENCES) expect(text).toContain(sentence);
    expect(run('qpdf', ['--check', file]).status).toBe(0);
  });

  it('converts an ODT', async () => {
    const file = writePdf(await convertToPdf(makeOdt(), 'odt', LIMITS));
    expect(pageCount(file)).toBe(2);
    expectInOrder(bodyText(file, [/^Voettekst pagina \d$/]), [
      'Rapportage cliënt C-1042',
      'Eerste alinea met vette en cursieve tekst: reïntegratie, coördinator, € 12,50.',
      'Tweede punt met ĳ en ë',
      'Naïeve vraag beantwoord',
      'Laatste alinea op een nieuwe pagina, „slot”.',
    ]);
    expect(run('pdftotext', [file, '-']).out).toContain('Voettekst pagina 2');
    expect(run('qpdf', ['--check', file]).status).toBe(0);
  });

  it('converts an RTF', async () => {
    const file = writePdf(await convertToPdf(makeRtf(), 'rtf', LIMITS));
    expect(pageCount(file)).toBe(2);
    // The file's \fs24 (12 pt) everywhere, the table's text too, and no space after paragraphs:
    // "Na de tabel." sits under the borderless table like its rows.
    expectInOrder(bodyText(file, [], true), [
      'Rapportage cliënt C-1042',
      'Coördinator, reïntegratie, ĳzer en € 12,50 “citaat”.',
      'Nieuwe regel in dezelfde alinea.',
      'Naïeve vraag',
      'Na de tabel.',
      'Laatste pagina, „slot”.',
    ]);
    expect(run('qpdf', ['--check', file]).status).toBe(0);
  });

  it('converts a TXT', async () => {
    const file = writePdf(await convertToPdf(makeTxt(), 'txt', LIMITS));
    expect(pageCount(file)).toBe(1);
    expectInOrder(bodyText(file), ['Geachte heer De Vries,', 'cliënt C-1042.', 'De reïntegratie verloopt naar wens; kosten € 1.250,00.', 'A. Jansen — Regiokantoor Utrecht']);
    expect(run('qpdf', ['--check', file]).status).toBe(0);
  });

  it('draws symbols Open Sans lacks (check boxes, arrows) from the fallback face, extractably', async () => {
    const file = writePdf(await convertToPdf(new TextEncoder().encode('Keuze: ☐ nee ☒ ja ✓ akkoord → volgende stap.'), 'txt', LIMITS));
    expect(bodyText(file)).toContain('Keuze: ☐ nee ☒ ja ✓ akkoord → volgende stap.');
    expect(run('pdffonts', [file]).out).toMatch(/DejaVuSans/);
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const xml = `<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:t xml:space="preserve"> akkoord</w:t></w:r></w:p></w:body></w:document>`;
    const docx = writePdf(await convertToPdf(makeDocx([], { override: { 'word/document.xml': xml } }), 'docx', LIMITS));
    expect(bodyText(docx)).toContain('✓ akkoord');
  });

  it.each([
    ['png', makePng(800, 400)],
    ['jpeg', tinyJpeg()],
  ] as const)('converts a %s to one page holding the image', async (type, bytes) => {
    const file = writePdf(await convertToPdf(bytes, type, LIMITS));
    expect(pageCount(file)).toBe(1);
    const images = run('pdfimages', ['-list', file]).out.split('\n').filter((l) => /^\s+1\s+\d+\s+image/.test(l));
    expect(images).toHaveLength(1);
    expect(run('qpdf', ['--check', file]).status).toBe(0);
  });
});

describe('convertToPdf refusals', () => {
  it.each([
    ['a legacy .doc', legacyDoc(), 'doc', 'unsupported', /legacy Word \.doc/],
    ['a password-protected DOCX', encryptedDocx(), 'docx', 'encrypted', /password-protected/],
    ['an image claiming 30000×30000 pixels', hugeHeaderPng(), 'png', 'too-large', /30000×30000/],
    ['a DOCX without its document part', makeDocx([{ p: ['x'] }], { override: { 'word/document.xml': null } }), 'docx', 'corrupt', /word\/document\.xml/],
    ['a DOCX with malformed XML', makeDocx([], { override: { 'word/document.xml': '<w:document><w:body>' } }), 'docx', 'corrupt', /malformed XML/],
    ['an XML nesting bomb', nestedXmlDocx(), 'docx', 'corrupt', /nested deeper/],
    ['an unknown type', new Uint8Array([1, 2, 3]), 'zip', 'unsupported', /cannot be converted/],
  ] as const)('refuses %s', async (_label, bytes, type, kind, message) => {
    const e = await refusal(bytes, type);
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain('\n');
  });

  it('refuses a zip bomb', async () => {
    const e = await refusal(zipBombDocx(8 * 1024 * 1024), 'docx', { ...LIMITS, maxDecompressedBytes: 4 * 1024 * 1024 });
    expect(e.kind).toBe('zip-bomb');
  });

  it('refuses input over the size limit, output over the page cap and work over the time limit', async () => {
    expect((await refusal(makeTxt(), 'txt', { ...LIMITS, maxBytes: 10 })).kind).toBe('too-large');
    const pageCap = await refusal(dutchReportDocx(), 'docx', { ...LIMITS, maxPages: 5 });
    expect(pageCap.kind).toBe('too-large');
    expect(pageCap.message).toMatch(/more than 5 pages/);
    expect((await refusal(dutchReportDocx(), 'docx', { ...LIMITS, timeoutMs: 5 })).kind).toBe('timeout');
  });

  it('refuses text the embedded font cannot show rather than dropping it', async () => {
    const e = await refusal(new TextEncoder().encode('Koreaans: 한국어'), 'txt');
    expect(e.kind).toBe('unsupported');
    expect(e.message).toMatch(/U\+D55C/);
  });
});

// The DOCX files of the shared corpus that fell short of LibreOffice 7.4 in the fidelity bench
// (issue 14), measured where they differed: positions, line heights and page breaks of our PDF
// (pdftotext -bbox) against the ones LibreOffice 7.4's PDF of the same file has (written down
// here from `soffice --headless --convert-to pdf`, as the bench keeps them).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { convertToPdf } from '../../../utils/core/documents/convert/index.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { type PdfWord, pdfWords } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const dir = mkdtempSync(join(tmpdir(), 'rg-docx-lo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

needSystemTools('pdftotext');

const cache = new Map<string, Promise<PdfWord[]>>();
/** The words of our PDF of a corpus file (converted once per suite). */
function wordsOf(name: string): Promise<PdfWord[]> {
  let p = cache.get(name);
  if (!p) {
    p = (async () => {
      const path = join(dir, `${name}.pdf`);
      writeFileSync(path, await convertToPdf(corpusFile(name), 'docx', limits));
      return pdfWords(path);
    })();
    cache.set(name, p);
  }
  return p;
}

function find(words: PdfWord[], text: string, from = 0): PdfWord {
  const w = words.slice(from).find((x) => x.text === text);
  expect(w, `"${text}" is in the PDF`).toBeDefined();
  return w as PdfWord;
}

describeCorpus('DOCX files against LibreOffice 7.4', () => {
  it('docx4j-Symbols.docx: code lines in Consolas (a fixed-pitch font) keep their leading spaces and are set monospaced, where LibreOffice sets them', async () => {
    const words = await wordsOf('docx4j-Symbols.docx');
    // LibreOffice 7.4 (page 1): "<w:r" at x 70.4 after six spaces, "<w:rPr>" 81.8, "<w:rFonts" 93.2,
    // w:ascii="Webdings" 150.5 — 0.6 em a character at 9.5 pt from the margin at 36.
    const lo: Array<[string, number]> = [
      ['<w:r', 70.4],
      ['<w:rPr>', 81.8],
      ['<w:rFonts', 93.2],
      ['w:ascii="Webdings"', 150.5],
    ];
    for (const [text, x] of lo) expect(find(words, text).xMin, text).toBeCloseTo(x, 0);
    // Page 2: two spaces after "<w:rFonts" (LibreOffice: 144.7 → 156.2), not one Open Sans gap.
    const rFonts = words.find((w) => w.page === 2 && w.text === '<w:rFonts') as PdfWord;
    const next = words.find((w) => w.page === 2 && w.text === 'w:eastAsia="Times') as PdfWord;
    expect(next.xMin - rFonts.xMax).toBeCloseTo(156.2 - 144.7, 0);
  });

  it('docx4j-Symbols.docx: a Title whose style has no w:keepNext may end a page, as in LibreOffice (4 pages, "But omiting" begins page 3)', async () => {
    const words = await wordsOf('docx4j-Symbols.docx');
    const title = words.findIndex((w) => w.text === 'ascii');
    expect(words[title]?.page).toBe(2);
    expect(find(words, 'omiting').page).toBe(3);
    expect(Math.max(...words.map((w) => w.page))).toBe(4);
  });
});

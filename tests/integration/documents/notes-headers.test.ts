// Issue 14, the classes LibreOffice drew and we did not: footnotes and endnotes (reference mark
// raised at its place, the note at the foot of that page; endnotes after the text on a page of
// their own), headers and footers per section with first-page and even-page ones (a chapter
// field in them set page by page), drop caps,
// tracked changes (shown as accepted, and said so), symbol-font pictures with no Unicode meaning
// (a visible box, named in the notes). Checked with poppler, page by page, on the shared corpus
// and on small hand-made documents.
import { execFileSync } from 'node:child_process';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { convertToPdf, type ConversionNote } from '../../../utils/core/documents/convert/index.ts';
import { makeSendable } from '../../../utils/core/documents/send-fix.ts';
import type { DocType } from '../../../utils/core/documents/types.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { makeDocx, makeOdt } from '../../helpers/office-fixtures.ts';
import { pdfScratch, popplerText } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const pdfs = pdfScratch('rg-notes-');

needSystemTools('pdftotext', 'pdfinfo');

const typeOf = (name: string): DocType => (name.endsWith('.docx') ? 'docx' : name.endsWith('.odt') ? 'odt' : 'rtf');

/** Our PDF of a document: its pages' text (whitespace folded) and the conversion notes. */
async function pages(name: string, bytes: Uint8Array): Promise<{ pages: string[]; notes: ConversionNote[] }> {
  const notes: ConversionNote[] = [];
  const path = pdfs.save(await convertToPdf(bytes, typeOf(name), limits, notes), `${name}.pdf`);
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
  const out: string[] = [];
  for (let p = 1; p <= count; p++) out.push(popplerText(path, { first: p, last: p }).replace(/\s+/g, ' ').trim());
  return { pages: out, notes };
}

/** `a` comes before `b` in `text`, both present. */
function inOrder(text: string, ...parts: string[]): void {
  let at = -1;
  for (const p of parts) {
    const i = text.indexOf(p, at + 1);
    expect(i, `"${p}" after position ${at} in: ${text.slice(0, 300)}`).toBeGreaterThan(at);
    at = i;
  }
}

describeCorpus('footnotes and endnotes in real files', () => {
  it('pandoc-notes.docx: the mark is raised at its place, the footnote at the foot of page 1, the endnote on a page after the text', async () => {
    const { pages: p } = await pages('pandoc-notes.docx', corpusFile('pandoc-notes.docx'));
    expect(p).toHaveLength(2);
    // A raised mark set right after the word reads as one word, as LibreOffice's does ("footnote.1").
    inOrder(p[0] as string, 'Test footnote.1 Test endnote.i', '1 My note.');
    expect(p[0]).not.toContain('[1]');
    expect(p[1]).toBe('i This is an endnote at the end of the document.');
  });

  it.each([
    ['pandoc-footnote.odt', ['Some text1 with a footnote.', '1 Footnote text']],
    ['odftk-footnote.odt', ['A text before footnote1.', 'A text before endnotei.', '1 A footnote?']],
    // The RTF writes the note's own mark ({\up6\chftn}) with no space after it: "1See", as LibreOffice prints it.
    ['pandoc-footnote.rtf', ['amply annotated.1 It was her work', 'As others have noted,2 this period', '1See Sahlins', '2A complete bibliography']],
  ])('%s: each footnote at the foot of the page that references it', async (name, parts) => {
    const { pages: p } = await pages(name, corpusFile(name));
    inOrder(p[0] as string, ...parts);
  });
});

/** Paragraph i of footnoteDocx, referencing footnote i + 1. */
const footnoteParagraph = (i: number): string =>
  `<w:p><w:r><w:t xml:space="preserve">Alinea ${i} beschrijft het gesprek met de werknemer over de re-integratie en de afspraken die daarbij zijn gemaakt met de leidinggevende en de bedrijfsarts, uitgebreid en in detail</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="${i + 1}"/></w:r><w:r><w:t xml:space="preserve"> en verder.</w:t></w:r></w:p>`;

/** A DOCX whose 40 paragraphs each reference a footnote: notes must stay on their reference's page. */
function footnoteDocx(): Uint8Array {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const body = Array.from({ length: 40 }, (_, i) => footnoteParagraph(i + 1)).join('');
  const doc = `<w:document xmlns:w="${W}"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  const notes = Array.from({ length: 40 }, (_, i) => `<w:footnote w:id="${i + 2}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Bron ${i + 1}: verslag van het gesprek.</w:t></w:r></w:p></w:footnote>`).join('');
  const footnotes = `<w:footnotes xmlns:w="${W}"><w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="1"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>${notes}</w:footnotes>`;
  return makeDocx([], { override: { 'word/document.xml': doc, 'word/footnotes.xml': strToU8(footnotes) } });
}

describe('footnotes over several pages (hand-made DOCX)', () => {
  it('puts every footnote on the page of its reference, after that page\'s text, none lost', async () => {
    const { pages: p } = await pages('footnotes.docx', footnoteDocx());
    expect(p.length).toBeGreaterThan(1);
    for (let i = 1; i <= 40; i++) {
      // The page of the line holding the mark (a paragraph may begin on the page before).
      const page = p.findIndex((t) => t.includes(`detail${i} en verder.`));
      expect(page, `mark ${i}`).toBeGreaterThanOrEqual(0);
      inOrder(p[page] as string, `detail${i} en verder.`, `${i} Bron ${i}: verslag van het gesprek.`);
      expect(p.filter((t) => t.includes(`Bron ${i}:`))).toHaveLength(1);
    }
  });
});

describeCorpus('headers and footers per page and per section in real files', () => {
  it('docx4j-odd_even_different_first_page.docx: the first-page header on page 1, the even one on page 2, the odd one on page 3', async () => {
    const { pages: p } = await pages('x.docx', corpusFile('docx4j-odd_even_different_first_page.docx'));
    expect(p).toHaveLength(3);
    expect(p[0]).toMatch(/^First page /);
    expect(p[1]).toMatch(/^Even header /);
    expect(p[2]).toMatch(/^Odd header /);
    expect(p[2]).toMatch(/My footer$/);
    expect(p.join(' ')).not.toMatch(/Odd header.*Odd header/);
  });

  it('docx4j-sections_multiple.docx: section 1 has its first-page and later-page headers, section 2 its own', async () => {
    const { pages: p } = await pages('y.docx', corpusFile('docx4j-sections_multiple.docx'));
    expect(p[0]).toMatch(/^Section 1 – first page /);
    expect(p[1]).toMatch(/^Section 1 – subsequent page /);
    expect(p[2]).toMatch(/^Section 2 /);
    // The first page's footer is empty (w:titlePg without a first footer), as LibreOffice prints it.
    expect(p[0]).not.toContain('Just a footer.');
    for (const t of p.slice(1)) expect(t).toMatch(/Just a footer\.$/);
  });

  it('docx4j-Headers.docx: the header of each section and kind, no longer one header everywhere', async () => {
    const { pages: p } = await pages('z.docx', corpusFile('docx4j-Headers.docx'));
    expect(p[0]).toMatch(/^First page header\. Header and footer test/);
    expect(p.some((t) => t.startsWith('Just a plain header.'))).toBe(true);
    expect(p.some((t) => t.includes('Odd/EVEN.. white'))).toBe(true);
  });

  it('docx4j-Headers.docx: a section whose own w:type is continuous begins on the page of the one before it, not on a new page', async () => {
    // The sectPr that ends a section says how that section began: the second section's is
    // continuous, so its text follows "Page 2" on page 2 (as LibreOffice prints it); the third's
    // is not, so it begins page 3 under its first-page header.
    const { pages: p } = await pages('zc.docx', corpusFile('docx4j-Headers.docx'));
    inOrder(p[1] as string, 'Page 2', 'That was a Section Break (Continuous)');
    expect(p[2]).toMatch(/^First page header\. In this section, we've got same as previous\./);
  });

  it('odftk-HeaderFooter.odt: the master page\'s header and footer, a footnote, and a word with a picture anchored inside it kept whole', async () => {
    const { pages: p } = await pages('hf.odt', corpusFile('odftk-HeaderFooter.odt'));
    inOrder(p[0] as string, 'HELLO HEADER!', 'GIT need some Hyperlink1!', '1 TestFootnote', 'HELLLO FOOTER!');
  });
});

describeCorpus('drop caps, tracked changes and symbol pictures in real files', () => {
  it('pandoc-drop_cap.docx: the drop cap letter begins its word', async () => {
    const { pages: p } = await pages('dc.docx', corpusFile('pandoc-drop_cap.docx'));
    inOrder(p[0] as string, 'Drop cap. Next paragraph. Drop cap in margin.', 'Drop cap (not really).');
  });

  it.each([
    ['pandoc-track_changes_deletion.docx', 'This is a text with a deletion.', 'excessively'],
    ['pandoc-trackedChanges.odt', 'Some text with and inserted text.', 'deleted'],
    ['odftk-changeTracked.odt', 'Ich eine odt-Datei mit aktiviertem ich wurde eingefügt ChangeTracking.', 'bin'],
  ])('%s: the final text (insertions kept, deletions left out), and the send says so', async (name, final, deleted) => {
    const out = await makeSendable(corpusFile(name), typeOf(name), { limits, protect: false });
    const text = popplerText(pdfs.save(out.bytes, `sent-${name}.pdf`)).replace(/\s+/g, ' ');
    expect(text).toContain(final);
    expect(text.split(' ')).not.toContain(deleted);
    expect(out.revisions).toMatch(/^tracked changes shown as accepted, as Word's "No Markup" view prints them: \d+ insertion\(s\) kept, [1-9]\d* deletion\(s\) left out$/);
    expect(out.notes ?? []).toEqual([]);
  });

  it('docx4j-Symbols.docx: converts, Webdings / Wingdings 2 pictures drawn as a visible box and named, the mapped ones drawn', async () => {
    const { pages: p, notes } = await pages('sym.docx', corpusFile('docx4j-Symbols.docx'));
    const text = p.join(' ');
    expect(text).toContain('□');
    expect(text).toContain('✓');
    expect(notes).toEqual([{ kind: 'picture-placeholder', detail: expect.stringMatching(/^\d+ symbol-font character\(s\) with no known picture \(U\+F032, .*\) drawn as □$/) }]);
  });

  it('odftk-excelfileformat.odt: converts, its OpenSymbol icons boxed and named, its Japanese date formats drawn', async () => {
    const { pages: p, notes } = await pages('excel.odt', corpusFile('odftk-excelfileformat.odt'));
    const text = p.join(' ');
    expect(text).toContain('東京');
    expect(text).toContain('とうきょう');
    for (const ch of '年月日時分秒') expect(text).toContain(ch);
    expect(notes).toEqual(expect.arrayContaining([{ kind: 'picture-placeholder', detail: expect.stringMatching(/symbol-font character\(s\) with no known picture \(U\+E3DB, U\+E087\)/) }]));
  });
});

describe('a document with no tracked changes says nothing about them', () => {
  it('has no revisions line', async () => {
    const out = await makeSendable(makeDocx([{ p: ['Gewoon een verslag.'] }]), 'docx', { limits, protect: false });
    expect(out.revisions).toBeUndefined();
  });
});

describe('a running header that names the chapter (ODT text:chapter)', () => {
  it('shows, on each page, the chapter its first text is in, not the value the file stored', async () => {
    const outline = `<text:outline-style><text:outline-level-style text:level="1" style:num-format="1"/><text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2"/></text:outline-style>`;
    const body = [
      '<text:h text:outline-level="1">Intake</text:h><text:p>Eerste gesprek met de cliënt.</text:p>',
      '<text:h text:outline-level="2">Belastbaarheid</text:h><text:p>Wat de cliënt kan.</text:p>',
      '<text:p text:style-name="PB">Vervolg van belastbaarheid op een nieuwe pagina.</text:p>',
      '<text:h text:outline-level="1" text:style-name="PB">Advies</text:h><text:p>Het advies.</text:p>',
    ].join('');
    const odt = unzipSync(makeOdt(body, { stylesExtra: outline }));
    const header = '<style:header><text:p>Rapport – <text:chapter text:display="number-and-name" text:outline-level="2">9.9 Oud</text:chapter></text:p></style:header>';
    const files: Zippable = {};
    for (const [name, data] of Object.entries(odt)) {
      files[name] = name === 'mimetype' ? [data, { level: 0 }] : name === 'styles.xml' ? strToU8(strFromU8(data).replace('<style:footer>', `${header}<style:footer>`)) : data;
    }
    const { pages: p } = await pages('chapter.odt', zipSync(files));
    expect(p).toHaveLength(3);
    // Page 1 begins with chapter 1; page 2 begins inside 1.1 (begun on page 1); page 3 begins with chapter 2.
    expect(p[0]).toMatch(/^Rapport – 1 Intake 1 Intake/);
    expect(p[1]).toMatch(/^Rapport – 1\.1 Belastbaarheid Vervolg/);
    expect(p[2]).toMatch(/^Rapport – 2 Advies 2 Advies/);
    for (const page of p) expect(page).not.toContain('Oud');
  });
});

// Issue 14 / session 19, text we did not draw before: charts (the chart part's title, series,
// categories and values), SmartArt (the drawing part's shape text), formulas (ODF MathML objects,
// DOCX OMML), capitals set by the style (w:caps, fo:text-transform), a tracked deletion of a
// paragraph mark, list numbers showing several levels ("2.1"). Checked with poppler on the real
// files of the shared corpus: what a reader of the PDF gets.
import { expect, it } from 'vitest';
import { convertToPdf } from '../../../utils/core/documents/convert/index.ts';
import type { ConversionNote } from '../../../utils/core/documents/convert/index.ts';
import { sniffType } from '../../../utils/core/documents/sniff.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { makeDocx } from '../../helpers/office-fixtures.ts';
import { pdfScratch, popplerText } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const pdfs = pdfScratch('rg-objects-');

needSystemTools('pdftotext');

async function pdfText(name: string, bytes: Uint8Array, notes: ConversionNote[] = []): Promise<string> {
  return popplerText(pdfs.save(await convertToPdf(bytes, sniffType(bytes), limits, notes), `${name}.pdf`)).replace(/\s+/g, ' ');
}

describeCorpus('charts, diagrams and formulas of real files', () => {
  it('docx4j-chart.docx: the chart is drawn from its cached values, with the words Word shows: axis labels, legend, categories', async () => {
    // (drawings.test.ts checks where they stand.) The values themselves are bar heights, as in
    // Word and LibreOffice: not printed, so neither is the cache's 4.4000000000000004.
    const t = await pdfText('chart', corpusFile('docx4j-chart.docx'));
    for (const s of ['Category 1', 'Category 4', 'Series 1', 'Series 3', '14 12 10']) expect(t).toContain(s);
    expect(t).not.toContain('4.4000000000000004');
  });

  it("pandoc-diagram.docx: the SmartArt diagram's shape text, from the drawing part, once each", async () => {
    const t = await pdfText('diagram', corpusFile('pandoc-diagram.docx'));
    expect(t).toMatch(/Diagram after: top middle bottom/);
    expect(t.split('middle').length - 1).toBe(1);
  });

  it('pandoc-formula.odt: the formula object is its text in linear notation, not a placeholder', async () => {
    const notes: ConversionNote[] = [];
    const t = await pdfText('formula', corpusFile('pandoc-formula.odt'), notes);
    expect(t).toContain('E = m⋅c^2');
    expect(notes).toEqual([]);
    expect(t).not.toMatch(/niet weergegeven|not drawn/);
  });

  it('docx4j-textbox_alternates_contrived.docx and DrawingML_GraphicData_wps.docx: w:caps text in capitals, as Word prints it', async () => {
    expect(await pdfText('caps1', corpusFile('docx4j-textbox_alternates_contrived.docx'))).toMatch(/^\s*A TEXT BOX\s*$/);
    expect(await pdfText('caps2', corpusFile('docx4j-DrawingML_GraphicData_wps.docx'))).toContain('MILK GLASS');
  });

  it('pandoc-paragraph_insertion_deletion.docx: a deleted paragraph mark joins the two paragraphs, as Accept All does', async () => {
    expect(await pdfText('mark', corpusFile('pandoc-paragraph_insertion_deletion.docx'))).toContain('This is a splitParagraph.');
  });

  it('odftk-fields.odt: a list level showing two levels numbers its item "2.1"', async () => {
    expect(await pdfText('fields', corpusFile('odftk-fields.odt'))).toMatch(/2\.1 uiui/);
  });
});

const ommlRun = (t: string): string => `<m:r><m:t>${t}</m:t></m:r>`;

it('a DOCX formula (OMML) is its text in linear notation where it stands', async () => {
  const M = 'http://schemas.openxmlformats.org/officeDocument/2006/math';
  const r = ommlRun;
  const omml = `<m:oMath>${r('B=')}<m:f><m:num>${r('u+v')}</m:num><m:den>${r('2')}</m:den></m:f>${r('+')}<m:sSup><m:e>${r('k')}</m:e><m:sup>${r('2')}</m:sup></m:sSup>${r('+')}<m:rad><m:radPr><m:degHide m:val="1"/></m:radPr><m:deg/><m:e>${r('x')}</m:e></m:rad></m:oMath>`;
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:m="${M}"><w:body><w:p><w:r><w:t xml:space="preserve">De belasting is </w:t></w:r>${omml}<w:r><w:t xml:space="preserve"> uur.</w:t></w:r></w:p></w:body></w:document>`;
  const t = await pdfText('omml', makeDocx([], { override: { 'word/document.xml': doc } }));
  expect(t).toContain('De belasting is B=(u+v)/2+k^2+√x uur.');
});

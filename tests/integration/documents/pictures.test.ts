// Issue 14, pictures: every format Word and LibreOffice embed is drawn (PNG, JPEG, GIF, BMP, TIFF,
// EMF, WMF, an embedded PDF page); what truly can't be drawn (a linked picture, an unknown
// format) becomes a visible placeholder plus a note the send check turns into an info finding,
// never a refusal of the document. Checked with poppler, which shares no code with us: the
// images it lists, the ink it renders where the picture is, the text it reads out of a picture.
// On real files of other projects (../shared/corpus) and on documents LibreOffice wrote
// (tests/fixtures/convert/libreoffice-*.{docx,odt,rtf}, see the README there).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseAttachment } from '../../../utils/core/documents/analyse.ts';
import { applySendFix, makeSendable } from '../../../utils/core/documents/send-fix.ts';
import type { DocType } from '../../../utils/core/documents/types.ts';
import { check } from '../../helpers/engine.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { pdfScratch, popplerText } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const FIXTURES = join(import.meta.dirname, '../../fixtures/convert');
const pdfs = pdfScratch('rg-pictures-');

needSystemTools('pdftotext', 'pdftoppm', 'pdfimages');

function typeOf(name: string): DocType {
  return name.endsWith('.docx') ? 'docx' : name.endsWith('.odt') ? 'odt' : 'rtf';
}

async function convert(name: string, bytes: Uint8Array): Promise<{ path: string; notes: string[] }> {
  const out = await makeSendable(bytes, typeOf(name), { limits, protect: false });
  return { path: pdfs.save(out.bytes, `${name}.pdf`), notes: out.notes ?? [] };
}

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const text = (path: string): string => popplerText(path);
/** Raster images poppler finds on the pages (image XObjects, also inside forms). */
const images = (path: string): number => execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n').length - 2;

/** Dark or coloured pixels of page 1 at 30 dpi: a drawn picture puts ink where text alone would not. */
function ink(path: string): number {
  const prefix = join(pdfs.dir, `ink-${Math.random().toString(36).slice(2)}`);
  execFileSync('pdftoppm', ['-r', '30', '-f', '1', '-l', '1', '-singlefile', path, prefix]);
  const ppm = readFileSync(`${prefix}.ppm`);
  let at = 0;
  for (let fields = 0; fields < 4; at++) if (ppm[at] === 0x0a || ppm[at] === 0x20) fields++;
  let n = 0;
  for (let i = at; i + 2 < ppm.length; i += 3) if (ppm[i]! < 200 || ppm[i + 1]! < 200 || ppm[i + 2]! < 200) n++;
  return n;
}

describe('pictures LibreOffice wrote', () => {
  it.each([
    ['libreoffice-pictures.docx', 4], // GIF, BMP, TIFF; the PDF LibreOffice stored as PNG
    ['libreoffice-pictures.odt', 3], // GIF, BMP, TIFF as images, the PDF as a page
    ['libreoffice-pictures.rtf', 2], // GIF and BMP, stored by LibreOffice as WMF with a bitmap
  ])('%s: every picture drawn, none as a placeholder', async (name, rasters) => {
    const { path, notes } = await convert(name, fixture(name));
    expect(notes).toEqual([]);
    expect(images(path)).toBeGreaterThanOrEqual(rasters);
    const t = text(path);
    expect(t).not.toMatch(/afbeelding niet weergegeven/);
    expect(t).toMatch(/Einde van het verslag/);
  });

  it('an embedded PDF page keeps its text', async () => {
    const { path } = await convert('libreoffice-pictures.odt', fixture('libreoffice-pictures.odt'));
    expect(text(path)).toMatch(/Ingebedde PDF-pagina/);
  });

  it.each(['libreoffice-linked-picture.docx', 'libreoffice-linked-picture.odt'])('%s: a linked picture is a placeholder and a note, the rest converted', async (name) => {
    const { path, notes } = await convert(name, fixture(name));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/linked from outside the document/);
    const t = text(path);
    expect(t.replace(/\s+/g, ' ')).toMatch(/\[gekoppelde afbeelding, niet in het bestand\]/);
    expect(t).toMatch(/Verder is het verslag volledig/);
  });

  it('the send check tells the user in an info finding, and still lets the mail go', async () => {
    const bytes = fixture('libreoffice-linked-picture.docx');
    const analysis = await analyseAttachment('verslag.docx', bytes, limits);
    const { fix, output } = await applySendFix(analysis, bytes);
    expect(fix.ok).toBe(true);
    expect(output).not.toBeNull();
    expect(fix.notes?.[0]).toMatch(/linked/);
    const verdict = check({}, [{ ...analysis, fix }]);
    expect(verdict.findings.filter((x) => x.code.startsWith('ATTACHMENT_') && x.severity === 'block')).toEqual([]);
    const f = verdict.findings.find((x) => x.code === 'ATTACHMENT_CONVERTED');
    expect(f?.severity).toBe('info');
    expect(f?.message).toMatch(/1 afbeelding\(en\) kunnen niet worden weergegeven/);
  });
});

describeCorpus('pictures in real documents of other projects', () => {
  it.each([
    // [file, what poppler must find]
    ['docx4j-EMF.docx', 'two EMF drawings (PowerPoint shapes, a textured star)'],
    ['docx4j-WMF.docx', 'the same drawings as WMF'],
    ['pandoc-image_vml_as_object.docx', 'an EMF diagram with its labels as text'],
    ['docx4j-headers_footers.docx', 'a GIF and a 4.7 MB EMF'],
    ['odftk-feature_images.odt', 'a GIF'],
    ['docx4j-sample-docx.docx', 'GIF, JPEG and PNG'],
  ])('%s: %s drawn, no placeholder', async (name) => {
    const { path, notes } = await convert(name, corpusFile(name));
    expect(notes).toEqual([]);
    expect(text(path)).not.toMatch(/afbeelding niet weergegeven/);
  });

  it('EMF and WMF drawings put their ink on the page', async () => {
    for (const name of ['docx4j-EMF.docx', 'docx4j-WMF.docx']) {
      const { path } = await convert(name, corpusFile(name));
      // The page's two sentences alone leave under 400 coloured pixels at 30 dpi.
      expect(ink(path), name).toBeGreaterThan(2000);
    }
  });

  it('text drawn inside an EMF picture is real text in the PDF', async () => {
    const { path } = await convert('pandoc-image_vml_as_object.docx', corpusFile('pandoc-image_vml_as_object.docx'));
    const t = text(path);
    for (const label of ['OfferIT', 'Sysconf', 'ACMM', 'Mail System']) expect(t).toContain(label);
  });
});

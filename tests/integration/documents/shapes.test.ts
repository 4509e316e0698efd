// Issue 14, text in text boxes and shapes: DOCX w:txbxContent (DrawingML wps:txbx, grouped in
// wpg:wgp, and VML v:textbox) and ODT draw:text-box, draw:g groups and shapes with text are
// drawn in reading order — and, since the health check reads what is sent, a health term in a
// text box is found. Checked with poppler on LibreOffice-written files and the shared corpus.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSendable, prepareForSend } from '../../../utils/core/documents/send-fix.ts';
import type { DocType } from '../../../utils/core/documents/types.ts';
import { detectHealthTerms } from '../../../utils/core/health/detect.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const FIXTURES = join(import.meta.dirname, '../../fixtures/convert');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rg-shapes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

needSystemTools('pdftotext');

async function sentText(name: string, bytes: Uint8Array): Promise<string> {
  const type: DocType = name.endsWith('.docx') ? 'docx' : 'odt';
  const out = await makeSendable(bytes, type, { limits, protect: false });
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, out.bytes);
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

describe('text boxes and shapes LibreOffice wrote', () => {
  it.each(['libreoffice-textbox.docx', 'libreoffice-textbox.odt'])('%s: the text box and both grouped shapes are drawn, nothing twice', async (name) => {
    const t = await sentText(name, fixture(name));
    // The box's two lines (it floats beside its paragraph now: text extraction may read the
    // paragraph's words to its right between them, as it does on LibreOffice's own PDF).
    for (const s of ['Opmerking in een tekstvak', 'herstellende van een hernia', 'Vorm een: werkplekbezoek gepland', 'Vorm twee: gesprek met de leidinggevende', 'Einde van het verslag']) {
      expect(t).toContain(s);
      // DOCX keeps a VML copy of every shape for old readers: it must not be drawn as well.
      expect(t.split(s).length - 1, s).toBe(1);
    }
  });

  it.each(['libreoffice-textbox.docx', 'libreoffice-textbox.odt'])('%s: a health term in a text box is found, in what is sent and by the send check', async (name) => {
    expect(detectHealthTerms(await sentText(name, fixture(name)))).toContain('hernia');
    // The send check's one path: the text it reads is the sent PDF's, as pdf.js extracts it.
    const { analysis } = await prepareForSend(name, fixture(name), { maxAttachmentMB: 25, protectPdf: true }, limits);
    expect(detectHealthTerms(analysis.text)).toContain('hernia');
  });
});

describeCorpus('text in shapes of real documents', () => {
  it('odftk-groupshape.odt: the text of its grouped shapes is on the page (it was a blank page)', async () => {
    const t = await sentText('odftk-groupshape.odt', corpusFile('odftk-groupshape.odt'));
    expect(t).toContain('Manueller Seitenumbruch');
    expect(t).toContain('Kopfzeile (Nummerierung beginnt mit 1)');
  });

  it.each([
    ['docx4j-textbox.docx', 'v:textbox/w:txbxContent'],
    ['pandoc-textbox_image.docx', 'The image is below'],
  ])('%s: text box text drawn', async (name, expected) => {
    expect(await sentText(name, corpusFile(name))).toContain(expected);
  });
});

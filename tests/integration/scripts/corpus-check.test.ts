// The corpus runner (scripts/corpus-check.ts, `npm run corpus`) on hostile input: a bomb's text
// must end as a clear outcome for its row, never as a crash of the runner (a string too long)
// or a wait without end.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { SourceTexts, checkRow, keptShare, pdftotext, printedReference } from '../../../scripts/corpus-check.ts';
import { corpusDir, corpusPath, describeCorpus } from '../../helpers/corpus.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const dir = mkdtempSync(join(tmpdir(), 'rg-corpus-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function textPdf(lines: number): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  for (let i = 0; i < lines; i++) page.drawText(`regel ${i} van de rapportage`, { x: 40, y: 800 - (i % 60) * 12, size: 9, font });
  const path = join(dir, `text-${lines}.pdf`);
  writeFileSync(path, await doc.save());
  return path;
}

describe("the office reference: LibreOffice's text export, kept to what its PDF prints", () => {
  it('does not demand text hidden by style (in the export, not on paper), nor words LibreOffice prints broken', () => {
    // pandoc-hiddenTextByStyle.odt: its one paragraph is hidden by style; LibreOffice's text
    // export has it, its PDF (and ours) prints only the visible heading.
    const exported = 'Zichtbare kop\nDeze alinea is verborgen door haar stijl en wordt niet afgedrukt.\nSlot';
    const printed = 'Zichtbare kop\n\nSlot\n';
    const ref = printedReference(exported, printed);
    expect(ref).toBe('zichtbare kop slot');
    expect(keptShare(ref, 'Zichtbare kop Slot')).toBe(1);
    // A word LibreOffice cut in a narrow column ("rappor" / "tage") is not asked of ours.
    expect(printedReference('De rapportage van vandaag', 'De rappor tage van vandaag')).toBe('de van vandaag');
  });

  it('still demands every printed word, with its repetitions: a word ours drops counts as lost', () => {
    const ref = printedReference('een twee twee drie', 'een twee twee drie');
    expect(ref).toBe('een twee twee drie');
    expect(keptShare(ref, 'een twee drie')).toBeCloseTo(0.75, 5);
  });
});

describe('pdftotext with caps', () => {
  needSystemTools('pdftotext');

  it('gives the text of an ordinary PDF', async () => {
    const r = await pdftotext(await textPdf(3));
    expect(r).toEqual({ text: expect.stringContaining('regel 2 van de rapportage') });
  });

  it('stops reading past the byte cap and says it is a text bomb', async () => {
    const r = await pdftotext(await textPdf(400), { maxBytes: 1024, timeoutMs: 60_000 });
    expect(r).toEqual({ none: expect.stringMatching(/over .* MB \(a text bomb\)/) });
  });

  it('says so when poppler cannot read the file', async () => {
    const path = join(dir, 'not.pdf');
    writeFileSync(path, 'this is not a PDF at all');
    expect(await pdftotext(path)).toEqual({ none: expect.stringMatching(/^poppler can't read it/) });
  });
});

describeCorpus('corpus runner on the JBIG2 decompression bomb', () => {
  needSystemTools('pdftotext');

  it('gives pdfjs-bomb_giant.pdf a clear outcome: flat, text not compared, within the caps', async () => {
    // poppler spends minutes decoding its 100 000 × 100 000 JBIG2 images; the time cap ends it.
    expect(await pdftotext(corpusPath('pdfjs-bomb_giant.pdf'), { maxBytes: 32 * 1024 * 1024, timeoutMs: 3000 })).toEqual({ none: expect.stringMatching(/took over 3 s .*bomb/) });
    const corpus = corpusDir() as string;
    const sources = new SourceTexts(corpus, []);
    try {
      const o = await checkRow(corpus, { name: 'pdfjs-bomb_giant.pdf', expect: 'either' }, sources, { maxBytes: 32 * 1024 * 1024, timeoutMs: 3000 });
      expect(o).toMatchObject({ ok: true, exit: 0, detail: expect.stringMatching(/^flat; text not compared: source poppler took over 3 s/) });
      // The same text-less reading does not count a `convert` row as right.
      const strict = await checkRow(corpus, { name: 'pdfjs-bomb_giant.pdf', expect: 'convert' }, sources, { maxBytes: 32 * 1024 * 1024, timeoutMs: 3000 });
      expect(strict).toMatchObject({ ok: false, detail: expect.stringMatching(/text not compared/) });
    } finally {
      sources.dispose();
    }
  }, 120_000);
});

// The LibreOffice reference of the fidelity bench and the corpus runner (scripts/libreoffice.ts):
// tracked changes accepted by LibreOffice itself before it exports, so the reference reads as
// ours prints (the accepted text, Word's "No Markup" view), on real files with tracked changes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SourceTexts } from '../../../scripts/corpus-check.ts';
import { AcceptingLibreOffice } from '../../../scripts/libreoffice.ts';
import { corpusDir, corpusPath, describeCorpus } from '../../helpers/corpus.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const dir = mkdtempSync(join(tmpdir(), 'rg-lo-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (pdf: string): string => spawnSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ').trim();

describeCorpus('LibreOffice reference with tracked changes accepted', () => {
  needSystemTools('soffice', 'pdftotext');

  it('prints the accepted text of a DOCX and an ODT with tracked changes, and a file without them as it is', () => {
    const lo = new AcceptingLibreOffice(dir);
    const out = (n: string): string => join(dir, n);
    lo.run([
      { input: corpusPath('pandoc-track_changes_deletion.docx'), output: out('deletion.pdf'), filter: 'writer_pdf_Export' },
      { input: corpusPath('pandoc-trackedChanges.odt'), output: out('odt.txt'), filter: 'Text (encoded)', options: 'UTF8' },
      { input: join(dir, 'no-such-file.docx'), output: out('missing.pdf'), filter: 'writer_pdf_Export' },
      { input: corpusPath('pandoc-footnote.odt'), output: out('plain.pdf'), filter: 'writer_pdf_Export' },
    ]);
    // `--convert-to pdf` prints "an excessively modified deletion" (the deleted words struck through).
    expect(text(out('deletion.pdf'))).toBe('This is a text with a deletion.');
    expect(readFileSync(out('odt.txt'), 'utf8').replace(/^\uFEFF/, '').replace(/\s+/g, ' ').trim()).toBe('Some text with and inserted text.');
    // A file it can't open is skipped (no output) and the batch goes on.
    expect(existsSync(out('missing.pdf'))).toBe(false);
    expect(text(out('plain.pdf'))).toMatch(/\S/);
  }, 300_000);

  it("gives the corpus runner the accepted text as a tracked-change row's source", async () => {
    const corpus = corpusDir() as string;
    const sources = new SourceTexts(corpus, [{ name: 'pandoc-track_changes_deletion.docx', expect: 'convert' }]);
    try {
      const t = await sources.text(corpusPath('pandoc-track_changes_deletion.docx'));
      expect(t).toEqual({ text: expect.stringContaining('This is a text with a deletion.') });
      expect(JSON.stringify(t)).not.toContain('excessively');
    } finally {
      sources.dispose();
    }
  }, 300_000);
});

// "Check what you send" (issue 11): the text the health check reads is the text of the PDF that
// leaves, both ways. Real DOCX/ODT/RTF files written by LibreOffice (tests/fixtures/health-places)
// hold health terms in a header, a footer, a footnote and a text box (sent, so they must be
// checked) and in a comment and a tracked deletion (not sent, so they must not count as checked).
// The sent PDF is read back by poppler's pdftotext, which shares no code with our pipeline.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareForSend } from '../../../utils/core/documents/send-fix.ts';
import { detectHealthTerms } from '../../../utils/core/health/detect.ts';
import { pdfScratch, popplerText } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const FIXTURES = new URL('../../fixtures/health-places/', import.meta.url);
const SENT_PLACES = { header: 'diabetes', footer: 'migraine', footnote: 'hernia', 'text box': 'depressie' } as const;
const COMMENT = 'chemotherapie';
const DELETION = 'epilepsie';
const FORMATS = ['docx', 'odt', 'rtf'] as const;

const pdfs = pdfScratch('rg-sent-');
needSystemTools('pdftotext');

const prepared = new Map<string, Promise<{ checked: string; delivered: string }>>();

/** What the check reads and what poppler reads from the PDF that is sent (each file prepared once). */
function sent(file: string): Promise<{ checked: string; delivered: string }> {
  let p = prepared.get(file);
  if (!p) prepared.set(file, (p = prepare(file)));
  return p;
}

async function prepare(file: string): Promise<{ checked: string; delivered: string }> {
  const bytes = new Uint8Array(readFileSync(new URL(file, FIXTURES)));
  const { analysis, output } = await prepareForSend(file, bytes, { maxAttachmentMB: 25, protectPdf: true });
  expect(analysis.fix, file).toMatchObject({ ok: true, action: 'converted' });
  const delivered = popplerText(pdfs.save(output!, `${file}.pdf`));
  return { checked: analysis.text, delivered };
}

const words = (text: string): string[] => [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].toSorted();
const terms = (text: string): string[] => detectHealthTerms(text).toSorted();

describe.each(FORMATS)('a LibreOffice %s with health terms in every place', (ext) => {
  it('checks the header, footer, footnote and text box, because they are sent', async () => {
    const { checked, delivered } = await sent(`health-places.${ext}`);
    for (const [place, term] of Object.entries(SENT_PLACES)) {
      expect(delivered, `${place} is in the sent PDF`).toContain(term);
      expect(detectHealthTerms(checked), `${place} is checked`).toContain(term);
    }
  });

  it('does not count a comment as checked, because it is not sent', async () => {
    const { checked, delivered } = await sent(`health-places.${ext}`);
    expect(delivered).not.toContain(COMMENT);
    expect(detectHealthTerms(checked)).not.toContain(COMMENT);
  });

  it('checks exactly what is sent: the same words and health terms as the delivered PDF', async () => {
    for (const file of [`health-places.${ext}`, `health-unsent.${ext}`]) {
      const { checked, delivered } = await sent(file);
      expect(words(checked), file).toEqual(words(delivered));
      expect(terms(checked), file).toEqual(terms(delivered));
    }
  });
});

describe.each(['docx', 'odt'] as const)('tracked changes in a LibreOffice %s', (ext) => {
  it('a deletion is neither sent nor checked (changes are shown as accepted)', async () => {
    for (const file of [`health-places.${ext}`, `health-unsent.${ext}`]) {
      const { checked, delivered } = await sent(file);
      expect(delivered, file).not.toContain(DELETION);
      expect(detectHealthTerms(checked), file).not.toContain(DELETION);
    }
  });
});

describe('a DOCX whose health terms are only in places that are not sent', () => {
  it('has nothing to check: comment, tracked deletion and hidden text stay out of the PDF and the check', async () => {
    const { checked, delivered } = await sent('health-unsent.docx');
    expect(terms(delivered)).toEqual([]);
    expect(terms(checked)).toEqual([]);
    expect(checked).toContain('Voortgangsrapportage C-1042');
  });
});

// Issue 14, tables: no word is broken inside a table cell. Columns given in percentages are
// often narrower than their words; they are widened from the others' slack, and where even that
// can't fit, the table's text is set smaller. Checked with poppler's text of the output, on
// LibreOffice-written files and on the shared corpus (where LibreOffice itself breaks the words).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSendable } from '../../../utils/core/documents/send-fix.ts';
import type { DocType } from '../../../utils/core/documents/types.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';
import { pdfScratch, popplerText } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const FIXTURES = join(import.meta.dirname, '../../fixtures/convert');
const pdfs = pdfScratch('rg-tables-');

needSystemTools('pdftotext');

async function words(name: string, bytes: Uint8Array, type: DocType): Promise<string[]> {
  const out = await makeSendable(bytes, type, { limits, protect: false });
  return popplerText(pdfs.save(out.bytes, `${name}.pdf`)).split(/\s+/).filter(Boolean);
}

describe('percentage-width tables LibreOffice wrote', () => {
  it.each([
    ['libreoffice-pct-table.docx', 'docx'],
    ['libreoffice-pct-table.odt', 'odt'],
    ['libreoffice-pct-table.rtf', 'rtf'],
  ] as const)('%s: every long word in one piece, twice (two rows)', async (name, type) => {
    const got = await words(name, new Uint8Array(readFileSync(join(FIXTURES, name))), type);
    for (const w of ['Omschrijving', 'arbeidsongeschiktheidsverzekering', 'Werkgeversaansprakelijkheid', 'Ziektewetuitkering']) {
      expect(got.filter((g) => g === w), w).toHaveLength(2);
    }
    // A line may break after the hyphen of "re-integratiebegeleiding", as LibreOffice breaks it
    // (poppler then joins the two lines' parts without it), never inside its parts.
    expect(got.filter((g) => /^re-?integratiebegeleiding$/.test(g))).toHaveLength(2);
  });
});

describeCorpus('tables of real documents', () => {
  it('odftk-BigTable.odt: the words of its narrow columns stay whole', async () => {
    const got = await words('odftk-BigTable.odt', corpusFile('odftk-BigTable.odt'), 'odt');
    expect(got.filter((w) => w === 'sadf').length).toBeGreaterThan(3);
    expect(got).not.toContain('sa');
  });
});

import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractDocxText } from '../../../../../utils/core/documents/text/docx.ts';
import { makeDocx, makeZipBomb } from '../../../../helpers/fixtures.ts';
import { problem } from '../../../../helpers/document-problem.ts';
import { unzipSync } from 'fflate';

const LIMITS = { maxDecompressedBytes: 200 * 1024 * 1024, maxCompressionRatio: 100 };

describe('extractDocxText', () => {
  it('returns the paragraphs, with special characters intact', async () => {
    const text = await extractDocxText(makeDocx(['Voortgang van cliënt', 'Afspraken & acties <week 12>']), LIMITS);
    expect(text).toBe('Voortgang van cliënt\n\nAfspraken & acties <week 12>');
  });

  it('also reads headers, footers and comments, which mammoth leaves out', async () => {
    const files = unzipSync(makeDocx(['Hoofdtekst']));
    const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    files['word/header1.xml'] = strToU8(`<w:hdr ${w}><w:p><w:r><w:t>Koptekst vertrouwelijk</w:t></w:r></w:p></w:hdr>`);
    files['word/comments.xml'] = strToU8(`<w:comments ${w}><w:comment><w:p><w:r><w:t>Opmerking reviewer</w:t></w:r></w:p></w:comment></w:comments>`);
    const text = await extractDocxText(zipSync(files), LIMITS);
    expect(text).toContain('Hoofdtekst');
    expect(text).toContain('Koptekst vertrouwelijk');
    expect(text).toContain('Opmerking reviewer');
  });

  it('refuses a zip bomb before mammoth sees it, even when the headers lie', async () => {
    expect((await problem(extractDocxText(makeZipBomb(), LIMITS))).kind).toBe('zip-bomb');
    expect((await problem(extractDocxText(makeZipBomb({ declaredBytes: 2048 }), LIMITS))).kind).toBe('zip-bomb');
  });

  it('says corrupt when the main part is missing or not XML mammoth can read', async () => {
    expect((await problem(extractDocxText(zipSync({ 'word/other.xml': strToU8('<x/>') }), LIMITS))).kind).toBe('corrupt');
    const files = unzipSync(makeDocx(['x']));
    files['word/document.xml'] = strToU8('<w:document><w:body><w:p>');
    expect((await problem(extractDocxText(zipSync(files), LIMITS))).kind).toBe('corrupt');
  });
});

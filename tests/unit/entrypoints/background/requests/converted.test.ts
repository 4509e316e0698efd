// `converted`: the checked PDF the send swaps in, and what has none.
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../../utils/core/documents/hash.ts';
import { base64ToBytes } from '../../../../../utils/core/messaging/base64.ts';
import { makeDocx, makeLegacyDoc, makePdf } from '../../../../helpers/fixtures.ts';
import { analyseRequest, useTestBackground, CONTENT_SCRIPT } from '../../../../helpers/background.ts';

const PDF = await makePdf(['Rapportage C-1042: voortgang van de re-integratie.']);
const DOCX = makeDocx(['Rapportage C-1042: voortgang van de re-integratie.']);
const LEGACY_DOC = makeLegacyDoc();

const bg = useTestBackground();

describe('converted', () => {
  it('hands back the checked PDF bytes, and refuses what has no PDF', async () => {
    await bg.handle(analyseRequest('rapport.pdf', PDF), CONTENT_SCRIPT);
    await bg.handle(analyseRequest('rapport.docx', DOCX), CONTENT_SCRIPT);
    await bg.handle(analyseRequest('oud.doc', LEGACY_DOC), CONTENT_SCRIPT);
    const pdf = await bg.handle({ kind: 'converted', sha256: await sha256Hex(PDF) }, CONTENT_SCRIPT);
    expect(pdf).toMatchObject({ ok: true, name: 'rapport.pdf' });
    if (!pdf.ok || !('bytesB64' in pdf)) throw new Error('expected PDF bytes');
    const flat = base64ToBytes(pdf.bytesB64);
    // The flattened output, not the original: its own hash, and still a PDF.
    expect(pdf.sha256).toBe(await sha256Hex(flat));
    expect(pdf.sha256).not.toBe(await sha256Hex(PDF));
    expect(new TextDecoder().decode(flat.subarray(0, 5))).toBe('%PDF-');
    const docx = await bg.handle({ kind: 'converted', sha256: await sha256Hex(DOCX) }, CONTENT_SCRIPT);
    expect(docx).toMatchObject({ ok: true, name: 'rapport.pdf' });
    const doc = await bg.handle({ kind: 'converted', sha256: await sha256Hex(LEGACY_DOC) }, CONTENT_SCRIPT);
    expect(doc.ok).toBe(false);
    const unknown = await bg.handle({ kind: 'converted', sha256: 'cd'.repeat(32) }, CONTENT_SCRIPT);
    expect(unknown.ok).toBe(false);
  });
});

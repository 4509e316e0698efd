// Preparing an attachment for sending, end to end over every fixture kind and the hostile
// inputs an attacker or a broken upload would produce: the facts, the fix, and the text of the
// PDF that would be sent (what the health check reads).
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../utils/core/documents/analyse.ts';
import { prepareForSend } from '../../../utils/core/documents/send-fix.ts';
import type { AnalysedAttachment, AnalysisLimits } from '../../../utils/core/documents/types.ts';
import { sha256Hex } from '../../../utils/core/documents/hash.ts';
import { detectHealthTerms } from '../../../utils/core/health/detect.ts';
import {
  makeCorruptPdf,
  makeDocx,
  makeEncryptedPdf,
  makeJpeg,
  makeLegacyDoc,
  makeOdt,
  makePdf,
  makePng,
  makeRtf,
  makeZipBomb,
} from '../../helpers/fixtures.ts';

const REPORT = ['Voortgangsrapportage C-1042', 'Cliënt heeft twee sollicitatiegesprekken gevoerd.', 'Volgende afspraak: 3 december.'];
const SETTINGS = { maxAttachmentMB: 25, protectPdf: true };

async function prepare(name: string, bytes: Uint8Array, limits: AnalysisLimits = DEFAULT_LIMITS): Promise<AnalysedAttachment> {
  return (await prepareForSend(name, bytes, SETTINGS, limits)).analysis;
}

describe('prepareForSend over every supported kind', () => {
  const kinds = [
    ['rapport.pdf', 'pdf', () => makePdf([REPORT.join('\n')])],
    ['rapport.docx', 'docx', async () => makeDocx(REPORT)],
    ['rapport.odt', 'odt', async () => makeOdt(REPORT)],
    ['rapport.rtf', 'rtf', async () => makeRtf(REPORT)],
    ['rapport.txt', 'txt', async () => new TextEncoder().encode(REPORT.join('\r\n'))],
  ] as const;

  for (const [name, type, make] of kinds) {
    it(`${type}: readable, hashed, fixed, with the sent PDF's report text`, async () => {
      const bytes = await make();
      const result = await prepare(name, bytes);
      expect(result.type).toBe(type);
      expect(result.readable).toBe(true);
      expect(result.problem).toBeNull();
      expect(result.sha256).toBe(await sha256Hex(bytes));
      // The text is read back from the PDF that would be sent, not from the source.
      expect(result.fix).toMatchObject({ ok: true, action: type === 'pdf' ? 'flattened' : 'converted' });
      for (const line of REPORT) expect(result.text).toContain(line);
      expect(result.pages).toBe(1);
    });
  }

  it('a PDF: the text of every page in order, and the page count of what is sent', async () => {
    const bytes = await makePdf(['Voortgangsrapportage\nCliënt: J. de Vries', 'Pagina twee', 'Slot']);
    const result = await prepare('rapport.pdf', bytes);
    expect(result.pages).toBe(3);
    expect(result.text).toContain('Cliënt: J. de Vries');
    expect(result.text.indexOf('Voortgangsrapportage')).toBeLessThan(result.text.indexOf('Pagina twee'));
    expect(result.text.indexOf('Pagina twee')).toBeLessThan(result.text.indexOf('Slot'));
  });

  it('reads a PDF with junk before its header, as viewers do, and leaves the caller’s bytes intact', async () => {
    const pdf = await makePdf(['Hallo met junk ervoor']);
    const junk = new TextEncoder().encode('X-Junk: 1234567890\r\n'.repeat(5));
    const bytes = new Uint8Array([...junk, ...pdf]);
    const copy = bytes.slice();
    const result = await prepare('rapport.pdf', bytes);
    expect(result.fix?.ok).toBe(true);
    expect(result.text).toBe('Hallo met junk ervoor');
    expect(bytes).toEqual(copy);
  });

  it('images become a PDF and carry no text', async () => {
    expect(await prepare('foto.png', makePng())).toMatchObject({ type: 'png', readable: true, text: '', fix: { ok: true, action: 'converted' } });
    expect(await prepare('foto.jpg', makeJpeg())).toMatchObject({ type: 'jpeg', readable: true, text: '', fix: { ok: true, action: 'converted' } });
  });

  it('the sent text is what health-term detection sees, in every format', async () => {
    const lines = ['Cliënt is ziekgemeld wegens rugklachten.', 'De bedrijfsarts adviseert fysiotherapie.'];
    for (const bytes of [await makePdf([lines.join('\n')]), makeDocx(lines), makeOdt(lines), makeRtf(lines)]) {
      const { text } = await prepare('x', bytes);
      expect(detectHealthTerms(text)).toEqual(expect.arrayContaining(['ziekgemeld', 'rugklachten', 'bedrijfsarts', 'fysiotherapie']));
    }
  });
});

describe('prepareForSend on hostile and broken input', () => {
  it('refuses a zip bomb quickly, whether its headers are honest or lie', async () => {
    for (const bomb of [makeZipBomb(), makeZipBomb({ declaredBytes: 4096 })]) {
      const started = performance.now();
      const result = await prepare('rapport.docx', bomb);
      expect(result.type).toBe('docx');
      expect(result.readable).toBe(false);
      expect(result.problem?.kind).toBe('zip-bomb');
      expect(result.fix).toMatchObject({ ok: false, problem: { kind: 'zip-bomb' } });
      // Generous bound: it must not inflate 300 MiB (no timing claims beyond "not stuck").
      expect(performance.now() - started).toBeLessThan(DEFAULT_LIMITS.timeoutMs);
    }
  });

  it('a PDF that needs a password is encrypted', async () => {
    const result = await prepare('rapport.pdf', await makeEncryptedPdf('Vertrouwelijk'));
    expect(result).toMatchObject({ type: 'pdf', readable: false, problem: { kind: 'encrypted' }, text: '' });
  });

  it('garbage after a PDF header is corrupt', async () => {
    const garbage = new TextEncoder().encode('%PDF-1.7\n' + 'x'.repeat(2000) + '\n%%EOF\n');
    expect(await prepare('rapport.pdf', garbage)).toMatchObject({ type: 'pdf', readable: false, problem: { kind: 'corrupt' }, text: '' });
  });

  it('a DOCX whose main part is not well-formed XML is corrupt', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const bytes = zipSync({
      '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      'word/document.xml': strToU8('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'),
    });
    expect(await prepare('rapport.docx', bytes)).toMatchObject({ readable: false, problem: { kind: 'corrupt' }, text: '' });
  });

  it('a truncated PDF is corrupt', async () => {
    const result = await prepare('rapport.pdf', await makeCorruptPdf());
    expect(result).toMatchObject({ type: 'pdf', readable: false, problem: { kind: 'corrupt' } });
  });

  it('a password-protected Word file (OLE2-wrapped OOXML) is an encrypted docx, not a .doc', async () => {
    const bytes = makeLegacyDoc();
    bytes.set(Array.from('EncryptedPackage').flatMap((c) => [c.charCodeAt(0), 0]), 1024);
    const result = await prepare('rapport.docx', bytes);
    expect(result).toMatchObject({ type: 'docx', readable: false, problem: { kind: 'encrypted' } });
  });

  it('a legacy .doc is readable but unsupported', async () => {
    const result = await prepare('rapport.doc', makeLegacyDoc());
    expect(result).toMatchObject({ type: 'doc', readable: true, problem: { kind: 'unsupported' } });
  });

  it('rapport.pdf that is really a DOCX is analysed as a DOCX', async () => {
    const result = await prepare('rapport.pdf', makeDocx(REPORT));
    expect(result).toMatchObject({ name: 'rapport.pdf', type: 'docx', readable: true, problem: null, fix: { ok: true, action: 'converted' } });
    expect(result.text).toContain(REPORT[1]);
  });

  it('an oversized file is too-large without being parsed', async () => {
    // A zip bomb that is also over the size limit: parsing it would report zip-bomb instead.
    const bomb = makeZipBomb();
    const limits = { ...DEFAULT_LIMITS, maxBytes: bomb.length - 1 };
    const result = await prepare('rapport.docx', bomb, limits);
    expect(result).toMatchObject({ readable: false, problem: { kind: 'too-large' }, type: 'unknown', text: '' });
    expect(result.sha256).toBe(await sha256Hex(bomb));
  });

  it('a PDF with more pages than allowed is too-many-pages', async () => {
    const pdf = await makePdf(['1', '2', '3']);
    const result = await prepare('rapport.pdf', pdf, { ...DEFAULT_LIMITS, maxPages: 2 });
    expect(result).toMatchObject({ readable: false, problem: { kind: 'too-many-pages' } });
  });

  it('a timeout is reported as such, not as a crash', async () => {
    const pdf = await makePdf(Array.from({ length: 40 }, (_, i) => `Pagina ${i}`));
    const result = await prepare('rapport.pdf', pdf, { ...DEFAULT_LIMITS, timeoutMs: 1 });
    expect(result).toMatchObject({ readable: false, problem: { kind: 'timeout' }, text: '' });
    // Nothing is left broken: the same file with time enough goes through.
    expect((await prepare('rapport.pdf', pdf)).pages).toBe(40);
  });

  it('RTF header followed by binary junk ends with a result, never a crash or a hang', async () => {
    const junk = new Uint8Array(500_000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 2654435761) >>> 24;
    junk.set(new TextEncoder().encode('{\\rtf1 '), 0);
    const result = await prepare('x.rtf', junk);
    expect(result.type).toBe('rtf');
    // Sent as what the converter drew from it, or refused with a reason: either way it is decided.
    expect(result.fix).toBeDefined();
    if (result.fix?.ok) expect(result.problem).toBeNull();
    else expect(result.problem ?? result.fix?.problem).toBeTruthy();
  });
});

// The document analysis end to end over every fixture kind and the hostile inputs an
// attacker or a broken upload would produce.
import { describe, expect, it } from 'vitest';
import { analyseAttachment, DEFAULT_LIMITS, limitsFromPolicy } from '../../../utils/core/documents/analyse.ts';
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

describe('analyseAttachment over every supported kind', () => {
  const kinds = [
    ['rapport.pdf', 'pdf', () => makePdf([REPORT.join('\n')])],
    ['rapport.docx', 'docx', async () => makeDocx(REPORT)],
    ['rapport.odt', 'odt', async () => makeOdt(REPORT)],
    ['rapport.rtf', 'rtf', async () => makeRtf(REPORT)],
    ['rapport.txt', 'txt', async () => new TextEncoder().encode(REPORT.join('\r\n'))],
  ] as const;

  for (const [name, type, make] of kinds) {
    it(`${type}: readable, hashed, with the report text`, async () => {
      const bytes = await make();
      const result = await analyseAttachment(name, bytes, DEFAULT_LIMITS);
      expect(result.type).toBe(type);
      expect(result.readable).toBe(true);
      expect(result.problem).toBeNull();
      expect(result.sha256).toBe(await sha256Hex(bytes));
      for (const line of REPORT) expect(result.text).toContain(line);
      if (type === 'pdf') expect(result.pages).toBe(1);
    });
  }

  it('images are readable and carry no text', async () => {
    expect(await analyseAttachment('foto.png', makePng(), DEFAULT_LIMITS)).toMatchObject({ type: 'png', readable: true, text: '' });
    expect(await analyseAttachment('foto.jpg', makeJpeg(), DEFAULT_LIMITS)).toMatchObject({ type: 'jpeg', readable: true, text: '' });
  });

  it('the text is what health-term detection sees, in every format', async () => {
    const lines = ['Cliënt is ziekgemeld wegens rugklachten.', 'De bedrijfsarts adviseert fysiotherapie.'];
    for (const bytes of [await makePdf([lines.join('\n')]), makeDocx(lines), makeOdt(lines), makeRtf(lines)]) {
      const { text } = await analyseAttachment('x', bytes, DEFAULT_LIMITS);
      expect(detectHealthTerms(text)).toEqual(expect.arrayContaining(['ziekgemeld', 'rugklachten', 'bedrijfsarts', 'fysiotherapie']));
    }
  });
});

describe('analyseAttachment on hostile and broken input', () => {
  it('refuses a zip bomb quickly, whether its headers are honest or lie', async () => {
    for (const bomb of [makeZipBomb(), makeZipBomb({ declaredBytes: 4096 })]) {
      const started = performance.now();
      const result = await analyseAttachment('rapport.docx', bomb, DEFAULT_LIMITS);
      expect(result.type).toBe('docx');
      expect(result.readable).toBe(false);
      expect(result.problem?.kind).toBe('zip-bomb');
      // Generous bound: it must not inflate 300 MiB (no timing claims beyond "not stuck").
      expect(performance.now() - started).toBeLessThan(DEFAULT_LIMITS.timeoutMs);
    }
  });

  it('a PDF that needs a password is encrypted', async () => {
    const result = await analyseAttachment('rapport.pdf', await makeEncryptedPdf('Vertrouwelijk'), DEFAULT_LIMITS);
    expect(result).toMatchObject({ type: 'pdf', readable: false, problem: { kind: 'encrypted' }, text: '' });
  });

  it('a truncated PDF is corrupt', async () => {
    const result = await analyseAttachment('rapport.pdf', await makeCorruptPdf(), DEFAULT_LIMITS);
    expect(result).toMatchObject({ type: 'pdf', readable: false, problem: { kind: 'corrupt' } });
  });

  it('a password-protected Word file (OLE2-wrapped OOXML) is an encrypted docx, not a .doc', async () => {
    const bytes = makeLegacyDoc();
    bytes.set(Array.from('EncryptedPackage').flatMap((c) => [c.charCodeAt(0), 0]), 1024);
    const result = await analyseAttachment('rapport.docx', bytes, DEFAULT_LIMITS);
    expect(result).toMatchObject({ type: 'docx', readable: false, problem: { kind: 'encrypted' } });
  });

  it('a legacy .doc is readable but unsupported', async () => {
    const result = await analyseAttachment('rapport.doc', makeLegacyDoc(), DEFAULT_LIMITS);
    expect(result).toMatchObject({ type: 'doc', readable: true, problem: { kind: 'unsupported' } });
  });

  it('rapport.pdf that is really a DOCX is analysed as a DOCX', async () => {
    const result = await analyseAttachment('rapport.pdf', makeDocx(REPORT), DEFAULT_LIMITS);
    expect(result).toMatchObject({ name: 'rapport.pdf', type: 'docx', readable: true, problem: null });
    expect(result.text).toContain(REPORT[1]);
  });

  it('an oversized file is too-large without being parsed', async () => {
    // A zip bomb that is also over the size limit: parsing it would report zip-bomb instead.
    const bomb = makeZipBomb();
    const limits = { ...limitsFromPolicy(1), maxBytes: bomb.length - 1 };
    const result = await analyseAttachment('rapport.docx', bomb, limits);
    expect(result).toMatchObject({ readable: false, problem: { kind: 'too-large' }, type: 'unknown', text: '' });
    expect(result.sha256).toBe(await sha256Hex(bomb));
  });

  it('a PDF with more pages than allowed is too-many-pages', async () => {
    const pdf = await makePdf(['1', '2', '3']);
    const result = await analyseAttachment('rapport.pdf', pdf, { ...DEFAULT_LIMITS, maxPages: 2 });
    expect(result).toMatchObject({ readable: false, problem: { kind: 'too-many-pages' } });
  });

  it('a timeout is reported as such, not as a crash', async () => {
    const pdf = await makePdf(Array.from({ length: 40 }, (_, i) => `Pagina ${i}`));
    const result = await analyseAttachment('rapport.pdf', pdf, { ...DEFAULT_LIMITS, timeoutMs: 1 });
    expect(result).toMatchObject({ readable: false, problem: { kind: 'timeout' } });
  });

  it('RTF header followed by binary junk ends with a result', async () => {
    const junk = new Uint8Array(500_000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 2654435761) >>> 24;
    junk.set(new TextEncoder().encode('{\\rtf1 '), 0);
    const result = await analyseAttachment('x.rtf', junk, DEFAULT_LIMITS);
    expect(result.type).toBe('rtf');
    expect(result.problem).toBeNull();
  });
});

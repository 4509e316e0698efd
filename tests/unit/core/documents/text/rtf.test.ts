import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractRtfText } from '../../../../../utils/core/documents/text/rtf.ts';
import { makeRtf } from '../../../../helpers/fixtures.ts';

const rtf = (s: string): string => extractRtfText(strToU8(s));

describe('extractRtfText', () => {
  it('returns paragraphs and skips font, colour and generator tables', () => {
    const text = extractRtfText(makeRtf(['Voortgang cliënt', 'Tweede alinea']));
    expect(text).toBe('Voortgang cliënt\nTweede alinea');
    expect(text).not.toMatch(/Helvetica|Times|ReportGuard/);
  });

  it("decodes \\'hh as Windows-1252 and \\uN with its fallback characters skipped", () => {
    expect(rtf("{\\rtf1\\ansi Cli\\'ebnt \\'80 5\\par}")).toBe('Cliënt € 5');
    expect(rtf('{\\rtf1\\uc1 \\u8364?\\u-3913? x}')).toBe('€\uF0B7 x');
    expect(rtf("{\\rtf1\\uc2 \\u233\\'e9\\'e9 ok}")).toBe('é ok');
    expect(rtf('{\\rtf1 \\u55357?\\u56832?}')).toBe('😀');
  });

  it('handles escapes, control symbols and unknown starred destinations', () => {
    expect(rtf('{\\rtf1 a\\{b\\}c\\\\d\\~e\\-f\\_g}')).toBe('a{b}c\\d\u00a0ef-g');
    expect(rtf('{\\rtf1 {\\*\\unknowndest geheim}zichtbaar}')).toBe('zichtbaar');
    expect(rtf('{\\rtf1 {\\field{\\*\\fldinst HYPERLINK "x"}{\\fldrslt link}}}')).toBe('link');
    expect(rtf('{\\rtf1 A\\tab B\\line C\\emdash D}')).toBe('A\tB\nC\u2014D');
  });

  it('keeps header, footer and footnote text', () => {
    expect(rtf('{\\rtf1 {\\header Koptekst\\par}Body{\\footnote Voetnoot}}')).toBe('Koptekst\nBodyVoetnoot');
  });

  it('skips \\bin data without reading it as text', () => {
    expect(rtf('{\\rtf1 voor{\\*\\blipuid x}{\\pict\\bin6 {}\\}\\ } na}')).toBe('voor na');
    expect(rtf('{\\rtf1 a\\bin4 \\parb}')).toBe('ab');
  });

  it('ends quickly on binary junk and absurd nesting (no hang, no unbounded stack)', () => {
    const junk = new Uint8Array(2_000_000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + (i >> 3)) & 0xff;
    junk.set(strToU8('{\\rtf1 '), 0);
    expect(typeof extractRtfText(junk)).toBe('string');
    const deep = strToU8('{\\rtf1 ' + '{'.repeat(500_000) + 'tekst' + '}'.repeat(500_000) + '}');
    expect(extractRtfText(deep)).toBe('tekst');
    expect(extractRtfText(strToU8('{\\rtf1 \\'))).toBe('');
    expect(extractRtfText(strToU8("{\\rtf1 \\'z"))).toBe('z');
  });
});

describe('extractRtfText on arbitrary input (property)', () => {
  it('never throws and never returns more characters than it was given bytes', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (body) => {
        const bytes = new Uint8Array([...strToU8('{\\rtf1 '), ...body]);
        expect(extractRtfText(bytes).length).toBeLessThanOrEqual(bytes.length);
      }),
      { numRuns: 500 },
    );
  });
});

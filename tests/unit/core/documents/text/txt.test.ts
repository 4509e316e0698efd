import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractTxtText } from '../../../../../utils/core/documents/text/txt.ts';

describe('extractTxtText', () => {
  it('decodes UTF-8 with and without BOM', () => {
    expect(extractTxtText(strToU8('Cliënt € 5'))).toBe('Cliënt € 5');
    expect(extractTxtText(new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8('Cliënt')]))).toBe('Cliënt');
  });

  it('decodes UTF-16 when a BOM says so', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0xeb, 0x00]);
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x48, 0x00, 0xeb]);
    expect(extractTxtText(le)).toBe('Hë');
    expect(extractTxtText(be)).toBe('Hë');
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8', () => {
    expect(extractTxtText(new Uint8Array([0x43, 0x6c, 0x69, 0xeb, 0x6e, 0x74, 0x20, 0x80, 0x20, 0x93, 0x6f, 0x6b, 0x94]))).toBe('Cliënt € “ok”');
  });
});

// The text the corpus runner and the fidelity bench compare: words (scripts/words.ts) and GNU UnRTF's output (scripts/corpus-check.ts).
import { describe, expect, it } from 'vitest';
import { textWords } from '../../../scripts/words.ts';

describe('textWords', () => {
  it('keeps runs of letters and digits of two characters or more, leaving out one-letter markers', () => {
    expect(textWords('l Verslag van 3 mei o 2026, cliënt-nr. A1')).toEqual(['Verslag', 'van', 'mei', '2026', 'cliënt', 'nr', 'A1']);
  });

  it('takes each Chinese or Japanese character as a word, so a different line break there changes nothing', () => {
    const one = textWords('報告書はクライアントの承認後に送付します');
    const wrapped = textWords('報告書はクライアン\nトの承認後に送付します');
    expect(one).toEqual(wrapped);
    expect(one).toHaveLength(20);
    expect(textWords('Tokio(東京)Amsterdam')).toEqual(['Tokio', '東', '京', 'Amsterdam']);
  });
});

describe("unrtfBody: GNU UnRTF's text output", () => {
  it('keeps the text after the header rule, drops the ### comment lines, and reads the 8-bit output as Latin-1', async () => {
    const { unrtfBody } = await import('../../../scripts/corpus-check.ts');
    // As `unrtf --nopict --text` 0.21.10 prints tests/fixtures/convert/libreoffice-pictures.rtf (ö written as its cp1252 byte).
    const out = [
      '###  Translation from RTF performed by UnRTF, version 0.21.10 ',
      '### font table contains 6 fonts total',
      '### creation date: ',
      '',
      '-----------------',
      'Afbeeldingen in vier formaten voor de co\u00f6rdinator',
      'GIF:',
      '### picture data found, picture dimensions are 64 by 40, depth 1',
      '',
      'Einde van het verslag.',
      '',
    ].join('\n');
    const body = unrtfBody(Buffer.from(out, 'latin1'));
    expect(body).toBe('Afbeeldingen in vier formaten voor de coördinator\nGIF:\n\nEinde van het verslag.\n');
    expect(textWords(body)).toContain('coördinator');
  });
});

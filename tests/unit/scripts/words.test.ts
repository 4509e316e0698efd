// The words the corpus runner and the fidelity bench compare (scripts/words.ts).
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

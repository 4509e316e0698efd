import { describe, expect, it } from 'vitest';
import { breakLines, textFlowLines, tokenize } from '../../../../../utils/core/documents/convert/render/lines.ts';

/** The width of `s` set on one line at 10 pt in Open Sans. */
const widthOf = (s: string): number => (breakLines(tokenize([{ text: s }], 10, false), 10_000, 10)[0] as { width: number }).width;
const text = (l: { segments: Array<{ text: string }> }): string => l.segments.map((s) => s.text).join('');

describe('line breaking', () => {
  it("keeps a paragraph's and a line break's leading spaces, drops the ones where a line wraps", () => {
    const [first, second] = breakLines(tokenize([{ text: '      <w:r>\n  <w:t/>' }], 10, false), 10_000, 10);
    expect(text(first as never)).toBe('      <w:r>');
    expect(text(second as never)).toBe('  <w:t/>');
    const wrapped = breakLines(tokenize([{ text: 'bbbb    bbbb' }], 10, false), widthOf('bbbb') + 1, 10);
    expect(wrapped.map(text)).toEqual(['bbbb', 'bbbb']);
  });

  it('may break after a hyphen between letters, not before a number nor inside a word', () => {
    const width = widthOf('http://www.ecma-') + 1;
    expect(breakLines(tokenize([{ text: 'http://www.ecma-international.org' }], 10, false), width, 10).map(text)).toEqual(['http://www.ecma-', 'international.org']);
    // "1990-2000" and "-5" have no break opportunity: the word is cut only because it is wider than the line.
    expect(tokenize([{ text: '1990-2000 x-5' }], 10, false).filter((t) => t.t === 'word')).toHaveLength(2);
    // On one line the two parts are drawn as one word.
    expect(breakLines(tokenize([{ text: 're-integratie' }], 10, false), 10_000, 10).map(text)).toEqual(['re-integratie']);
  });

  it('sets the text of a line spaced 1.15 at the top of its line, the extra below it as slack', () => {
    const lines = breakLines(tokenize([{ text: 'Regel' }], 11, false), 10_000, 11);
    const [multiple] = textFlowLines(lines, 400, 'left', 0, undefined, false, 1.2207, { rule: 'multiple', value: 1.15 });
    expect(multiple?.height).toBeCloseTo(11 * 1.2207 * 1.15, 5);
    expect(multiple?.slack).toBeCloseTo(11 * 1.2207 * 0.15, 5);
    const [single] = textFlowLines(lines, 400, 'left', 0, undefined, false, 1.2207);
    expect(single?.slack).toBeUndefined();
    const [exact] = textFlowLines(lines, 400, 'left', 0, undefined, false, 1.2207, { rule: 'exact', value: 20 });
    expect(exact?.slack).toBeUndefined();
  });
});

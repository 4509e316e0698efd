// Issue 14, Japanese and Chinese text: drawn in Noto Sans JP (loaded only when a document needs
// it) and broken between characters, as Unicode line breaking breaks text written without
// spaces — but never before closing punctuation or a small kana, nor after opening punctuation.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCjkFace, loadFallbackFace } from '../../../../../utils/core/documents/convert/fonts.ts';
import { breakLines, tokenize } from '../../../../../utils/core/documents/convert/render/lines.ts';

const JAPANESE =
  '本日の面談では、クライアントの職場復帰について話し合いました。「次回の打ち合わせ」は来週の月曜日、東京の事務所で行います。報告書はクライアントの承認後に送付します。';

const lineTexts = (text: string, width: number): { texts: string[]; widths: number[] } => {
  const lines = breakLines(tokenize([{ text, size: 11 }], 11, false, 1), width, 11);
  return { texts: lines.map((l) => l.segments.map((s) => s.text).join('')), widths: lines.map((l) => l.width) };
};

describe('Japanese line breaking', () => {
  beforeAll(async () => {
    await loadFallbackFace();
    await loadCjkFace();
  });

  it('breaks a paragraph with no spaces between characters, within the width, keeping every character in order', () => {
    const { texts, widths } = lineTexts(JAPANESE, 120);
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.join('')).toBe(JAPANESE);
    for (const w of widths) expect(w).toBeLessThanOrEqual(120.01);
  });

  it('never starts a line with closing punctuation, a small kana or a prolonged sound mark, nor ends one with opening punctuation', () => {
    for (let width = 40; width <= 200; width += 7) {
      const { texts } = lineTexts(JAPANESE, width);
      for (const [i, t] of texts.entries()) {
        if (i > 0) expect(t, `line ${i} at width ${width}`).not.toMatch(/^[、。」ャュョッー]/u);
        expect(t, `line ${i} at width ${width}`).not.toMatch(/「$/u);
      }
    }
  });

  it('a Latin word next to kanji stays whole, and Latin text without CJK still breaks only at spaces and hyphens', () => {
    const { texts } = lineTexts('東京Amsterdam東京', 90);
    expect(texts.some((t) => t.includes('Amsterdam'))).toBe(true);
    expect(lineTexts('re-integratietraject verslag', 90).texts).toEqual(['re-', 'integratietraject', 'verslag']);
  });
});

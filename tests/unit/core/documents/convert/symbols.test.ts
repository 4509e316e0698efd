// Symbol-font codes (symbols.ts) and right-to-left ordering (render/bidi.ts).
import { describe, expect, it } from 'vitest';
import { faceMetrics, loadFallbackFace } from '../../../../../utils/core/documents/convert/fonts.ts';
import { isRtlParagraph, visualPieces } from '../../../../../utils/core/documents/convert/render/bidi.ts';
import { mapSymbolText, symbolChar, symbolFontOf } from '../../../../../utils/core/documents/convert/symbols.ts';

describe('symbol fonts', () => {
  it('maps Symbol and Wingdings codes, as bytes or U+F0xx, to what the font shows', () => {
    expect(symbolChar('symbol', 0x61)).toBe('α');
    expect(symbolChar('symbol', 0xf0b7)).toBe('•');
    expect(symbolChar('symbol', 0xfe)).toBe('⎭');
    expect(symbolChar('wingdings', 0xf0fc)).toBe('✓');
    expect(symbolChar('wingdings', 0xfe)).toBe('☑');
    expect(symbolChar('wingdings', 0x6f)).toBe('□');
    expect(mapSymbolText('symbol', '\uf061 \uf062')).toBe('α β');
  });

  it('maps only to characters an embedded face draws (Open Sans or DejaVu Sans)', async () => {
    await loadFallbackFace();
    const faces = [faceMetrics('regular'), faceMetrics('fallback')];
    for (const font of ['symbol', 'wingdings', 'wingdings2'] as const) {
      for (let b = 0x20; b <= 0xff; b++) {
        const ch = symbolChar(font, b);
        if (ch) expect(faces.some((f) => f.has(ch.codePointAt(0) as number)), `${font} 0x${b.toString(16)} → ${ch}`).toBe(true);
      }
    }
  });

  it('reads Wingdings 2 and Wingdings 3 by their own codes, not as Wingdings', () => {
    // The same byte is another picture in each: 0x50 a check mark in Wingdings 2, 0x6C its circled 3.
    expect(symbolChar('wingdings2', 0xf050)).toBe('✓');
    expect(symbolChar('wingdings2', 0x54)).toBe('☒');
    expect(symbolChar('wingdings2', 0x6c)).toBe('③');
    expect(symbolChar('wingdings', 0x6c)).toBe('●');
    expect(symbolChar('wingdings2', 0x22)).toBeUndefined();
    expect(symbolChar('wingdings', 0x22)).toBe('✂');
    expect(symbolChar('wingdings3', 0xe0)).toBeUndefined();
  });

  it('leaves a code without a known meaning in the private use area (drawn as a box later, named in the notes)', () => {
    expect(symbolChar('wingdings', 0x21)).toBeUndefined();
    expect(mapSymbolText('wingdings', '!')).toBe('\uf021');
    expect(symbolChar('webdings', 0x61)).toBeUndefined();
  });

  it('recognises the font names writers use', () => {
    expect(symbolFontOf('Symbol')).toBe('symbol');
    expect(symbolFontOf('Wingdings')).toBe('wingdings');
    expect(symbolFontOf('Wingdings 2')).toBe('wingdings2');
    expect(symbolFontOf('Wingdings2')).toBe('wingdings2');
    expect(symbolFontOf('Wingdings 3')).toBe('wingdings3');
    expect(symbolFontOf('Times New Roman')).toBeNull();
    expect(symbolFontOf(undefined)).toBeNull();
  });
});

describe('right-to-left text', () => {
  it('tells a paragraph direction by its first strong letter', () => {
    expect(isRtlParagraph('שלום world')).toBe(true);
    expect(isRtlParagraph('12. مرحبا')).toBe(true);
    expect(isRtlParagraph('Hallo مرحبا')).toBe(false);
  });

  it('puts the pieces of a line in visual order, LTR runs inside RTL kept as they are', () => {
    const parts = ['De cliënt: ', 'مرحبا', ' ', 'بالعالم', '.'].map((text, i) => ({ text, from: i }));
    expect(visualPieces(parts, false).map((p) => p.from)).toEqual([0, 3, 2, 1, 4]);
    const rtl = ['שלום', ' ', 'Jan de Vries', ' ', 'עולם'].map((text, i) => ({ text, from: i }));
    expect(visualPieces(rtl, true).map((p) => p.text)).toEqual(['עולם', ' ', 'Jan de Vries', ' ', 'שלום']);
  });
});

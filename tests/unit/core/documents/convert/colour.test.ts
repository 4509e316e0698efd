import { describe, expect, it } from 'vitest';
import { hexColour, rgbColour } from '../../../../../utils/core/documents/convert/model.ts';
import { MIN_CONTRAST, contrast, drawnColour } from '../../../../../utils/core/documents/convert/render/colour.ts';

describe('colours', () => {
  it('reads only whole six-digit hex colours and in-range channels', () => {
    expect(hexColour('1f4e79')).toBe('1F4E79');
    expect(hexColour('#C00000')).toBe('C00000');
    for (const bad of [undefined, '', 'auto', 'F00', '#F00', 'FF00000', 'GG0000', 'red', '12 456', '#', '0x123456']) expect(hexColour(bad), String(bad)).toBeUndefined();
    expect(rgbColour(255, 0, 16)).toBe('FF0010');
    for (const [r, g, b] of [[256, 0, 0], [-1, 0, 0], [1.5, 0, 0], [Number.NaN, 0, 0]] as const) expect(rgbColour(r, g, b)).toBeUndefined();
  });

  it('contrast runs from 1 (the same colour) to 21 (black on white)', () => {
    expect(contrast('FFFFFF', 'FFFFFF')).toBeCloseTo(1);
    expect(contrast('000000', 'FFFFFF')).toBeCloseTo(21);
    expect(contrast('FFFF00', 'FFFFFF')).toBeLessThan(MIN_CONTRAST);
    expect(contrast('C0C0C0', 'FFFFFF')).toBeGreaterThan(MIN_CONTRAST);
  });

  it('draws text in its colour unless it would vanish on its background: then black, or white on a dark one', () => {
    expect(drawnColour('FF0000', undefined)).toBe('FF0000');
    expect(drawnColour('808080', undefined)).toBe('808080');
    // White or yellow on the paper, or text in the colour of its shading: black.
    expect(drawnColour('FFFFFF', undefined)).toBeUndefined();
    expect(drawnColour('FFFF00', 'FFFFFF')).toBeUndefined();
    expect(drawnColour('D3DFEE', 'D3DFEE')).toBeUndefined();
    // On a dark background black would vanish too: white (as Word's automatic colour turns white there).
    expect(drawnColour(undefined, '000000')).toBe('FFFFFF');
    expect(drawnColour('1F3864', '1F3864')).toBe('FFFFFF');
    expect(drawnColour('FFFFFF', '1F3864')).toBe('FFFFFF');
    // Black stays the default (undefined) on a light shading.
    expect(drawnColour('000000', 'FFFF00')).toBeUndefined();
    expect(drawnColour(undefined, 'D9D9D9')).toBeUndefined();
  });
});

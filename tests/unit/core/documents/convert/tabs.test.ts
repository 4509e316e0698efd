import { describe, expect, it } from 'vitest';
import { breakLines, tokenize } from '../../../../../utils/core/documents/convert/render/lines.ts';
import { nextTab } from '../../../../../utils/core/documents/convert/render/tabs.ts';
import { docxTabStops, mergeStops, odtTabStops } from '../../../../../utils/core/documents/convert/tab-stops.ts';
import { parseXml } from '../../../../../utils/core/documents/convert/xml.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const ODF = 'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"';

describe('tab stops', () => {
  it('goes to the first stop past the text, then to the next default stop (from the margin, not the indent)', () => {
    const stops = [{ pos: 100, align: 'left' as const }];
    expect(nextTab(0, { stops, origin: 0 }).pos).toBe(100);
    expect(nextTab(100, { stops, origin: 0 }).pos).toBe(108); // 3 × 36
    expect(nextTab(10, { stops, every: 50, origin: 20 })).toEqual({ pos: 80, align: 'left' });
    expect(nextTab(90, { stops, every: 50, origin: 20 }).pos).toBe(130); // default 150 from the margin
    expect(nextTab(0, undefined).pos).toBe(36);
  });

  it('counts the default stops from the left indent when asked (ODT TabsRelativeToIndent), also on a hanging first line', () => {
    // Left indent 28 pt, default stops 35 pt apart: at 63, 98 … from the margin; the line begins at the indent.
    expect(nextTab(10, { every: 35, origin: 28, from: 28 }).pos).toBe(35);
    expect(nextTab(40, { every: 35, origin: 28, from: 28 }).pos).toBe(70);
    // A hanging first line begins at the margin: before the indent the next default stop is the indent itself.
    expect(nextTab(10, { every: 35, origin: 0, from: 28 }).pos).toBe(28);
  });

  it('merges the layers by position: a later stop replaces one at the same place, clear removes it', () => {
    const style = docxTabStops(parseXml(`<w:tabs ${W}><w:tab w:val="left" w:pos="1440"/><w:tab w:val="right" w:leader="dot" w:pos="9350"/><w:tab w:val="bar" w:pos="500"/></w:tabs>`, 't'));
    const own = docxTabStops(parseXml(`<w:tabs ${W}><w:tab w:val="clear" w:pos="1440"/><w:tab w:val="center" w:pos="4680"/><w:tab w:val="decimal" w:leader="hyphen" w:pos="9350"/></w:tabs>`, 't'));
    expect(mergeStops([style, own])).toEqual([
      { pos: 234, align: 'center' },
      { pos: 467.5, align: 'decimal', leader: '-' },
    ]);
    expect(mergeStops([style])).toEqual([
      { pos: 72, align: 'left' },
      { pos: 467.5, align: 'right', leader: '.' },
    ]);
    expect(mergeStops([undefined, []])).toBeUndefined();
  });

  it('reads ODT stops relative to the indent when asked, with their types, decimal character and leader', () => {
    const el = parseXml(
      `<style:tab-stops ${ODF}><style:tab-stop style:position="1in" style:type="char" style:char=","/><style:tab-stop style:position="2in" style:type="right" style:leader-style="dotted" style:leader-text="."/><style:tab-stop style:position="3in" style:leader-style="solid"/></style:tab-stops>`,
      't',
    );
    expect(odtTabStops(el, 10)).toEqual([
      { pos: 82, align: 'decimal', char: ',' },
      { pos: 154, align: 'right', leader: '.' },
      { pos: 226, align: 'left', leader: '_' },
    ]);
  });

  it('sets text after a right tab flush to its stop, and never past the line', () => {
    const tokens = tokenize([{ text: 'Title\t12' }], 10, false);
    const [line] = breakLines(tokens, 300, 10, { origin: 0, stops: [{ pos: 250, align: 'right', leader: '.' }] });
    expect(line?.width).toBeCloseTo(250, 5);
    const [clamped] = breakLines(tokens, 200, 10, { origin: 0, stops: [{ pos: 250, align: 'right' }] });
    expect(clamped?.width).toBeCloseTo(200, 5);
    // Nothing is lost: the text after the tab is all there.
    expect(clamped?.segments.map((s) => s.text).join('')).toContain('12');
  });
});

describe('a leader at the end of a line', () => {
  it('is kept to its stop (a form line "Signature: ____")', () => {
    const tokens = tokenize([{ text: 'Signature:\t' }], 10, false);
    const [line] = breakLines(tokens, 300, 10, { origin: 0, stops: [{ pos: 200, align: 'left', leader: '_' }] });
    expect(line?.width).toBeCloseTo(200, 5);
    const [right] = breakLines(tokens, 300, 10, { origin: 0, stops: [{ pos: 250, align: 'right', leader: '_' }] });
    expect(right?.width).toBeCloseTo(250, 5);
  });
});

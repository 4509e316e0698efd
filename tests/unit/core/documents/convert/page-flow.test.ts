// The page flow's breaking rules on measured lines: what must stay together at a block's start
// (orphans, or all of it) and end (widows, and what follows when the block is kept with the next).
import { describe, expect, it } from 'vitest';
import { spacer, type FlowLine } from '../../../../../utils/core/documents/convert/render/lines.ts';
import { keepAmounts, leadHeight } from '../../../../../utils/core/documents/convert/render/page-flow.ts';

/** A block: space before, `count` text lines 12 pt high, space after. */
function block(count: number): FlowLine[] {
  return [spacer(6), ...Array.from({ length: count }, () => ({ height: 12 })), spacer(4)];
}

describe('keepAmounts', () => {
  it('without rules nothing is kept, except what follows a block kept with the next', () => {
    expect(keepAmounts(block(5), {}, 0)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // The last line carries the room the next block's start needs.
    expect(keepAmounts(block(5), {}, 30)).toEqual([0, 0, 0, 0, 0, 30, 0]);
  });

  it('orphans keep the first lines together, widows the last ones', () => {
    const k = keepAmounts(block(6), { orphans: 2, widows: 3 }, 0);
    expect(k[1]).toBe(12); // line 1 needs line 2 below it
    expect(k[4]).toBe(24); // line 4 (the third from the end) needs the last two
    expect(k.filter((x) => x > 0)).toHaveLength(2);
  });

  it('a block too short to split by its rules, or kept together, moves whole (with what follows)', () => {
    expect(keepAmounts(block(3), { orphans: 2, widows: 2 }, 0)[1]).toBe(24);
    expect(keepAmounts(block(8), { keepLines: true }, 10)[1]).toBe(7 * 12 + 10);
  });
});

describe('leadHeight', () => {
  it('is the space before and the lines that must begin a page together', () => {
    expect(leadHeight(block(6), { orphans: 2, widows: 2 })).toEqual({ height: 6 + 24, whole: false, after: 4 });
    expect(leadHeight(block(3), { orphans: 2, widows: 2 })).toEqual({ height: 6 + 36, whole: true, after: 4 });
    expect(leadHeight(block(6), {})).toEqual({ height: 6 + 12, whole: false, after: 4 });
  });
});

import { describe, expect, it } from 'vitest';
import { balancedHeight, columnGeometry, type ColumnItem } from '../../../../../utils/core/documents/convert/render/columns.ts';

const lines = (n: number, h = 10): ColumnItem[] => Array.from({ length: n }, () => ({ height: h, keep: 0 }));

describe('columnGeometry', () => {
  it('splits the text area into equal columns with the gap between them', () => {
    const cols = columnGeometry({ count: 2, gap: 36 }, 468) ?? [];
    expect(cols.map((c) => [c.x, c.width])).toEqual([[0, 216], [252, 216]]);
  });

  it('takes the file\'s own widths and gaps, scaled to the text area', () => {
    const cols = columnGeometry({ count: 2, widths: [{ width: 100, gap: 20 }, { width: 300, gap: 0 }] }, 840) ?? [];
    expect(cols.map((c) => [Math.round(c.x), Math.round(c.width)])).toEqual([[0, 200], [240, 600]]);
  });

  it('is one column (undefined) for one, or for columns too narrow to set text in', () => {
    expect(columnGeometry({ count: 1 }, 468)).toBeUndefined();
    expect(columnGeometry(undefined, 468)).toBeUndefined();
    expect(columnGeometry({ count: 20, gap: 20 }, 468)).toBeUndefined();
  });
});

describe('balancedHeight', () => {
  it('gives two columns half the height of the text when it fits on the page', () => {
    const b = balancedHeight(lines(10), 2, 500, 700);
    expect(b?.page).toBe(0);
    expect(b?.height).toBeGreaterThanOrEqual(50);
    expect(b?.height).toBeLessThan(50.2);
  });

  it('balances only the part on the last page of a stretch that runs over pages', () => {
    // 100 pt of room on the first page (2 columns: 20 lines), then 30 lines left: 15 a column.
    const b = balancedHeight(lines(50), 2, 100, 700);
    expect(b?.page).toBe(1);
    expect(b?.height).toBeCloseTo(150, 0);
  });

  it('keeps lines that must stay together in one column (the keep amount)', () => {
    const items = lines(4);
    (items[0] as ColumnItem).keep = 30; // the first line needs the other three below it
    const b = balancedHeight(items, 2, 500, 700);
    expect(b?.height).toBeGreaterThanOrEqual(40);
  });

  it('goes on in the next column after a column break', () => {
    const items = [...lines(2), { height: 0, keep: 0, columnBreak: true }, ...lines(6)];
    const b = balancedHeight(items, 3, 500, 700);
    // Column 1: the two lines; the six after the break share columns 2 and 3.
    expect(b?.height).toBeCloseTo(30, 0);
  });
});

// The number formats and value-axis scales charts.ts draws a chart's labels with.
import { describe, expect, it } from 'vitest';
import { formatNumber, valueScale } from '../../../../../utils/core/documents/convert/charts.ts';

describe('chart value axis', () => {
  it('rounds the top up to a step of 1, 2 or 5 × 10^n, with some headroom, from zero', () => {
    expect(valueScale(0, 12.3, {})).toEqual({ min: 0, max: 14, step: 2 });
    expect(valueScale(0, 4.5, {})).toEqual({ min: 0, max: 5, step: 1 });
    expect(valueScale(0, 870, {})).toEqual({ min: 0, max: 1000, step: 200 });
    const neg = valueScale(-3, 7, {});
    expect(neg.min).toBeLessThanOrEqual(-3);
    expect(neg.max).toBeGreaterThanOrEqual(7);
    expect(neg.min % neg.step).toBeCloseTo(0);
  });

  it("keeps the file's own minimum, maximum and major unit", () => {
    expect(valueScale(0, 12.3, { min: 0, max: 20, step: 4 })).toEqual({ min: 0, max: 20, step: 4 });
    // A degenerate or absurd request still gives a drawable axis.
    const s = valueScale(5, 5, { min: 5, max: 5, step: 1e-9 });
    expect(s.max).toBeGreaterThan(s.min);
    expect((s.max - s.min) / s.step).toBeLessThanOrEqual(50);
  });
});

describe('chart number formats', () => {
  it('General shows the value as typed, without binary noise, and to the step on an axis', () => {
    expect(formatNumber(4.4000000000000004, 'General')).toBe('4.4');
    expect(formatNumber(0.30000000000000004, 'General', 0.1)).toBe('0.3');
    expect(formatNumber(14, 'General', 2)).toBe('14');
  });

  it('decimals, thousands, percentages and literal text around the number', () => {
    expect(formatNumber(3.14159, '0.00')).toBe('3.14');
    expect(formatNumber(1234567, '#,##0')).toBe('1,234,567');
    expect(formatNumber(0.25, '0%')).toBe('25%');
    expect(formatNumber(0.125, '0.0%')).toBe('12.5%');
    expect(formatNumber(20, '"€ "#,##0')).toBe('€ 20');
    expect(formatNumber(-5, '0" uur"')).toBe('-5 uur');
  });
});

import { describe, expect, it } from 'vitest';
import { isMixedScript, skeleton } from '../../../../utils/core/recipients/confusables.ts';

describe('skeleton', () => {
  it('folds ASCII confusables the eye mixes up in lowercase domains', () => {
    expect(skeleton('m')).toBe(skeleton('rn'));
    expect(skeleton('g00gle')).toBe(skeleton('google'));
    expect(skeleton('paypa1')).toBe(skeleton('paypal'));
  });

  it('folds other scripts onto Latin prototypes', () => {
    expect(skeleton('\u0430chmea')).toBe(skeleton('achmea')); // Cyrillic а
    expect(skeleton('\u0440\u0430\u0443\u0440\u0430l')).toBe(skeleton('paypal')); // Cyrillic р а у
    expect(skeleton('u\u03bdv')).toBe(skeleton('uvv')); // Greek ν
  });

  it('keeps genuinely different names apart', () => {
    expect(skeleton('uwv')).not.toBe(skeleton('uvw'));
    expect(skeleton('wérkgever')).not.toBe(skeleton('werkgever'));
    expect(skeleton('achmea')).not.toBe(skeleton('acmea'));
  });

  it('is stable: the skeleton of a skeleton is itself', () => {
    for (const s of ['achmea', '\u0430chmea', 'g00gle', 'wérkgever-a', 'rnijn']) expect(skeleton(skeleton(s))).toBe(skeleton(s));
  });
});

describe('isMixedScript', () => {
  it('detects Latin mixed with Cyrillic or Greek', () => {
    expect(isMixedScript('\u0430chmea')).toBe(true);
    expect(isMixedScript('u\u03bdv')).toBe(true);
  });

  it('accepts single-script labels, digits, hyphens and accents', () => {
    for (const l of ['achmea', 'werkgever-a', 'wérkgever', '\u0430\u0440\u0440\u04cf\u0435', 'москва-2', '東京', 'ドメイン名例', '日本語ドメイン']) {
      expect(isMixedScript(l), l).toBe(false);
    }
  });
});

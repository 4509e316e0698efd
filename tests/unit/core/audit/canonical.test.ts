import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { canonicalJson } from '../../../../utils/core/audit/canonical.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'x' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[3,{"y":"x","z":null}]},"b":1}',
    );
  });

  it('gives the same text whatever the key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).toReversed());
        return canonicalJson(obj) === canonicalJson(reversed);
      }),
    );
  });

  it('round-trips through JSON.parse to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        // fast-check's jsonValue may hold -0, which JSON writes as 0.
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson('a"b\n\u2028')).toBe(JSON.stringify('a"b\n\u2028'));
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow();
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(Infinity)).toThrow();
    expect(() => canonicalJson(new Date(0))).toThrow();
    expect(() => canonicalJson(() => 1)).toThrow();
    expect(() => canonicalJson(1n)).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { base64ToBytes, bytesToBase64 } from '../../../../utils/core/messaging/base64.ts';

describe('base64', () => {
  it('round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => {
      expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    }));
  });
  it('matches the standard encoding and handles large buffers', () => {
    expect(bytesToBase64(new TextEncoder().encode('ReportGuard'))).toBe('UmVwb3J0R3VhcmQ=');
    const big = new Uint8Array(3_000_000).map((_, i) => i & 0xff);
    expect(base64ToBytes(bytesToBase64(big))).toEqual(big);
  });
  it('throws on text that is not base64', () => {
    expect(() => base64ToBytes('@@@')).toThrow();
  });
});

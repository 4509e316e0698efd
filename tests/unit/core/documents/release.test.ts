import { describe, expect, it } from 'vitest';
import { releaseBuffer, releaseBytes } from '../../../../utils/core/documents/release.ts';

describe('releaseBytes / releaseBuffer', () => {
  it('detaches a buffer the bytes fill, so its memory goes now', () => {
    const bytes = new Uint8Array(1024).fill(7);
    expect(releaseBytes(bytes)).toBe(true);
    expect(bytes.buffer.detached).toBe(true);
    expect(bytes.byteLength).toBe(0);
    expect(releaseBytes(bytes)).toBe(false); // already gone
  });

  it('leaves a view on part of a larger buffer alone: other data lives there', () => {
    const larger = new Uint8Array(100).fill(1);
    const part = larger.subarray(10, 20);
    expect(releaseBytes(part)).toBe(false);
    expect(larger.buffer.detached).toBe(false);
    expect(part.every((b) => b === 1)).toBe(true);
  });

  it('ignores what cannot be detached (a SharedArrayBuffer) and an already detached buffer', () => {
    const shared = new SharedArrayBuffer(16);
    releaseBuffer(shared);
    expect(new Uint8Array(shared).length).toBe(16);
    const buffer = new ArrayBuffer(8);
    releaseBuffer(buffer);
    expect(buffer.detached).toBe(true);
    expect(() => releaseBuffer(buffer)).not.toThrow();
  });
});

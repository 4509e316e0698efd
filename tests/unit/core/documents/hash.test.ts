import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';

describe('sha256Hex', () => {
  it('matches the published SHA-256 test vectors', async () => {
    expect(await sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex(strToU8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes only the view, not the whole underlying buffer', async () => {
    const big = strToU8('xxabcxx');
    expect(await sha256Hex(big.subarray(2, 5))).toBe(await sha256Hex(strToU8('abc')));
  });

  it('differs when a single byte differs', async () => {
    const a = strToU8('rapport versie 1');
    const b = strToU8('rapport versie 2');
    expect(await sha256Hex(a)).not.toBe(await sha256Hex(b));
  });
});

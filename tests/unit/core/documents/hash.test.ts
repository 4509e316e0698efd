import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { IN_PLACE_HASH_BYTES, sha256Hex } from '../../../../utils/core/documents/hash.ts';

/** The digest Web Crypto gives, in hex. */
const native = async (b: Uint8Array) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', b.slice())), (x) => x.toString(16).padStart(2, '0')).join('');

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

  it('hashes large inputs in place to the same digest as Web Crypto, views and odd lengths included', async () => {
    const big = new Uint8Array(IN_PLACE_HASH_BYTES + 3 * 1024 * 1024 + 777).map((_, i) => (i * 2654435761) >>> 24);
    expect(await sha256Hex(big)).toBe(await native(big));
    const view = big.subarray(5, 5 + IN_PLACE_HASH_BYTES + 1);
    expect(await sha256Hex(view)).toBe(await native(view));
    const justBelow = big.subarray(0, IN_PLACE_HASH_BYTES - 1);
    expect(await sha256Hex(justBelow)).toBe(await native(justBelow));
  });
});

import { describe, expect, it } from 'vitest';
import { fromHex, importReleaseKey, parseDetail, randomHex, releaseMacInput, signRelease, toHex } from '../../../../utils/core/messaging/bridge.ts';

async function verify(secretHex: string, nonce: string, composeId: string, macHex: string): Promise<boolean> {
  const key = await crypto.subtle.importKey('raw', fromHex(secretHex)! as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  return crypto.subtle.verify('HMAC', key, fromHex(macHex)! as Uint8Array<ArrayBuffer>, releaseMacInput(nonce, composeId) as Uint8Array<ArrayBuffer>);
}

describe('release MAC', () => {
  it('verifies for the same secret, nonce and compose id only', async () => {
    const secret = randomHex(32);
    const key = await importReleaseKey(secret);
    const nonce = randomHex(16);
    const mac = await signRelease(key, nonce, 'cid1');
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(await verify(secret, nonce, 'cid1', mac)).toBe(true);
    expect(await verify(secret, nonce, 'cid2', mac)).toBe(false);
    expect(await verify(secret, randomHex(16), 'cid1', mac)).toBe(false);
    expect(await verify(randomHex(32), nonce, 'cid1', mac)).toBe(false);
  });
  it('refuses a short or malformed secret', async () => {
    await expect(importReleaseKey('abcd')).rejects.toThrow();
    await expect(importReleaseKey('zz'.repeat(32))).rejects.toThrow();
  });
});

describe('hex and detail parsing', () => {
  it('round-trips hex and rejects non-hex', () => {
    const b = new Uint8Array([0, 1, 254, 255]);
    expect(toHex(b)).toBe('0001feff');
    expect(fromHex('0001feff')).toEqual(b);
    expect(fromHex('0g')).toBeNull();
    expect(fromHex('abc')).toBeNull();
  });
  it('accepts only JSON strings with a type', () => {
    expect(parseDetail('{"type":"hooked"}')).toEqual({ type: 'hooked' });
    expect(parseDetail({ type: 'hooked' })).toBeNull();
    expect(parseDetail('{"x":1}')).toBeNull();
    expect(parseDetail('not json')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { EXTENSION_ID, MANIFEST_KEY, extensionIdFromKey } from '../../../../utils/core/managed/extension-id.ts';

// Independent of the implementation: Node's hash and the a-p alphabet written out.
function expected(base64: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex').slice(0, 32);
  return hex.replace(/[0-9a-f]/g, (d) => 'abcdefghijklmnop'[Number.parseInt(d, 16)]!);
}

describe('extension id from the manifest key', () => {
  it('the committed key gives the documented id', async () => {
    expect(await extensionIdFromKey(MANIFEST_KEY)).toBe(EXTENSION_ID);
    expect(expected(MANIFEST_KEY)).toBe(EXTENSION_ID);
  });

  it('matches Chrome’s derivation for any key', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(await extensionIdFromKey(key)).toBe(expected(key));
    expect(await extensionIdFromKey(key)).toMatch(/^[a-p]{32}$/);
  });
});

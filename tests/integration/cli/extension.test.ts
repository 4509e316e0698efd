// `reportguard extension id`: the id enterprise policies name the extension by.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-extid-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reportguard extension id', () => {
  it('prints the id of the committed manifest key', async () => {
    const r = await runCli(['extension', 'id']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('jicjlfjabgamkickjndbcnbeolbegiml');
  });

  it('prints the id and manifest key of your own PEM key, private or public', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(join(dir, 'own.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(join(dir, 'own.pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    const der = publicKey.export({ type: 'spki', format: 'der' });
    const id = createHash('sha256').update(der).digest('hex').slice(0, 32).replace(/[0-9a-f]/g, (d) => 'abcdefghijklmnop'[Number.parseInt(d, 16)]!);
    for (const file of ['own.pem', 'own.pub.pem']) {
      const r = await runCli(['extension', 'id', '--key', join(dir, file)]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${id}\nmanifest key: ${der.toString('base64')}\n`);
    }
  });

  it('one line and exit 2 for a file that is no key, or bad usage', async () => {
    await writeFile(join(dir, 'not-a-key.pem'), 'hello');
    const r = await runCli(['extension', 'id', '--key', join(dir, 'not-a-key.pem')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect((await runCli(['extension'])).code).toBe(2);
    expect((await runCli(['extension', 'id', 'x'])).code).toBe(2);
  });
});

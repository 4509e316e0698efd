// `reportguard extension id [--key PEM]`: the extension id Chrome and Edge give the build, which
// enterprise policies name the extension by (docs/admin-guide.md). Without --key: the id of the
// key committed in the manifest. With --key: the id for your own RSA key (PEM, private or public),
// for a CRX you pack and host yourself; build with REPORTGUARD_MANIFEST_KEY set to the printed key.
import { createPublicKey } from 'node:crypto';
import { parseArgs } from '../args.ts';
import { CliError, EXIT } from '../errors.ts';
import { readText } from '../io.ts';
import { EXTENSION_ID, MANIFEST_KEY, extensionIdFromKey } from '../../utils/core/managed/extension-id.ts';
import { oneLine } from '../../utils/core/errors.ts';

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'id') throw new CliError(sub ? `unknown extension command "${sub}" (id)` : 'usage: extension id [--key PEM]');
  const args = parseArgs(rest, ['key']);
  if (args.positionals.length > 0) throw new CliError(`unexpected argument ${args.positionals[0]}`);
  const keyPath = args.options.get('key');
  if (keyPath === undefined) {
    process.stdout.write(`${EXTENSION_ID}\nmanifest key: ${MANIFEST_KEY}\n`);
    return EXIT.allow;
  }
  const pem = await readText(keyPath, 'key');
  let der: Buffer;
  try {
    der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  } catch (e) {
    throw new CliError(`${keyPath}: not a PEM RSA key (${oneLine(e)})`);
  }
  const key = der.toString('base64');
  process.stdout.write(`${await extensionIdFromKey(key)}\nmanifest key: ${key}\n`);
  return EXIT.allow;
}

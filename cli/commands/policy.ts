// `reportguard policy validate P
//  | sign P --key K [--detached] [--out F]
//  | verify S --key PUB [--signature SIG] [--min-version N] [--out F]`
import { writeFile, rename } from 'node:fs/promises';
import { parseArgs, required } from '../args.ts';
import { CliError, EXIT } from '../errors.ts';
import { readJsonFile, readText } from '../io.ts';
import { PolicySchema, type Policy } from '../../utils/core/policy/schema.ts';
import { parseJsonWith } from '../../utils/core/policy/errors.ts';

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'validate':
      return await validate(rest);
    case 'sign':
      return await sign(rest);
    case 'verify':
      return await verify(rest);
    default:
      throw new CliError(sub ? `unknown policy command "${sub}" (validate, sign, verify)` : 'usage: policy validate|sign|verify ...');
  }
}

function onePath(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new CliError(`expected one ${what} path, got ${positionals.length}`);
  return positionals[0]!;
}

/** A few lines an admin can eyeball: who, which regiokantoren, how many people and entries. */
export function summarise(policy: Policy): string {
  const staff = new Set(policy.regiokantoren.flatMap((r) => r.staff.map((s) => s.toLowerCase())));
  const entries = policy.regiokantoren.reduce((n, r) => n + r.allowedRecipients.length, 0);
  const lines = [
    `${policy.organisation}: ${policy.regiokantoren.length} regiokantoren, ${staff.size} staff, ${entries} allowed-recipient entries`,
    ...policy.regiokantoren.map(
      (r) => `  ${r.id} (${r.name}): mailbox ${r.mailbox}, ${r.staff.length} staff, ${r.allowedRecipients.length} entries`,
    ),
    `  version: ${policy.version}, requireRegioMailbox: ${policy.requireRegioMailbox}, maxAttachmentMB: ${policy.maxAttachmentMB}, healthTerms: +${policy.healthTerms.add.length} -${policy.healthTerms.remove.length}`,
  ];
  return lines.join('\n');
}

async function validate(argv: string[]): Promise<number> {
  const args = parseArgs(argv, []);
  const path = onePath(args.positionals, 'policy');
  const policy = await readJsonFile(path, PolicySchema);
  process.stdout.write(`valid: ${summarise(policy)}\n`);
  return EXIT.allow;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, path);
}

async function sign(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['key', 'out'], ['detached']);
  const path = onePath(args.positionals, 'policy');
  const keyPath = required(args, 'key');
  const detached = args.options.has('detached');
  const out = args.options.get('out') ?? (detached ? `${path}.asc` : `${path}.signed`);
  // Only a valid policy gets signed: a signature vouches for something the extension can load.
  const text = await readText(path, 'policy');
  const parsed = parseJsonWith(path, text, PolicySchema);
  if (!parsed.ok) throw new CliError(parsed.error);
  const key = await readText(keyPath, 'key');
  const { signPolicyText, signPolicyDetached, KeyError } = await import('../../utils/core/policy/signature.ts');
  let signed: string;
  try {
    signed = detached ? await signPolicyDetached(text, key) : await signPolicyText(text, key);
  } catch (e) {
    if (e instanceof KeyError) throw new CliError(`${keyPath}: ${e.message}`);
    throw e;
  }
  await writeAtomically(out, signed);
  process.stdout.write(`signed: ${out}\n`);
  return EXIT.allow;
}

function minVersion(args: { options: Map<string, string> }): number | null {
  const v = args.options.get('min-version');
  if (v === undefined) return null;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new CliError(`--min-version: expected a whole number of at least 1, got ${JSON.stringify(v)}`);
  return Number(v);
}

async function verify(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['key', 'out', 'signature', 'min-version']);
  const path = onePath(args.positionals, 'signed policy');
  const keyPath = required(args, 'key');
  const floor = minVersion(args);
  const signed = await readText(path, args.options.has('signature') ? 'policy' : 'signed policy');
  const signaturePath = args.options.get('signature');
  const signature = signaturePath === undefined ? null : await readText(signaturePath, 'signature');
  const key = await readText(keyPath, 'key');
  const { verifySignedPolicy, verifyDetachedPolicy, KeyError } = await import('../../utils/core/policy/signature.ts');
  let result;
  try {
    result = signature === null ? await verifySignedPolicy(signed, key) : await verifyDetachedPolicy(signed, signature, key);
  } catch (e) {
    if (e instanceof KeyError) throw new CliError(`${keyPath}: ${e.message}`);
    throw e;
  }
  if (!result.ok) {
    process.stderr.write(`reportguard: ${path}: bad signature (${result.reason})\n`);
    return EXIT.badSignature;
  }
  // The signature is good; the content must still be a policy the extension would accept.
  const parsed = parseJsonWith(path, result.text, PolicySchema);
  if (!parsed.ok) throw new CliError(parsed.error);
  // The extension's rollback rule: a policy older than the last one accepted is refused.
  if (floor !== null && parsed.value.version < floor) {
    process.stderr.write(`reportguard: ${path}: version ${parsed.value.version} is older than ${floor} (rollback refused)\n`);
    return EXIT.badSignature;
  }
  if (args.options.has('out')) await writeAtomically(args.options.get('out')!, result.text);
  process.stdout.write(`signature ok: key ${result.fingerprint}\n${summarise(parsed.value)}\n`);
  return EXIT.allow;
}

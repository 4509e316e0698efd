// `reportguard check --policy P --message M [--records R] [--now ISO] [--lang nl|en]`
// Reads the three files, prepares each attachment exactly as the extension's offscreen document
// does (utils/core/documents/send-fix.ts prepareForSend: type, hash, the automatic fix, and the
// text of the PDF that would be sent, which is what the health check reads), runs the same pure
// policy engine and prints the Verdict JSON. Exit 0 allow, 10 warn, 20 block,
// 2 for any invalid input (one line on stderr naming the file, field and expectation).
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { parseArgs, required } from '../args.ts';
import { CliError, EXIT } from '../errors.ts';
import { errnoText, readJsonFile } from '../io.ts';
import { PolicySchema } from '../../utils/core/policy/schema.ts';
import { MessageSchema, type CheckMessage } from '../../utils/core/policy/message-schema.ts';
import { RecordsSchema, EMPTY_RECORDS, type Records } from '../../utils/core/records/schema.ts';
import { evaluate } from '../../utils/core/policy/evaluate.ts';
import { isLang, type Lang } from '../../utils/core/i18n/lang.ts';
import type { AnalysedAttachment } from '../../utils/core/documents/types.ts';
import type { Verdict } from '../../utils/core/policy/types.ts';
import { settingsKey, type AnalysisSettings } from '../../utils/core/messaging/offscreen.ts';

// Each CLI process parses three small files once: zod's JIT (generating a parser with
// new Function on first use) costs more than it saves here.
z.config({ jitless: true });

export interface CheckOptions {
  policyPath: string;
  messagePath: string;
  recordsPath?: string;
  now: Date;
  lang: Lang;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['policy', 'message', 'records', 'now', 'lang']);
  if (args.positionals.length > 0) throw new CliError(`unexpected argument "${args.positionals[0]}"`);
  const lang = args.options.get('lang') ?? 'nl';
  if (!isLang(lang)) throw new CliError(`--lang: expected nl or en, got "${lang}"`);
  const verdict = await checkFiles({
    policyPath: required(args, 'policy'),
    messagePath: required(args, 'message'),
    recordsPath: args.options.get('records'),
    now: parseNow(args.options.get('now')),
    lang,
  });
  process.stdout.write(JSON.stringify(verdict, null, 2) + '\n');
  return exitCodeFor(verdict);
}

export function exitCodeFor(verdict: Verdict): number {
  return verdict.verdict === 'block' ? EXIT.block : verdict.verdict === 'warn' ? EXIT.warn : EXIT.allow;
}

/**
 * The whole `check` path without the process around it (tests call this in-process): read and
 * validate the files, analyse the attachments, evaluate. Invalid input throws a CliError (exit 2).
 */
export async function checkFiles(opts: CheckOptions): Promise<Verdict> {
  const { policyPath, messagePath, recordsPath } = opts;
  const [policy, message, records] = await Promise.all([
    readJsonFile(policyPath, PolicySchema),
    readJsonFile(messagePath, MessageSchema),
    recordsPath ? readJsonFile(recordsPath, RecordsSchema) : Promise.resolve<Records>(EMPTY_RECORDS),
  ]);

  // Attachment paths are relative to the message file; every one must exist (else exit 2).
  const base = dirname(resolve(messagePath));
  // The document stack is loaded only for messages with attachments (cold start of plain checks).
  const documents = message.attachments.length > 0 ? await loadDocuments() : null;
  const settings: AnalysisSettings = { maxAttachmentMB: policy.maxAttachmentMB, protectPdf: policy.protectPdf };
  const attachments: AnalysedAttachment[] = [];
  for (const [i, ref] of message.attachments.entries()) {
    const path = resolve(base, ref.path);
    let size: number;
    try {
      const s = await stat(path);
      if (!s.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      size = s.size;
    } catch (e) {
      throw new CliError(`${messagePath}: attachments[${i}].path: expected an existing file, got "${ref.path}" (${errnoText(e)})`);
    }
    attachments.push(await prepareFile(documents!, ref.name, path, size, settings));
  }

  const checkMessage: CheckMessage = { ...message, attachments };
  return evaluate(checkMessage, policy, records, opts.now, { lang: opts.lang });
}

export function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) {
    throw new CliError(`--now: expected an ISO date-time like 2026-11-25T12:00:00Z, got "${value}"`);
  }
  return new Date(ms);
}

async function loadDocuments() {
  const [{ prepareForSend }, { limitsFromPolicy }, { sha256Hex }] = await Promise.all([
    import('../../utils/core/documents/send-fix.ts'),
    import('../../utils/core/documents/analyse.ts'),
    import('../../utils/core/documents/hash.ts'),
  ]);
  return { prepareForSend, limitsFromPolicy, sha256Hex };
}

async function prepareFile(
  { prepareForSend, limitsFromPolicy, sha256Hex }: Awaited<ReturnType<typeof loadDocuments>>,
  name: string,
  path: string,
  size: number,
  settings: AnalysisSettings,
): Promise<AnalysedAttachment> {
  // A file over the limit is not read into memory: it blocks whatever it contains. Its hash is
  // still computed (streamed) so the audit line can name it.
  if (size > limitsFromPolicy(settings.maxAttachmentMB).maxBytes) return await oversized(name, path, size);
  const bytes = new Uint8Array(await readFile(path));
  // Like the extension, the outcome is cached by the hash of the original bytes and the settings
  // that shape it: the same file attached again is not converted again in this process.
  const key = `${await sha256Hex(bytes)}:${settingsKey(settings)}`;
  const cached = prepared.get(key);
  if (cached) return { ...cached, name };
  const { analysis } = await prepareForSend(name, bytes, settings);
  // A timeout depends on the machine's load at the time: never cache it.
  if (analysis.problem?.kind !== 'timeout' && analysis.fix?.problem?.kind !== 'timeout') {
    if (prepared.size >= 256) prepared.clear();
    prepared.set(key, analysis);
  }
  return analysis;
}

const prepared = new Map<string, AnalysedAttachment>();

async function oversized(name: string, path: string, size: number): Promise<AnalysedAttachment> {
  const { createHash } = await import('node:crypto');
  const { createReadStream } = await import('node:fs');
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Uint8Array);
  return {
    name,
    size,
    sha256: hash.digest('hex'),
    type: 'unknown',
    readable: false,
    problem: { kind: 'too-large', detail: `file is ${size} bytes, over the policy limit` },
    text: '',
  };
}

// Managed configuration for real: Chromium on Linux reads enterprise policy from
// /etc/chromium/policies/managed/*.json, extension policy under `3rdparty.extensions.<id>` (the
// admin guide's Linux example). The machine is shared with other engineers' Chromium runs of the
// same extension, so:
//   - the extension is a copy of the build with a key made for this run only: its id is unique
//     and the policy can apply to no other browser's ReportGuard;
//   - the file has a unique name and exists only while this run's browser does: removed in
//     `close()` (call it in a finally), and on process exit if a run is killed.
// Chromium watches the directory, so `update()` changes the managed values of a running browser
// (storage.onChanged in the extension), as a GPO refresh would.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, launchWithExtension, type ExtensionBrowser, type LaunchOptions } from './chromium.ts';

export const POLICY_DIR = process.env.REPORTGUARD_CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';

export interface ManagedBrowser extends ExtensionBrowser {
  /** Replaces the managed values (the whole `3rdparty.extensions.<id>` object). */
  update(config: Record<string, unknown>): void;
  policyFile: string;
}

const live = new Set<string>();
let hooked = false;
function removeLeftovers() {
  for (const f of live) rmSync(f, { force: true });
}

/** The extension id Chrome derives from a manifest key (see utils/core/managed/extension-id.ts). */
export function idOfKey(base64: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex').slice(0, 32);
  return hex.replace(/[0-9a-f]/g, (d) => 'abcdefghijklmnop'[Number.parseInt(d, 16)]!);
}

/** A copy of the built extension with a fresh key (so a fresh id); removed by the caller. */
export function extensionCopyWithOwnId(source = process.env.REPORTGUARD_EXTENSION_DIR ?? EXTENSION_DIR): { dir: string; id: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rg-ext-managed-'));
  cpSync(source, dir, { recursive: true });
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  manifest.key = key;
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { dir, id: idOfKey(key) };
}

function writePolicy(file: string, id: string, config: Record<string, unknown>): void {
  // Written to a temp name and renamed, so Chromium never reads half a file.
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify({ '3rdparty': { extensions: { [id]: config } } }, null, 2));
  renameSync(tmp, file);
}

/**
 * Starts Chromium with a ReportGuard whose managed configuration is `config`, set through the
 * Linux policy directory. Always `close()` it (in a finally): that removes the policy file.
 */
export async function launchManaged(config: Record<string, unknown>, options: LaunchOptions = {}): Promise<ManagedBrowser> {
  const { dir, id } = extensionCopyWithOwnId();
  mkdirSync(POLICY_DIR, { recursive: true });
  const policyFile = join(POLICY_DIR, `reportguard-e2e-${process.pid}-${randomUUID()}.json`);
  if (!hooked) {
    hooked = true;
    process.once('exit', removeLeftovers);
  }
  live.add(policyFile);
  const cleanup = () => {
    rmSync(policyFile, { force: true });
    live.delete(policyFile);
    rmSync(dir, { recursive: true, force: true });
  };
  let browser: ExtensionBrowser;
  try {
    writePolicy(policyFile, id, config);
    browser = await launchWithExtension({ ...options, extensionDir: dir });
  } catch (err) {
    cleanup();
    throw err;
  }
  if (browser.extensionId !== id) {
    await browser.close();
    cleanup();
    throw new Error(`the extension started with id ${browser.extensionId}, expected ${id} from its key`);
  }
  return {
    ...browser,
    policyFile,
    update(next) {
      writePolicy(policyFile, id, next);
    },
    async close() {
      try {
        await browser.close();
      } finally {
        cleanup();
      }
    },
  };
}

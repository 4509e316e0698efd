// The signed policy from the managed policy URL: fetched on a schedule (the background's alarm),
// at browser start, when the managed configuration changes, and on "check now" in the options
// page. A fetched policy is accepted only when
//   1. its OpenPGP signature is good for the pinned key (`policySignerKey`): a cleartext-signed
//      bundle as `reportguard policy sign` makes it, or the policy JSON with a detached armored
//      signature at `<policyUrl>.asc` (`policy sign --detached`),
//   2. it is a valid policy (contracts §2),
//   3. its `version` is at least the last accepted one (no rollback).
// Anything else keeps the last good policy, records why in `policyFetchItem` (options page,
// popup) and in the audit log (once per distinct problem, not on every retry).
import { verifyDetachedPolicy, verifySignedPolicy, isCleartextSigned, KeyError } from '../core/policy/signature.ts';
import { loadPolicy } from '../core/policy/load.ts';
import { acceptsVersion } from '../core/policy/layers.ts';
import { sha256Hex } from '../core/documents/hash.ts';
import { oneLine } from '../core/errors.ts';
import type { AuditData } from '../core/audit/types.ts';
import type { ManagedRead } from './storage/managed.ts';
import { policyFetchItem, signedPolicyItem, type PolicyFetchStatus } from './storage/items.ts';

/** Larger than any real policy; a bigger answer is refused without parsing. */
export const MAX_POLICY_BYTES = 5 * 1024 * 1024;
export const FETCH_TIMEOUT_MS = 30_000;
export const DEFAULT_REFRESH_MINUTES = 60;

export interface RefreshDeps {
  readManaged(): Promise<ManagedRead>;
  fetch(url: string, init: RequestInit): Promise<Response>;
  audit(type: string, data: AuditData): Promise<unknown>;
  now(): Date;
}

export type RefreshOutcome =
  | { kind: 'not-configured' }
  | { kind: 'accepted'; version: number }
  | { kind: 'unchanged'; version: number }
  | { kind: 'rejected'; error: string; kept: number | null };

/** Runs one refresh; concurrent calls (background and options page) run one after another. */
export async function refreshSignedPolicy(deps: RefreshDeps): Promise<RefreshOutcome> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return refreshNow(deps);
  return locks.request('reportguard-policy-refresh', () => refreshNow(deps));
}

class Refused extends Error {
  readonly offeredVersion: number | undefined;
  readonly sha256: string | undefined;
  constructor(message: string, offeredVersion?: number, sha256?: string) {
    super(message);
    this.offeredVersion = offeredVersion;
    this.sha256 = sha256;
  }
}

async function fetchText(deps: RefreshDeps, url: string): Promise<{ text: string; bytes: Uint8Array }> {
  let response: Response;
  try {
    response = await deps.fetch(url, { cache: 'no-store', credentials: 'omit', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (e) {
    throw new Refused(`${url}: not reachable (${oneLine(e)})`);
  }
  if (!response.ok) throw new Refused(`${url}: the server answered HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  if (declared > MAX_POLICY_BYTES) throw new Refused(`${url}: larger than ${MAX_POLICY_BYTES / 1024 / 1024} MB`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_POLICY_BYTES) throw new Refused(`${url}: larger than ${MAX_POLICY_BYTES / 1024 / 1024} MB`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Refused(`${url}: not UTF-8 text`);
  }
  return { text, bytes };
}

async function refreshNow(deps: RefreshDeps): Promise<RefreshOutcome> {
  const { config } = await deps.readManaged();
  const url = config.policyUrl;
  if (url === undefined) return { kind: 'not-configured' };
  const accepted = await signedPolicyItem.getValue();
  const kept = accepted?.version ?? null;
  const at = deps.now().toISOString();
  try {
    if (config.policySignerKey === undefined) throw new Refused('no policySignerKey is configured, so no signed policy can be accepted');
    const { text, bytes } = await fetchText(deps, url);
    const sha256 = await sha256Hex(bytes);
    let verified;
    try {
      if (isCleartextSigned(text)) verified = await verifySignedPolicy(text, config.policySignerKey);
      else {
        const signature = await fetchText(deps, `${url}.asc`).catch((e: unknown) => {
          throw e instanceof Refused ? new Refused(`no detached signature: ${e.message}`, undefined, sha256) : e;
        });
        verified = await verifyDetachedPolicy(text, signature.text, config.policySignerKey);
      }
    } catch (e) {
      if (e instanceof KeyError) throw new Refused(`policySignerKey: ${e.message}`, undefined, sha256);
      throw e;
    }
    if (!verified.ok) throw new Refused(`bad signature (${verified.reason})`, versionIn(text), sha256);
    const parsed = loadPolicy(verified.text, url);
    if (!parsed.ok) throw new Refused(parsed.error, undefined, sha256);
    const version = parsed.value.version;
    if (!acceptsVersion(version, kept)) {
      throw new Refused(`version ${version} is older than the accepted version ${kept} (rollback refused)`, version, sha256);
    }
    if (accepted && accepted.url === url && accepted.sha256 === sha256) {
      await policyFetchItem.setValue({ url, at, ok: true, offeredVersion: version });
      return { kind: 'unchanged', version };
    }
    await signedPolicyItem.setValue({
      url,
      data: JSON.parse(verified.text.charCodeAt(0) === 0xfeff ? verified.text.slice(1) : verified.text),
      version,
      sha256,
      fingerprint: verified.fingerprint,
      acceptedAt: at,
    });
    await policyFetchItem.setValue({ url, at, ok: true, offeredVersion: version });
    await deps.audit('policy-accepted', { source: 'signed-url', url, version, sha256, fingerprint: verified.fingerprint, previousVersion: kept }).catch(() => undefined);
    return { kind: 'accepted', version };
  } catch (e) {
    const refused = e instanceof Refused ? e : new Refused(oneLine(e));
    const previous = await policyFetchItem.getValue();
    const status: PolicyFetchStatus = {
      url,
      at,
      ok: false,
      error: refused.message,
      ...(refused.offeredVersion !== undefined ? { offeredVersion: refused.offeredVersion } : {}),
      ...(refused.sha256 !== undefined ? { sha256: refused.sha256 } : {}),
    };
    await policyFetchItem.setValue(status);
    const same = previous && !previous.ok && previous.url === url && previous.error === refused.message && previous.sha256 === refused.sha256;
    if (!same) {
      await deps
        .audit('policy-rejected', {
          source: 'signed-url',
          url,
          reason: refused.message,
          keptVersion: kept,
          ...(refused.offeredVersion !== undefined ? { offeredVersion: refused.offeredVersion } : {}),
          ...(refused.sha256 !== undefined ? { sha256: refused.sha256 } : {}),
        })
        .catch(() => undefined);
    }
    return { kind: 'rejected', error: refused.message, kept };
  }
}

/** The version a (possibly tampered) signed text claims, for the admin's message only. */
function versionIn(text: string): number | undefined {
  const m = /"version"\s*:\s*(\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

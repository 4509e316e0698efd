// Fetching the client system's records (issue 12 item 2): GET the policy's `recordsSource.url`
// with the last copy's validators (If-None-Match / If-Modified-Since), bounded in time and size;
// a good answer replaces the remote copy, a 304 confirms it (its fetch time moves on), anything
// else leaves the last good copy in place and says why in one line. Each outcome is audited once
// per change (not on every alarm), with the hash and counts only. Local additions are another
// store: a fetch never touches them.
import { oneLine } from '../../core/errors.ts';
import { sha256Hex } from '../../core/documents/hash.ts';
import { acceptRemoteRecords } from '../../core/records/remote.ts';
import type { Policy } from '../../core/policy/schema.ts';
import type { AuditStore } from '../storage/audit-store.ts';
import type { RecordsStore, RemoteStatus } from '../storage/records-store.ts';
import { MAX_FILE_BYTES } from '../storage/load.ts';

export interface RemoteDeps {
  store: RecordsStore;
  audit: AuditStore;
  fetch: typeof globalThis.fetch;
  now(): Date;
  /** Whole request, headers and body (default 30 s). */
  timeoutMs?: number;
  /** Largest body taken (default the file limit, 50 MB). */
  maxBytes?: number;
}

export type RefreshOutcome = { kind: 'updated'; clients: number } | { kind: 'not-modified' } | { kind: 'refused'; error: string } | { kind: 'no-source' };

export async function refreshRemoteRecords(policy: Policy | null, deps: RemoteDeps): Promise<RefreshOutcome> {
  const source = policy?.recordsSource;
  if (!source) {
    // No source (any more): the remote copy must not linger as the base of the send check.
    if (await deps.store.getBase('remote')) {
      await deps.store.clearBase('remote');
      await deps.audit.append('records-fetched', { outcome: 'source-removed' }, deps.now()).catch(() => undefined);
    }
    return { kind: 'no-source' };
  }
  const url = source.url;
  const previous = await deps.store.getBase('remote');
  const copyIsFromUrl = previous?.fileName === url;
  const headers: Record<string, string> = { accept: 'application/json, text/plain;q=0.9' };
  if (copyIsFromUrl && previous?.etag) headers['if-none-match'] = previous.etag;
  if (copyIsFromUrl && previous?.lastModified) headers['if-modified-since'] = previous.lastModified;

  const controller = new AbortController();
  const timeoutMs = deps.timeoutMs ?? 30_000;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let outcome: RefreshOutcome;
  let sha256: string | null = null;
  try {
    const response = await deps.fetch(url, { headers, signal: controller.signal, redirect: 'error', cache: 'no-store', credentials: 'omit' });
    if (response.status === 304 && copyIsFromUrl && previous) {
      await deps.store.setBase('remote', { ...previous, loadedAt: deps.now().toISOString() });
      outcome = { kind: 'not-modified' };
    } else if (!response.ok) {
      outcome = { kind: 'refused', error: `the client system answered HTTP ${response.status}` };
    } else {
      const body = await readLimited(response, deps.maxBytes ?? MAX_FILE_BYTES);
      if (body === null) outcome = { kind: 'refused', error: `the answer is larger than ${Math.round((deps.maxBytes ?? MAX_FILE_BYTES) / 1024 / 1024)} MB` };
      else {
        sha256 = await sha256Hex(body);
        const accepted = await acceptRemoteRecords(new TextDecoder('utf-8', { fatal: false }).decode(body), source);
        if (!accepted.ok) outcome = { kind: 'refused', error: accepted.reason };
        else {
          await deps.store.setBase('remote', {
            data: accepted.data,
            fileName: url,
            sha256,
            loadedAt: deps.now().toISOString(),
            etag: response.headers.get('etag'),
            lastModified: response.headers.get('last-modified'),
            fingerprint: accepted.fingerprint,
          });
          outcome = { kind: 'updated', clients: accepted.records.clients.length };
        }
      }
    }
  } catch (e) {
    outcome = { kind: 'refused', error: controller.signal.aborted ? `no answer within ${Math.round(timeoutMs / 1000)} s` : `the client system could not be reached (${oneLine(e)}; check the address, its certificate and that it allows this extension's origin by CORS)` };
  } finally {
    clearTimeout(timer);
  }

  const status: RemoteStatus = {
    url,
    at: deps.now().toISOString(),
    ok: outcome.kind !== 'refused',
    outcome: outcome.kind,
    ...(outcome.kind === 'refused' ? { error: outcome.error } : {}),
  };
  const before = await deps.store.getRemoteStatus();
  await deps.store.setRemoteStatus(status);
  // Audited when something changed: a new copy, or a new kind of failure (not every retry).
  const changed = outcome.kind === 'updated' || !before || before.outcome !== status.outcome || before.error !== status.error || before.url !== url;
  if (changed && outcome.kind !== 'not-modified') {
    await deps.audit
      .append('records-fetched', {
        url: url.slice(0, 500),
        outcome: outcome.kind,
        ...(outcome.kind === 'updated' ? { clients: outcome.clients, sha256 } : {}),
        ...(outcome.kind === 'refused' ? { error: outcome.error.slice(0, 500) } : {}),
      }, deps.now())
      .catch(() => undefined);
  }
  return outcome;
}

/** The body, or null once it grows past `max` (the rest is not read). */
async function readLimited(response: Response, max: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

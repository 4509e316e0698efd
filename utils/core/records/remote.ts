// What the client system sends (issue 12 item 2): contracts §3 JSON, or, when the policy's
// `recordsSource.publicKey` is set, an OpenPGP cleartext-signed bundle of it (like the policy,
// ../policy/signature.ts). Pure: the browser side fetches (utils/browser/records-remote.ts) and
// hands the body here. Any doubt is a refusal in one line; the last good copy stays in use.
import { parseJsonWith } from '../policy/errors.ts';
import { verifySignedPolicy } from '../policy/signature.ts';
import { RecordsSchema, type Records } from './schema.ts';

export type Accepted = { ok: true; records: Records; data: unknown; fingerprint: string | null } | { ok: false; reason: string };

export async function acceptRemoteRecords(body: string, source: { url: string; publicKey?: string | undefined }): Promise<Accepted> {
  let text = body;
  let fingerprint: string | null = null;
  if (source.publicKey) {
    if (!/^-----BEGIN PGP SIGNED MESSAGE-----/m.test(body.trimStart())) return { ok: false, reason: 'not signed, but the policy requires a signature' };
    let verified;
    try {
      verified = await verifySignedPolicy(body, source.publicKey);
    } catch (e) {
      return { ok: false, reason: `the policy's records key is unusable (${e instanceof Error ? e.message : String(e)})` };
    }
    if (!verified.ok) return { ok: false, reason: `bad signature (${verified.reason})` };
    text = verified.text;
    fingerprint = verified.fingerprint;
  }
  const parsed = parseJsonWith(source.url, text, RecordsSchema);
  if (!parsed.ok) return { ok: false, reason: parsed.error };
  return { ok: true, records: parsed.value, data: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), fingerprint };
}

/** Age of the last good copy against the policy's maximum, for the popup and the send check. */
export function copyAge(fetchedAt: string | null, now: Date, maxAgeHours: number): { ageMs: number | null; tooOld: boolean } {
  if (!fetchedAt) return { ageMs: null, tooOld: true };
  const ageMs = now.getTime() - Date.parse(fetchedAt);
  return { ageMs, tooOld: !(ageMs <= maxAgeHours * 3_600_000) };
}

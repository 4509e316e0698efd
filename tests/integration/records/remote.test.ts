// Records from the client system against a real HTTP server on loopback: updated, not modified
// (ETag / Last-Modified), down, slow, 500, bad JSON, bad signature, huge body. The last good copy
// stays in use through every failure, its age grows, and local additions are never touched.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDBFactory } from 'fake-indexeddb';
import { generateKey } from 'openpgp';
import { createRecordsStore, type RecordsStore } from '../../../utils/browser/storage/records-store.ts';
import { createAuditStore, type AuditStore } from '../../../utils/browser/storage/audit-store.ts';
import { refreshRemoteRecords } from '../../../utils/browser/records/remote.ts';
import { readRecords } from '../../../utils/browser/storage/load.ts';
import { copyAge } from '../../../utils/core/records/remote.ts';
import { signPolicyText } from '../../../utils/core/policy/signature.ts';
import { LocalAdditionSchema } from '../../../utils/core/records/local.ts';
import { makePolicy, RECORDS_RAW, hashOf } from '../../helpers/engine.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let server: Server;
let base: string;
let handler: Handler = (_req, res) => res.end();
const seen: IncomingMessage['headers'][] = [];
let keys: { privateKey: string; publicKey: string };
let otherKeys: { privateKey: string; publicKey: string };

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  keys = await generateKey({ userIDs: [{ name: 'Cliëntsysteem', email: 'crm@focus-nederland.nl' }], format: 'armored' });
  otherKeys = await generateKey({ userIDs: [{ name: 'Ander' }], format: 'armored' });
}, 60_000);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let clock = new Date('2026-11-25T08:00:00Z');
let store: RecordsStore;
let audit: AuditStore;
beforeEach(() => {
  const target = { factory: new IDBFactory(), name: 'test' };
  store = createRecordsStore(target);
  audit = createAuditStore(target);
  clock = new Date('2026-11-25T08:00:00Z');
  seen.length = 0;
});

// The policy names an https URL (the schema requires it); the test server is plain HTTP on
// loopback, so the fetch below maps the one to the other.
const policy = (patch: Record<string, unknown> = {}) => makePolicy({ recordsSource: { url: 'https://crm.focus-nederland.nl/reportguard/records.json', maxAgeHours: 24, ...patch } });
const toLoopback: typeof fetch = (input, init) => fetch(String(input).replace('https://crm.focus-nederland.nl', base), init);
const refresh = (p = policy(), extra: { timeoutMs?: number; maxBytes?: number } = {}) =>
  refreshRemoteRecords(p, { store, audit, fetch: toLoopback, now: () => clock, ...extra });
const json = (body: unknown, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

async function goodCopy() {
  handler = json(RECORDS_RAW, { etag: '"v1"', 'last-modified': 'Tue, 24 Nov 2026 20:00:00 GMT' });
  expect(await refresh()).toEqual({ kind: 'updated', clients: 2 });
}

/** fetch for the unreachable source: its port-1 address, on the loopback. */
const downFetch: typeof fetch = (input, init) => fetch(String(input).replace('https://crm.focus-nederland.nl:1', 'http://127.0.0.1:1'), init);

describe('records from the client system', () => {
  it('takes a good answer as the remote copy with its fetch time and validators, and audits it', async () => {
    await goodCopy();
    const copy = await store.getBase('remote');
    expect(copy).toMatchObject({ fileName: 'https://crm.focus-nederland.nl/reportguard/records.json', etag: '"v1"', loadedAt: clock.toISOString() });
    const entries = await audit.all();
    expect(entries.map((e) => [e.type, e.data.outcome])).toEqual([['records-fetched', 'updated']]);
    expect(entries[0]!.data.sha256).toBe(copy!.sha256);
  });

  it('sends If-None-Match / If-Modified-Since and takes 304 as "still current" (the age starts again)', async () => {
    await goodCopy();
    handler = (req, res) => {
      res.writeHead(req.headers['if-none-match'] === '"v1"' ? 304 : 200);
      res.end();
    };
    clock = new Date('2026-11-25T20:00:00Z');
    expect(await refresh()).toEqual({ kind: 'not-modified' });
    expect(seen.at(-1)).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': 'Tue, 24 Nov 2026 20:00:00 GMT' });
    expect((await store.getBase('remote'))!.loadedAt).toBe('2026-11-25T20:00:00.000Z');
    expect(await audit.count()).toBe(1); // a 304 is not news
  });

  const failures: { name: string; setup: () => Handler | 'down'; error: RegExp; opts?: { timeoutMs?: number; maxBytes?: number } }[] = [
    { name: 'down (nothing listens)', setup: () => 'down', error: /could not be reached/ },
    {
      name: 'slow (no answer in time)',
      setup: () => (_req, res) => {
        const t = setTimeout(() => res.end('{}'), 3000);
        res.on('close', () => clearTimeout(t));
      },
      error: /no answer within 1 s/,
      opts: { timeoutMs: 1000 },
    },
    { name: 'HTTP 500', setup: () => (_req, res) => (res.writeHead(500), res.end('stack trace here')), error: /^the client system answered HTTP 500$/ },
    { name: 'bad JSON', setup: () => json('{ "version": 1, "clients": [ '), error: /not valid JSON/ },
    { name: 'JSON of the wrong form', setup: () => json({ version: 1, clients: [{ id: 'C-1', email: 'geen adres' }] }), error: /clients\[0\]\.email: expected an e-mail address/ },
    {
      name: 'huge body (streamed, no length given)',
      setup: () => (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 64 && res.write(chunk)) sent++;
          if (sent < 64) res.once('drain', pump);
          else res.end();
        };
        res.on('close', () => (sent = 64));
        pump();
      },
      error: /larger than 1 MB/,
      opts: { maxBytes: 1024 * 1024 },
    },
    { name: 'huge body (announced)', setup: () => (_req, res) => (res.writeHead(200, { 'content-length': String(200 * 1024 * 1024) }), res.end()), error: /larger than 50 MB/ },
  ];

  for (const f of failures) {
    it(`keeps the last good copy when the source is ${f.name}, says why in one line and audits it once`, async () => {
      await goodCopy();
      const good = await store.getBase('remote');
      const setup = f.setup();
      let p = policy();
      if (setup === 'down') p = policy({ url: 'https://crm.focus-nederland.nl:1/records.json' });
      else handler = setup;
      const run = () => refreshRemoteRecords(p, { store, audit, fetch: setup === 'down' ? downFetch : toLoopback, now: () => clock, ...f.opts });
      const r = await run();
      expect(r.kind).toBe('refused');
      if (r.kind === 'refused') {
        expect(r.error).toMatch(f.error);
        expect(r.error).not.toContain('\n');
      }
      expect(await store.getBase('remote')).toEqual(good);
      expect(await store.getRemoteStatus()).toMatchObject({ ok: false, outcome: 'refused' });
      await run(); // the same failure again is not audited again
      expect((await audit.all()).map((e) => e.data.outcome)).toEqual(['updated', 'refused']);
    }, 20_000);
  }

  it('accepts only a bundle signed with the policy key when one is set', async () => {
    const p = policy({ publicKey: keys.publicKey });
    handler = json(RECORDS_RAW);
    expect(await refresh(p)).toEqual({ kind: 'refused', error: 'not signed, but the policy requires a signature' });
    const forged = await signPolicyText(JSON.stringify(RECORDS_RAW), otherKeys.privateKey);
    handler = (_req, res) => res.end(forged);
    const bad = await refresh(p);
    expect(bad.kind === 'refused' && bad.error).toMatch(/^bad signature/);
    const tampered = (await signPolicyText(JSON.stringify(RECORDS_RAW), keys.privateKey)).replace('J. de Vries', 'J. de Vriez');
    handler = (_req, res) => res.end(tampered);
    expect((await refresh(p)).kind).toBe('refused');
    expect(await store.getBase('remote')).toBeNull();
    const signed = await signPolicyText(JSON.stringify(RECORDS_RAW), keys.privateKey);
    handler = (_req, res) => res.end(signed);
    expect(await refresh(p)).toEqual({ kind: 'updated', clients: 2 });
    expect((await store.getBase('remote'))!.fingerprint).toMatch(/^[0-9a-f]{40,64}$/);
  }, 30_000);

  it('never touches local additions, and the send check reads remote + additions', async () => {
    await goodCopy();
    await store.addAddition(LocalAdditionSchema.parse({ id: 'a1', clientId: 'C-2001', recordedAt: clock.toISOString(), type: 'approval', documentSha256: hashOf('x'), approvedAt: clock.toISOString(), method: 'email' }));
    const changed = structuredClone(RECORDS_RAW);
    changed.clients[1]!.name = 'M. Visser-de Boer';
    handler = json(changed, { etag: '"v2"' });
    expect(await refresh()).toEqual({ kind: 'updated', clients: 2 });
    const read = await readRecords(store);
    expect(read.state).toBe('loaded');
    if (read.state !== 'loaded') return;
    expect(read.summary.source).toBe('remote');
    expect(read.value.clients[1]).toMatchObject({ name: 'M. Visser-de Boer', approvals: [{ documentSha256: hashOf('x') }] });
  });

  it('drops the remote copy when the policy no longer names a source', async () => {
    await goodCopy();
    expect(await refresh(makePolicy())).toEqual({ kind: 'no-source' });
    expect(await store.getBase('remote')).toBeNull();
  });

  it('copyAge: too old past maxAgeHours, and when never fetched', () => {
    expect(copyAge('2026-11-25T08:00:00Z', new Date('2026-11-26T08:00:00Z'), 24)).toEqual({ ageMs: 86_400_000, tooOld: false });
    expect(copyAge('2026-11-25T08:00:00Z', new Date('2026-11-26T08:00:01Z'), 24).tooOld).toBe(true);
    expect(copyAge(null, new Date(), 24)).toEqual({ ageMs: null, tooOld: true });
  });
});

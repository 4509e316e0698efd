import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadPolicyFile, loadRecordsFile, readPolicyFile, readRecords } from '../../../../utils/browser/storage/load.ts';
import { policyItem } from '../../../../utils/browser/storage/items.ts';
import { MINIMAL_POLICY_RAW } from '../../../helpers/engine.ts';

// The minimal policy plus a second, bare office and a field the schema doesn't know yet.
const policy = {
  ...MINIMAL_POLICY_RAW,
  regiokantoren: [...MINIMAL_POLICY_RAW.regiokantoren, { id: 'zwolle', name: 'Regiokantoor Zwolle', mailbox: 'zwolle@focus-nederland.nl' }],
  futureField: { kept: true },
};
const records = { version: 1, clients: [{ id: 'C-1042', name: 'J. de Vries' }, { id: 'C-7', name: 'K. Bakker' }] };

describe('loading policy and records files', () => {
  beforeEach(() => fakeBrowser.reset());

  it('stores a valid policy and summarises it', async () => {
    const r = await loadPolicyFile(JSON.stringify(policy), 'policy.json', new Date('2026-11-25T10:00:00Z'));
    expect(r).toMatchObject({ ok: true, summary: { organisation: 'Focus Nederland', regiokantoren: 2, fileName: 'policy.json' } });
    const read = await readPolicyFile();
    expect(read.state).toBe('loaded');
    if (read.state === 'loaded') {
      expect(read.value.maxAttachmentMB).toBe(25); // schema default applied on read
      expect(read.summary.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(read.summary.loadedAt).toBe('2026-11-25T10:00:00.000Z');
    }
    // unknown fields are kept in storage
    const stored = await policyItem.getValue();
    expect((stored!.data as { futureField: unknown }).futureField).toEqual({ kept: true });
  });

  it('reports a JSON syntax error in one line naming the file, and keeps the previous policy', async () => {
    await loadPolicyFile(JSON.stringify(policy), 'good.json');
    const r = await loadPolicyFile('{ "version": 1, ', 'broken.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/^broken\.json: not valid JSON/);
      expect(r.error).not.toContain('\n');
    }
    const read = await readPolicyFile();
    expect(read.state === 'loaded' && read.summary.fileName).toBe('good.json');
  });

  it('reports a schema error with the field path and what was expected', async () => {
    await loadPolicyFile(JSON.stringify(policy), 'good.json');
    const bad = structuredClone(policy) as { regiokantoren: { mailbox: unknown }[] };
    bad.regiokantoren[1]!.mailbox = 42;
    const r = await loadPolicyFile(JSON.stringify(bad), 'policy-bad.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain('policy-bad.json');
      expect(r.error).toContain('regiokantoren[1].mailbox');
      expect(r.error).toMatch(/expected/);
      expect(r.error).not.toContain('\n');
    }
    expect((await readPolicyFile()).state).toBe('loaded');
  });

  it('stores records and counts the clients; a bad file keeps them', async () => {
    const r = await loadRecordsFile(JSON.stringify(records), 'records.json');
    expect(r).toMatchObject({ ok: true, summary: { clients: 2 } });
    const bad = await loadRecordsFile(JSON.stringify({ version: 2, clients: [] }), 'records2.json');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^records2\.json: version: expected 1/);
    const read = await readRecords();
    expect(read.state === 'loaded' && read.summary.clients).toBe(2);
  });

  it('says none before anything is loaded, and invalid when storage was edited behind its back', async () => {
    expect((await readPolicyFile()).state).toBe('none');
    expect((await readRecords()).state).toBe('none');
    await policyItem.setValue({ data: { version: 1 }, fileName: 'policy.json', sha256: '0'.repeat(64), loadedAt: '2026-01-01T00:00:00Z' });
    const read = await readPolicyFile();
    expect(read.state).toBe('invalid');
    if (read.state === 'invalid') expect(read.error).toMatch(/^policy\.json: /);
  });

  it('accepts a file with a byte order mark', async () => {
    const r = await loadRecordsFile('\uFEFF' + JSON.stringify(records), 'records.json');
    expect(r.ok).toBe(true);
  });
});

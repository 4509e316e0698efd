// `reportguard audit verify-central FILE`: the central copy checked by the real CLI process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.ts';
import { appendEntry } from '../../../utils/core/audit/chain.ts';
import { toForwardRecord } from '../../../utils/core/audit/forward.ts';
import { toJsonLines } from '../../../utils/core/audit/jsonl.ts';
import type { AuditEntry } from '../../../utils/core/audit/types.ts';

let dir: string;
let lines: string[];
let log: AuditEntry[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-audit-'));
  log = [];
  for (let i = 0; i < 4; i++) log.push(await appendEntry(log.at(-1) ?? null, 'verdict', { checkId: `c${i}` }, '2026-11-25T12:00:00.000Z'));
  lines = log.map((e) => JSON.stringify(toForwardRecord('pc-17', e)));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reportguard audit verify-central', () => {
  it('says ok per source, with repeats dropped, and exits 0', async () => {
    await writeFile(join(dir, 'ok.ndjson'), [...lines, lines[1]].join('\n') + '\n');
    const r = await runCli(['audit', 'verify-central', join(dir, 'ok.ndjson')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^pc-17: ok, 4 entries 1–4, 1 repeat\(s\) dropped, head [0-9a-f]{64}\n$/);
    expect(r.code).toBe(0);
  });

  it('names a missing entry and exits 6', async () => {
    await writeFile(join(dir, 'gap.ndjson'), [lines[0], lines[2], lines[3]].join('\n'));
    const r = await runCli(['audit', 'verify-central', join(dir, 'gap.ndjson')]);
    expect(r.stdout).toBe('pc-17: BROKEN: entry 2 missing\n');
    expect(r.code).toBe(6);
  });

  it('refuses a file with no records, and a missing file, in one line', async () => {
    await writeFile(join(dir, 'empty.ndjson'), '\n');
    const empty = await runCli(['audit', 'verify-central', join(dir, 'empty.ndjson')]);
    expect(empty.stderr.trim().split('\n')).toHaveLength(1);
    expect(empty.code).toBe(2);
    const missing = await runCli(['audit', 'verify-central', join(dir, 'nope.ndjson')]);
    expect(missing.stderr).toMatch(/nope\.ndjson: cannot read audit export \(no such file\)\n$/);
    expect(missing.code).toBe(2);
  });
});

describe('reportguard audit verify (an export of the options page)', () => {
  it('says ok with the count and the head, exit 0', async () => {
    await writeFile(join(dir, 'log.jsonl'), toJsonLines(log));
    const r = await runCli(['audit', 'verify', join(dir, 'log.jsonl')]);
    expect(r.stdout).toMatch(/log\.jsonl: ok, 4 entries from entry 1, head [0-9a-f]{64}\n$/);
    expect(r.code).toBe(0);
  });

  it.each([
    ['edited', (l: AuditEntry[]) => l.map((e, i) => (i === 2 ? { ...e, data: { checkId: 'c9' } } : e)), 'line 3 (entry 3): entry content does not match its hash (changed)'],
    ['deleted', (l: AuditEntry[]) => l.filter((_, i) => i !== 1), 'line 2 (entry 3): sequence number 3, expected 2 (entry missing, added or moved)'],
    ['reordered', (l: AuditEntry[]) => [l[0]!, l[2]!, l[1]!, l[3]!], 'line 2 (entry 3): sequence number 3, expected 2 (entry missing, added or moved)'],
    ['cut at the start without a purge', (l: AuditEntry[]) => l.slice(1), 'line 1 (entry 2): starts at sequence number 2 with no purge recorded (entries removed from the start)'],
  ])('names the first broken line when an entry was %s, exit 6', async (name, tamper, expected) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.jsonl`);
    await writeFile(file, toJsonLines(tamper(log)));
    const r = await runCli(['audit', 'verify', file]);
    expect(r.stdout).toBe(`${file}: BROKEN at ${expected}\n`);
    expect(r.code).toBe(6);
  });

  it('a line that is not JSON, or an empty file: one line, exit 2', async () => {
    await writeFile(join(dir, 'bad.jsonl'), `${JSON.stringify(log[0])}\n{ nope\n`);
    const bad = await runCli(['audit', 'verify', join(dir, 'bad.jsonl')]);
    expect(bad.stderr).toMatch(/bad\.jsonl: audit export line 2: not valid JSON\n$/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.code).toBe(2);
    await writeFile(join(dir, 'none.jsonl'), '');
    const none = await runCli(['audit', 'verify', join(dir, 'none.jsonl')]);
    expect(none.code).toBe(2);
  });
});

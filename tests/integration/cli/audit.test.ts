// `reportguard audit verify-central FILE`: the central copy checked by the real CLI process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.ts';
import { appendEntry } from '../../../utils/core/audit/chain.ts';
import { toForwardRecord } from '../../../utils/core/audit/forward.ts';
import type { AuditEntry } from '../../../utils/core/audit/types.ts';

let dir: string;
let lines: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-audit-'));
  const log: AuditEntry[] = [];
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

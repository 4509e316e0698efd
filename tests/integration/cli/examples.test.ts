// The committed examples (README, demo) give the verdicts examples/generate.ts promises.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFiles } from '../../../cli/commands/check.ts';
import { runCli } from '../../helpers/cli.ts';
import { MESSAGES } from '../../../examples/generate.ts';

const root = fileURLToPath(new URL('../../../examples/', import.meta.url));
const NOW = new Date('2026-11-25T12:00:00Z');

describe('examples', () => {
  it.each(Object.entries(MESSAGES).map(([name, [, verdict]]) => [name, verdict] as const))('%s → %s', async (name, verdict) => {
    const v = await checkFiles({
      policyPath: join(root, 'policy.json'),
      recordsPath: join(root, 'records.json'),
      messagePath: join(root, 'messages', `${name}.json`),
      now: NOW,
      lang: 'nl',
    });
    expect(v.verdict).toBe(verdict);
  });

  it('the example policy validates through the CLI', async () => {
    const r = await runCli(['policy', 'validate', join(root, 'policy.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Focus Nederland: 3 regiokantoren');
  });
});

// `decision`: what happened after a verdict goes into the audit chain.
import { describe, expect, it } from 'vitest';
import { NOW } from '../../../../helpers/engine.ts';
import { useTestBackground, CONTENT_SCRIPT } from '../../../../helpers/background.ts';

const bg = useTestBackground();

describe('decision', () => {
  it('logs decisions in the chain', async () => {
    expect(await bg.handle({ kind: 'decision', checkId: 'check-9', action: 'warning-confirmed', details: { codes: 'PROGRESS_INFO' } }, CONTENT_SCRIPT)).toEqual({ ok: true });
    expect(await bg.handle({ kind: 'decision', checkId: 'check-9', action: 'sent' }, CONTENT_SCRIPT)).toEqual({ ok: true });
    const all = await bg.audit.all();
    expect(all.map((e) => [e.type, e.data['action']])).toEqual([['decision', 'warning-confirmed'], ['decision', 'sent']]);
    expect(all[0]!.at).toBe(NOW.toISOString());
    expect((await bg.audit.verify()).ok).toBe(true);
  });
});

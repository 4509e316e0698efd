// The request path before any handler: who may ask, and what a request must look like.
import { describe, expect, it } from 'vitest';
import { useTestBackground, CONTENT_SCRIPT, OPTIONS_PAGE } from '../../../../helpers/background.ts';

const bg = useTestBackground();

describe('who may ask', () => {
  it('refuses another extension, a web page and our content script on another site', async () => {
    for (const sender of [
      { ...CONTENT_SCRIPT, id: 'other-extension' },
      { url: 'http://127.0.0.1:8000/', tab: { id: 1 } },
      { ...CONTENT_SCRIPT, url: 'https://evil.example/' },
    ]) {
      const r = await bg.handle({ kind: 'status' }, sender);
      expect(r).toMatchObject({ ok: false });
      if (!r.ok) expect(r.error).toMatch(/^refused: /);
    }
    expect(await bg.audit.count()).toBe(0);
  });

  it('answers our content script and our options page', async () => {
    expect(await bg.handle({ kind: 'status' }, CONTENT_SCRIPT)).toEqual({ ok: true, policyLoaded: false, guard: true });
    expect(await bg.handle({ kind: 'status' }, OPTIONS_PAGE)).toEqual({ ok: true, policyLoaded: false, guard: true });
  });
});

describe('invalid requests', () => {
  it('are refused with one line naming the field', async () => {
    for (const raw of [undefined, 'status', { kind: 'nope' }, { kind: 'converted', sha256: 'x' }, { kind: 'analyse', composeKey: 'c', name: 'a', bytesB64: '%%%' }]) {
      const r = await bg.handle(raw, CONTENT_SCRIPT);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).not.toContain('\n');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { BRIDGE_ID, CONTENT_ID, syncContentScripts, wantedScripts, type RegisteredScript, type ScriptingLike } from '../../../../entrypoints/background/content-scripts.ts';

function fakeScripting(initial: RegisteredScript[] = []) {
  let registered = structuredClone(initial);
  const calls: string[] = [];
  const api: ScriptingLike = {
    getRegisteredContentScripts: async (filter) => registered.filter((s) => !filter?.ids || filter.ids.includes(s.id)),
    registerContentScripts: async (scripts) => {
      calls.push(`register ${scripts.map((s) => s.id).join(',')}`);
      for (const s of scripts) if (registered.some((r) => r.id === s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      registered.push(...structuredClone(scripts));
    },
    unregisterContentScripts: async (filter) => {
      calls.push(`unregister ${filter?.ids?.join(',')}`);
      registered = registered.filter((s) => !filter?.ids?.includes(s.id));
    },
  };
  return { api, calls, registered: () => registered };
}

describe('webmail content scripts registered at run time', () => {
  it('the bridge in the MAIN world and the content script, document_start, every frame', () => {
    const [bridge, content] = wantedScripts(['https://webmail.example.nl/*']);
    expect(bridge).toMatchObject({ id: BRIDGE_ID, world: 'MAIN', runAt: 'document_start', allFrames: true, js: ['content-scripts/roundcube-bridge.js'] });
    expect(content).toMatchObject({ id: CONTENT_ID, world: 'ISOLATED', runAt: 'document_start', allFrames: true, js: ['content-scripts/webmail.js'] });
  });

  it('registers on first start, leaves an equal registration alone, replaces a different one', async () => {
    const s = fakeScripting();
    expect(await syncContentScripts(s.api, ['http://127.0.0.1/*'])).toBe(true);
    expect(await syncContentScripts(s.api, ['http://127.0.0.1/*'])).toBe(false);
    expect(await syncContentScripts(s.api, ['https://webmail.example.nl/*', 'http://127.0.0.1/*'])).toBe(true);
    expect(s.calls).toEqual([`register ${BRIDGE_ID},${CONTENT_ID}`, `unregister ${BRIDGE_ID},${CONTENT_ID}`, `register ${BRIDGE_ID},${CONTENT_ID}`]);
    expect(s.registered().map((r) => r.matches)).toEqual([
      ['https://webmail.example.nl/*', 'http://127.0.0.1/*'],
      ['https://webmail.example.nl/*', 'http://127.0.0.1/*'],
    ]);
  });

  it('repairs half a registration (one script missing)', async () => {
    const [bridge] = wantedScripts(['http://127.0.0.1/*']);
    const s = fakeScripting([bridge!]);
    expect(await syncContentScripts(s.api, ['http://127.0.0.1/*'])).toBe(true);
    expect(s.registered().map((r) => r.id).toSorted()).toEqual([BRIDGE_ID, CONTENT_ID].toSorted());
  });
});

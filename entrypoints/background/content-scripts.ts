// The webmail content scripts, registered at run time (chrome.scripting.registerContentScripts)
// for the origins the managed configuration or the local admin names (utils/core/managed/origins.ts),
// so a firm's own webmail host needs no rebuild. Two scripts, as the manifest used to declare them:
// the MAIN-world bridge (hooks the webmail's own send paths before its scripts run) and the
// isolated-world content script, both at document_start in every frame. Registrations persist
// across browser restarts; they are compared with what should be registered at every service
// worker start and whenever the configuration changes, and replaced only when they differ.
// Host access for an origin comes from the install (host_permissions, granted to a
// force-installed extension) or from optional_host_permissions granted on the options page;
// without it Chrome simply does not inject, and the options page says so.

export const BRIDGE_ID = 'reportguard-bridge';
export const CONTENT_ID = 'reportguard-webmail';

export interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: string;
  world?: string;
  allFrames?: boolean;
  matchOriginAsFallback?: boolean;
  persistAcrossSessions?: boolean;
}

export interface ScriptingLike {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<RegisteredScript[]>;
  registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
}

/** What should be registered for `patterns` (sorted, unique match patterns). */
export function wantedScripts(patterns: readonly string[]): RegisteredScript[] {
  const common = { matches: [...patterns], runAt: 'document_start', allFrames: true, matchOriginAsFallback: true, persistAcrossSessions: true };
  return [
    { id: BRIDGE_ID, js: ['content-scripts/roundcube-bridge.js'], world: 'MAIN', ...common },
    { id: CONTENT_ID, js: ['content-scripts/webmail.js'], world: 'ISOLATED', ...common },
  ];
}

function same(a: RegisteredScript, b: RegisteredScript): boolean {
  const list = (x: string[] | undefined) => JSON.stringify([...(x ?? [])].toSorted());
  return (
    list(a.matches) === list(b.matches) &&
    list(a.js) === list(b.js) &&
    (a.runAt ?? 'document_idle') === (b.runAt ?? 'document_idle') &&
    (a.world ?? 'ISOLATED') === (b.world ?? 'ISOLATED') &&
    !!a.allFrames === !!b.allFrames &&
    !!a.matchOriginAsFallback === !!b.matchOriginAsFallback
  );
}

/**
 * Brings the registrations in line with `patterns`. Returns whether anything changed. Open tabs
 * keep what they were loaded with until reloaded (the options page says so); a tab whose
 * content script lost its extension fails closed on its own (see webmail.content).
 */
export async function syncContentScripts(api: ScriptingLike, patterns: readonly string[]): Promise<boolean> {
  const wanted = wantedScripts(patterns);
  const ids = wanted.map((s) => s.id);
  const have = await api.getRegisteredContentScripts({ ids });
  if (have.length === wanted.length && wanted.every((w) => have.some((h) => h.id === w.id && same(h, w)))) return false;
  if (have.length > 0) await api.unregisterContentScripts({ ids: have.map((h) => h.id) });
  // Bridge first: at document_start it must be in the page before the content script offers it
  // the private channel.
  await api.registerContentScripts(wanted);
  return true;
}

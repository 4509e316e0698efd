// What an import would change, shown before anything is stored (the options page's preview):
// clients added, changed and no longer present, and how many approvals and consents come in.
import { canonicalJson } from '../audit/canonical.ts';
import { canonicalId } from './lookup.ts';
import type { Records } from './schema.ts';

export interface ImportPreview {
  clients: number;
  added: string[];
  changed: string[];
  /** In the records held now, not in the import: they go (the import replaces the imported set). */
  removed: string[];
  approvals: number;
  healthConsents: number;
  profileConsents: number;
}

export function previewImport(current: Records | null, incoming: Records): ImportPreview {
  const before = new Map((current?.clients ?? []).map((c) => [canonicalId(c.id), c]));
  const seen = new Set<string>();
  const added: string[] = [];
  const changed: string[] = [];
  for (const c of incoming.clients) {
    const key = canonicalId(c.id);
    seen.add(key);
    const old = before.get(key);
    if (!old) added.push(c.id);
    else if (canonicalJson(JSON.parse(JSON.stringify(old))) !== canonicalJson(JSON.parse(JSON.stringify(c)))) changed.push(c.id);
  }
  const removed = [...before.entries()].filter(([k]) => !seen.has(k)).map(([, c]) => c.id);
  return {
    clients: incoming.clients.length,
    added,
    changed,
    removed,
    approvals: incoming.clients.reduce((n, c) => n + c.approvals.length, 0),
    healthConsents: incoming.clients.filter((c) => c.healthConsent?.written && !c.healthConsent.withdrawnAt).length,
    profileConsents: incoming.clients.filter((c) => c.profileConsent?.explicit).length,
  };
}

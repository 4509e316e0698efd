// Audit log export format: one entry per line, each in canonical JSON, oldest first. Anyone can
// re-check an export with verifyChain(parseJsonLines(text)) without the extension.

import { canonicalJson } from './canonical.ts';
import type { AuditEntry } from './types.ts';

export function toJsonLines(entries: readonly AuditEntry[]): string {
  return entries.map((e) => canonicalJson(e) + '\n').join('');
}

/** Throws one line naming the line number when a line is not JSON. */
export function parseJsonLines(text: string): AuditEntry[] {
  const out: AuditEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as AuditEntry);
    } catch {
      throw new Error(`audit export line ${i + 1}: not valid JSON`);
    }
  }
  return out;
}

// One short line per audit entry for the options page table: the ids, codes and hashes an admin
// looks for, shortened. Pure (no React) so it can be tested on its own.
import type { AuditEntry } from '../../utils/core/audit/types.ts';
import type { JsonValue } from '../../utils/core/audit/canonical.ts';

const short = (v: JsonValue | undefined) => (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? `${v.slice(0, 12)}…` : String(v));

function list(v: JsonValue | undefined): string {
  return Array.isArray(v) ? v.map((x) => short(x)).join(', ') : '';
}

export function describeEntry(entry: AuditEntry): string {
  const d = entry.data;
  const parts: string[] = [];
  switch (entry.type) {
    case 'verdict':
      parts.push(String(d['verdict']));
      if (list(d['codes'])) parts.push(list(d['codes']));
      if (list(d['to'])) parts.push(`→ ${list(d['to'])}`);
      if (d['client']) parts.push(`client ${String(d['client'])}`);
      parts.push(`check ${String(d['checkId']).slice(0, 8)}`);
      break;
    case 'decision':
      parts.push(String(d['action']), `check ${String(d['checkId']).slice(0, 8)}`);
      break;
    case 'analysis':
      parts.push(String(d['type']), short(d['sha256']));
      if (d['problem']) parts.push(String(d['problem']));
      if (d['fix']) parts.push(`${String(d['fix'])}${d['fixOk'] === false ? ' ✗' : ''}`);
      break;
    case 'policy-loaded':
      parts.push(String(d['organisation']), `${String(d['regiokantoren'])} regio`, short(d['sha256']));
      break;
    case 'policy-accepted':
      parts.push(`version ${String(d['version'])}`, String(d['url'] ?? d['source']), short(d['sha256']));
      break;
    case 'policy-rejected':
      parts.push(String(d['reason']), d['keptVersion'] === null || d['keptVersion'] === undefined ? 'no policy kept' : `version ${String(d['keptVersion'])} kept`);
      break;
    case 'policy-edited':
      parts.push([d['op'], d['value'] ?? d['mailbox'] ?? '', d['list'] ?? d['field'] ?? ''].filter((x) => x !== '').map(String).join(' '), d['regio'] ? String(d['regio']) : 'policy');
      break;
    case 'records-loaded':
      parts.push(`${String(d['clients'])} clients`, short(d['sha256']));
      break;
    default:
      parts.push(
        Object.entries(d)
          .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : short(v)}`)
          .join(' '),
      );
  }
  return parts.join(' · ');
}

// The audit log on the options page: chain verification, the latest entries, and an export of
// the whole log as JSON lines (which anyone can re-verify with utils/core/audit).
import { useEffect, useState } from 'react';
import type { AuditStore } from '../../utils/browser/storage/audit-store.ts';
import type { AuditEntry, ChainCheck } from '../../utils/core/audit/types.ts';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { options, opt } from '../../utils/core/i18n/options.ts';
import { chainBreakText } from '../../utils/core/i18n/records.ts';
import { staffDay } from '../../utils/core/i18n/time.ts';
import { describeEntry } from './describe-entry.ts';
import { oneLine } from '../../utils/core/errors.ts';

const SHOWN = 20;

export interface AuditLogProps {
  audit: AuditStore;
  lang: Lang;
  formatTime: (iso: string) => string;
}

type State = { kind: 'loading' } | { kind: 'error'; error: string } | { kind: 'ready'; check: ChainCheck; count: number; latest: AuditEntry[] };

async function readLog(audit: AuditStore): Promise<State> {
  try {
    const [check, count, latest] = await Promise.all([audit.verify(), audit.count(), audit.latest(SHOWN)]);
    return { kind: 'ready', check, count, latest };
  } catch (e) {
    return { kind: 'error', error: oneLine(e) };
  }
}

/** The parent remounts this (React `key`) after it appended an entry, so it reads the log afresh. */
export function AuditLog({ audit, lang, formatTime }: AuditLogProps) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    void readLog(audit).then((s) => {
      if (live) setState(s);
    });
    return () => {
      live = false;
    };
  }, [audit]);

  async function exportLog() {
    const text = await audit.exportJsonLines();
    const url = URL.createObjectURL(new Blob([text], { type: 'application/jsonl' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `reportguard-audit-${staffDay(new Date())}.jsonl`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  let status: string;
  let broken = false;
  if (state.kind === 'loading') status = '…';
  else if (state.kind === 'error') {
    status = opt(lang, 'audit.unavailable', { error: state.error });
    broken = true;
  } else if (!state.check.ok) {
    status = opt(lang, 'audit.broken', { index: state.check.brokenAt + 1, reason: chainBreakText(lang, state.check.break) });
    broken = true;
  } else if (state.count === 0) status = opt(lang, 'audit.empty');
  else status = opt(lang, state.count === 1 ? 'audit.ok.one' : 'audit.ok', { count: state.count });

  const typeLabel = (type: string) => {
    const key = `audit.type.${type}`;
    return options.has(key) ? opt(lang, key) : type;
  };

  return (
    <section className="rg-card" aria-labelledby="rg-audit-h">
      <h2 id="rg-audit-h">{opt(lang, 'audit.heading')}</h2>
      <p className="rg-meta">{opt(lang, 'audit.intro')}</p>
      <p className={broken ? 'rg-status rg-bad' : 'rg-status'} data-testid="audit-status" data-chain={broken ? 'broken' : 'ok'}>
        {status}
      </p>
      <div className="rg-actions">
        <button type="button" data-testid="audit-export" onClick={() => void exportLog()} disabled={state.kind !== 'ready' || state.count === 0}>
          {opt(lang, 'audit.export')}
        </button>
        <button type="button" onClick={() => void readLog(audit).then(setState)}>
          {opt(lang, 'audit.refresh')}
        </button>
      </div>
      {state.kind === 'ready' && state.latest.length > 0 ? (
        <table data-testid="audit-entries">
          <caption>{opt(lang, 'audit.latest', { count: state.latest.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{opt(lang, 'audit.col.seq')}</th>
              <th scope="col">{opt(lang, 'audit.col.at')}</th>
              <th scope="col">{opt(lang, 'audit.col.type')}</th>
              <th scope="col">{opt(lang, 'audit.col.details')}</th>
            </tr>
          </thead>
          <tbody>
            {state.latest.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td>{formatTime(e.at)}</td>
                <td>{typeLabel(e.type)}</td>
                <td className="rg-details">{describeEntry(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

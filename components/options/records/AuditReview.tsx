// The audit log for the privacy officer (issue 12 item 7): entries of one client and/or a period,
// exported as JSON Lines or CSV, and the whole chain verified — a break named by the line of the
// JSON Lines export and the entry's sequence number. The whole-log JSON Lines export is the one
// that verifies by itself (utils/core/audit/jsonl.ts); a selection is for reading.
import { useId, useState } from 'react';
import type { Lang } from '../../../utils/core/i18n/lang.ts';
import { chainBreakText, rec } from '../../../utils/core/i18n/records.ts';
import type { AuditStore } from '../../../utils/browser/storage/audit-store.ts';
import type { AuditEntry } from '../../../utils/core/audit/types.ts';
import { filterEntries, toCsv, clientOf } from '../../../utils/core/audit/query.ts';
import { toJsonLines } from '../../../utils/core/audit/jsonl.ts';
import { verifyChain } from '../../../utils/core/audit/chain.ts';
import { ClientSelect } from '../../records/ClientSelect.tsx';
import { describeEntry } from '../describe-entry.ts';
import { download, today } from '../../records/download.ts';
import { staffMoment } from '../../../utils/core/i18n/time.ts';

const SHOWN = 50;

/** Start and end of a picked day on the office's calendar (Europe/Amsterdam), as ISO; empty is open. */
function bound(value: string, end: boolean): string | null {
  const t = end ? staffMoment(value, 23, 59, 59, 999) : staffMoment(value);
  return t ? t.toISOString() : null;
}

type Result = { entries: AuditEntry[]; total: number; filtered: boolean };
type Check = { ok: true; text: string } | { ok: false; text: string };

export function AuditReview({ lang, audit, clients, formatTime }: { lang: Lang; audit: AuditStore; clients: readonly { id: string; name: string }[]; formatTime(iso: string): string }) {
  const id = useId();
  const [client, setClient] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [busy, setBusy] = useState(false);

  async function select(): Promise<Result> {
    const all = await audit.all();
    const filter = { client: client || null, from: bound(from, false), to: bound(to, true) };
    const filtered = !!(filter.client || filter.from || filter.to);
    const r = { entries: filtered ? filterEntries(all, filter) : all, total: all.length, filtered };
    setResult(r);
    return r;
  }

  async function run<T>(f: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    try {
      return await f();
    } finally {
      setBusy(false);
    }
  }

  async function verify() {
    const all = await audit.all();
    const c = await verifyChain(all);
    if (c.ok) setCheck({ ok: true, text: rec(lang, 'audit.verifyOk', { count: c.length, first: c.firstSeq }) });
    else setCheck({ ok: false, text: rec(lang, 'audit.verifyBroken', { line: c.brokenAt + 1, seq: all[c.brokenAt]?.seq ?? '?', reason: chainBreakText(lang, c.break) }) });
  }

  const name = () => `reportguard-audit${client ? `-${client}` : ''}${from ? `-from-${from}` : ''}${to ? `-to-${to}` : ''}-${today()}`;

  return (
    <section className="rg-card" aria-labelledby={`${id}-h`} data-testid="audit-review">
      <h2 id={`${id}-h`}>{rec(lang, 'audit.heading')}</h2>
      <p className="rg-meta">{rec(lang, 'audit.intro')}</p>
      <form className="rg-filter" onSubmit={(e) => (e.preventDefault(), void run(select))}>
        <div>
          <label htmlFor={`${id}-c`}>{rec(lang, 'audit.client')}</label>
          <ClientSelect id={`${id}-c`} lang={lang} clients={clients} value={client} onChange={setClient} empty={rec(lang, 'audit.allClients')} />
        </div>
        <div>
          <label htmlFor={`${id}-from`}>{rec(lang, 'audit.from')}</label>
          <input id={`${id}-from`} type="date" name="from" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div>
          <label htmlFor={`${id}-to`}>{rec(lang, 'audit.to')}</label>
          <input id={`${id}-to`} type="date" name="to" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        </div>
        <button type="submit" disabled={busy}>
          {rec(lang, 'audit.show')}
        </button>
      </form>
      <div className="rg-actions">
        <button type="button" disabled={busy} data-testid="audit-export-jsonl" onClick={() => void run(async () => download(toJsonLines((await select()).entries), `${name()}.jsonl`, 'application/jsonl'))}>
          {rec(lang, 'audit.exportJsonl')}
        </button>
        <button type="button" disabled={busy} data-testid="audit-export-csv" onClick={() => void run(async () => download(toCsv((await select()).entries), `${name()}.csv`, 'text/csv'))}>
          {rec(lang, 'audit.exportCsv')}
        </button>
        <button type="button" disabled={busy} data-testid="audit-verify" onClick={() => void run(verify)}>
          {rec(lang, 'audit.verify')}
        </button>
      </div>
      {check ? (
        <p className={check.ok ? 'rg-status' : 'rg-status rg-bad'} role="status" data-testid="audit-verify-result" data-chain={check.ok ? 'ok' : 'broken'}>
          {check.text}
        </p>
      ) : null}
      {result ? (
        <>
          <p className="rg-status" data-testid="audit-selection">
            {rec(lang, result.filtered ? 'audit.countOf' : 'audit.count', { count: result.entries.length, total: result.total })}
          </p>
          {result.entries.length ? (
            <table data-testid="audit-selection-entries">
              <caption>{rec(lang, 'audit.shown', { count: Math.min(SHOWN, result.entries.length) })}</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{rec(lang, 'audit.col.at')}</th>
                  <th scope="col">{rec(lang, 'audit.col.type')}</th>
                  <th scope="col">{rec(lang, 'audit.client')}</th>
                  <th scope="col">{rec(lang, 'audit.col.details')}</th>
                </tr>
              </thead>
              <tbody>
                {result.entries
                  .slice(-SHOWN)
                  .toReversed()
                  .map((e) => (
                    <tr key={e.seq}>
                      <td>{e.seq}</td>
                      <td>{formatTime(e.at)}</td>
                      <td>{e.type}</td>
                      <td>{clientOf(e) ?? ''}</td>
                      <td className="rg-details">{describeEntry(e)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

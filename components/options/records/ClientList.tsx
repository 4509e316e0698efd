// The clients as the send check sees them (base with the local additions): approvals, written
// health consent (or its withdrawal), CV/profile consent — so staff see at once what is recorded.
import { useId } from 'react';
import type { Lang } from '../../../utils/core/i18n/lang.ts';
import { rec } from '../../../utils/core/i18n/records.ts';
import type { ClientRecord } from '../../../utils/core/records/schema.ts';

function consentText(lang: Lang, c: ClientRecord, day: (iso: string) => string): string {
  const h = c.healthConsent;
  if (!h || !h.written) return rec(lang, 'client.consentNo');
  if (h.withdrawnAt) return rec(lang, 'client.consentWithdrawn', { date: day(h.withdrawnAt) });
  return rec(lang, 'client.consentYes', { date: day(h.givenAt) });
}

export function ClientList({ lang, clients, day }: { lang: Lang; clients: readonly ClientRecord[]; day: (iso: string) => string }) {
  const id = useId();
  return (
    <section className="rg-card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{rec(lang, 'clients.heading')}</h2>
      {clients.length === 0 ? (
        <p>{rec(lang, 'clients.none')}</p>
      ) : (
        <table data-testid="client-list">
          <thead>
            <tr>
              <th scope="col">{rec(lang, 'clients.col.client')}</th>
              <th scope="col">{rec(lang, 'clients.col.approvals')}</th>
              <th scope="col">{rec(lang, 'clients.col.consent')}</th>
            </tr>
          </thead>
          <tbody>
            {clients.map((c) => (
              <tr key={c.id} data-client={c.id}>
                <td>
                  {c.id} {c.name ?? ''}
                </td>
                <td>{rec(lang, c.approvals.length === 1 ? 'client.approvals.one' : 'client.approvals', { count: c.approvals.length })}</td>
                <td>
                  {consentText(lang, c, day)}
                  {c.profileConsent?.explicit ? `; ${rec(lang, c.profileConsent.anonymisedOnly ? 'client.profileAnon' : 'client.profileYes')}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

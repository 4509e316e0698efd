// The records sections of the options page (issue 12 items 1, 3, 4, 6, 7, 8): what staff record
// (approval of an exact document, written health consent with its evidence or its withdrawal,
// CV/profile consent), the open follow-ups, import with preview and export, the clients as the
// send check sees them, the audit log for the privacy officer, and inzage/deletion on request.
// Each section is its own component; this one reads the records once per change and passes them on.
import { useEffect, useId, useState } from 'react';
import type { Lang } from '../../../utils/core/i18n/lang.ts';
import { rec } from '../../../utils/core/i18n/records.ts';
import type { Records } from '../../../utils/core/records/schema.ts';
import type { FollowUp } from '../../../utils/core/records/follow-ups.ts';
import { ApprovalForm } from '../../records/ApprovalForm.tsx';
import { ConsentForm } from '../../records/ConsentForm.tsx';
import { FollowUpList } from '../../records/FollowUpList.tsx';
import { RecordsImport } from './RecordsImport.tsx';
import { ClientList } from './ClientList.tsx';
import { AuditReview } from './AuditReview.tsx';
import { Inzage } from './Inzage.tsx';
import type { RecordsServices } from './services.ts';
import { formatStaffTime } from '../../../utils/core/i18n/time.ts';

export type { RecordsServices } from './services.ts';

export interface RecordsSectionsProps {
  lang: Lang;
  services: RecordsServices;
  formatTime(iso: string): string;
  /** Bumped by the page when storage changed elsewhere (a file loaded above, another tab). */
  revision: number;
  /** Called after this part changed something (the page re-reads its own state and audit log). */
  onChanged(): void;
}

export function RecordsSections({ lang, services, formatTime, revision, onChanged }: RecordsSectionsProps) {
  const id = useId();
  const [records, setRecords] = useState<Records | null>(null);
  const [followUps, setFollowUps] = useState<FollowUp[]>([]);
  const [own, setOwn] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const day = (iso: string) => formatStaffTime(lang, iso, 'day');

  useEffect(() => {
    let live = true;
    void Promise.all([services.readRecords(), services.deps.store.followUps()]).then(([r, f]) => {
      if (!live) return;
      setRecords(r.state === 'loaded' ? r.value : null);
      setFollowUps(f.filter((x) => x.doneAt === null));
    });
    return () => {
      live = false;
    };
  }, [services, revision, own]);

  const changed = () => {
    setOwn((n) => n + 1);
    onChanged();
  };
  const done = (text: string) => {
    setMessage(text);
    changed();
  };
  const clients = (records?.clients ?? []).map((c) => ({ id: c.id, name: c.name ?? '' }));

  return (
    <>
      <section className="rg-card rg-records" aria-labelledby={`${id}-h`} data-testid="records-record">
        <h2 id={`${id}-h`}>{rec(lang, 'record.heading')}</h2>
        {message ? (
          <p className="rg-status rg-ok" role="status" data-testid="records-message">
            {message}
          </p>
        ) : null}
        <h3>{rec(lang, 'followups.heading')}</h3>
        <FollowUpList lang={lang} deps={services.deps} followUps={followUps} clients={clients} when={formatTime} onDone={done} />
        <div className="rg-columns">
          <div>
            <h3>{rec(lang, 'approval.heading')}</h3>
            <ApprovalForm lang={lang} deps={services.deps} clients={clients} onDone={done} />
          </div>
          <div>
            <h3>{rec(lang, 'consent.heading')}</h3>
            <ConsentForm lang={lang} deps={services.deps} clients={clients} onDone={done} />
          </div>
        </div>
      </section>
      <ClientList lang={lang} clients={records?.clients ?? []} day={day} />
      <RecordsImport lang={lang} services={services} records={records} onChanged={changed} />
      <AuditReview lang={lang} audit={services.deps.audit} clients={clients} formatTime={formatTime} />
      <Inzage lang={lang} deps={services.deps} clients={clients} onChanged={changed} />
    </>
  );
}

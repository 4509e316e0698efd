// The options (beheer) page, contracts §6: two file inputs that validate and store at once,
// what is loaded now, the last load error in one line (the previous file stays in use), and the
// audit log. Services are passed in so the page holds no storage logic of its own.
import { useCallback, useEffect, useState } from 'react';
import type { AuditStore } from '../../utils/browser/storage/audit-store.ts';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { opt, type OptionsKey } from '../../utils/core/i18n/options.ts';
import type { Loaded, LoadResult, PolicySummary, RecordsSummary } from '../../utils/browser/storage/load.ts';
import { AuditLog } from './AuditLog.tsx';
import { FileLoader } from './FileLoader.tsx';
import { RecordsSections, type RecordsServices } from './records/RecordsSections.tsx';

export interface OptionsServices {
  lang: Lang;
  loadPolicyFile(text: string, fileName: string): Promise<LoadResult<PolicySummary>>;
  loadRecordsFile(text: string, fileName: string): Promise<LoadResult<RecordsSummary>>;
  readPolicy(): Promise<Loaded<unknown, PolicySummary>>;
  readRecords(): Promise<Loaded<unknown, RecordsSummary>>;
  /** Calls back when the stored policy or records change (e.g. in another tab); returns an unsubscribe. */
  watch(onChange: () => void): () => void;
  audit: AuditStore;
  /** The records sections (issue 12); absent, the page shows only the file inputs and the audit log. */
  records?: RecordsServices;
}

type Shown<S> = Loaded<unknown, S> | { state: 'loading' };

export function OptionsApp({ services }: { services: OptionsServices }) {
  const { lang, audit } = services;
  const [policy, setPolicy] = useState<Shown<PolicySummary>>({ state: 'loading' });
  const [records, setRecords] = useState<Shown<RecordsSummary>>({ state: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [auditRevision, setAuditRevision] = useState(0);

  const formatTime = useCallback(
    (iso: string) =>
      new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso)),
    [lang],
  );

  // What is stored now; re-read when storage changes (this page's loads included, and other tabs).
  useEffect(() => {
    let live = true;
    const read = () =>
      Promise.all([services.readPolicy(), services.readRecords()]).then(([p, r]) => {
        if (!live) return;
        setPolicy(p);
        setRecords(r);
      });
    void read();
    const stop = services.watch(() => void read());
    return () => {
      live = false;
      stop();
    };
  }, [services]);

  async function readText(file: File): Promise<string | null> {
    try {
      return await file.text();
    } catch {
      setError(opt(lang, 'load.unreadable', { fileName: file.name }));
      return null;
    }
  }

  /** Read, validate and store one chosen file; on success show it and record it in the audit log. */
  async function loadFile<S>(
    file: File,
    load: (text: string, fileName: string) => Promise<LoadResult<S>>,
    show: (summary: S) => void,
    record: (summary: S) => Promise<unknown>,
  ) {
    const text = await readText(file);
    if (text === null) return;
    const result = await load(text, file.name);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    show(result.summary);
    await record(result.summary).catch(() => undefined);
    setAuditRevision((n) => n + 1);
  }

  const onPolicyFile = (file: File) =>
    loadFile(
      file,
      (text, name) => services.loadPolicyFile(text, name),
      (s) => setPolicy({ state: 'loaded', value: null, summary: s }),
      (s) => audit.append('policy-loaded', { fileName: s.fileName, sha256: s.sha256, organisation: s.organisation, regiokantoren: s.regiokantoren }),
    );

  const onRecordsFile = (file: File) =>
    loadFile(
      file,
      (text, name) => services.loadRecordsFile(text, name),
      (s) => setRecords({ state: 'loaded', value: null, summary: s }),
      (s) => audit.append('records-loaded', { fileName: s.fileName, sha256: s.sha256, clients: s.clients }),
    );

  /** What is loaded now, in one line: the summary, the stored file's error, or that there is none. */
  const statusOf = <S,>(shown: Shown<S>, loaded: (summary: S) => string, none: OptionsKey): string =>
    shown.state === 'loaded'
      ? loaded(shown.summary)
      : shown.state === 'invalid'
        ? opt(lang, 'file.invalidStored', { error: shown.error })
        : shown.state === 'none'
          ? opt(lang, none)
          : '…';

  const meta = (s: { fileName: string; loadedAt: string }) => opt(lang, 'file.meta', { fileName: s.fileName, loadedAt: formatTime(s.loadedAt) });

  return (
    <main className="rg-page">
      <h1>{opt(lang, 'page.title')}</h1>
      <p className="rg-intro">{opt(lang, 'page.intro')}</p>
      {error ? (
        <p className="rg-error" role="alert" data-testid="load-error">
          {error}
        </p>
      ) : null}
      <FileLoader
        name="policy"
        heading={opt(lang, 'policy.heading')}
        label={opt(lang, 'policy.label')}
        busyText={opt(lang, 'load.reading')}
        status={statusOf(
          policy,
          (s) => opt(lang, s.regiokantoren === 1 ? 'policy.loaded.one' : 'policy.loaded', { organisation: s.organisation, regiokantoren: s.regiokantoren }),
          'policy.none',
        )}
        meta={policy.state === 'loaded' ? meta(policy.summary) : undefined}
        onFile={onPolicyFile}
      />
      <FileLoader
        name="records"
        heading={opt(lang, 'records.heading')}
        label={opt(lang, 'records.label')}
        busyText={opt(lang, 'load.reading')}
        status={statusOf(records, (s) => opt(lang, s.clients === 1 ? 'records.loaded.one' : 'records.loaded', { clients: s.clients }), 'records.none')}
        meta={records.state === 'loaded' ? meta(records.summary) : undefined}
        onFile={onRecordsFile}
      />
      {services.records ? (
        <RecordsSections
          lang={lang}
          services={services.records}
          formatTime={formatTime}
          revision={auditRevision}
          onChanged={() => {
            setAuditRevision((n) => n + 1);
            void services.readRecords().then(setRecords);
          }}
        />
      ) : null}
      <AuditLog key={auditRevision} audit={audit} lang={lang} formatTime={formatTime} />
    </main>
  );
}

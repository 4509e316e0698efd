// The options (beheer) page, one section component each: where the policy comes from (managed,
// signed URL, local file) and the mode; contracts §6's two file inputs that validate and store at
// once (the policy input is disabled where the policy is managed or in staff mode); the admin
// console (editing the policy where allowed, or reading it); the audit log. Services are passed
// in so the page holds no storage logic of its own.
import { useCallback, useEffect, useState } from 'react';
import type { AuditStore } from '../../utils/browser/storage/audit-store.ts';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { opt, type OptionsKey } from '../../utils/core/i18n/options.ts';
import type { Loaded, LoadResult, PolicySummary, RecordsSummary } from '../../utils/browser/storage/load.ts';
import { AuditLog } from './AuditLog.tsx';
import { FileLoader } from './FileLoader.tsx';
import { RecordsSections, type RecordsServices } from './records/RecordsSections.tsx';
import { PolicySource } from './PolicySource.tsx';
import { PolicyConsole, type ConsolePolicy } from './console/PolicyConsole.tsx';
import type { PolicyState } from '../../utils/browser/storage/effective-policy.ts';
import type { SaveResult } from '../../utils/browser/storage/policy-edits.ts';
import type { RefreshOutcome } from '../../utils/browser/policy-refresh.ts';
import type { PolicyChange } from '../../utils/core/policy/changes.ts';
import type { Policy } from '../../utils/core/policy/schema.ts';
import { con } from '../../utils/core/i18n/console.ts';
import { WebmailOrigins } from './WebmailOrigins.tsx';
import type { OriginChange, OriginRow } from '../../utils/browser/storage/webmail-origins.ts';
import { formatStaffTime } from '../../utils/core/i18n/time.ts';
import type { GuardState } from '../../utils/browser/storage/items.ts';

export interface OptionsServices {
  lang: Lang;
  loadPolicyFile(text: string, fileName: string): Promise<LoadResult<PolicySummary>>;
  loadRecordsFile(text: string, fileName: string): Promise<LoadResult<RecordsSummary>>;
  readRecords(): Promise<Loaded<unknown, RecordsSummary>>;
  /** The effective policy with where it comes from, the mode and the last fetch (effective-policy.ts). */
  readPolicyState(): Promise<PolicyState>;
  /** Saves console changes as local edits (checked and audited by the storage layer). */
  saveEdits(changes: PolicyChange[]): Promise<SaveResult>;
  /** Fetches the signed policy from the managed policy URL now. */
  refreshPolicy(): Promise<RefreshOutcome>;
  /** The guarded webmail origins with host access, and this PC's own origins (admin mode). */
  webmail: {
    read(): Promise<(OriginRow & { access: boolean })[]>;
    add(origin: string): Promise<OriginChange>;
    remove(origin: string): Promise<OriginChange>;
    grant(patterns: string[]): Promise<boolean>;
    /** The network guard's last install (utils/browser/storage/items.ts guardStateItem). */
    guard(): Promise<GuardState | null>;
  };
  /** Calls back when anything stored or managed changes (e.g. in another tab or by policy); returns an unsubscribe. */
  watch(onChange: () => void): () => void;
  audit: AuditStore;
  /** The records sections (issue 12); absent, the page shows only the file inputs and the audit log. */
  records?: RecordsServices;
}

function consolePolicy(policy: Policy): ConsolePolicy {
  const medical = (policy as { medicalRecipients?: unknown }).medicalRecipients;
  return {
    organisation: policy.organisation,
    version: policy.version,
    regiokantoren: policy.regiokantoren.map((r) => ({ id: r.id, name: r.name, mailbox: r.mailbox, staff: r.staff, allowedRecipients: r.allowedRecipients })),
    medicalRecipients: Array.isArray(medical) ? medical.filter((m): m is string => typeof m === 'string') : [],
  };
}

type Shown<S> = Loaded<unknown, S> | { state: 'loading' };
export type { PolicySummary };

export function OptionsApp({ services }: { services: OptionsServices }) {
  const { lang, audit } = services;
  const [policyState, setPolicyState] = useState<PolicyState | null>(null);
  const [origins, setOrigins] = useState<(OriginRow & { access: boolean })[]>([]);
  const [guard, setGuard] = useState<GuardState | null>(null);
  const [records, setRecords] = useState<Shown<RecordsSummary>>({ state: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [auditRevision, setAuditRevision] = useState(0);

  const formatTime = useCallback(
    (iso: string) => formatStaffTime(lang, iso, 'second'),
    [lang],
  );

  // What is stored now; re-read when storage changes (this page's loads included, and other tabs).
  useEffect(() => {
    let live = true;
    const read = () =>
      Promise.all([services.readPolicyState(), services.readRecords(), services.webmail.read(), services.webmail.guard().catch(() => null)]).then(([p, r, o, g]) => {
        if (!live) return;
        setPolicyState(p);
        setRecords(r);
        setOrigins(o);
        setGuard(g);
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
      () => void services.readPolicyState().then(setPolicyState),
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
  const effective = policyState?.effective;
  /** The effective policy as the file loader's status line shows it (managed or local). */
  const policyShown: Shown<{ organisation: string; regiokantoren: number }> = !effective
    ? { state: 'loading' }
    : effective.state === 'loaded'
      ? { state: 'loaded', value: null, summary: { organisation: effective.policy.organisation, regiokantoren: effective.policy.regiokantoren.length } }
      : effective;
  const managedPolicy = effective?.state === 'loaded' ? effective.source !== 'local-file' : effective?.state === 'invalid' ? effective.source !== 'local-file' : false;
  const fileLocked = policyState !== null && (policyState.mode === 'staff' || managedPolicy || policyState.managed.config.policy !== undefined || policyState.managed.config.policyUrl !== undefined);

  async function saveEdits(changes: PolicyChange[]): Promise<{ ok: true } | { ok: false; error: string }> {
    const r = await services.saveEdits(changes);
    setPolicyState(await services.readPolicyState());
    setAuditRevision((n) => n + 1);
    return r.ok ? { ok: true } : r;
  }

  async function refreshPolicy(): Promise<RefreshOutcome> {
    const r = await services.refreshPolicy();
    setPolicyState(await services.readPolicyState());
    setAuditRevision((n) => n + 1);
    return r;
  }

  return (
    <main className="rg-page">
      <h1>{opt(lang, 'page.title')}</h1>
      <p className="rg-intro">{opt(lang, 'page.intro')}</p>
      {error ? (
        <p className="rg-error" role="alert" data-testid="load-error">
          {error}
        </p>
      ) : null}
      {policyState ? <PolicySource lang={lang} state={policyState} formatTime={formatTime} refresh={refreshPolicy} /> : null}
      {policyState ? (
        <WebmailOrigins
          lang={lang}
          mode={policyState.mode}
          webmail={{
            rows: origins,
            guard,
            add: async (o) => {
              const r = await services.webmail.add(o);
              setOrigins(await services.webmail.read());
              return r;
            },
            remove: async (o) => {
              const r = await services.webmail.remove(o);
              setOrigins(await services.webmail.read());
              return r;
            },
            grant: async (patterns) => {
              const granted = await services.webmail.grant(patterns);
              setOrigins(await services.webmail.read());
              return granted;
            },
          }}
        />
      ) : null}
      <FileLoader
        name="policy"
        heading={opt(lang, 'policy.heading')}
        label={opt(lang, 'policy.label')}
        busyText={opt(lang, 'load.reading')}
        status={statusOf(
          policyShown,
          (s) => opt(lang, s.regiokantoren === 1 ? 'policy.loaded.one' : 'policy.loaded', { organisation: s.organisation, regiokantoren: s.regiokantoren }),
          'policy.none',
        )}
        meta={effective?.state === 'loaded' && effective.source === 'local-file' && policyState?.file ? meta(policyState.file) : undefined}
        disabledReason={fileLocked ? con(lang, policyState?.mode === 'staff' && !managedPolicy ? 'source.fileDisabledStaff' : 'source.fileDisabled') : undefined}
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
      {policyState && effective?.state === 'loaded' ? (
        <PolicyConsole lang={lang} mode={policyState.mode} data={effective.data} policy={consolePolicy(effective.policy)} editable={effective.editable} save={saveEdits} />
      ) : null}
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

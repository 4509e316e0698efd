// Service worker: wiring only. The request handling lives in ./requests/ (one file per kind).
// Listeners are registered synchronously at start so a message wakes the worker and is answered.
import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import { createBackgroundHandler } from './requests/index.ts';
import { createOffscreenRelay } from './offscreen-relay.ts';
import { createInBackgroundPipeline, type PipelineHost } from './pipeline-host.ts';
import { withKeepAlive } from './keep-alive.ts';
import { createDocumentCache } from '../../utils/browser/storage/document-cache.ts';
import { createAuditStore } from '../../utils/browser/storage/audit-store.ts';
import { readRecords } from '../../utils/browser/storage/load.ts';
import { readPolicy } from '../../utils/browser/storage/effective-policy.ts';
import { createRecordsStore } from '../../utils/browser/storage/records-store.ts';
import { isOffscreenKind } from '../../utils/core/messaging/offscreen.ts';
import { uiLangFrom } from '../../utils/core/i18n/lang.ts';
import { oneLine } from '../../utils/core/errors.ts';
import { createForwardStore } from '../../utils/browser/storage/audit-forward.ts';
import { readCollectorConfig, type ManagedCollectorKeys } from '../../utils/browser/storage/collector-config.ts';
import { createAuditForwarder, forwardingAudit } from './audit-forwarder.ts';
import { RECORDS_ALARM, RETENTION_ALARM, refreshMinutes, refreshRecords, runRetention, type ScheduleDeps } from './records-schedule.ts';
import { readManaged, watchManaged } from '../../utils/browser/storage/managed.ts';
import { signedPolicyItem } from '../../utils/browser/storage/items.ts';
import { syncContentScripts, type ScriptingLike } from './content-scripts.ts';
import { refreshSignedPolicy } from '../../utils/browser/policy-refresh.ts';
import { REFRESH_ALARM, scheduleRefresh } from './policy-schedule.ts';
import { createDerivedDocuments } from '../../utils/browser/storage/derived-documents.ts';
import { liveWebmailOrigins } from '../../utils/browser/webmail/origins.ts';
import { startSendGuard } from './guard-host.ts';
import { watchedInputCache } from './input-cache.ts';

/** Whole analysis of one attachment, start of the offscreen document included. */
const ANALYSIS_TIMEOUT_MS = 90_000;
/** Central audit: wakes the worker to send what is still queued (timers die with the worker). */
const FORWARD_ALARM = 'audit-forward';

/**
 * The managed keys of central audit, from the one managed-configuration reader. A URL that is set
 * but unusable stays "set" (as an empty one), so forwarding holds instead of falling back to a
 * local collector the admin did not choose.
 */
async function managedCollectorKeys(): Promise<ManagedCollectorKeys> {
  const { config, errors } = await readManaged();
  const badUrl = errors.some((e) => e.startsWith('managed storage: auditCollectorUrl:'));
  return {
    ...(config.auditCollectorUrl !== undefined ? { auditCollectorUrl: config.auditCollectorUrl } : badUrl ? { auditCollectorUrl: '' } : {}),
    ...(config.auditCollectorFormat !== undefined ? { auditCollectorFormat: config.auditCollectorFormat } : {}),
    ...(config.auditCollectorAuthorization !== undefined ? { auditCollectorAuthorization: config.auditCollectorAuthorization } : {}),
  };
}

export default defineBackground(() => {
  // The document pipeline: in the offscreen document (Chromium), in this page (Firefox: an event
  // page with a DOM). The build knows which: the other host is not in the bundle at all.
  const pipeline: PipelineHost =
    import.meta.env.BROWSER === 'firefox'
      ? createInBackgroundPipeline(() => import('../offscreen/deps.ts').then((m) => m.createPipelineDeps()), { timeoutMs: ANALYSIS_TIMEOUT_MS })
      : createOffscreenRelay(
          {
            hasDocument: () => browser.offscreen.hasDocument(),
            createDocument: (params) => browser.offscreen.createDocument(params),
            closeDocument: () => browser.offscreen.closeDocument(),
            sendMessage: (message) => browser.runtime.sendMessage(message),
          },
          { url: browser.runtime.getURL('/offscreen.html'), timeoutMs: ANALYSIS_TIMEOUT_MS },
        );

  // Central audit: every entry also goes to the collector, from the queue in IndexedDB.
  const forwardStore = createForwardStore(() => crypto.randomUUID());
  const forwarder = createAuditForwarder({
    store: forwardStore,
    config: () => readCollectorConfig(managedCollectorKeys),
    fetch: (url, init) => fetch(url, { ...init, credentials: 'omit', cache: 'no-store' }),
    now: () => new Date(),
    random: Math.random,
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });
  const flush = () => {
    forwarder.flush().catch((e: unknown) => console.warn(`ReportGuard: audit forwarding failed: ${oneLine(e)}`));
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FORWARD_ALARM) flush();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && 'auditCollector' in changes)) flush();
    // The options page logs its loads itself; their storage change is the sign to look.
    else if (area === 'local') forwarder.poke();
  });
  browser.runtime.onStartup.addListener(flush);
  void browser.alarms.get(FORWARD_ALARM).then((a) => (a ? undefined : browser.alarms.create(FORWARD_ALARM, { periodInMinutes: 1 })));
  flush();

  // Every audit entry is also queued for the collector.
  // Records: the client system's copy on an alarm; retention at start and daily.
  const recordsStore = createRecordsStore();
  // The policy and records the checks read, kept here between requests (./input-cache.ts); the
  // policy is dropped on any change of the storage it is made from (this listener is registered
  // before anything can read it).
  const inputs = watchedInputCache({ readPolicy, readRecords: () => readRecords(recordsStore), recordsRevision: () => recordsStore.revision() }, browser.storage.onChanged);
  const audit = forwardingAudit(createAuditStore(), forwarder);
  const cache = createDocumentCache();
  const schedule: ScheduleDeps = {
    policy: () => readPolicy().then((p) => (p.state === 'loaded' ? p.value : null)),
    records: recordsStore,
    audit,
    cache,
    fetch: (url, init) => fetch(url, { ...init, credentials: 'omit', cache: 'no-store' }),
    now: () => new Date(),
    holdFromSeq: () => forwardStore.holdFromSeq(),
  };
  const warn = (what: string) => (e: unknown) => console.warn(`ReportGuard: ${what} failed: ${oneLine(e)}`);
  const planRecords = async () => {
    const minutes = refreshMinutes(await schedule.policy());
    const current = await browser.alarms.get(RECORDS_ALARM);
    if (minutes === null) {
      if (current) await browser.alarms.clear(RECORDS_ALARM);
    } else if (!current || current.periodInMinutes !== minutes) {
      await browser.alarms.create(RECORDS_ALARM, { periodInMinutes: minutes, delayInMinutes: 0.1 });
    }
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RECORDS_ALARM) refreshRecords(schedule).catch(warn('fetching the client records'));
    if (alarm.name === RETENTION_ALARM) runRetention(schedule).catch(warn('retention'));
  });
  browser.storage.onChanged.addListener((changes, area) => {
    // A new effective policy (file, edits, managed or signed) may name another records source, another interval or none.
    if (area === 'managed' || (area === 'local' && ('policy' in changes || 'policyEdits' in changes || 'signedPolicy' in changes))) planRecords().then(() => refreshRecords(schedule)).catch(warn('fetching the client records'));
  });
  void recordsStore.migrate().catch(warn('moving the records'));
  void planRecords().then(() => refreshRecords(schedule)).catch(warn('fetching the client records'));
  void runRetention(schedule).catch(warn('retention'));
  void browser.alarms.get(RETENTION_ALARM).then((a) => (a ? undefined : browser.alarms.create(RETENTION_ALARM, { periodInMinutes: 24 * 60 })));
  // The webmail origins (managed and local, one place: utils/browser/webmail/origins.ts): the
  // content scripts are registered for them (./content-scripts.ts) and the network guard's rules
  // and observation cover them (./send-guard.ts: what leaves the webmail is what was checked).
  const origins = liveWebmailOrigins();
  const { guard, ready: guardReady, detected } = startSendGuard(audit, origins);
  const syncWebmail = () =>
    origins.ready
      .then(() => syncContentScripts(browser.scripting as unknown as ScriptingLike, origins.patterns()))
      .catch((e: unknown) => console.warn(`ReportGuard: registering the webmail content scripts failed: ${oneLine(e)}`));
  origins.onChange(() => void syncWebmail());
  browser.runtime.onInstalled.addListener(() => void syncWebmail());
  void syncWebmail();

  // The signed policy from the managed policy URL (see policy-schedule.ts for when).
  const refresh = () =>
    refreshSignedPolicy({
      readManaged,
      fetch: (url, init) => fetch(url, init),
      audit: (type, data) => audit.append(type, data),
      now: () => new Date(),
    }).catch((e: unknown) => console.warn(`ReportGuard: policy refresh failed: ${oneLine(e)}`));
  const syncManaged = async (fetchNow: boolean) => {
    const managed = await readManaged();
    await scheduleRefresh(browser.alarms, managed);
    const url = managed.config.policyUrl;
    if (url === undefined) return;
    if (fetchNow || (await signedPolicyItem.getValue())?.url !== url) await refresh();
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) void refresh();
  });
  watchManaged(() => void syncManaged(true));
  browser.runtime.onStartup.addListener(() => void syncManaged(true));
  browser.runtime.onInstalled.addListener(() => void syncManaged(true));
  void syncManaged(false);

  const handle = createBackgroundHandler({
    extensionId: browser.runtime.id,
    extensionBaseUrl: browser.runtime.getURL('/'),
    webmailPatterns: async () => (await origins.ready, origins.patterns()),
    readPolicy: () => inputs.readPolicy(),
    readRecords: () => inputs.readRecords(),
    cache,
    audit,
    records: recordsStore,
    derived: createDerivedDocuments(),
    webmails: { detected },
    guard: {
      active: () => guard.active(),
      sessionState: (key) => guard.sessionState(key),
      issueRelease: async (request, tabId) => (await guardReady, guard.issueRelease(request, tabId)),
    },
    analyseOffscreen: (sha256, name, settings) =>
      withKeepAlive(pipeline.analyse(sha256, name, settings), () => browser.runtime.getPlatformInfo()),
    lang: () => uiLangFrom(browser.i18n.getUILanguage()),
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    openPage: async (path) => void (await browser.tabs.create({ url: browser.runtime.getURL(path as '/popup.html') })),
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Requests for the offscreen document pass by here too; they are not ours to answer.
    if (isOffscreenKind(message)) return false;
    handle(message, sender).then(sendResponse, (e: unknown) =>
      sendResponse({ ok: false, error: `background error: ${oneLine(e)}` }),
    );
    return true;
  });
});

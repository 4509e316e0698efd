// The background as the request handlers see it, for tests: real storage (fakeBrowser), the
// document cache and audit log in a fresh fake IndexedDB, and the offscreen handler with the real
// document analysis behind `analyseOffscreen`. `useTestBackground()` at the top of a test file gives
// every test a fresh one (storage reset too).
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { createBackgroundHandler, type BackgroundDeps, type BackgroundHandler } from '../../entrypoints/background/requests/index.ts';
import { createDocumentCache, type DocumentCache } from '../../utils/browser/storage/document-cache.ts';
import { createAuditStore, type AuditStore } from '../../utils/browser/storage/audit-store.ts';
import { readRecords } from '../../utils/browser/storage/load.ts';
import { readPolicy } from '../../utils/browser/storage/effective-policy.ts';
import { createDerivedDocuments } from '../../utils/browser/storage/derived-documents.ts';
import { createRecordsStore } from '../../utils/browser/storage/records-store.ts';
import { watchedInputCache } from '../../entrypoints/background/input-cache.ts';
import { handleOffscreenRequest } from '../../entrypoints/offscreen/handler.ts';
import { prepareForSend } from '../../utils/core/documents/send-fix.ts';
import { sha256Hex } from '../../utils/core/documents/hash.ts';
import type { AnalysisSettings, OffscreenAnalyseResponse } from '../../utils/core/messaging/offscreen.ts';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import type { ComposeMessage } from '../../utils/core/messaging/protocol.ts';
import { bytesToBase64 } from '../../utils/core/messaging/base64.ts';
import { NOW, approvalOf } from './engine.ts';

export const EXTENSION_ID = 'test-extension-id';
export const EXTENSION_BASE = `chrome-extension://${EXTENSION_ID}/`;
/** Our content script in Roundcube's compose screen. */
export const CONTENT_SCRIPT = { id: EXTENSION_ID, url: 'http://127.0.0.1:8000/?_task=mail&_action=compose&_id=abc', tab: { id: 1 }, frameId: 0 };
/** Our options page. */
export const OPTIONS_PAGE = { id: EXTENSION_ID, url: `${EXTENSION_BASE}options.html` };

export interface TestBackground {
  deps: BackgroundDeps;
  /** createBackgroundHandler(deps): the whole request path, sender check included. */
  handle: BackgroundHandler;
  cache: DocumentCache;
  audit: AuditStore;
  /** Every call of analyseOffscreen, in order. */
  offscreenCalls: { sha256: string; settings: AnalysisSettings }[];
  /** Set `down` to make the offscreen document not answer (as after its timeout). */
  offscreen: { down: boolean };
  /** Every webmail a content script reported (request 'webmail'), in order. */
  detections: { origin: string; name: string }[];
  /** What the guard answers a detection: set `active` false for a guard whose rules the browser refused. */
  guardAfterDetection: { active: boolean };
  /** Extension pages the background opened in a tab (deps.openPage). */
  opened: string[];
}

/** A fresh background before every test of the file (fakeBrowser storage reset as well). */
export function useTestBackground(options: { lang?: Lang; idPrefix?: string } = {}): TestBackground {
  const current = {} as TestBackground;
  beforeEach(() => {
    fakeBrowser.reset();
    Object.assign(current, testBackground(options));
  });
  return current;
}

export function testBackground(options: { lang?: Lang; idPrefix?: string } = {}): TestBackground {
  const target = { factory: new IDBFactory(), name: 'test' };
  const cache = createDocumentCache(target);
  const audit = createAuditStore(target);
  const offscreenCalls: TestBackground['offscreenCalls'] = [];
  const offscreen = { down: false };
  const detections: { origin: string; name: string }[] = [];
  const guardAfterDetection = { active: true };
  const opened: string[] = [];
  let id = 0;
  // The page's own database (a fresh fake per test, tests/setup), as readRecords uses it.
  const records = createRecordsStore();
  // As the worker reads them: kept between requests, the policy dropped on storage changes.
  const inputs = watchedInputCache({ readPolicy, readRecords: () => readRecords(records), recordsRevision: () => records.revision() }, fakeBrowser.storage.onChanged);
  const deps: BackgroundDeps = {
    webmails: {
      detected: async (origin, name) => {
        detections.push({ origin, name });
        return guardAfterDetection.active;
      },
    },
    // The network guard has its own tests (tests/unit/entrypoints/background/send-guard.test.ts).
    guard: {
      active: () => true,
      sessionState: () => ({ generation: 'g.0.0', busy: false }),
      issueRelease: async () => ({ ok: true, token: '0'.repeat(32) }),
    },
    extensionId: EXTENSION_ID,
    extensionBaseUrl: EXTENSION_BASE,
    webmailPatterns: async () => ['http://127.0.0.1/*'],
    readPolicy: () => inputs.readPolicy(),
    readRecords: () => inputs.readRecords(),
    cache,
    audit,
    records,
    derived: createDerivedDocuments(target),
    async analyseOffscreen(sha256, name, settings): Promise<OffscreenAnalyseResponse> {
      offscreenCalls.push({ sha256, settings });
      if (offscreen.down) return { ok: false, error: 'document analysis did not finish within 90 s' };
      return (await handleOffscreenRequest(
        { kind: 'offscreen.analyse', sha256, name, settings },
        { cache, prepareForSend, sha256Hex },
      )) as OffscreenAnalyseResponse;
    },
    lang: () => options.lang ?? 'en',
    now: () => NOW,
    newId: () => `${options.idPrefix ?? 'check'}-${++id}`,
    openPage: async (path) => void opened.push(path),
  };
  return { deps, handle: createBackgroundHandler(deps), cache, audit, offscreenCalls, offscreen, detections, guardAfterDetection, opened };
}

/** An `analyse` request for a file attached in compose screen `compose-1`. */
export const analyseRequest = (name: string, bytes: Uint8Array) => ({ kind: 'analyse', composeKey: 'compose-1', name, bytesB64: bytesToBase64(bytes) });

/**
 * A report from A. Jansen about client C-1042 to the given recipients, as the content script
 * reads it; its body holds a sentence that must never reach the audit log.
 */
export const composeTo = (to: string[]): ComposeMessage => ({
  from: 'A. Jansen <a.jansen@focus-nederland.nl>',
  to,
  cc: [],
  bcc: [],
  subject: 'Rapportage C-1042',
  body: 'Zie bijlage. Vertrouwelijke inhoud die nooit in het auditlog mag staan.',
  client: 'C-1042',
  reportKind: 'full',
  containsHealthData: null,
  healthOverrideJustification: null,
});

/** Records with one client, C-1042, who approved the document with this hash. */
export function recordsWithApproval(sha: string) {
  return {
    version: 1,
    clients: [{ id: 'C-1042', name: 'J. de Vries', email: 'jdevries@example.org', approvals: [approvalOf(sha)] }],
  };
}

// Options page wiring: real storage (managed configuration included), the audit store, the
// browser's UI language.
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { OptionsApp, type OptionsServices } from '../../components/options/OptionsApp.tsx';
import { createAuditStore } from '../../utils/browser/storage/audit-store.ts';
import { uiLangFrom, isLang } from '../../utils/core/i18n/lang.ts';
import { opt } from '../../utils/core/i18n/options.ts';
import { loadPolicyFile, loadRecordsFile, previewRecordsFile, readRecords } from '../../utils/browser/storage/load.ts';
import { createRecordsStore } from '../../utils/browser/storage/records-store.ts';
import { readPolicyState, keepsConsentEvidence } from '../../utils/browser/storage/effective-policy.ts';
import { saveEdits } from '../../utils/browser/storage/policy-edits.ts';
import { readManaged } from '../../utils/browser/storage/managed.ts';
import { refreshSignedPolicy } from '../../utils/browser/policy-refresh.ts';
import { guardStateItem } from '../../utils/browser/storage/items.ts';
import { addLocalOrigin, readWebmailOrigins, removeLocalOrigin } from '../../utils/browser/storage/webmail-origins.ts';

// The browser's UI language decides (as for the send dialog); `options.html?lang=nl` overrides it,
// for admins on an English browser and for screenshots on machines with only the en-US locale.
const requested = new URLSearchParams(location.search).get('lang');
const lang = isLang(requested) ? requested : uiLangFrom(browser.i18n.getUILanguage());
document.documentElement.lang = lang;
document.title = opt(lang, 'page.title');

const audit = createAuditStore();
const store = createRecordsStore();
const services: OptionsServices = {
  lang,
  loadPolicyFile: (text, fileName) => loadPolicyFile(text, fileName),
  loadRecordsFile: (text, fileName) => loadRecordsFile(text, fileName),
  readRecords,
  readPolicyState,
  saveEdits: (changes) => saveEdits(changes, audit),
  refreshPolicy: () =>
    refreshSignedPolicy({ readManaged, fetch: (url, init) => fetch(url, init), audit: (type, data) => audit.append(type, data), now: () => new Date() }),
  webmail: {
    async read() {
      const rows = await readWebmailOrigins();
      return Promise.all(rows.map(async (r) => ({ ...r, access: await browser.permissions.contains({ origins: [r.pattern] }).catch(() => false) })));
    },
    // A change of what is guarded is audited like a policy edit.
    async add(origin) {
      const r = await addLocalOrigin(origin);
      if (r.ok) await audit.append('webmail-origin-added', { pattern: r.pattern }).catch(() => undefined);
      return r;
    },
    async remove(origin) {
      const r = await removeLocalOrigin(origin);
      if (r.ok) await audit.append('webmail-origin-removed', { pattern: r.pattern }).catch(() => undefined);
      return r;
    },
    // Called straight from the click (a user gesture), before anything else is awaited.
    grant: (patterns) => browser.permissions.request({ origins: patterns }).catch(() => false),
    guard: () => guardStateItem.getValue(),
  },
  watch(onChange) {
    // Local storage (this page, other tabs, the background's fetches) and managed storage (policy).
    const listener = (_changes: unknown, area: string) => {
      if (area === 'local' || area === 'managed') onChange();
    };
    browser.storage.onChanged.addListener(listener);
    // Host access granted or withdrawn (here, or on chrome://extensions).
    const permissions = () => onChange();
    browser.permissions.onAdded.addListener(permissions);
    browser.permissions.onRemoved.addListener(permissions);
    return () => {
      browser.storage.onChanged.removeListener(listener);
      browser.permissions.onAdded.removeListener(permissions);
      browser.permissions.onRemoved.removeListener(permissions);
    };
  },
  audit,
  records: {
    deps: { store, audit, now: () => new Date(), newId: () => crypto.randomUUID(), keepConsentEvidence: keepsConsentEvidence },
    readRecords: () => readRecords(store),
    preview: (text, fileName) => previewRecordsFile(text, fileName, store),
    importFile: (text, fileName) => loadRecordsFile(text, fileName, new Date(), store),
  },
};

createRoot(document.getElementById('root')!).render(<OptionsApp services={services} />);

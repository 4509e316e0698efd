// Options page wiring: real storage, the audit store, the browser's UI language.
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { OptionsApp, type OptionsServices } from '../../components/options/OptionsApp.tsx';
import { createAuditStore } from '../../utils/browser/storage/audit-store.ts';
import { uiLangFrom, isLang } from '../../utils/core/i18n/lang.ts';
import { opt } from '../../utils/core/i18n/options.ts';
import { policyItem, recordsItem } from '../../utils/browser/storage/items.ts';
import { loadPolicyFile, loadRecordsFile, previewRecordsFile, readRecords } from '../../utils/browser/storage/load.ts';
import { readPolicy } from '../../utils/browser/storage/effective-policy.ts';
import { createRecordsStore } from '../../utils/browser/storage/records-store.ts';

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
  readPolicy,
  readRecords,
  watch(onChange) {
    const stops = [policyItem.watch(onChange), recordsItem.watch(onChange)];
    return () => stops.forEach((stop) => stop());
  },
  audit,
  records: {
    deps: { store, audit, now: () => new Date(), newId: () => crypto.randomUUID() },
    readRecords: () => readRecords(store),
    preview: (text, fileName) => previewRecordsFile(text, fileName, store),
    importFile: (text, fileName) => loadRecordsFile(text, fileName, new Date(), store),
  },
};

createRoot(document.getElementById('root')!).render(<OptionsApp services={services} />);

// Toolbar popup wiring: the records store, the audit log and the UI language (`?lang=` overrides
// it, as on the options page, for screenshots and tests).
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { PopupApp, type PopupServices } from '../../components/popup/PopupApp.tsx';
import { createAuditStore } from '../../utils/browser/storage/audit-store.ts';
import { createRecordsStore } from '../../utils/browser/storage/records-store.ts';
import { readOverview } from '../../utils/browser/records/overview.ts';
import { keepsConsentEvidence } from '../../utils/browser/storage/effective-policy.ts';
import { isLang, uiLangFrom } from '../../utils/core/i18n/lang.ts';
import { rec } from '../../utils/core/i18n/records.ts';

const requested = new URLSearchParams(location.search).get('lang');
const lang = isLang(requested) ? requested : uiLangFrom(browser.i18n.getUILanguage());
document.documentElement.lang = lang;
document.title = rec(lang, 'popup.title');

const store = createRecordsStore();
const audit = createAuditStore();
const services: PopupServices = {
  lang,
  deps: { store, audit, now: () => new Date(), newId: () => crypto.randomUUID(), keepConsentEvidence: keepsConsentEvidence },
  overview: () => readOverview(store, audit, new Date()),
  openOptions: () => void browser.runtime.openOptionsPage(),
  approve: new URLSearchParams(location.search).get('approve'),
};

createRoot(document.getElementById('root')!).render(<PopupApp services={services} />);

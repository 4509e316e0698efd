// Reasons the background gives when it cannot run the send check (filled into the CHECK_FAILED
// sentence of the finding catalog) and for fixes that cannot be applied. Dutch by default.
import type { Lang, Params } from './index.ts';
import { fillPlaceholders } from './fill.ts';

const nl = {
  'check.noPolicy': 'er is geen beleid geladen',
  'check.policyInvalid': 'het opgeslagen beleid is ongeldig',
  'check.recordsInvalid': 'het opgeslagen cliëntenbestand is ongeldig',
  'check.attachmentNotChecked': 'bijlage {file} is nog niet gecontroleerd',
  'check.engineError': 'interne fout in de controle',
  'check.auditUnavailable': 'het auditlogboek kan niet bijgewerkt worden',
  'fix.failed': 'omzetten naar PDF mislukt',
} as const;

export type BackgroundKey = keyof typeof nl;

const en: Record<BackgroundKey, string> = {
  'check.noPolicy': 'no policy loaded',
  'check.policyInvalid': 'the stored policy is invalid',
  'check.recordsInvalid': 'the stored client records are invalid',
  'check.attachmentNotChecked': 'attachment {file} has not been checked yet',
  'check.engineError': 'internal error in the check',
  'check.auditUnavailable': 'the audit log cannot be written',
  'fix.failed': 'conversion to PDF failed',
};

const catalogs: Record<Lang, Record<BackgroundKey, string>> = { nl, en };

export function bg(lang: Lang, key: BackgroundKey, params: Params = {}): string {
  return fillPlaceholders((catalogs[lang] ?? nl)[key], params);
}

// Words of the options (beheer) page. Dutch by default, English when the browser UI is English
// (the same rule as the send dialog and the findings).
import type { Lang, Params } from './index.ts';
import { fillPlaceholders } from './fill.ts';

const nl = {
  'page.title': 'ReportGuard – beheer',
  'page.intro': 'Laad hier het beleid en het cliëntenbestand van de organisatie. Een bestand wordt meteen gecontroleerd en opgeslagen; bij een fout blijft het vorige bestand in gebruik.',
  'policy.heading': 'Beleid',
  'policy.label': 'Beleidsbestand (policy.json)',
  'policy.none': 'Nog geen beleid geladen. Zolang er geen beleid is, houdt ReportGuard elke rapportage tegen.',
  'policy.loaded': '{organisation}: {regiokantoren} regiokantoren',
  'policy.loaded.one': '{organisation}: 1 regiokantoor',
  'records.heading': 'Cliëntenbestand',
  'records.label': 'Cliëntenbestand (records.json)',
  'records.none': 'Nog geen cliëntenbestand geladen.',
  'records.loaded': '{clients} cliënten',
  'records.loaded.one': '1 cliënt',
  'file.meta': 'bestand {fileName}, geladen op {loadedAt}',
  'file.invalidStored': 'Het opgeslagen bestand is ongeldig: {error}',
  'load.reading': 'Bezig met laden…',
  'load.unreadable': '{fileName}: kan het bestand niet lezen',
  'audit.heading': 'Auditlogboek',
  'audit.intro': 'Elke controle en elke beslissing wordt vastgelegd, zonder de inhoud van berichten of bijlagen. Elke regel bevat de vingerafdruk van de vorige, zodat wijzigen of weghalen opvalt.',
  'audit.ok': 'Keten in orde: {count} regels.',
  'audit.ok.one': 'Keten in orde: 1 regel.',
  'audit.empty': 'Nog geen regels.',
  'audit.broken': 'Keten verbroken bij regel {index}: {reason}',
  'audit.unavailable': 'Het auditlogboek kan niet gelezen worden: {error}',
  'audit.export': 'Exporteren (JSON Lines)',
  'audit.refresh': 'Vernieuwen',
  'audit.latest': 'Laatste {count} regels',
  'audit.col.seq': 'Nr.',
  'audit.col.at': 'Tijd',
  'audit.col.type': 'Soort',
  'audit.col.details': 'Gegevens',
  'audit.type.verdict': 'Controle',
  'audit.type.decision': 'Beslissing',
  'audit.type.analysis': 'Bijlage geanalyseerd',
  'audit.type.policy-loaded': 'Beleid geladen',
  'audit.type.records-loaded': 'Cliëntenbestand geladen',
} as const;

export type OptionsKey = keyof typeof nl;

const en: Record<OptionsKey, string> = {
  'page.title': 'ReportGuard – administration',
  'page.intro': 'Load the organisation’s policy and client records here. A file is checked and stored at once; if it has an error, the previous file stays in use.',
  'policy.heading': 'Policy',
  'policy.label': 'Policy file (policy.json)',
  'policy.none': 'No policy loaded yet. Until there is one, ReportGuard stops every report.',
  'policy.loaded': '{organisation}: {regiokantoren} regional offices',
  'policy.loaded.one': '{organisation}: 1 regional office',
  'records.heading': 'Client records',
  'records.label': 'Client records (records.json)',
  'records.none': 'No client records loaded yet.',
  'records.loaded': '{clients} clients',
  'records.loaded.one': '1 client',
  'file.meta': 'file {fileName}, loaded {loadedAt}',
  'file.invalidStored': 'The stored file is invalid: {error}',
  'load.reading': 'Loading…',
  'load.unreadable': '{fileName}: cannot read the file',
  'audit.heading': 'Audit log',
  'audit.intro': 'Every check and every decision is recorded, without the content of messages or attachments. Each line carries the fingerprint of the one before, so changes and deletions show.',
  'audit.ok': 'Chain intact: {count} lines.',
  'audit.ok.one': 'Chain intact: 1 line.',
  'audit.empty': 'No lines yet.',
  'audit.broken': 'Chain broken at line {index}: {reason}',
  'audit.unavailable': 'The audit log cannot be read: {error}',
  'audit.export': 'Export (JSON Lines)',
  'audit.refresh': 'Refresh',
  'audit.latest': 'Latest {count} lines',
  'audit.col.seq': 'No.',
  'audit.col.at': 'Time',
  'audit.col.type': 'Kind',
  'audit.col.details': 'Details',
  'audit.type.verdict': 'Check',
  'audit.type.decision': 'Decision',
  'audit.type.analysis': 'Attachment analysed',
  'audit.type.policy-loaded': 'Policy loaded',
  'audit.type.records-loaded': 'Client records loaded',
};

const catalogs: Record<Lang, Record<OptionsKey, string>> = { nl, en };

export function opt(lang: Lang, key: OptionsKey, params: Params = {}): string {
  return fillPlaceholders((catalogs[lang] ?? nl)[key], params);
}

export function isOptionsKey(key: string): key is OptionsKey {
  return Object.hasOwn(nl, key);
}

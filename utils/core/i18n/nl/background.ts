// Dutch: reasons the background gives when it cannot run the send check (filled into the
// CHECK_FAILED sentence of ./findings.ts) and for fixes that cannot be applied.
export const background = {
  'check.noPolicy': 'er is geen beleid geladen',
  'check.policyInvalid': 'het opgeslagen beleid is ongeldig',
  'check.recordsInvalid': 'het opgeslagen cliëntenbestand is ongeldig',
  'check.attachmentNotChecked': 'bijlage {file} is nog niet gecontroleerd',
  'check.engineError': 'interne fout in de controle',
  'check.auditUnavailable': 'het auditlogboek kan niet bijgewerkt worden',
  'fix.failed': 'omzetten naar PDF mislukt',
} as const;

export type BackgroundKey = keyof typeof background;

// UI strings of the send dialog and the attachment status (content script). Findings' sentences
// come already localised from the background; this catalog holds only the dialog's own words.
// Dutch by default, English when the browser UI language is English.
import type { Lang, Params } from './index.ts';
import { fillPlaceholders } from './fill.ts';

const nl = {
  'dialog.title.block': 'Deze mail kan zo niet verstuurd worden',
  'dialog.title.warn': 'Controleer dit voor u verstuurt',
  'dialog.title.allow': 'ReportGuard',
  'dialog.title.error': 'Verzenden tegengehouden',
  'dialog.intro.block': 'ReportGuard heeft het verzenden tegengehouden. Er gaat niets verloren: uw bericht, ontvangers en bijlagen blijven staan.',
  'dialog.intro.warn': 'U kunt versturen nadat u het onderstaande heeft bevestigd.',
  'dialog.back': 'Terug naar bericht',
  'dialog.confirm': 'Bevestigen en versturen',
  'dialog.recheck': 'Opnieuw controleren',
  'dialog.checking': 'Bezig met controleren…',
  'dialog.sending': 'Bezig met versturen…',
  'dialog.findings': 'Bevindingen',
  'dialog.subject': 'Betreft: {subject}',
  'dialog.client.label': 'Cliënt',
  'dialog.client.choose': 'Kies een cliënt…',
  'dialog.kind.label': 'Soort rapportage',
  'dialog.kind.full': 'Volledige rapportage',
  'dialog.kind.progress': 'Korte voortgangsinformatie',
  'dialog.ground.label': 'Uitzonderingsgrond (in plaats van goedkeuring door de cliënt)',
  'dialog.ground.none': 'Geen uitzonderingsgrond',
  'dialog.ground.contract': 'Uitvoering van een overeenkomst',
  'dialog.ground.legal-obligation': 'Wettelijke verplichting',
  'dialog.ground.vital-interest': 'Vitaal belang',
  'dialog.ground.legitimate-interest': 'Gerechtvaardigd belang',
  'dialog.justification.label': 'Toelichting (minstens 20 tekens)',
  'dialog.health.label': 'Deze mail bevat toch geen gezondheidsgegevens, want… (minstens 20 tekens)',
  'dialog.tooShort': 'Nog {n} tekens nodig.',
  'dialog.close': 'Sluiten',
  'status.checking': 'ReportGuard controleert…',
  'status.ok': 'Gecontroleerd',
  'status.converted': 'Wordt omgezet naar PDF',
  'status.flattened': 'Wordt als vlakke PDF verstuurd',
  'status.problem': 'Probleem: {reason}',
  'status.label': 'ReportGuard-status van {file}: {status}',
  'status.short.checking': 'controle…',
  'status.short.ok': 'OK',
  'status.short.converted': '→ PDF',
  'status.short.flattened': 'vlakke PDF',
  'status.short.problem': 'probleem',
  'fail.layout': 'ReportGuard kan dit verzendscherm niet controleren ({missing}); daarom is verzenden geblokkeerd. Meld dit bij de beheerder.',
  'fail.background': 'ReportGuard kon de controle niet uitvoeren ({reason}); daarom is verzenden geblokkeerd.',
  'fail.timeout': 'ReportGuard kreeg te lang geen antwoord ({step}); daarom is verzenden geblokkeerd. Probeer het opnieuw.',
  'fail.attachment': 'ReportGuard kon bijlage {file} niet lezen ({reason}); daarom is verzenden geblokkeerd.',
  'fail.uploading': 'Er wordt nog een bijlage geüpload. Wacht tot het uploaden klaar is en verstuur dan opnieuw.',
  'fail.swap': 'ReportGuard kon {file} niet vervangen door de PDF-versie ({reason}); de oorspronkelijke bijlage is blijven staan en verzenden is geblokkeerd.',
  'fail.release': 'De webmail heeft het bericht niet verstuurd ({reason}). Controleer het bericht en probeer het opnieuw.',
} as const;

export type UiKey = keyof typeof nl;

const en: Record<UiKey, string> = {
  'dialog.title.block': 'This e-mail cannot be sent like this',
  'dialog.title.warn': 'Check this before you send',
  'dialog.title.allow': 'ReportGuard',
  'dialog.title.error': 'Sending stopped',
  'dialog.intro.block': 'ReportGuard stopped the send. Nothing is lost: your message, recipients and attachments are still there.',
  'dialog.intro.warn': 'You can send once you have confirmed the points below.',
  'dialog.back': 'Back to message',
  'dialog.confirm': 'Confirm and send',
  'dialog.recheck': 'Check again',
  'dialog.checking': 'Checking…',
  'dialog.sending': 'Sending…',
  'dialog.findings': 'Findings',
  'dialog.subject': 'About: {subject}',
  'dialog.client.label': 'Client',
  'dialog.client.choose': 'Choose a client…',
  'dialog.kind.label': 'Kind of report',
  'dialog.kind.full': 'Full report',
  'dialog.kind.progress': 'Brief progress information',
  'dialog.ground.label': 'Exception ground (instead of the client’s approval)',
  'dialog.ground.none': 'No exception ground',
  'dialog.ground.contract': 'Performance of a contract',
  'dialog.ground.legal-obligation': 'Legal obligation',
  'dialog.ground.vital-interest': 'Vital interest',
  'dialog.ground.legitimate-interest': 'Legitimate interest',
  'dialog.justification.label': 'Justification (at least 20 characters)',
  'dialog.health.label': 'This e-mail contains no health data after all, because… (at least 20 characters)',
  'dialog.tooShort': '{n} more characters needed.',
  'dialog.close': 'Close',
  'status.checking': 'ReportGuard is checking…',
  'status.ok': 'Checked',
  'status.converted': 'Will be converted to PDF',
  'status.flattened': 'Will be sent as a flat PDF',
  'status.problem': 'Problem: {reason}',
  'status.label': 'ReportGuard status of {file}: {status}',
  'status.short.checking': 'checking…',
  'status.short.ok': 'OK',
  'status.short.converted': '→ PDF',
  'status.short.flattened': 'flat PDF',
  'status.short.problem': 'problem',
  'fail.layout': 'ReportGuard cannot check this compose screen ({missing}), so sending is blocked. Please tell your administrator.',
  'fail.background': 'ReportGuard could not run the check ({reason}), so sending is blocked.',
  'fail.timeout': 'ReportGuard got no answer in time ({step}), so sending is blocked. Please try again.',
  'fail.attachment': 'ReportGuard could not read attachment {file} ({reason}), so sending is blocked.',
  'fail.uploading': 'An attachment is still uploading. Wait until it has finished, then send again.',
  'fail.swap': 'ReportGuard could not replace {file} with its PDF version ({reason}); the original attachment stays and sending is blocked.',
  'fail.release': 'The webmail did not send the message ({reason}). Check the message and try again.',
};

const catalogs: Record<Lang, Record<UiKey, string>> = { nl, en };

export function ui(lang: Lang, key: UiKey, params: Params = {}): string {
  return fillPlaceholders((catalogs[lang] ?? nl)[key], params);
}

/** nl unless the UI language starts with 'en' (same rule as the background's verdict language). */
export function uiLangFrom(uiLanguage: string | undefined | null): Lang {
  return uiLanguage?.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

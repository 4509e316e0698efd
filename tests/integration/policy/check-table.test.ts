// Table-driven: realistic messages with real attachment files, through the same code path as
// `reportguard check` (read + validate files, analyse attachments, evaluate). A sample of rows
// also goes through the real CLI process to pin the exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFiles, exitCodeFor } from '../../../cli/commands/check.ts';
import type { FindingCode, Verdict, VerdictKind } from '../../../utils/core/policy/types.ts';
import { runCli } from '../../helpers/cli.ts';
import { examplePolicy, exampleRecords, writeReportFixtures, type FixtureName } from '../../helpers/report-fixtures.ts';

type PolicyName = 'base' | 'strict' | 'small' | 'noWhiplash' | 'medical';

interface Row {
  name: string;
  message?: Record<string, unknown>;
  /** Attachment file names under files/ (default: rapport.pdf). */
  files?: FixtureName[];
  policy?: PolicyName;
  now?: string;
  lang?: 'nl' | 'en';
  verdict: VerdictKind;
  /** Non-info findings, in verdict order, as CODE or CODE:subject. */
  findings: string[];
  /** Info findings (conversion/flattening), when the row is about them. */
  info?: string[];
  /** A substring of the first finding's message. */
  says?: string;
}

const NOW = '2026-11-25T12:00:00Z';
const HR = 'Personeelszaken <hr@werkgever-a.nl>';

const rows: Row[] = [
  // --- the normal case and attachment types ---
  { name: 'approved PDF to whitelisted HR in the agreement', verdict: 'allow', findings: [], info: ['PDF_FLATTENED:rapport.pdf'] },
  { name: 'approved DOCX is converted', files: ['rapport.docx'], verdict: 'allow', findings: [], info: ['ATTACHMENT_CONVERTED:rapport.docx'] },
  { name: 'PDF and DOCX together', files: ['rapport.pdf', 'rapport.docx'], verdict: 'allow', findings: [], info: ['PDF_FLATTENED:rapport.pdf', 'ATTACHMENT_CONVERTED:rapport.docx'] },
  { name: 'approved TXT is converted', files: ['notitie.txt'], verdict: 'allow', findings: [], info: ['ATTACHMENT_CONVERTED:notitie.txt'] },
  { name: 'approved RTF is converted', files: ['brief.rtf'], verdict: 'allow', findings: [], info: ['ATTACHMENT_CONVERTED:brief.rtf'] },
  { name: 'approved ODT is converted', files: ['verslag.odt'], verdict: 'allow', findings: [], info: ['ATTACHMENT_CONVERTED:verslag.odt'] },
  { name: 'approved PNG is converted', files: ['foto.png'], verdict: 'allow', findings: [], info: ['ATTACHMENT_CONVERTED:foto.png'] },
  { name: 'approved JPEG is converted', files: ['scan.jpg'], verdict: 'allow', findings: [], info: ['ATTACHMENT_CONVERTED:scan.jpg'] },
  { name: 'password-protected PDF blocks', files: ['geheim.pdf'], verdict: 'block', findings: ['ATTACHMENT_UNREADABLE:geheim.pdf'], says: 'wachtwoord' },
  { name: 'corrupt PDF blocks', files: ['kapot.pdf'], verdict: 'block', findings: ['ATTACHMENT_UNREADABLE:kapot.pdf'] },
  { name: 'legacy .doc is unsupported', files: ['oud.doc'], verdict: 'block', findings: ['ATTACHMENT_UNSUPPORTED:oud.doc'] },
  { name: 'a zip archive is unsupported', files: ['archief.zip'], verdict: 'block', findings: ['ATTACHMENT_UNSUPPORTED:archief.zip'] },
  { name: 'zip bomb disguised as DOCX blocks', files: ['bom.docx'], verdict: 'block', findings: ['ATTACHMENT_UNREADABLE:bom.docx'] },
  { name: 'attachment over maxAttachmentMB blocks', policy: 'small', files: ['rapport.docx'], verdict: 'block', findings: ['ATTACHMENT_UNREADABLE:rapport.docx'], says: 'groter dan' },
  { name: 'one bad attachment among good ones blocks', files: ['rapport.pdf', 'geheim.pdf'], verdict: 'block', findings: ['ATTACHMENT_UNREADABLE:geheim.pdf'] },

  // --- recipients ---
  { name: 'whole whitelisted domain', message: { to: ['info@uwv.nl'] }, verdict: 'allow', findings: [] },
  { name: 'address outside the whitelist', message: { to: ['hr@bouwbedrijf-jansen.nl'] }, verdict: 'block', findings: ['RECIPIENT_NOT_WHITELISTED:hr@bouwbedrijf-jansen.nl'], says: 'Ontvanger hr@bouwbedrijf-jansen.nl staat niet op de lijst van Regiokantoor Utrecht' },
  { name: 'same message in English', lang: 'en', message: { to: ['hr@bouwbedrijf-jansen.nl'] }, verdict: 'block', findings: ['RECIPIENT_NOT_WHITELISTED:hr@bouwbedrijf-jansen.nl'], says: 'is not on the list of Regiokantoor Utrecht' },
  { name: 'other employer one letter away is also a lookalike', message: { to: ['hr@werkgever-b.nl'] }, verdict: 'block', findings: ['RECIPIENT_NOT_WHITELISTED:hr@werkgever-b.nl', 'RECIPIENT_LOOKALIKE:hr@werkgever-b.nl'] },
  { name: 'lookalike: digit for letter in TLD', message: { to: ['hr@werkgever-a.n1'] }, verdict: 'block', findings: ['RECIPIENT_NOT_WHITELISTED:hr@werkgever-a.n1', 'RECIPIENT_LOOKALIKE:hr@werkgever-a.n1'] },
  { name: 'lookalike: swapped letters', message: { to: ['info@uvw.nl'] }, verdict: 'block', findings: ['RECIPIENT_NOT_WHITELISTED:info@uvw.nl', 'RECIPIENT_LOOKALIKE:info@uvw.nl'] },
  { name: 'lookalike: one letter missing', message: { to: ['hr@werkgever-a.nl'.replace('werkgever', 'werkgevr')] }, verdict: 'block', findings: ['RECIPIENT_NOT_WHITELISTED:hr@werkgevr-a.nl', 'RECIPIENT_LOOKALIKE:hr@werkgevr-a.nl'] },
  { name: 'lookalike: Cyrillic homoglyph', message: { to: ['hr@w\u0435rkgever-a.nl'] }, verdict: 'block', findings: ['RECIPIENT_NOT_WHITELISTED', 'RECIPIENT_LOOKALIKE'] },
  { name: 'lookalike: whitelisted name as a label of another domain', message: { to: ['hr@uwv.nl.mail-secure.com'] }, verdict: 'block', findings: ['RECIPIENT_NOT_WHITELISTED:hr@uwv.nl.mail-secure.com', 'RECIPIENT_LOOKALIKE:hr@uwv.nl.mail-secure.com'] },
  { name: 'other address at the domain of an address entry', message: { to: ['directie@werkgever-a.nl'] }, verdict: 'block', findings: ['RECIPIENT_NOT_WHITELISTED:directie@werkgever-a.nl'] },
  { name: 'outside address in Cc', message: { cc: ['x@gmail.com'] }, verdict: 'block', findings: ['RECIPIENT_NOT_WHITELISTED:x@gmail.com'] },
  { name: 'outside address in Bcc', message: { bcc: ['x@gmail.com'] }, verdict: 'block', findings: ['RECIPIENT_NOT_WHITELISTED:x@gmail.com'] },
  { name: 'duplicate outside recipient reported once', message: { to: [HR, 'x@gmail.com'], cc: ['X@Gmail.com'] }, verdict: 'block', findings: ['RECIPIENT_NOT_WHITELISTED:x@gmail.com'] },
  { name: 'whitelisted but not in the client agreement', message: { to: ['reintegratie@zorg.achmea.nl'] }, verdict: 'block', findings: ['RECIPIENT_NOT_IN_AGREEMENT:reintegratie@zorg.achmea.nl'] },
  { name: 'subdomain entry without an agreement', message: { to: ['reintegratie@zorg.achmea.nl'], subject: 'Rapportage C-3003' }, verdict: 'allow', findings: [] },
  { name: '*.domain does not cover the domain itself', message: { to: ['info@achmea.nl'], subject: 'Rapportage C-3003' }, verdict: 'block', findings: ['RECIPIENT_NOT_WHITELISTED:info@achmea.nl'] },
  { name: 'case and trailing dot do not matter', message: { to: ['HR@WERKGEVER-A.NL.'] }, verdict: 'allow', findings: [] },
  { name: 'regio mailbox as only recipient', message: { to: ['utrecht@focus-nederland.nl'] }, verdict: 'allow', findings: [] },
  { name: "another regiokantoor's mailbox", message: { to: ['zwolle@focus-nederland.nl'] }, verdict: 'block', findings: ['RECIPIENT_NOT_WHITELISTED:zwolle@focus-nederland.nl'] },
  { name: 'unparseable recipient', message: { to: [HR, 'hr at werkgever'] }, verdict: 'block', findings: ['RECIPIENT_INVALID:hr at werkgever'] },
  { name: 'display name holding another address', message: { to: ['"hr@werkgever-a.nl" <info@bouwbedrijf-jansen.nl>'] }, verdict: 'block', findings: ['RECIPIENT_INVALID', 'RECIPIENT_NOT_WHITELISTED:info@bouwbedrijf-jansen.nl'] },

  // --- the approval round to the client ---
  { name: 'unapproved concept to the client alone', files: ['concept.docx'], message: { to: ['J. de Vries <jdevries@example.org>'] }, verdict: 'allow', findings: [] },
  { name: 'concept to the client with the regio mailbox in Cc is no longer the approval round', files: ['concept.docx'], message: { to: ['jdevries@example.org'], cc: ['utrecht@focus-nederland.nl'] }, verdict: 'block', findings: ['APPROVAL_STALE:concept.docx'] },
  { name: 'health data to the client alone needs no consent', files: ['medisch.docx'], message: { to: ['l.bos@example.nl'], subject: 'Concept C-5005' }, verdict: 'allow', findings: [] },
  { name: 'concept to the client and HR needs approval', files: ['concept.docx'], message: { to: ['jdevries@example.org', HR] }, verdict: 'block', findings: ['APPROVAL_STALE:concept.docx'] },

  // --- sender and regiokantoor ---
  { name: 'sender in no regiokantoor', message: { from: 'stagiair@gmail.com' }, verdict: 'block', findings: ['SENDER_UNKNOWN:stagiair@gmail.com'] },
  { name: 'sent from the regio mailbox', message: { from: 'Regiokantoor Utrecht <utrecht@focus-nederland.nl>' }, verdict: 'allow', findings: [] },
  { name: 'Zwolle staff to a Utrecht-only recipient', message: { from: 'b.mulder@focus-nederland.nl', subject: 'Rapportage C-3003' }, verdict: 'block', findings: ['RECIPIENT_NOT_WHITELISTED:hr@werkgever-a.nl'], says: 'Regiokantoor Zwolle' },
  { name: 'staff in two regiokantoren may use either list', message: { from: 'k.smit@focus-nederland.nl', to: ['personeel@gemeente-zwolle.nl'], subject: 'Rapportage C-3003' }, verdict: 'allow', findings: [] },
  { name: 'requireRegioMailbox without the mailbox', policy: 'strict', verdict: 'block', findings: ['NOT_VIA_REGIOKANTOOR:utrecht@focus-nederland.nl'] },
  { name: 'requireRegioMailbox, mailbox in Cc', policy: 'strict', message: { cc: ['utrecht@focus-nederland.nl'] }, verdict: 'allow', findings: [] },
  { name: 'requireRegioMailbox, mailbox in Bcc', policy: 'strict', message: { bcc: ['utrecht@focus-nederland.nl'] }, verdict: 'allow', findings: [] },
  { name: 'requireRegioMailbox, sent from the mailbox', policy: 'strict', message: { from: 'utrecht@focus-nederland.nl' }, verdict: 'allow', findings: [] },
  { name: 'requireRegioMailbox, mailbox only in To does not count', policy: 'strict', message: { to: [HR, 'utrecht@focus-nederland.nl'] }, verdict: 'block', findings: ['NOT_VIA_REGIOKANTOOR'] },
  { name: 'requireRegioMailbox, to the client alone is exempt', policy: 'strict', files: ['concept.docx'], message: { to: ['jdevries@example.org'] }, verdict: 'allow', findings: [] },

  // --- client ---
  { name: 'no client reference anywhere', message: { subject: 'Rapportage' }, verdict: 'block', findings: ['CLIENT_UNKNOWN'], says: 'niet duidelijk over welke cliënt' },
  { name: 'two client references', message: { subject: 'Rapportage C-1042 en C-3003' }, verdict: 'block', findings: ['CLIENT_UNKNOWN:C-1042, C-3003'] },
  { name: 'client id not in the records', message: { client: 'C-9999' }, verdict: 'block', findings: ['CLIENT_UNKNOWN:C-9999'] },
  { name: 'client chosen in the dialog', message: { subject: 'Rapportage', client: 'C-1042' }, verdict: 'allow', findings: [] },

  // --- approvals, exceptions, progress ---
  { name: 'client without any approval', message: { subject: 'Rapportage C-2001' }, verdict: 'block', findings: ['APPROVAL_MISSING:rapport.pdf'] },
  { name: 'older version than the approved one', files: ['rapport-v1.pdf'], verdict: 'block', findings: ['APPROVAL_STALE:rapport-v1.pdf'] },
  { name: 'one approved, one stale', files: ['rapport.pdf', 'rapport-v1.pdf'], verdict: 'block', findings: ['APPROVAL_STALE:rapport-v1.pdf'] },
  { name: 'approval dated after now does not count', now: '2026-11-01T00:00:00Z', verdict: 'block', findings: ['APPROVAL_MISSING:rapport.pdf'] },
  { name: 'exception ground with a proper justification', files: ['rapport-v1.pdf'], message: { exception: { ground: 'legal-obligation', justification: 'UWV vraagt dit binnen de wettelijke termijn op' } }, verdict: 'warn', findings: ['EXCEPTION_GROUND_USED:C-1042'], says: 'wettelijke plicht' },
  { name: 'exception ground for a client without approvals', message: { subject: 'Rapportage C-2001', exception: { ground: 'contract', justification: 'Staat in de re-integratieovereenkomst' } }, verdict: 'warn', findings: ['EXCEPTION_GROUND_USED:C-2001'] },
  { name: 'exception ground with a short justification is not accepted', files: ['rapport-v1.pdf'], message: { exception: { ground: 'contract', justification: 'moet van baas' } }, verdict: 'block', findings: ['APPROVAL_STALE:rapport-v1.pdf'] },
  { name: 'padding does not lengthen a justification', files: ['rapport-v1.pdf'], message: { exception: { ground: 'contract', justification: '        kort         ' } }, verdict: 'block', findings: ['APPROVAL_STALE:rapport-v1.pdf'] },
  { name: 'brief progress info without approval', files: ['rapport-v1.pdf'], message: { reportKind: 'progress' }, verdict: 'warn', findings: ['PROGRESS_INFO:C-1042'], says: 'mondeling' },
  { name: 'progress info for a client without approvals', message: { reportKind: 'progress', subject: 'Voortgang C-2001' }, verdict: 'warn', findings: ['PROGRESS_INFO:C-2001'] },

  // --- health data ---
  { name: 'health data with written consent', files: ['medisch.docx'], verdict: 'allow', findings: [] },
  { name: 'health data in an attachment without consent', files: ['medisch.docx'], message: { subject: 'Rapportage C-5005' }, verdict: 'block', findings: ['HEALTH_CONSENT_MISSING:C-5005'], says: 'gezondheidsgegevens' },
  { name: 'health data in a PDF without consent', files: ['rapport.pdf'], message: { subject: 'Rapportage C-5005', body: 'Zie bijlage. Hij is na de hernia weer begonnen.' }, verdict: 'block', findings: ['HEALTH_CONSENT_MISSING:C-5005'] },
  { name: 'health term added by the policy', message: { subject: 'Rapportage C-5005', body: 'Na de whiplash gaat het beter.' }, verdict: 'block', findings: ['HEALTH_CONSENT_MISSING:C-5005'] },
  { name: 'health term removed by the policy', policy: 'noWhiplash', message: { subject: 'Rapportage C-5005', body: 'Na de whiplash gaat het beter.' }, verdict: 'allow', findings: [] },
  { name: 'health data declared by the user', message: { subject: 'Rapportage C-5005', containsHealthData: true }, verdict: 'block', findings: ['HEALTH_CONSENT_MISSING:C-5005'] },
  { name: 'detection overridden with a justification', files: ['medisch.docx'], message: { subject: 'Rapportage C-5005', containsHealthData: false, healthOverrideJustification: 'Het gaat om de naam van een cursus, geen diagnose' }, verdict: 'warn', findings: ['HEALTH_DATA_DECLARED_ABSENT:C-5005'] },
  { name: 'override without a justification: detection stands', files: ['medisch.docx'], message: { subject: 'Rapportage C-5005', containsHealthData: false }, verdict: 'block', findings: ['HEALTH_CONSENT_MISSING:C-5005'] },
  { name: 'override with a short justification: detection stands', files: ['medisch.docx'], message: { subject: 'Rapportage C-5005', containsHealthData: false, healthOverrideJustification: 'geen medisch' }, verdict: 'block', findings: ['HEALTH_CONSENT_MISSING:C-5005'] },
  { name: 'exception ground does not replace health consent', files: ['rapport-v1.pdf', 'medisch.docx'], message: { subject: 'Rapportage C-5005', exception: { ground: 'vital-interest', justification: 'Acute situatie, de arts moet dit vandaag weten' } }, verdict: 'block', findings: ['HEALTH_CONSENT_MISSING:C-5005', 'EXCEPTION_GROUND_USED:C-5005'] },
  { name: 'consent withdrawn', files: ['medisch.docx'], message: { subject: 'Rapportage C-6006', to: ['info@uwv.nl'] }, verdict: 'block', findings: ['HEALTH_CONSENT_MISSING:C-6006'] },
  { name: 'consent not written', files: ['medisch.docx'], message: { subject: 'Rapportage C-7007', to: ['info@uwv.nl'] }, verdict: 'block', findings: ['HEALTH_CONSENT_MISSING:C-7007'] },
  { name: 'consent withdrawal only scheduled for later', files: ['medisch.docx'], message: { subject: 'Rapportage C-8008', to: ['info@uwv.nl'] }, verdict: 'allow', findings: [] },
  { name: 'consent given after now', now: '2026-09-01T00:00:00Z', files: ['medisch.docx'], verdict: 'block', findings: ['APPROVAL_MISSING:medisch.docx', 'HEALTH_CONSENT_MISSING:C-1042'] },

  // --- CV / profile (rule 6) ---
  { name: 'CV to the employer with explicit profile consent', files: ['cv.docx'], verdict: 'allow', findings: [] },
  { name: 'CV to the employer without profile consent', files: ['cv.docx'], message: { subject: 'Cv C-2001' }, verdict: 'block', findings: ['APPROVAL_MISSING:cv.docx', 'PROFILE_CONSENT_MISSING:cv.docx'] },
  { name: 'CV naming the client, consent for anonymised profiles only', files: ['cv-peters.docx'], message: { subject: 'Profiel C-3003', to: ['info@uwv.nl'] }, verdict: 'block', findings: ['PROFILE_NOT_ANONYMISED:cv-peters.docx'], says: 'geanonimiseerd' },
  { name: 'CV to the client alone needs no consent', files: ['cv.docx'], message: { subject: 'Cv C-2001', to: ['m.visser@example.net'] }, verdict: 'allow', findings: [] },
  { name: 'an ordinary report is not a CV', files: ['rapport.docx'], message: { subject: 'Rapportage C-1042' }, verdict: 'allow', findings: [] },

  // --- medical recipients (rule 5) ---
  { name: 'asking the bedrijfsarts for health information without consent', policy: 'medical', files: [], message: { to: ['bedrijfsarts@arbodienst-midden.nl'], subject: 'Cliënt C-5005', body: 'Graag ontvangen wij informatie over de belastbaarheid van mevrouw Bos.' }, verdict: 'block', findings: ['HEALTH_CONSENT_MISSING:C-5005'], says: 'medische informatie' },
  { name: 'asking the bedrijfsarts with written consent', policy: 'medical', files: [], message: { to: ['bedrijfsarts@arbodienst-midden.nl'], subject: 'Cliënt C-1042', body: 'Graag ontvangen wij het verslag van de bedrijfsarts.' }, verdict: 'allow', findings: [] },
  { name: 'an appointment mail to the bedrijfsarts', policy: 'medical', files: [], message: { to: ['bedrijfsarts@arbodienst-midden.nl'], subject: 'Cliënt C-5005', body: 'Kunt u de afspraak van donderdag verzetten naar 14:00?' }, verdict: 'allow', findings: [] },

  // --- mail without attachments ---
  { name: 'plain mail to anyone from anyone', files: [], message: { from: 'iemand@gmail.com', to: ['vriend@hotmail.com'], subject: 'Lunch?' }, verdict: 'allow', findings: [] },
  { name: 'plain mail with an invalid address is not restricted', files: [], message: { to: ['hr at werkgever'] }, verdict: 'allow', findings: [] },
  { name: 'plain mail to a lookalike warns', files: [], message: { to: ['hr@werkgever-a.n1'] }, verdict: 'warn', findings: ['RECIPIENT_LOOKALIKE:hr@werkgever-a.n1'] },
  { name: 'health data in the body to an outside recipient warns', files: [], message: { to: [HR, 'vriend@hotmail.com'], body: 'Zij zit thuis met een burn-out.' }, verdict: 'warn', findings: ['HEALTH_DATA_IN_BODY:vriend@hotmail.com'] },
  { name: 'health data in the body to whitelisted recipients only', files: [], message: { body: 'Zij zit thuis met een burn-out.' }, verdict: 'allow', findings: [] },
  { name: 'health data in the body to the client', files: [], message: { to: ['jdevries@example.org'], body: 'Hoe gaat het met de rugklachten?' }, verdict: 'allow', findings: [] },

  // --- several problems at once ---
  {
    name: 'many problems: all reported, blocks first',
    files: ['rapport-v1.pdf', 'oud.doc', 'rapport.docx'],
    message: { from: 'stagiair@gmail.com', to: [HR, 'hr@werkgever-b.nl'], reportKind: 'progress' },
    verdict: 'block',
    findings: [
      'SENDER_UNKNOWN:stagiair@gmail.com',
      'RECIPIENT_NOT_WHITELISTED:hr@werkgever-b.nl',
      'RECIPIENT_LOOKALIKE:hr@werkgever-b.nl',
      'ATTACHMENT_UNSUPPORTED:oud.doc',
      'PROGRESS_INFO:C-1042',
    ],
  },
];

let dir: string;
const policyFiles: Record<PolicyName, string> = { base: '', strict: '', small: '', noWhiplash: '', medical: '' };
let recordsFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-table-'));
  const hashes = await writeReportFixtures(dir);
  const variants: Record<PolicyName, Record<string, unknown>> = {
    base: {},
    strict: { requireRegioMailbox: true },
    small: { maxAttachmentMB: 0.001 },
    noWhiplash: { healthTerms: { add: [], remove: ['whiplash'] } },
    medical: { medicalRecipients: ['arbodienst-midden.nl'] },
  };
  for (const [name, patch] of Object.entries(variants) as Array<[PolicyName, Record<string, unknown>]>) {
    policyFiles[name] = join(dir, `policy-${name}.json`);
    await writeFile(policyFiles[name], JSON.stringify(examplePolicy(patch), null, 2));
  }
  recordsFile = join(dir, 'records.json');
  await writeFile(recordsFile, JSON.stringify(exampleRecords(hashes), null, 2));
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeMessage(i: number, row: Row): Promise<string> {
  const files = row.files ?? ['rapport.pdf'];
  const message = {
    from: 'a.jansen@focus-nederland.nl',
    to: [HR],
    cc: [],
    bcc: [],
    subject: 'Voortgangsrapportage C-1042',
    body: 'Beste collega, bijgaand de rapportage. Met vriendelijke groet, Anna',
    attachments: files.map((f) => ({ name: f, path: `files/${f}` })),
    containsHealthData: null,
    ...row.message,
  };
  const path = join(dir, `message-${i}.json`);
  await writeFile(path, JSON.stringify(message, null, 2));
  return path;
}

const label = (f: { code: FindingCode; subject?: string }, want: string) => (want.includes(':') ? `${f.code}:${f.subject ?? ''}` : f.code);

function expectRow(row: Row, v: Verdict) {
  const notInfo = v.findings.filter((f) => f.severity !== 'info');
  expect(notInfo.map((f, i) => label(f, row.findings[i] ?? ''))).toEqual(row.findings);
  expect(v.verdict).toBe(row.verdict);
  if (row.info) expect(v.findings.filter((f) => f.severity === 'info').map((f) => `${f.code}:${f.subject}`)).toEqual(row.info);
  if (row.says) expect(v.findings[0]?.message).toContain(row.says);
  for (const f of v.findings) {
    expect(f.message.length).toBeGreaterThan(20);
    expect(f.message).not.toMatch(/\{\w+\}/);
  }
}

describe('check: table of realistic messages', () => {
  it('has enough rows to cover every rule', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
  });

  it.each(rows.map((r, i) => [r.name, i, r] as const))('%s', async (_name, i, row) => {
    const messagePath = await writeMessage(i, row);
    const v = await checkFiles({
      policyPath: policyFiles[row.policy ?? 'base'],
      messagePath,
      recordsPath: recordsFile,
      now: new Date(row.now ?? NOW),
      lang: row.lang ?? 'nl',
    });
    expectRow(row, v);
  });

  it('covers every finding code of the contract', () => {
    const seen = new Set(rows.flatMap((r) => [...r.findings, ...(r.info ?? [])].map((f) => f.split(':')[0])));
    for (const code of [
      'RECIPIENT_NOT_WHITELISTED', 'RECIPIENT_NOT_IN_AGREEMENT', 'RECIPIENT_LOOKALIKE', 'RECIPIENT_INVALID', 'SENDER_UNKNOWN',
      'NOT_VIA_REGIOKANTOOR', 'CLIENT_UNKNOWN', 'APPROVAL_MISSING', 'APPROVAL_STALE', 'EXCEPTION_GROUND_USED', 'PROGRESS_INFO',
      'HEALTH_CONSENT_MISSING', 'HEALTH_DATA_DECLARED_ABSENT', 'HEALTH_DATA_IN_BODY', 'ATTACHMENT_CONVERTED', 'PDF_FLATTENED',
      'ATTACHMENT_UNREADABLE', 'ATTACHMENT_UNSUPPORTED', 'PROFILE_CONSENT_MISSING', 'PROFILE_NOT_ANONYMISED',
    ]) expect(seen, code).toContain(code);
  });
});

describe('check: the same rows through the real CLI process', () => {
  // One row per exit code and input kind (PDF, DOCX, no attachments), picked by name.
  const picked = [
    'approved PDF to whitelisted HR in the agreement',
    'approved DOCX is converted',
    'address outside the whitelist',
    'brief progress info without approval',
    'health data in an attachment without consent',
    'health data in the body to an outside recipient warns',
    'plain mail to anyone from anyone',
    'CV to the employer without profile consent',
    'asking the bedrijfsarts for health information without consent',
  ];
  const sample = picked.map((name) => rows.findIndex((r) => r.name === name));
  it('picks existing rows', () => expect(sample).not.toContain(-1));
  it.each(sample.map((i) => [rows[i]!.name, i] as const))('%s', async (_name, i) => {
    const row = rows[i]!;
    const messagePath = await writeMessage(1000 + i, row);
    const args = ['check', '--policy', policyFiles[row.policy ?? 'base'], '--records', recordsFile, '--message', messagePath, '--now', row.now ?? NOW];
    if (row.lang) args.push('--lang', row.lang);
    const r = await runCli(args);
    expect(r.stderr).toBe('');
    const v = JSON.parse(r.stdout) as Verdict;
    expectRow(row, v);
    expect(r.code).toBe(exitCodeFor(v));
    expect(r.code).toBe({ allow: 0, warn: 10, block: 20 }[row.verdict]);
  });
});

// Is an attachment a CV or profile (contracts §4 rule 6)? From its text — headings such as
// "Curriculum Vitae", "Werkervaring", "Opleiding(en)", "Personalia" standing on a line of their
// own — and its file name. An ordinary report that mentions such a word in running text ("zijn
// werkervaring in de zorg", "de opleiding die hij volgt") is not a CV: only heading lines count.
// Detection is adjustable in the policy (`profileDetection`: headings and file-name words added
// or removed, how many headings make a CV).
import { normalizeForMatching } from '../health/detect.ts';

export const CV_HEADINGS: readonly string[] = [
  'curriculum vitae', 'cv', 'personalia', 'persoonlijke gegevens', 'persoonsgegevens', 'werkervaring', 'arbeidsverleden',
  'werkervaring en stages', 'loopbaan', 'opleiding', 'opleidingen', 'opleiding en cursussen', 'opleidingen en cursussen',
  'cursussen', 'cursussen en trainingen', 'trainingen', 'diploma s', 'certificaten', 'vaardigheden', 'competenties',
  'talen', 'talenkennis', 'hobby s', 'interesses', 'nevenactiviteiten', 'referenties', 'profiel', 'persoonlijk profiel',
  'kandidaatprofiel', 'rijbewijs',
  // English
  'resume', 'personal details', 'personal information', 'work experience', 'employment history', 'professional experience',
  'education', 'skills', 'languages', 'references', 'hobbies', 'profile',
];

/** Words in a file name that make it a CV or profile on their own. */
export const CV_FILE_WORDS: readonly string[] = ['cv', 'curriculum', 'vitae', 'resume', 'levensloop', 'kandidaatprofiel', 'clientprofiel', 'profiel', 'profile'];

/**
 * Headings of a report, not a CV: a re-integration report may well have sections "Opleiding" and
 * "Werkervaring" about the client's background. With one of these, headings alone don't make a
 * CV (a "Curriculum Vitae" title or the file name still do).
 */
export const REPORT_HEADINGS: readonly string[] = [
  'rapportage', 'voortgangsrapportage', 'eindrapportage', 'tussenrapportage', 'rapport', 'eindrapport', 'trajectplan',
  'plan van aanpak', 'conclusie', 'conclusies', 'advies', 'aanbevelingen', 'samenvatting', 'voortgang', 'evaluatie',
  'probleemanalyse', 'report', 'progress report', 'conclusion', 'recommendations', 'summary',
];
const REPORT_SET = new Set(REPORT_HEADINGS.map((h) => h));

/** A heading that marks a CV by itself (a document titled "Curriculum Vitae" is one). */
const TITLE_HEADINGS = new Set(['curriculum vitae', 'resume']);

export interface ProfileDetectionSettings {
  headings?: { add?: readonly string[]; remove?: readonly string[] };
  fileNames?: { add?: readonly string[]; remove?: readonly string[] };
  minHeadings?: number;
}

export interface ProfileDetection {
  isProfile: boolean;
  /** The heading lines found (normalised), and whether the file name gave it away. */
  headings: string[];
  byName: boolean;
}

const key = (s: string) =>
  Array.from(s.matchAll(/[\p{L}\p{N}]+/gu), (m) => normalizeForMatching(m[0]))
    .join(' ')
    .trim();

interface Compiled {
  headings: ReadonlySet<string>;
  fileWords: ReadonlySet<string>;
  minHeadings: number;
}

const compiledCache = new WeakMap<object, Compiled>();
const DEFAULTS: Compiled = compile({});

function compile(settings: ProfileDetectionSettings): Compiled {
  const headings = new Set(CV_HEADINGS.map(key));
  for (const h of settings.headings?.add ?? []) headings.add(key(h));
  for (const h of settings.headings?.remove ?? []) headings.delete(key(h));
  const fileWords = new Set(CV_FILE_WORDS.map(key));
  for (const w of settings.fileNames?.add ?? []) fileWords.add(key(w));
  for (const w of settings.fileNames?.remove ?? []) fileWords.delete(key(w));
  return { headings, fileWords, minHeadings: settings.minHeadings ?? 2 };
}

function compiled(settings: ProfileDetectionSettings | undefined): Compiled {
  if (!settings) return DEFAULTS;
  let c = compiledCache.get(settings);
  if (!c) compiledCache.set(settings, (c = compile(settings)));
  return c;
}

/** A line that is a heading: short, no sentence punctuation in it, an optional colon at the end. */
function headingOf(line: string): string | null {
  const t = line.trim().replace(/^[\s\u2022\-*\d.)]+/u, '').replace(/[:\s]+$/u, '');
  if (!t || t.length > 40 || /[.,;!?]/.test(t)) return null;
  return key(t);
}

export function detectProfile(name: string, text: string, settings?: ProfileDetectionSettings): ProfileDetection {
  const c = compiled(settings);
  const nameWords = key(name.replace(/\.[A-Za-z0-9]{1,5}$/, '')).split(' ');
  const byName = nameWords.some((w) => c.fileWords.has(w));
  const found: string[] = [];
  let title = false;
  let report = false;
  // Headings in the first part of the document are enough; a CV is short.
  for (const line of text.slice(0, 100_000).split(/\r?\n/)) {
    const h = headingOf(line);
    if (h && REPORT_SET.has(h)) report = true;
    if (h && c.headings.has(h) && !found.includes(h)) {
      found.push(h);
      if (TITLE_HEADINGS.has(h)) title = true;
    }
  }
  const isProfile = byName || (title && found.length >= 1) || (!report && found.length >= c.minHeadings);
  return { isProfile, headings: found, byName };
}

/**
 * Does the text name the client (for `anonymisedOnly`)? Their e-mail address, their name as in
 * the records, or their surname with its tussenvoegsel ("de Vries" for "J. de Vries"), as whole
 * words, case and diacritics ignored; and a phone number from the record, digits compared.
 */
export function namesClient(text: string, client: { name?: string | undefined; email?: string | undefined; phone?: unknown }): string | null {
  const folded = ' ' + key(text) + ' ';
  if (client.email && text.toLowerCase().includes(client.email.toLowerCase())) return 'email';
  if (client.name) {
    const full = key(client.name);
    const surname = client.name
      .split(/\s+/)
      .filter((w) => !/^[A-Za-z]\.?$/.test(w) && !/^([A-Za-z]\.)+$/.test(w))
      .join(' ');
    for (const candidate of [full, key(surname)]) {
      if (candidate && candidate.length >= 3 && folded.includes(' ' + candidate + ' ')) return 'name';
    }
  }
  if (typeof client.phone === 'string') {
    const digits = client.phone.replace(/\D/g, '');
    const tail = digits.slice(-9); // without country code or leading 0
    if (tail.length >= 8 && text.replace(/\D/g, '').includes(tail)) return 'phone';
  }
  return null;
}

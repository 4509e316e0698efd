// Does a mail *ask* for health information (contracts §4 rule 5)? Staff write to a bedrijfsarts,
// arbodienst, huisarts or GGZ: "Graag ontvangen wij de medische gegevens", "Kunt u ons informeren
// over de belastbaarheid?", "Wij verzoeken u het verslag van de bedrijfsarts toe te sturen".
// A sentence asks when it holds a request (a verb or phrase of asking) and a health object (what
// is asked for) — both, in the same sentence. An ordinary "bijgaand het verslag" or "graag tot
// ziens" holds only one of the two.
//
// The words are matched on the same normalised words as the health lexicon (lower case, no
// diacritics), so "cliënt", "Cliënt" and "client" are one word.
import { normalizeForMatching } from './detect.ts';

/** Requests: each a sequence of words that must follow each other (gaps of up to 4 words allowed). */
const REQUESTS: readonly string[] = [
  // Dutch
  'graag ontvangen', 'ontvangen graag', 'ontvangen wij graag', 'ontvangen we graag', 'zouden graag ontvangen',
  'willen graag ontvangen', 'wil graag ontvangen', 'graag toesturen', 'graag opsturen', 'graag sturen',
  'verzoek om', 'verzoeken u', 'verzoek u', 'verzoeken om', 'vragen u', 'vraag u', 'vragen om', 'vraag om',
  'kunt u', 'kan u', 'kun je', 'kunnen jullie', 'kunt u ons', 'wilt u', 'wil je', 'zou u', 'zoudt u', 'zou je',
  'mogen wij ontvangen', 'mogen we ontvangen', 'mogen wij inzien', 'graag inzage', 'graag informatie',
  'stuurt u', 'stuur ons', 'stuur mij', 'informeert u', 'informeren over', 'laat u weten', 'hoor graag', 'horen graag',
  'ontvang graag', 'verneem graag', 'vernemen graag', 'graag vernemen', 'graag horen',
  // English
  'please send', 'please provide', 'please share', 'could you send', 'could you provide', 'could you share',
  'would you send', 'would you provide', 'can you send', 'can you provide', 'we would like to receive',
  'would like to receive', 'we request', 'i request', 'request for', 'kindly send', 'kindly provide', 'let us know',
];

/** What is asked for: health information about the client. */
const OBJECTS: readonly string[] = [
  'medische gegevens', 'medische informatie', 'medisch dossier', 'medische situatie', 'medische beperkingen',
  'medische achtergrond', 'medisch advies', 'medische verklaring', 'medische rapportage', 'medisch verslag',
  'belastbaarheid', 'belastbaarheidsprofiel', 'functionele mogelijkhedenlijst', 'fml', 'inzetbaarheidsprofiel',
  'verslag van de bedrijfsarts', 'advies van de bedrijfsarts', 'rapport van de bedrijfsarts', 'oordeel van de bedrijfsarts',
  'verslag van de verzekeringsarts', 'rapport van de verzekeringsarts', 'verslag van de huisarts', 'brief van de huisarts',
  'verslag van de specialist', 'brief van de specialist', 'verslag van de psycholoog', 'verslag van de behandelaar',
  'probleemanalyse', 'diagnose', 'behandelplan', 'behandelverloop', 'gezondheidstoestand', 'gezondheidssituatie',
  'gezondheid', 'ziektebeeld', 'herstel', 'prognose', 'beperkingen', 'arbeidsongeschiktheid', 'ziekteverzuim',
  'medication', 'medicatie', 'medicijngebruik', 'psychische klachten', 'lichamelijke klachten', 'klachten',
  // English
  'medical records', 'medical information', 'medical data', 'medical report', 'medical file', 'health information',
  'health data', 'diagnosis', 'treatment plan', 'fitness for work', 'work capacity', 'occupational physician report',
];

type Seq = readonly string[];

function words(text: string): string[] {
  return Array.from(text.matchAll(/[\p{L}\p{N}]+/gu), (m) => normalizeForMatching(m[0]));
}

const REQUEST_SEQS: readonly Seq[] = REQUESTS.map((r) => words(r));
const OBJECT_SEQS: readonly Seq[] = OBJECTS.map((o) => words(o));

/** `seq` occurs in `ws` in order, each next word within `gap` words of the one before. */
function occurs(ws: readonly string[], seq: Seq, gap: number): boolean {
  outer: for (let i = 0; i < ws.length; i++) {
    if (ws[i] !== seq[0]) continue;
    let at = i;
    for (let k = 1; k < seq.length; k++) {
      let found = -1;
      for (let j = at + 1; j <= Math.min(ws.length - 1, at + 1 + gap); j++) {
        if (ws[j] === seq[k]) {
          found = j;
          break;
        }
      }
      if (found < 0) continue outer;
      at = found;
    }
    return true;
  }
  return false;
}

/** Sentences: split at . ! ? ; and line breaks (a greeting line is its own sentence). */
function sentences(text: string): string[] {
  return text.split(/[.!?;]+(?:\s|$)|\r?\n/u).filter((s) => s.trim() !== '');
}

/**
 * The first sentence of `text` that asks for health information (trimmed, at most 200
 * characters), or null. `extraObjects` are the policy's added health terms, which count as
 * objects too ("graag ontvangen wij informatie over de whiplash").
 */
export function detectHealthRequest(text: string, extraObjects: readonly string[] = []): string | null {
  if (!text) return null;
  const extra = extraObjects.map((o) => words(o)).filter((s) => s.length > 0);
  for (const sentence of sentences(text.slice(0, 200_000))) {
    const ws = words(sentence);
    if (ws.length < 2) continue;
    // Requests allow small gaps ("kunt u ons de ... sturen"); objects are tighter.
    if (!REQUEST_SEQS.some((r) => occurs(ws, r, r.length > 1 ? 4 : 0))) continue;
    if (OBJECT_SEQS.some((o) => occurs(ws, o, 1)) || extra.some((o) => occurs(ws, o, 1))) return sentence.trim().slice(0, 200);
  }
  return null;
}

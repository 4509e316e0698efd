// Micro benchmark for the recipient core: one "message" = 20 recipients parsed from compose
// fields, each matched against a 30-entry whitelist and checked for lookalikes.
// Run: node_modules/.bin/node bench/recipients.bench.ts
// Prints ops/s (messages per second) for each stage and for the whole, in three settings:
//   warm         the same recipients on every message (real use: caches hit)
//   cold-local   fresh local parts every message, known domains (parse cache misses)
//   cold-domain  fresh local parts and fresh domains every message (every cache misses)
import { compileProtected, compileWhitelist, parseRecipientList } from '../utils/core/recipients/index.ts';

const WHITELIST: string[] = [
  'uwv.nl', 'hr@werkgever-a.nl', '*.achmea.nl', 'wérkgever-b.nl', 'arbodienst-c.nl', '*.arbo-unie.nl',
  'hr@bouwbedrijf-jansen.nl', 'personeelszaken@gemeente-utrecht.nl', '*.zilverenkruis.nl', 'cz.nl',
  'menzis.nl', '*.vgz.nl', 'salaris@werkgever-d.nl', 'nn.nl', '*.asr.nl', 'ohra.nl', 'interpolis.nl',
  'hr@transport-de-vries.nl', 'hr@zorginstelling-e.nl', '*.rabobank.nl', 'abnamro.nl', 'ing.nl',
  'hr@schoonmaak-f.nl', 'arbodienst-g.nl', '*.politie.nl', 'rijksoverheid.nl', 'hr@school-h.nl',
  'verzuim@werkgever-i.nl', '*.kpn.com', 'hr@logistiek-j.nl',
];

const DOMAINS = ['uwv.nl', 'werkgever-a.nl', 'eu.achmea.nl', 'wérkgever-b.nl', 'uvw.nl', 'gmail.com', 'werkgever-b.nl',
  '\u0430chmea.nl', 'uwv.nl.secure-mail.com', 'mail.arbo-unie.nl', 'menzis.nl', 'ohra.nl', 'outlook.com', 'kpn.com',
  'hotmail.com', 'zilverenkruis.nl', 'asr.nl', 'werkgever-i.nl', 'ziggo.nl', 'mijn-uwv.nl'];

function fields(seq: number, freshDomains: boolean): string[] {
  const rs = DOMAINS.map((d, i) => {
    const domain = freshDomains ? `org${seq}x${i}.${d}` : d;
    const local = seq < 0 ? `p.jansen${i}` : `p.jansen${i}.${seq}`;
    return i % 3 === 0 ? `"Jansen, P. (${i})" <${local}@${domain}>` : i % 3 === 1 ? `${local}@${domain}` : `Afdeling ${i} <${local}@${domain}>`;
  });
  // To, Cc, Bcc as the adapter reads them: a mix of one-line lists and chips.
  return [rs.slice(0, 8).join(', '), rs.slice(8, 14).join('; '), ...rs.slice(14)];
}

interface Result { parse: number; match: number; lookalike: number; all: number }

function run(mode: 'warm' | 'cold-local' | 'cold-domain', ms: number): Result {
  const whitelist = compileWhitelist(WHITELIST);
  const protectedSet = compileProtected(WHITELIST);
  const fresh = mode === 'cold-domain';
  // Messages are generated before timing so the figures measure the library, not the fixture.
  // Every message is a distinct set of string objects, as the webmail adapter would hand over.
  const POOL = 20_000;
  const pool = Array.from({ length: POOL }, (_, seq) => fields(mode === 'warm' ? -1 : seq, fresh));
  let seq = 0;
  const nextFields = (): string[] => pool[seq++ % POOL] as string[];

  const time = (body: () => void): number => {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (let k = 0; k < 50; k++) body();
      n += 50;
      now = performance.now();
    }
    return Math.round((n * 1000) / (now - start));
  };

  let sink = 0;
  // Pre-parsed recipients for the match/lookalike-only stages.
  const pre = Array.from({ length: 2000 }, () => parseRecipientList(nextFields()));
  let p = 0;
  const parse = time(() => { sink += parseRecipientList(nextFields()).length; });
  const match = time(() => {
    for (const r of pre[p++ % pre.length] ?? []) if (r.address !== null && whitelist.matches(r.address)) sink++;
  });
  const lookalike = time(() => {
    for (const r of pre[p++ % pre.length] ?? []) if (r.domain !== null && protectedSet.find(r.domain) !== null) sink++;
  });
  const all = time(() => {
    for (const r of parseRecipientList(nextFields())) {
      if (r.address === null || r.domain === null) continue;
      if (whitelist.matches(r.address)) sink++;
      if (protectedSet.find(r.domain) !== null) sink++;
    }
  });
  if (sink < 0) console.log(sink);
  return { parse, match, lookalike, all };
}

const ms = Number(process.argv[2] ?? 1500);
// Sanity: the fixture finds what it should, so the figures measure real work.
const check = parseRecipientList(fields(-1, false));
const lookalikes = check.filter((r) => r.domain !== null && compileProtected(WHITELIST).find(r.domain) !== null).length;
console.log(`recipients per message: ${check.length}, whitelist entries: ${WHITELIST.length}, lookalikes in fixture: ${lookalikes}`);
console.log('mode         parse msg/s   match msg/s   lookalike msg/s   all msg/s');
for (const mode of ['warm', 'cold-local', 'cold-domain'] as const) {
  const r = run(mode, ms);
  console.log(`${mode.padEnd(12)} ${String(r.parse).padStart(11)}   ${String(r.match).padStart(11)}   ${String(r.lookalike).padStart(15)}   ${String(r.all).padStart(9)}`);
}

// Attachment preparation speed: what attach time costs per document.
// 1. prepareForSend() on a generated 100-page PDF and a ~20-page DOCX: hash, sniff, the fix
//    (flatten or convert, protect, verify with pdf.js) and the text of the PDF that will be sent
//    (what the health check reads): median of several runs after one warm-up.
// 2. analyseAttachment() alone on the same files (hash + sniff: the facts before the fix).
// 3. Refusing a 300 MiB zip bomb, honest and lying headers.
// 4. Health-term detection over the sent 100-page text (runs on every send).
// Wall time and this process's CPU time are both shown: on a shared, loaded machine wall time
// mostly measures waiting for a core, CPU time what the work itself costs.
// Run: node_modules/.bin/node bench/extract.bench.ts   (or `npm run bench`)
import { analyseAttachment, DEFAULT_LIMITS } from '../utils/core/documents/analyse.ts';
import { prepareForSend } from '../utils/core/documents/send-fix.ts';
import { detectHealthTerms } from '../utils/core/health/detect.ts';
import { makeDocx, makePdf, makeZipBomb } from '../tests/helpers/fixtures.ts';

const SENTENCES = [
  'Cliënt heeft deze week drie sollicitatiebrieven verstuurd naar logistieke bedrijven in de regio.',
  'Het netwerkgesprek met de teamleider verliep positief; een proefplaatsing wordt overwogen.',
  'De werkgever biedt na zes maanden een vast contract, mits de evaluatie goed verloopt.',
  'Afgesproken is dat cliënt zijn LinkedIn-profiel bijwerkt en twee vacatures per week bespreekt.',
  'De coach heeft samen met cliënt de motivatiebrief herschreven en het cv aangescherpt.',
];

function paragraph(seed: number): string {
  return Array.from({ length: 3 }, (_, i) => SENTENCES[(seed + i) % SENTENCES.length]).join(' ');
}

interface Timing<T> {
  median: number;
  min: number;
  cpu: number;
  result: T;
}

const medianOf = (xs: number[]): number => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time<T>(runs: number, work: () => Promise<T> | T): Promise<Timing<T>> {
  let result = await work(); // warm-up (module loading, JIT)
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    result = await work();
    walls.push(performance.now() - t);
    const used = process.cpuUsage(cpu0);
    cpus.push((used.user + used.system) / 1000);
  }
  return { median: medianOf(walls), min: Math.min(...walls), cpu: medianOf(cpus), result };
}

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;
const show = (t: Timing<unknown>): string => `wall median ${fmt(t.median)} (min ${fmt(t.min)}), cpu median ${fmt(t.cpu)}`;

// 100 pages of ~45 lines each, every line real text.
const pdfPages = Array.from({ length: 100 }, (_page, p) =>
  Array.from({ length: 45 }, (_line, l) => `${p + 1}.${l + 1} ${SENTENCES[(p + l) % SENTENCES.length]!.slice(0, 90)}`).join('\n'),
);
const pdf = await makePdf(pdfPages);
// ~20 pages: 12 paragraphs of ~3 sentences per page.
const docx = makeDocx(Array.from({ length: 240 }, (_, i) => paragraph(i)));

console.log(`inputs: 100-page PDF ${(pdf.length / 1024).toFixed(0)} KiB, 240-paragraph DOCX ${(docx.length / 1024).toFixed(0)} KiB`);

const settings = { maxAttachmentMB: 25, protectPdf: true };
const pdfPrepared = await time(3, () => prepareForSend('rapport.pdf', pdf, settings));
console.log(`prepareForSend PDF (100 pages):  ${show(pdfPrepared)}, ${pdfPrepared.result.analysis.text.length} chars sent and checked`);

const docxPrepared = await time(3, () => prepareForSend('rapport.docx', docx, settings));
console.log(`prepareForSend DOCX (~20 pages): ${show(docxPrepared)}, ${docxPrepared.result.analysis.pages} pages, ${docxPrepared.result.analysis.text.length} chars sent and checked`);

const pdfAnalyse = await time(5, () => analyseAttachment('rapport.pdf', pdf, DEFAULT_LIMITS));
console.log(`analyseAttachment PDF:    ${show(pdfAnalyse)}`);
const docxAnalyse = await time(10, () => analyseAttachment('rapport.docx', docx, DEFAULT_LIMITS));
console.log(`analyseAttachment DOCX:   ${show(docxAnalyse)}`);

const honest = makeZipBomb();
const lying = makeZipBomb({ declaredBytes: 4096 });
const bombHonest = await time(5, () => prepareForSend('bomb.docx', honest, settings));
const bombLying = await time(5, () => prepareForSend('bomb.docx', lying, settings));
console.log(`zip bomb (300 MiB in a ${(honest.length / 1024).toFixed(0)} KiB file) refused as ${bombHonest.result.analysis.fix?.problem?.kind}/` +
  `${bombLying.result.analysis.fix?.problem?.kind}: honest headers ${show(bombHonest)}; lying headers ${show(bombLying)}`);

const text = pdfPrepared.result.analysis.text;
const detect = await time(20, () => detectHealthTerms(text));
const words = text.split(/\s+/).length;
console.log(`detectHealthTerms over the sent PDF text (${words} words): ${show(detect)}, found ${JSON.stringify(detect.result)}`);
console.log(`load average during the run: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);

// Attachment analysis speed: what attach time costs per document.
// 1. Text extraction of a generated 100-page PDF (pdf.js, in-thread worker) and a ~20-page DOCX
//    (bounded zip check + mammoth): median of several runs after one warm-up.
// 2. analyseAttachment() end to end on the same files (hash + sniff + extraction).
// 3. Refusing a 300 MiB zip bomb, honest and lying headers.
// 4. Health-term detection over the extracted 100-page text (runs on every send).
// Run: node_modules/.bin/node bench/extract.bench.ts   (or `npm run bench`)
import { analyseAttachment, DEFAULT_LIMITS } from '../utils/documents/analyse.ts';
import { extractDocxText } from '../utils/documents/text/docx.ts';
import { extractPdfText } from '../utils/documents/text/pdf.ts';
import { detectHealthTerms } from '../utils/health/detect.ts';
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

async function time<T>(runs: number, work: () => Promise<T> | T): Promise<{ median: number; min: number; result: T }> {
  let result = await work(); // warm-up (module loading, JIT)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await work();
    times.push(performance.now() - t);
  }
  const sorted = times.toSorted((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, result };
}

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

// 100 pages of ~45 lines each, every line real text.
const pdfPages = Array.from({ length: 100 }, (_page, p) =>
  Array.from({ length: 45 }, (_line, l) => `${p + 1}.${l + 1} ${SENTENCES[(p + l) % SENTENCES.length]!.slice(0, 90)}`).join('\n'),
);
const pdf = await makePdf(pdfPages);
// ~20 pages: 12 paragraphs of ~3 sentences per page.
const docx = makeDocx(Array.from({ length: 240 }, (_, i) => paragraph(i)));

console.log(`inputs: 100-page PDF ${(pdf.length / 1024).toFixed(0)} KiB, 240-paragraph DOCX ${(docx.length / 1024).toFixed(0)} KiB`);

const pdfText = await time(5, () => extractPdfText(pdf, DEFAULT_LIMITS));
console.log(`extract PDF (100 pages):  median ${fmt(pdfText.median)}, min ${fmt(pdfText.min)}, ${pdfText.result.text.length} chars`);

const docxText = await time(10, () => extractDocxText(docx, DEFAULT_LIMITS));
console.log(`extract DOCX (~20 pages): median ${fmt(docxText.median)}, min ${fmt(docxText.min)}, ${docxText.result.length} chars`);

const pdfAnalyse = await time(5, () => analyseAttachment('rapport.pdf', pdf, DEFAULT_LIMITS));
console.log(`analyseAttachment PDF:    median ${fmt(pdfAnalyse.median)}`);
const docxAnalyse = await time(10, () => analyseAttachment('rapport.docx', docx, DEFAULT_LIMITS));
console.log(`analyseAttachment DOCX:   median ${fmt(docxAnalyse.median)}`);

const honest = makeZipBomb();
const lying = makeZipBomb({ declaredBytes: 4096 });
const bombHonest = await time(5, () => analyseAttachment('bomb.docx', honest, DEFAULT_LIMITS));
const bombLying = await time(5, () => analyseAttachment('bomb.docx', lying, DEFAULT_LIMITS));
console.log(`zip bomb (300 MiB, ${(honest.length / 1024).toFixed(0)} KiB file) refused: honest headers ${fmt(bombHonest.median)} ` +
  `(${bombHonest.result.problem?.kind}), lying headers ${fmt(bombLying.median)} (${bombLying.result.problem?.kind})`);

const text = pdfText.result.text;
const detect = await time(20, () => detectHealthTerms(text));
const words = text.split(/\s+/).length;
console.log(`detectHealthTerms over the PDF text (${words} words): median ${fmt(detect.median)} ` +
  `(${((words / detect.median) * 1000 / 1e6).toFixed(2)} M words/s), found ${JSON.stringify(detect.result)}`);

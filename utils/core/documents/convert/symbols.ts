// Symbol fonts: Word and LibreOffice store a character of Symbol, Wingdings or Webdings as its
// byte in that font (w:sym w:char="F0B7", or a run in that font, often shifted into the Private
// Use Area as U+F0xx). The byte means a different picture in each font (Wingdings 2 and 3 are
// fonts of their own); these tables give the Unicode character each one shows, so the text is
// drawn in a real face and stays readable.
// Codes without a Unicode equivalent that our faces draw stay unmapped: they are pictures, not
// letters, and the renderer draws them as a visible box named in the conversion notes (like a
// picture it can't draw) instead of drawing a wrong one. Every mapped character is one our faces
// have (a test checks it).

/** Adobe Symbol encoding, 0x20–0xFF (index = byte − 0x20); '' where the byte has no glyph. */
const SYMBOL =
  ' !∀#∃%&∋()∗+,−./0123456789:;<=>?' +
  '≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_' +
  '‾αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼\u0000' +
  '\u0000'.repeat(32) +
  '€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…│─↵' +
  'ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓' +
  '◊⟨®©™∑⎛⎜⎝⎡⎢⎣⎧⎨⎩⎪\u0000⟩∫⌠⎮⌡⎞⎟⎠⎤⎥⎦⎫⎬⎭\u0000';

/** Wingdings, the codes reports use (bullets, boxes, check marks, arrows, pointing hands, digits). */
const WINGDINGS: ReadonlyMap<number, string> = new Map([
  [0x22, '✂'], [0x28, '☎'], [0x2a, '✉'], [0x3e, '✇'], [0x3f, '✍'], [0x41, '✌'],
  [0x45, '☜'], [0x46, '☞'], [0x47, '☝'], [0x48, '☟'], [0x4a, '☺'], [0x4c, '☹'], [0x4e, '☠'],
  [0x51, '✈'], [0x52, '☼'], [0x54, '❄'], [0x56, '✞'], [0x58, '✠'], [0x59, '✡'], [0x5a, '☪'],
  [0x5b, '☯'], [0x5d, '☸'], [0x5e, '♈'], [0x5f, '♉'], [0x60, '♊'], [0x61, '♋'], [0x62, '♌'],
  [0x63, '♍'], [0x64, '♎'], [0x65, '♏'], [0x66, '♐'], [0x67, '♑'], [0x68, '♒'], [0x69, '♓'],
  [0x6c, '●'], [0x6d, '❍'], [0x6e, '■'], [0x6f, '□'], [0x70, '◻'], [0x71, '❑'], [0x72, '❒'],
  [0x73, '◆'], [0x74, '⧫'], [0x75, '◆'], [0x76, '❖'], [0x77, '◆'], [0x78, '⌧'], [0x7a, '⌘'],
  [0x7b, '❀'], [0x7c, '✿'], [0x7d, '❝'], [0x7e, '❞'], [0x81, '①'], [0x82, '②'],
  [0x83, '③'], [0x84, '④'], [0x85, '⑤'], [0x86, '⑥'], [0x87, '⑦'], [0x88, '⑧'], [0x89, '⑨'],
  [0x8a, '⑩'], [0x8c, '❶'], [0x8d, '❷'], [0x8e, '❸'], [0x8f, '❹'], [0x90, '❺'],
  [0x91, '❻'], [0x92, '❼'], [0x93, '❽'], [0x94, '❾'], [0x95, '❿'], [0x9e, '·'], [0x9f, '•'],
  [0xa0, '▪'], [0xa1, '○'], [0xa2, '◯'], [0xa4, '◉'], [0xa5, '◎'], [0xa7, '▪'], [0xa8, '◻'],
  [0xaa, '✦'], [0xab, '★'], [0xac, '✶'], [0xad, '✴'], [0xae, '✹'], [0xaf, '✵'], 
  [0xb3, '⌑'], [0xb5, '✪'], [0xb6, '✰'], [0xd5, '⌫'], [0xd6, '⌦'], [0xd8, '➢'],
  [0xdf, '←'], [0xe0, '→'], [0xe1, '↑'], [0xe2, '↓'], [0xe3, '↖'], [0xe4, '↗'], [0xe5, '↙'],
  [0xe6, '↘'], [0xe8, '➔'], [0xef, '⇦'], [0xf0, '⇨'], [0xf1, '⇧'], [0xf2, '⇩'], [0xf3, '⬄'],
  [0xf4, '⇳'], [0xfb, '✗'], [0xfc, '✓'], [0xfd, '☒'], [0xfe, '☑'],
]);

/**
 * Wingdings 2, the codes reports use: check marks and crosses, ticked and crossed boxes, circled
 * digits, bullets and squares. Its other codes (pens, hands, clocks, stars…) stay pictures. It is
 * a font of its own: the same byte shows another picture than in Wingdings (0x50 is a check mark
 * here, a flag there; 0x6C circled 3 here, a round bullet there).
 */
const WINGDINGS2: ReadonlyMap<number, string> = new Map([
  [0x4f, '✗'], [0x50, '✓'], [0x52, '☑'], [0x53, '☒'], [0x54, '☒'],
  ...[...'①②③④⑤⑥⑦⑧⑨⑩'].map((ch, k): [number, string] => [0x6a + k, ch]),
  ...[...'❶❷❸❹❺❻❼❽❾❿'].map((ch, k): [number, string] => [0x75 + k, ch]),
  [0x95, '•'], [0x96, '●'], [0xa0, '■'], [0xa3, '□'], [0xae, '◆'], [0xaf, '◇'],
]);

/** The symbol fonts whose codes are mapped; 'wingdings3' (arrows) and 'webdings' have no table: their codes are pictures. */
export type SymbolFont = 'symbol' | 'wingdings' | 'wingdings2' | 'wingdings3' | 'webdings';

/** Which symbol font a font name is, if any ("Wingdings 2" and "Wingdings 3" are fonts of their own, not Wingdings). */
export function symbolFontOf(name: string | undefined): SymbolFont | null {
  if (!name) return null;
  const n = name.toLowerCase();
  const wd = /wingdings\s*([23])?/.exec(n);
  if (wd) return wd[1] === '2' ? 'wingdings2' : wd[1] === '3' ? 'wingdings3' : 'wingdings';
  if (n.includes('webdings')) return 'webdings';
  if (n === 'symbol' || n.startsWith('symbol ') || n === 'opensymbol') return 'symbol';
  return null;
}

/** The Unicode character a symbol-font code (byte or U+F0xx) shows, or undefined when unknown. */
export function symbolChar(font: SymbolFont, code: number): string | undefined {
  const b = code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code;
  if (b < 0x20 || b > 0xff) return undefined;
  if (font === 'symbol') {
    const ch = SYMBOL[b - 0x20];
    return ch && ch !== '\u0000' ? ch : undefined;
  }
  if (font === 'wingdings') return WINGDINGS.get(b);
  if (font === 'wingdings2') return WINGDINGS2.get(b);
  return undefined;
}

/** Every character of a run set in a symbol font, mapped; unknown ones stay as U+F0xx (refused later, named). */
export function mapSymbolText(font: SymbolFont, text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp === 0x20 || cp === 9 || cp === 10) {
      out += ch;
      continue;
    }
    const mapped = symbolChar(font, cp);
    out += mapped ?? (cp < 0x100 ? String.fromCharCode(0xf000 + cp) : ch);
  }
  return out;
}

// The words of an extracted text, as the corpus runner and the fidelity bench compare them:
// runs of letters and digits of two characters or more (one-character tokens are mostly list
// markers a symbol font gave as letters: Wingdings' l and o), and each Chinese or Japanese
// character on its own. Those scripts put no spaces between words, so a "word" between spaces is
// a whole line of text there, and two layouts that wrap it at different characters would share
// none; per character, text kept in order is measured whatever the line breaks.

const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
const CJK_SPLIT = /([\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])/u;

export function textWords(text: string): string[] {
  const out: string[] = [];
  for (const w of text.normalize('NFKC').split(/[^\p{L}\p{N}]+/u)) {
    if (!w) continue;
    if (!CJK.test(w)) {
      if (w.length > 1) out.push(w);
      continue;
    }
    // Latin pieces between CJK characters keep the length rule; each CJK character is a word.
    for (const piece of w.split(CJK_SPLIT)) if (piece.length > 1 || (piece && CJK.test(piece))) out.push(piece);
  }
  return out;
}

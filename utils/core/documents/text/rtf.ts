// RTF text by a small tokenizer over the bytes. Every step consumes at least one byte and
// output never exceeds input, so a "{\rtf" header followed by binary junk ends in linear time.
// Destinations that hold no document text (font and colour tables, pictures, objects, field
// instructions, anything introduced with \*) are skipped with their whole group.
import { tidy } from './xml-text.ts';

/** Each byte's character in Windows-1252 (the platform's own decoder, read once into a table). */
const CP1252 = new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, i) => i));

const SKIP_DESTINATIONS = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'objdata', 'fldinst', 'themedata',
  'colorschememapping', 'datastore', 'latentstyles', 'listtable', 'listoverridetable', 'rsidtbl',
  'generator', 'xmlnstbl', 'filetbl', 'revtbl', 'userprops', 'pgdsctbl', 'nonshppict', 'shppict',
  'blipuid', 'datafield', 'mmathPr', 'wgrffmtfilter', 'defchp', 'defpap', 'xmlopen', 'bkmkstart',
  'bkmkend', 'protusertbl', 'operator', 'author', 'title', 'subject', 'keywords', 'comment',
  'doccomm', 'company', 'template', 'sp', 'sn', 'sv',
]);
/** Destinations with text a reader sees (or a reviewer would): kept even when starred. */
const CONTENT_DESTINATIONS = new Set(['header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl', 'footerr', 'footerf', 'footnote', 'annotation']);

const BREAKS: Record<string, string> = {
  par: '\n', line: '\n', sect: '\n', page: '\n', row: '\n', cell: '\t', tab: '\t',
  emdash: '\u2014', endash: '\u2013', lquote: '\u2018', rquote: '\u2019', ldblquote: '\u201c',
  rdblquote: '\u201d', bullet: '\u2022', emspace: ' ', enspace: ' ', qmspace: ' ',
};

/** Deeper nesting is still parsed, but shares its parent's state instead of growing the stack. */
const MAX_DEPTH = 512;

interface Group {
  skip: boolean;
  /** \ucN: how many fallback characters follow each \uN. */
  uc: number;
}

const isLetter = (b: number): boolean => (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a);
const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39;
const hexValue = (b: number): number =>
  isDigit(b) ? b - 0x30 : b >= 0x61 && b <= 0x66 ? b - 0x57 : b >= 0x41 && b <= 0x46 ? b - 0x37 : -1;

export function extractRtfText(bytes: Uint8Array): string {
  const out: string[] = [];
  const stack: Group[] = [];
  let group: Group = { skip: false, uc: 1 };
  let overflow = 0;
  /** Fallback characters still to drop after a \uN. */
  let pendingSkip = 0;
  /** Set right after "{": the next control word may name a destination. */
  let groupStart = false;
  /** Set after "\*": the destination is optional and skipped unless it is known content. */
  let starred = false;
  let i = 0;
  const n = bytes.length;

  const emit = (text: string): void => {
    if (group.skip) return;
    if (pendingSkip > 0) {
      pendingSkip--;
      return;
    }
    out.push(text);
  };

  while (i < n) {
    const b = bytes[i]!;
    if (b === 0x7b) {
      // "{"
      if (stack.length >= MAX_DEPTH) overflow++;
      else {
        stack.push(group);
        group = { skip: group.skip, uc: group.uc };
      }
      groupStart = true;
      starred = false;
      pendingSkip = 0;
      i++;
      continue;
    }
    if (b === 0x7d) {
      // "}"
      if (overflow > 0) overflow--;
      else group = stack.pop() ?? { skip: false, uc: 1 };
      groupStart = false;
      starred = false;
      pendingSkip = 0;
      i++;
      continue;
    }
    if (b === 0x0d || b === 0x0a) {
      i++; // raw line breaks are formatting of the RTF source, not text
      continue;
    }
    if (b !== 0x5c) {
      // Plain text byte (Windows-1252).
      emit(CP1252[b]!);
      groupStart = false;
      i++;
      continue;
    }
    // Backslash: control word, control symbol or escape.
    const next = i + 1 < n ? bytes[i + 1]! : -1;
    if (next < 0) break;
    if (!isLetter(next)) {
      i += 2;
      if (next === 0x27) {
        // \'hh: one byte in the document code page.
        const hi = i < n ? hexValue(bytes[i]!) : -1;
        const lo = i + 1 < n ? hexValue(bytes[i + 1]!) : -1;
        if (hi >= 0 && lo >= 0) {
          emit(CP1252[hi * 16 + lo]!);
          i += 2;
        }
      } else if (next === 0x2a) {
        starred = true; // \*
        continue;
      } else if (next === 0x5c || next === 0x7b || next === 0x7d) {
        emit(String.fromCharCode(next));
      } else if (next === 0x7e) {
        emit('\u00a0'); // \~ non-breaking space
      } else if (next === 0x5f) {
        emit('-'); // \_ non-breaking hyphen
      } else if (next === 0x0a || next === 0x0d) {
        emit('\n'); // "\" + newline is the same as \par
      }
      // \- (optional hyphen) and unknown symbols produce nothing.
      groupStart = false;
      continue;
    }
    // Control word: letters, optional signed number, optional single space delimiter.
    let j = i + 1;
    while (j < n && j - i <= 32 && isLetter(bytes[j]!)) j++;
    const word = String.fromCharCode(...bytes.subarray(i + 1, j));
    let param: number | null = null;
    let k = j;
    if (k < n && bytes[k] === 0x2d && k + 1 < n && isDigit(bytes[k + 1]!)) k++;
    const digitsFrom = k;
    while (k < n && k - digitsFrom < 10 && isDigit(bytes[k]!)) k++;
    if (k > digitsFrom) param = Number(String.fromCharCode(...bytes.subarray(j, k)));
    if (k < n && bytes[k] === 0x20) k++;
    i = k;

    const destinationHere = groupStart;
    groupStart = false;
    if (destinationHere && (SKIP_DESTINATIONS.has(word) || (starred && !CONTENT_DESTINATIONS.has(word)))) {
      group.skip = true;
      starred = false;
      continue;
    }
    starred = false;

    if (word === 'bin' && param !== null && param > 0) {
      // Raw binary data follows; it must never be read as text or control words.
      i = Math.min(n, i + param);
      continue;
    }
    if (word === 'uc' && param !== null) {
      group.uc = Math.max(0, Math.min(param, 10));
      continue;
    }
    if (word === 'u' && param !== null) {
      const code = param < 0 ? param + 65536 : param;
      if (!group.skip) {
        if (pendingSkip > 0) pendingSkip = 0;
        out.push(String.fromCharCode(code));
      }
      pendingSkip = group.uc;
      continue;
    }
    const brk = BREAKS[word];
    if (brk !== undefined) emit(brk);
  }
  // \uN pairs from surrogate halves are joined by fromCharCode already; lone halves are dropped.
  return tidy(out.join('').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ''));
}

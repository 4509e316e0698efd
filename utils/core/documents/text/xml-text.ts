// Text out of office XML (ODF content.xml, WordprocessingML parts) without a DOM: the pure
// core has no DOMParser. A linear scan over tags is enough because only character data and
// paragraph/line/tab boundaries matter for what is looked for in the text.

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
    }
    return NAMED[ref] ?? whole;
  });
}

export interface XmlTextRules {
  /** Element names (with prefix) that end a paragraph: a newline follows them. */
  paragraph: ReadonlySet<string>;
  /** Empty elements that stand for a line break / tab / space(s). */
  lineBreak: ReadonlySet<string>;
  tab: ReadonlySet<string>;
  /** Element giving a run of spaces, its count in attribute `countAttr` (ODF text:s). */
  spaces?: { element: string; countAttr: string };
  /** Elements whose character data is not document text (e.g. instructions). */
  skip?: ReadonlySet<string>;
}

function tagName(tag: string): string {
  const m = /^<\/?([^\s/>]+)/.exec(tag);
  return m ? m[1]! : '';
}

/** Character data of an XML part, with paragraph ends as newlines. */
export function xmlToText(xml: string, rules: XmlTextRules): string {
  const out: string[] = [];
  let skipDepth = 0;
  let at = 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > at && skipDepth === 0) out.push(decodeXmlEntities(xml.slice(at, textEnd)));
    if (lt < 0) break;
    // Comments, CDATA and processing instructions are skipped whole.
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      at = end < 0 ? xml.length : end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (skipDepth === 0) out.push(xml.slice(lt + 9, end < 0 ? xml.length : end));
      at = end < 0 ? xml.length : end + 3;
      continue;
    }
    const gt = xml.indexOf('>', lt + 1);
    if (gt < 0) break;
    const tag = xml.slice(lt, gt + 1);
    at = gt + 1;
    if (tag.startsWith('<?') || tag.startsWith('<!')) continue;
    const name = tagName(tag);
    const closing = tag.startsWith('</');
    const selfClosing = tag.endsWith('/>');
    if (rules.skip?.has(name)) {
      if (closing) skipDepth = Math.max(0, skipDepth - 1);
      else if (!selfClosing) skipDepth++;
      continue;
    }
    if (skipDepth > 0) continue;
    if (rules.paragraph.has(name) && (closing || selfClosing)) out.push('\n');
    else if (rules.lineBreak.has(name)) out.push('\n');
    else if (rules.tab.has(name)) out.push('\t');
    else if (rules.spaces && name === rules.spaces.element) {
      const m = new RegExp(`${rules.spaces.countAttr}="(\\d+)"`).exec(tag);
      out.push(' '.repeat(Math.min(m ? Number(m[1]) : 1, 1000)));
    }
  }
  return out.join('');
}

/** Collapse the blank runs XML indentation leaves, keeping paragraph breaks. */
export function tidy(text: string): string {
  return text
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// A small, strict XML parser for the office formats' parts.
// Why our own: the parts are well-formed machine-written XML, and we need hard guarantees a
// general parser doesn't give by default: no DTD at all (so no entity expansion, billion laughs
// or external entities), a nesting-depth cap (nested-element bombs), a node-count cap, and
// namespace resolution so `w:p` is matched by namespace URI, not by whatever prefix a writer chose.

import { ConversionError } from './errors.ts';

export interface XmlElement {
  ns: string; // namespace URI ('' when none)
  local: string;
  /** Attributes by local name (prefixes dropped; the office formats never repeat a local name on one element). */
  attrs: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export interface XmlLimits {
  maxDepth: number;
  maxNodes: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 200, maxNodes: 2_000_000 };

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function bad(part: string, why: string): ConversionError {
  return new ConversionError('corrupt', `${part}: malformed XML (${why})`);
}

function decodeEntities(s: string, part: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&([^;&\s]{1,10});/g, (_m, name: string) => {
    if (name[0] === '#') {
      const cp = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      if (!Number.isFinite(cp) || cp < 0 || cp > 0x10ffff) throw bad(part, `invalid character reference &${name};`);
      return String.fromCodePoint(cp);
    }
    const v = PREDEFINED[name];
    if (v === undefined) throw bad(part, `undeclared entity &${name};`);
    return v;
  });
}

interface Pending {
  el: XmlElement;
  qname: string;
  scope: Map<string, string>; // prefix -> uri, '' for default namespace
}

const NAME_RE = /^[^\s/>=]+/;

/** Parses `text` into its root element. Throws ConversionError('corrupt') on anything unexpected. */
export function parseXml(text: string, part: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  const stack: Pending[] = [];
  let root: XmlElement | null = null;
  let nodes = 0;
  let i = 0;
  const n = text.length;
  const rootScope = new Map<string, string>([['xml', 'http://www.w3.org/XML/1998/namespace']]);

  const pushText = (raw: string): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (raw.trim() !== '') throw bad(part, 'text outside the root element');
      return;
    }
    if (++nodes > limits.maxNodes) throw new ConversionError('too-large', `${part}: more than ${limits.maxNodes} XML nodes`);
    top.el.children.push(decodeEntities(raw, part));
  };

  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      pushText(text.slice(i));
      break;
    }
    if (lt > i) pushText(text.slice(i, lt));
    const c1 = text.charCodeAt(lt + 1);
    if (c1 === 0x3f /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) throw bad(part, 'unterminated processing instruction');
      i = end + 2;
      continue;
    }
    if (c1 === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end < 0) throw bad(part, 'unterminated comment');
        i = end + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0) throw bad(part, 'unterminated CDATA section');
        const top = stack[stack.length - 1];
        if (!top) throw bad(part, 'CDATA outside the root element');
        top.el.children.push(text.slice(lt + 9, end));
        i = end + 3;
        continue;
      }
      // <!DOCTYPE ...>: office parts never carry one; refusing it removes every entity-expansion attack.
      throw new ConversionError('corrupt', `${part}: XML with a document type declaration is refused (possible entity-expansion attack)`);
    }
    if (c1 === 0x2f /* / */) {
      const end = text.indexOf('>', lt + 2);
      if (end < 0) throw bad(part, 'unterminated end tag');
      const qname = text.slice(lt + 2, end).trim();
      const top = stack.pop();
      if (!top || top.qname !== qname) throw bad(part, `unexpected </${qname.slice(0, 40)}>`);
      i = end + 1;
      continue;
    }
    // Start tag: scan to the closing '>' while respecting quoted attribute values.
    let j = lt + 1;
    let quote = 0;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3e /* > */) break;
    }
    if (j >= n) throw bad(part, 'unterminated start tag');
    const selfClosing = text.charCodeAt(j - 1) === 0x2f;
    const inner = text.slice(lt + 1, selfClosing ? j - 1 : j);
    const nameMatch = NAME_RE.exec(inner);
    if (!nameMatch) throw bad(part, 'missing element name');
    const qname = nameMatch[0];
    const parentScope = stack[stack.length - 1]?.scope ?? rootScope;
    let scope = parentScope;
    const rawAttrs: Array<[string, string]> = [];
    const rest = inner.slice(qname.length);
    let m: RegExpExecArray | null;
    const restRe = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
    while ((m = restRe.exec(rest)) !== null) {
      const aname = m[1] as string;
      const value = decodeEntities(m[3] ?? m[4] ?? '', part);
      if (aname === 'xmlns' || aname.startsWith('xmlns:')) {
        if (scope === parentScope) scope = new Map(parentScope);
        scope.set(aname === 'xmlns' ? '' : aname.slice(6), value);
      } else rawAttrs.push([aname, value]);
    }
    const colon = qname.indexOf(':');
    const prefix = colon >= 0 ? qname.slice(0, colon) : '';
    const el: XmlElement = {
      ns: scope.get(prefix) ?? '',
      local: colon >= 0 ? qname.slice(colon + 1) : qname,
      attrs: {},
      children: [],
    };
    for (const [aname, value] of rawAttrs) {
      const ac = aname.indexOf(':');
      el.attrs[ac >= 0 ? aname.slice(ac + 1) : aname] = value;
    }
    if (++nodes > limits.maxNodes) throw new ConversionError('too-large', `${part}: more than ${limits.maxNodes} XML nodes`);
    const parent = stack[stack.length - 1];
    if (parent) parent.el.children.push(el);
    else if (root) throw bad(part, 'more than one root element');
    else root = el;
    if (!selfClosing) {
      if (stack.length + 1 > limits.maxDepth) {
        throw new ConversionError('corrupt', `${part}: XML nested deeper than ${limits.maxDepth} levels (refused as a possible nesting bomb)`);
      }
      stack.push({ el, qname, scope });
    }
    i = j + 1;
  }
  if (stack.length) throw bad(part, `unclosed <${stack[stack.length - 1]?.qname.slice(0, 40)}>`);
  if (!root) throw bad(part, 'no root element');
  return root;
}

/** Child elements, optionally only those with the given namespace and local name. */
export function kids(el: XmlElement, ns?: string, local?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (ns !== undefined && c.ns !== ns) continue;
    if (local !== undefined && c.local !== local) continue;
    out.push(c);
  }
  return out;
}

export function kid(el: XmlElement, ns: string, local: string): XmlElement | undefined {
  for (const c of el.children) if (typeof c !== 'string' && c.ns === ns && c.local === local) return c;
  return undefined;
}

/**
 * The elements below `el` that pass `test`, in document order; below a match it looks no deeper
 * (at most 60 levels down).
 */
export function descendants(el: XmlElement, test: (e: XmlElement) => boolean, out: XmlElement[] = [], depth = 0): XmlElement[] {
  if (depth > 60) return out;
  for (const c of kids(el)) {
    if (test(c)) out.push(c);
    else descendants(c, test, out, depth + 1);
  }
  return out;
}

/** All text below an element, concatenated. */
export function textOf(el: XmlElement): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textOf(c);
  return s;
}

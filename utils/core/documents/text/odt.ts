// OpenDocument text: the body is content.xml inside the (bounded) zip. Headers and footers live
// in styles.xml; they are read too, because health data there counts just the same.
import { DocumentError } from '../errors.ts';
import { readZipEntries, type ZipLimits } from '../zip.ts';
import { tidy, xmlToText, type XmlTextRules } from './xml-text.ts';

const ODF_RULES: XmlTextRules = {
  paragraph: new Set(['text:p', 'text:h']),
  lineBreak: new Set(['text:line-break']),
  tab: new Set(['text:tab']),
  spaces: { element: 'text:s', countAttr: 'text:c' },
  // Change-tracking metadata and sequence declarations are not document text.
  skip: new Set(['office:meta', 'text:tracked-changes', 'text:sequence-decls', 'office:font-face-decls']),
};

export function extractOdtText(bytes: Uint8Array, limits: ZipLimits): string {
  const parts = readZipEntries(bytes, limits, (name) => name === 'content.xml' || name === 'styles.xml');
  const content = parts.get('content.xml');
  if (!content) throw new DocumentError('corrupt', 'odt: content.xml is missing');
  const decoder = new TextDecoder('utf-8');
  const body = xmlToText(decoder.decode(content), ODF_RULES);
  const styles = parts.get('styles.xml');
  const extra = styles ? xmlToText(decoder.decode(styles), ODF_RULES).trim() : '';
  return tidy(extra ? `${body}\n${extra}` : body);
}


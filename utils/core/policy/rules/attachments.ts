// Contracts §4 rule 4: attachments leave as flattened PDF, converted or flattened automatically;
// what cannot be made into one blocks. One finding per attachment: ATTACHMENT_CONVERTED or
// PDF_FLATTENED (info), ATTACHMENT_UNREADABLE (encrypted, corrupt, over a limit) or
// ATTACHMENT_UNSUPPORTED (block).
//
// Decisions:
// - The type comes from the analysis (bytes), never from the file name.
// - Over the policy's size limit (maxAttachmentMB, in MiB) blocks whatever the analysis said.
// - Without a fix result the type decides: PDF → PDF_FLATTENED, convertible → ATTACHMENT_CONVERTED,
//   other → ATTACHMENT_UNSUPPORTED. A fix result (ok or not) overrides that guess.
import { type FindingsKey, t } from '../../i18n/findings.ts';
import { CONVERTIBLE_TYPES } from '../../documents/types.ts';
import type { AttachmentRule } from './rule.ts';
import { NONE, finding } from './rule.ts';

export const attachments: AttachmentRule = (ctx, att) => {
  const file = att.name;
  const facts = { sha256: att.sha256, type: att.type };
  const limitMB = ctx.policy.maxAttachmentMB ?? 25;
  if (att.size > ctx.compiled.maxAttachmentBytes) {
    return [finding(ctx, 'ATTACHMENT_UNREADABLE', 'block', file, 'ATTACHMENT_UNREADABLE.tooLarge', { file, limitMB }, { ...facts, problem: 'too-large' })];
  }
  const problem = att.problem ?? (att.fix && !att.fix.ok ? (att.fix.problem ?? null) : null);
  if (problem || !att.readable || (att.fix && !att.fix.ok)) {
    const kind = problem?.kind ?? (att.readable ? 'conversion-failed' : 'unreadable');
    if (kind === 'unsupported') {
      return [finding(ctx, 'ATTACHMENT_UNSUPPORTED', 'block', file, 'ATTACHMENT_UNSUPPORTED', { file }, { ...facts, problem: kind })];
    }
    const key: FindingsKey =
      kind === 'encrypted'
        ? 'ATTACHMENT_UNREADABLE.encrypted'
        : kind === 'corrupt'
          ? 'ATTACHMENT_UNREADABLE.corrupt'
          : kind === 'too-large'
            ? 'ATTACHMENT_UNREADABLE.tooLarge'
            : 'ATTACHMENT_UNREADABLE';
    return [
      finding(ctx, 'ATTACHMENT_UNREADABLE', 'block', file, key, { file, limitMB, reason: t(ctx.lang, `reason.${kind}` as FindingsKey) }, { ...facts, problem: kind }),
    ];
  }
  const action = att.fix ? att.fix.action : att.type === 'pdf' ? 'flattened' : CONVERTIBLE_TYPES.has(att.type) ? 'converted' : 'unsupported';
  if (action === 'converted') {
    // Pictures the PDF can only show as a placeholder: still converted, but the user is told which.
    const notes = att.fix?.ok ? (att.fix.notes ?? []) : [];
    // Tracked changes: the PDF shows the text as accepted, and the user is told so.
    const tracked = !!(att.fix?.ok && att.fix.revisions);
    const revised: Record<string, boolean> = tracked ? { trackedChanges: true } : {};
    if (notes.length) {
      const key: FindingsKey = tracked ? 'ATTACHMENT_CONVERTED.placeholderTrackedChanges' : 'ATTACHMENT_CONVERTED.placeholder';
      return [finding(ctx, 'ATTACHMENT_CONVERTED', 'info', file, key, { file, count: notes.length, detail: notes.join('; ') }, { ...facts, placeholders: notes.length, ...revised })];
    }
    if (tracked) return [finding(ctx, 'ATTACHMENT_CONVERTED', 'info', file, 'ATTACHMENT_CONVERTED.trackedChanges', { file }, { ...facts, ...revised })];
    return [finding(ctx, 'ATTACHMENT_CONVERTED', 'info', file, 'ATTACHMENT_CONVERTED', { file }, facts)];
  }
  if (action === 'flattened') return [finding(ctx, 'PDF_FLATTENED', 'info', file, 'PDF_FLATTENED', { file }, facts)];
  if (action === 'unsupported') return [finding(ctx, 'ATTACHMENT_UNSUPPORTED', 'block', file, 'ATTACHMENT_UNSUPPORTED', { file }, { ...facts, problem: 'unsupported' })];
  return NONE;
};

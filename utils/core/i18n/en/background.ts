// English: the same keys and placeholders as ../nl/background.ts (the type and a test enforce it).
import type { BackgroundKey } from '../nl/background.ts';

export const background: Record<BackgroundKey, string> = {
  'check.noPolicy': 'no policy loaded',
  'check.policyInvalid': 'the stored policy is invalid',
  'check.recordsInvalid': 'the stored client records are invalid',
  'check.attachmentNotChecked': 'attachment {file} has not been checked yet',
  'check.engineError': 'internal error in the check',
  'check.auditUnavailable': 'the audit log cannot be written',
  'fix.failed': 'conversion to PDF failed',
};

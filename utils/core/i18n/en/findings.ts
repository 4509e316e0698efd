// English: the same keys and placeholders as ../nl/findings.ts (the type and a test enforce it).
import type { FindingsKey } from '../nl/findings.ts';

export const findings: Record<FindingsKey, string> = {
  RECIPIENT_NOT_WHITELISTED:
    'Recipient {address} is not on the list of {regio}. Remove this recipient or ask the administrator to update the list.',
  'RECIPIENT_NOT_WHITELISTED.noRegio':
    'Recipient {address} is not on the list of any regional office. Remove this recipient or ask the administrator to update the list.',
  RECIPIENT_NOT_IN_AGREEMENT:
    'Recipient {address} is not in the reporting agreement with client {client}. Remove this recipient or first record a new agreement with the client.',
  RECIPIENT_LOOKALIKE:
    'The address {address} looks like {resembles} but is not. Check the address: it may be a typo or a fake address.',
  RECIPIENT_INVALID: '{address} is not a valid e-mail address. Correct or remove this recipient.',
  'RECIPIENT_INVALID.displayName':
    'The name of recipient {address} contains a different e-mail address ({shown}). Type the recipient’s address again.',
  SENDER_UNKNOWN:
    'Sender {address} belongs to no regional office. Send reports from your work address or ask the administrator to add you.',
  NOT_VIA_REGIOKANTOOR:
    'Reports must go through the mailbox of {regio}. Put {mailbox} in Cc or Bcc, or send from that mailbox.',
  CLIENT_UNKNOWN:
    'It is not clear which client this report is about. Choose the client or put the client number (like C-1042) in the subject.',
  'CLIENT_UNKNOWN.notInRecords':
    'Client {client} is not in the client records. Check the client number or ask the administrator to add the client.',
  'CLIENT_UNKNOWN.several':
    'This mail mentions more than one client ({client}). Send one mail per client, or choose the right client.',
  APPROVAL_MISSING:
    'Client {client} has not approved {file} yet. Send the report to the client alone for approval first, or choose an exception ground.',
  APPROVAL_STALE:
    '{file} is not the version client {client} approved on {approvedAt}. The client must see and approve this new version first, or attach the approved version.',
  'APPROVAL_STALE.named':
    '{file} is not the version client {client} approved on {approvedAt} ({approvedFile}). The client must see and approve this new version first, or attach the approved version.',
  EXCEPTION_GROUND_USED:
    'You are sending this without approval of client {client}, on the ground of {ground}. Let the client know you shared it.',
  PROGRESS_INFO:
    'This is brief progress information without approval of client {client}. Tell the client in person what you shared.',
  HEALTH_CONSENT_MISSING:
    'This mail contains health data ({terms}), but client {client} has no valid written consent. Remove this data or record written consent first.',
  'HEALTH_CONSENT_MISSING.declared':
    'You indicated this mail contains health data, but client {client} has no valid written consent. Remove this data or record written consent first.',
  'HEALTH_CONSENT_MISSING.medicalRequest':
    'You are asking {address} for medical information about client {client}, but the client has no valid written consent. Record the signed consent first.',
  'HEALTH_CONSENT_MISSING.medical':
    'This mail to {address} contains health data ({terms}), but client {client} has no valid written consent. Record the signed consent first.',
  'HEALTH_CONSENT_MISSING.medicalNoClient':
    'This mail to {address} asks for or contains health data, but it is not clear which client it is about. Put the client number (like C-1042) in the subject.',
  PROFILE_CONSENT_MISSING:
    '{file} is a CV or profile and client {client} has not explicitly consented to sharing it. Record the consent first or remove the attachment.',
  PROFILE_NOT_ANONYMISED:
    'Client {client} consents to an anonymised CV only, but {file} names the client. Remove the name and contact details.',
  'PROFILE_NOT_ANONYMISED.unreadable':
    'Client {client} consents to an anonymised CV only, and {file} cannot be checked to be anonymised. Attach a readable anonymised version.',
  HEALTH_DATA_DECLARED_ABSENT:
    'You state there is no health data, although "{terms}" was found. Your explanation is recorded; please check once more.',
  HEALTH_DATA_IN_BODY:
    'The text of this mail contains health data ({terms}) and goes to {address}, who is not on the list. Remove that data from the mail if it is not needed.',
  'HEALTH_DATA_IN_BODY.declared':
    'You indicated the text of this mail contains health data, and it goes to {address}, who is not on the list. Remove that data from the mail if it is not needed.',
  ATTACHMENT_CONVERTED: '{file} will be converted to a protected PDF before sending.',
  'ATTACHMENT_CONVERTED.placeholder':
    '{file} will be converted to a protected PDF before sending; {count} picture(s) cannot be shown and appear as a grey box ({detail}). Check whether the report is still complete.',
  'ATTACHMENT_CONVERTED.trackedChanges':
    '{file} will be converted to a protected PDF before sending. It holds tracked changes: the PDF shows them accepted (insertions kept, deleted text left out), as Word prints with no markup.',
  'ATTACHMENT_CONVERTED.placeholderTrackedChanges':
    '{file} will be converted to a protected PDF before sending; {count} picture(s) cannot be shown and appear as a grey box ({detail}). Tracked changes are shown accepted (deleted text left out). Check whether the report is still complete.',
  PDF_FLATTENED: '{file} will be flattened before sending: form fields, comments and hidden content are removed.',
  ATTACHMENT_UNREADABLE:
    '{file} cannot be checked ({reason}). Save the file again as PDF and attach it again.',
  'ATTACHMENT_UNREADABLE.encrypted':
    '{file} is password-protected and cannot be checked. Attach a version without a password.',
  'ATTACHMENT_UNREADABLE.corrupt': '{file} is damaged or unreadable. Save the file again and attach it again.',
  'ATTACHMENT_UNREADABLE.tooLarge':
    '{file} is larger than {limitMB} MB. Make the file smaller or share it another secure way.',
  ATTACHMENT_UNSUPPORTED:
    '{file} is a file type that cannot be made into a PDF. Save it as PDF or Word document and attach it again.',
  RECORDS_STALE:
    'The client records from the client system were last fetched on {fetchedAt}, more than {hours} hours ago; reports go out again once they have been fetched anew.',
  'RECORDS_STALE.never':
    'The client records from the client system have not been fetched yet; reports go out once that has worked. Tell the administrator if this stays so.',
  ATTACHMENT_INLINE:
    'There is a picture in the text of the e-mail ({file}). It leaves as an attachment but cannot be sent as a flat PDF. Take the picture out of the text and attach it as a file instead.',
  CHECK_FAILED: 'The check failed ({reason}). Do not send the mail yet; try again or tell the administrator.',

  'ground.contract': 'a contract',
  'ground.legal-obligation': 'a legal obligation',
  'ground.vital-interest': 'a vital interest',
  'ground.legitimate-interest': 'a legitimate interest',

  'reason.encrypted': 'password-protected',
  'reason.corrupt': 'damaged',
  'reason.too-large': 'too large',
  'reason.zip-bomb': 'suspiciously highly compressed',
  'reason.too-many-pages': 'too many pages',
  'reason.timeout': 'checking took too long',
  'reason.unsupported': 'file type not supported',
  'reason.conversion-failed': 'conversion to PDF failed',
  'reason.unreadable': 'unreadable',
};

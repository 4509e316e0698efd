import { describe, expect, it } from 'vitest';
import { describeChange } from '../../../../../components/options/console/describe-change.ts';
import { matchesQuery, otherForm } from '../../../../../components/options/console/EntryList.tsx';
import { regioOf } from '../../../../../components/options/console/StaffView.tsx';

const REGIOS = [
  { id: 'utrecht', name: 'Regiokantoor Utrecht', mailbox: 'utrecht@focus-nederland.nl', staff: ['a.jansen@focus-nederland.nl'], allowedRecipients: [] },
  { id: 'zwolle', name: 'Regiokantoor Zwolle', mailbox: 'zwolle@focus-nederland.nl', staff: ['b.mulder@focus-nederland.nl'], allowedRecipients: [] },
];

const name = (id: string) => REGIOS.find((r) => r.id === id)?.name ?? id;

describe('console helpers', () => {
  it('describes changes in both languages, with the regiokantoor’s name', () => {
    expect(describeChange('nl', { op: 'add', regio: 'utrecht', list: 'allowedRecipients', value: 'ggd.nl' }, name)).toBe('ggd.nl toegevoegd aan de whitelist van Regiokantoor Utrecht');
    expect(describeChange('en', { op: 'remove', regio: 'zwolle', list: 'staff', value: 'b.mulder@focus-nederland.nl' }, name)).toBe(
      'b.mulder@focus-nederland.nl removed from the staff of Regiokantoor Zwolle',
    );
    expect(describeChange('en', { op: 'set', field: 'requireRegioMailbox', value: true })).toBe('setting requireRegioMailbox becomes true');
    expect(describeChange('en', { op: 'add-regio', regio: 'gouda', value: { id: 'gouda', name: 'Regiokantoor Gouda', mailbox: 'g@x.nl' } })).toBe('regional office Regiokantoor Gouda added');
  });

  it('shows and searches both IDN forms', () => {
    expect(otherForm('allowedRecipients', 'pöstbank.nl')).toBe('xn--pstbank-90a.nl');
    expect(otherForm('allowedRecipients', '*.xn--pstbank-90a.nl')).toBe('*.pöstbank.nl');
    expect(otherForm('allowedRecipients', 'uwv.nl')).toBeNull();
    expect(matchesQuery('allowedRecipients', 'xn--pstbank-90a.nl', 'pöst')).toBe(true);
    expect(matchesQuery('allowedRecipients', 'uwv.nl', 'achmea')).toBe(false);
    expect(matchesQuery('allowedRecipients', 'uwv.nl', '')).toBe(true);
  });

  it('finds a staff member’s regiokantoor by staff list or mailbox, case-insensitively', () => {
    expect(regioOf(REGIOS, 'A.Jansen@Focus-Nederland.nl')?.id).toBe('utrecht');
    expect(regioOf(REGIOS, 'zwolle@focus-nederland.nl')?.id).toBe('zwolle');
    expect(regioOf(REGIOS, 'x.extern@focus-nederland.nl')).toBeNull();
    expect(regioOf(REGIOS, 'not an address')).toBeNull();
  });
});

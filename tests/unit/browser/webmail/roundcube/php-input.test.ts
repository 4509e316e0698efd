// The form-parsing rules as PHP 8.2 and Roundcube 1.6 apply them. Every expected value below was
// obtained from the real thing (php -S with a script dumping $_GET/$_POST, and Roundcube's
// email_input_format run on the same inputs), so the guard judges what the server will act on.
import { describe, expect, it } from 'vitest';
import {
  addressOfRecipient,
  asciiwords,
  getVars,
  isRoutingCookie,
  MAX_INPUT_VARS,
  phpVariableName,
  phpVars,
  queryEntries,
  roundcubeRecipients,
  roundcubeRoute,
  stripTags,
  type Entry,
} from '../../../../../utils/browser/webmail/roundcube/php-input.ts';

const post = (body: string) => phpVars(queryEntries(body));

describe('PHP field names', () => {
  it('mangle as PHP does', () => {
    expect(phpVariableName('_cc')).toEqual({ key: '_cc', array: false });
    expect(phpVariableName('.cc')).toEqual({ key: '_cc', array: false });
    expect(phpVariableName(' _cc')).toEqual({ key: '_cc', array: false });
    expect(phpVariableName('_to[]')).toEqual({ key: '_to', array: true });
    expect(phpVariableName('a[b')).toEqual({ key: 'a_b', array: false });
    expect(phpVariableName('a[b.c')).toEqual({ key: 'a_b_c', array: false });
    expect(phpVariableName('_cc\0x')).toEqual({ key: '_cc', array: false });
    expect(phpVariableName('[x]')).toBeNull();
    expect(phpVariableName('')).toBeNull();
  });
});

describe('duplicate names: the last field of a name wins', () => {
  it('for plain duplicates and for spellings PHP folds together', () => {
    expect(post('_cc=a&_cc=b').string('_cc')).toBe('b');
    expect(post('.cc=a&_cc=b&+_cc=c').string('_cc')).toBe('c');
    expect(post('_cc=good&.cc=evil').string('_cc')).toBe('evil');
    expect(post('%5Fcc=z').string('_cc')).toBe('z');
  });

  it('a later array replaces a scalar and the other way round; an array reads as empty', () => {
    const arr = post('_to=x&_to[]=y');
    expect(arr.has('_to')).toBe(true);
    expect(arr.string('_to')).toBe('');
    expect(post('_to[]=y&_to=x').string('_to')).toBe('x');
  });

  it('a planted second _draft field decides, whichever value it has', () => {
    expect(post('_draft=1&_draft=').string('_draft')).toBe('');
    expect(post('_draft=&_draft=1').string('_draft')).toBe('1');
  });

  it('fields beyond max_input_vars are not registered', () => {
    const many: Entry[] = Array.from({ length: MAX_INPUT_VARS }, (_, i) => [`f${i}`, 'x'] as const);
    const vars = phpVars([...many, ['_cc', 'late@x.nl']]);
    expect(vars.has('_cc')).toBe(false);
  });
});

describe('_saveonly is read from the URL, last one wins', () => {
  it('`&_saveonly=1&_saveonly=` is not save-only', () => {
    expect(getVars('http://h/?_task=mail&_saveonly=1&_saveonly=').string('_saveonly')).toBe('');
    expect(getVars('http://h/?_task=mail&_saveonly=&_saveonly=1').string('_saveonly')).toBe('1');
    expect(getVars('http://h/?.action=send').string('_action')).toBe('send');
  });
});

describe('routing', () => {
  it('POST beats GET, task defaults to mail, tags and odd characters are dropped', () => {
    expect(roundcubeRoute(getVars('http://h/?_task=mail&_action=mark'), post('_action=send'))).toEqual({ task: 'mail', action: 'send' });
    expect(roundcubeRoute(getVars('http://h/?_action=compose&_id=1'), post(''))).toEqual({ task: 'mail', action: 'compose' });
    expect(roundcubeRoute(getVars('http://h/'), post('_action=s%3Cb%3Ee%3C%2Fb%3End'))).toEqual({ task: 'mail', action: 'send' });
    expect(roundcubeRoute(getVars('http://h/?_action=remove_attachment'), post(''))).toEqual({ task: 'mail', action: 'remove-attachment' });
    expect(stripTags('se<x>n</x>d')).toBe('send');
    expect(asciiwords('se!n d.x')).toBe('send.x');
    expect(asciiwords('se.nd', true)).toBe('send');
  });
});

describe('recipients as email_input_format makes them', () => {
  const cases: [string, string[]][] = [
    ['hr@werkgever-a.nl,', ['hr@werkgever-a.nl']],
    ['Personeelszaken <hr@werkgever-a.nl>, b@c.nl', ['Personeelszaken <hr@werkgever-a.nl>', 'b@c.nl']],
    ['a<x@y.nl>,b<z@w.nl>', ['a <x@y.nl>', 'b <z@w.nl>']],
    // A display name that looks like an address: the real one is the last address word.
    ['"hr@werkgever-a.nl" evil@x.nl', ['"hr@werkgever-a.nl" <evil@x.nl>']],
    ['"Jansen, P" <p@x.nl>; q@y.nl\n r@z.nl', ['"Jansen, P" <p@x.nl>', 'q@y.nl', 'r@z.nl']],
    ['a@b.nl;;', ['a@b.nl']],
    ['<a@b.nl>', ['a@b.nl']],
    ['a@b.nl!!', ['a@b.nl']],
    // Unquoted comma: PHP splits, "Jansen" alone is no address (Roundcube refuses the send).
    ['Jansen, P <p@x.nl>', ['Jansen', 'P <p@x.nl>']],
    ['nonsense', ['nonsense']],
    ['', []],
  ];
  for (const [field, want] of cases) {
    it(JSON.stringify(field), () => expect(roundcubeRecipients(field)).toEqual(want));
  }

  it('gives the bare, lowercased address of a formatted recipient', () => {
    expect(addressOfRecipient('"Jansen, P" <P@X.nl>')).toBe('p@x.nl');
    expect(addressOfRecipient('b@c.nl')).toBe('b@c.nl');
  });
});

describe('routing cookies', () => {
  it('are the names PHP would read as Roundcube inputs, in any spelling', () => {
    for (const name of ['_action', '_task', '_id', '.action', ' _task', '_action[]']) expect(isRoutingCookie(name)).toBe(true);
    for (const name of ['roundcube_sessid', 'roundcube_sessauth', '_ga', 'language', '']) expect(isRoutingCookie(name)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { originPattern, patternOrigin, webmailPatterns } from '../../../../utils/core/managed/origins.ts';

describe('webmail origins', () => {
  it.each([
    ['https://webmail.example.nl', 'https://webmail.example.nl/*'],
    ['https://WebMail.Example.NL/', 'https://webmail.example.nl/*'],
    ['https://webmail.example.nl/*', 'https://webmail.example.nl/*'],
    ['http://127.0.0.2:8080', 'http://127.0.0.2:8080/*'],
    ['https://*.example.nl', 'https://*.example.nl/*'],
    ['https://pöst.example.nl', 'https://xn--pst-sna.example.nl/*'],
    ['  https://mail.example.nl  ', 'https://mail.example.nl/*'],
  ])('%s → %s', (input, pattern) => {
    expect(originPattern(input)).toBe(pattern);
  });

  it.each(['webmail.example.nl', 'ftp://x.nl', 'https://x.nl/roundcube/', 'https://x.nl:0', 'https://x.nl:70000', 'https://*', 'https://a.*.nl', 'https://a b.nl', '', 42, null])(
    'refuses %j',
    (input) => {
      expect(originPattern(input)).toBeNull();
    },
  );

  it('guards managed and local origins together, loopback when none', () => {
    expect(webmailPatterns(undefined, undefined)).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    expect(webmailPatterns([], [])).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    expect(webmailPatterns(['https://b.example.nl', 'https://a.example.nl/'], ['https://a.example.nl', 'http://127.0.0.1:9000'])).toEqual([
      'http://127.0.0.1:9000/*',
      'https://a.example.nl/*',
      'https://b.example.nl/*',
    ]);
    expect(patternOrigin('https://a.example.nl/*')).toBe('https://a.example.nl');
  });
});

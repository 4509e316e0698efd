// MAIN-world script on the webmail (runs in the page's own JavaScript world, at document_start,
// before the webmail's scripts). See utils/browser/webmail/roundcube/bridge.ts and
// utils/browser/webmail/sogo/bridge.ts for what it does and why it may ask but never decide.
import { defineContentScript } from '#imports';
import { installRoundcubeBridge } from '../utils/browser/webmail/roundcube/bridge.ts';
import { installSogoHooks } from '../utils/browser/webmail/sogo/bridge.ts';

export default defineContentScript({
  // Registered at run time for the configured webmail origins (entrypoints/background/content-scripts.ts).
  registration: 'runtime',
  matches: ['http://127.0.0.1/*'],
  runAt: 'document_start',
  world: 'MAIN',
  // Every frame: a compose screen in a frame, and fresh frames a page script could take pristine
  // prototypes from, get the same guards.
  allFrames: true,
  matchAboutBlank: true,
  main() {
    // One page-world script and one private channel for every webmail: SOGo's hooks ride on it.
    installRoundcubeBridge(window, [(channel) => void installSogoHooks(window, channel)]);
  },
});

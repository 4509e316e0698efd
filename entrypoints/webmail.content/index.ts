import { defineContentScript } from '#imports';

export default defineContentScript({
  matches: ['http://127.0.0.1/*'],
  runAt: 'document_idle',
  main() {
    // The Roundcube adapter is wired here.
  },
});

import { defineBackground } from '#imports';

export default defineBackground(() => {
  // Wiring comes with the webmail integration.
});

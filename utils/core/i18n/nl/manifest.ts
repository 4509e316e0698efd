// Dutch: the strings of the extension's manifest (name and description in the browser's extension
// list). The browser reads them from _locales/nl/messages.json, which the build writes from this
// file (wxt.config.ts, hook build:publicAssets).
export const manifest = {
  extDescription: 'Controleert uitgaande rapportages op de privacyregels van de organisatie.',
} as const;

export type ManifestKey = keyof typeof manifest;

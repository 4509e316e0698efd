// The extension's id is derived from the public key in the manifest's `key`: the first 32 hex
// digits of the SHA-256 of the key's DER bytes, each digit 0-f written as a letter a-p. A fixed
// `key` therefore gives the same id on every PC, which enterprise policies name the extension by.
import { sha256Hex } from '../documents/hash.ts';

/** The public key the manifest carries (base64 DER SubjectPublicKeyInfo, RSA 2048). Its private key is not kept: loading unpacked needs none. */
export const MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwRHiDTbeQ24NvXPA+p2fr1M3A0LXXSOTCsvdstIlwv4pI4a889AQsRjZbpoMCTsPq27blY0oNGklqenIbcH1ric71E1jkckYykHHt1RJ3TRujz8E+hM6dZo1Qe0u4Tp1ncZ1514745Aeb+00WtILdyHcpxmx0WE2pamkGCa9rg3E71N+VspTcZsmP4j3tHzZS0D3rI4BMGlfqJGoOliO4tv8qYen3r/0h5zEevwJ/NkdJP2zopYJZyVTyT7hd35F93REDewYvfz3MI5++01rk3ls1qgvHhnE6T3s1yazc35Oe4UK28RlkOzLrCffe2ZzJoF0qydDdGDdoDnTldYLIwIDAQAB';

/** The id Chrome and Edge give an extension whose manifest `key` is `base64Key`. */
export async function extensionIdFromKey(base64Key: string): Promise<string> {
  const der = Uint8Array.from(atob(base64Key.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  const hex = (await sha256Hex(der)).slice(0, 32);
  return [...hex].map((d) => String.fromCharCode(97 + Number.parseInt(d, 16))).join('');
}

/** The id of the build with MANIFEST_KEY (checked by a unit test against extensionIdFromKey). */
export const EXTENSION_ID = 'jicjlfjabgamkickjndbcnbeolbegiml';

/** Firefox names an extension by the id in browser_specific_settings (policies.json 3rdparty.Extensions uses it). */
export const FIREFOX_ID = 'reportguard@focus-nederland.nl';

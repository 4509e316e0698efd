// Minimal typings for the parts of `tr46` (UTS #46 processing) that this module uses;
// the package ships none and @types/tr46 would add a dependency for four lines.
declare module 'tr46' {
  interface Tr46Options {
    checkBidi?: boolean;
    checkHyphens?: boolean;
    checkJoiners?: boolean;
    useSTD3ASCIIRules?: boolean;
    transitionalProcessing?: boolean;
    verifyDNSLength?: boolean;
    ignoreInvalidPunycode?: boolean;
  }
  interface Tr46 {
    toASCII(domainName: string, options?: Tr46Options): string | null;
    toUnicode(domainName: string, options?: Tr46Options): { domain: string; error: boolean };
  }
  const tr46: Tr46;
  export default tr46;
}

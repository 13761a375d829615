/** The oldest ExchangeOnlineManagement that accepts -AccessToken (facts F8). */
export const MINIMUM_EXO_MODULE_VERSION = '3.1.0';

/**
 * Compares dotted versions numerically ("3.10.0" > "3.9.2"); a prerelease suffix
 * ("3.7.2-Preview1") is ignored, so a preview counts as its release.
 */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) =>
    version
      .split('-')[0]!
      .split('.')
      .map((part) => Number.parseInt(part, 10) || 0);
  const left = parts(a);
  const right = parts(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
